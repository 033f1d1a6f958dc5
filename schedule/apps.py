from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = "Annual meeting schedule"

    def ready(self):
        # Connects the signals that keep cached grids fresh, and a deleted draft's versions out of sight.
        from schedule import caching, versions  # noqa: F401
