from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = "Annual meeting schedule"

    def ready(self):
        # Connects the signals that mark an event changed when its grid does.
        from schedule import caching  # noqa: F401
