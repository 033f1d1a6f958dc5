"""django-simple-history's admin, answering "not found" for an address whose ids are not ids."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history pages give 404, not 500, for a malformed object or version id."""

    def history_view(self, request, object_id, extra_context=None):
        _check_id(self.model, object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _check_id(self.model, object_id)
        _check_id(self.model.history.model, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context=extra_context)


def _check_id(model, value: str) -> None:
    try:
        model._meta.pk.to_python(unquote(value))
    except (ValidationError, ValueError, TypeError):
        raise Http404(f"No {model._meta.verbose_name} has the id {value!r}.") from None
