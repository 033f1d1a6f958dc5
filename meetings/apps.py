from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, using="default", **kwargs):
    from meetings.roles import sync_role_groups

    sync_role_groups(using=using)


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings and reports"

    def ready(self):
        # After the last app has migrated, so every permission exists.
        post_migrate.connect(_sync_roles, dispatch_uid="meetings.sync_roles")
        # Connects the signals that keep the cached public pages fresh.
        from meetings import caching  # noqa: F401
