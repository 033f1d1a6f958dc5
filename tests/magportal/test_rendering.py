"""The memoised URLs and choice labels give exactly what Django's own would."""

import pytest
from django.db.models import Model
from django.template import Context, Template
from django.urls import NoReverseMatch, clear_script_prefix, include, path, reverse, set_script_prefix
from django.utils import translation

from magportal.rendering import choice_label, reverse_memo
from meetings.models import Decision, Meeting


@pytest.mark.parametrize(
    ("viewname", "kwargs"),
    [
        ("meetings:meeting_detail", {"slug": "mag-meeting-vi"}),
        ("meetings:meeting_detail", {"slug": "mag-meeting-vii"}),
        ("meetings:decision_detail", {"pk": 7}),
        ("meetings:decision_detail", {"pk": 70}),
        ("schedule:event_detail", {"slug": "igf-2016"}),
    ],
)
def test_reverse_memo_gives_what_reverse_gives(viewname, kwargs):
    assert [reverse_memo(viewname, **kwargs) for _ in range(2)] == [reverse(viewname, kwargs=kwargs)] * 2


def test_reverse_memo_follows_the_script_prefix():
    before = reverse_memo("meetings:decision_detail", pk=7)
    set_script_prefix("/portal/")
    try:
        under_prefix = reverse_memo("meetings:decision_detail", pk=7)
    finally:
        clear_script_prefix()

    assert (before, under_prefix) == ("/decisions/7/", "/portal/decisions/7/")


@pytest.mark.parametrize(
    ("model", "value"),
    [
        (Meeting, Meeting.Kind.TOPICAL),
        (Meeting, "open_consultations"),
        (Meeting, "no-such-kind"),
        (Decision, Decision.Kind.ACTION),
        (Decision, "decision"),
        (Decision, ""),
    ],
)
@pytest.mark.parametrize("language", ["en", "es"])
def test_kind_label_is_the_one_django_would_show(model: type[Model], value, language):
    with translation.override(language):
        # What Django's get_FOO_display returns: the choice's label as a string, else the value.
        expected = dict(model._meta.get_field("kind").flatchoices).get(value, value)

        assert model(kind=value).get_kind_display() == str(expected)
        assert choice_label(model.Kind, value) == str(expected)


#: A URLconf with the whole site under /portal/, for the test below.
urlpatterns = [path("portal/", include("magportal.urls"))]


def test_reverse_memo_follows_the_urlconf(settings):
    before = reverse_memo("meetings:decision_detail", pk=7)
    settings.ROOT_URLCONF = __name__

    assert (before, reverse_memo("meetings:decision_detail", pk=7)) == (
        "/decisions/7/",
        "/portal/decisions/7/",
    )


@pytest.mark.parametrize(
    "source",
    [
        "{% url 'meetings:home' %} {% url 'schedule:event_list' %}",
        "{% url 'meetings:meeting_docx' slug='mag-meeting-vi' %} {% url 'meetings:decision_detail' pk=7 %}",
    ],
)
def test_address_tag_gives_what_the_url_tag_gives(source):
    with_url = Template(source).render(Context())
    with_address = Template("{% load addresses %}" + source.replace("{% url ", "{% address "))

    assert with_address.render(Context()) == with_url
    assert with_url.startswith("/")


def test_address_tag_keeps_the_address_under_a_name():
    rendered = Template(
        "{% load addresses %}{% address 'meetings:decision_list' as list_url %}<a href='{{ list_url }}'>"
    ).render(Context())

    assert rendered == "<a href='/decisions/'>"


def test_address_tag_refuses_an_address_that_does_not_exist():
    with pytest.raises(NoReverseMatch):
        Template("{% load addresses %}{% address 'meetings:no_such_page' as gone %}").render(Context())
