from django.core.management.base import BaseCommand

from meetings.importer.previews import discard_expired_previews


class Command(BaseCommand):
    help = (
        "Remove reports uploaded for the admin's import preview and never saved or cancelled, once older "
        "than IMPORT_PREVIEW_MAX_AGE seconds (each upload also does this). Run it daily from cron."
    )

    def handle(self, *args, **options):
        removed = discard_expired_previews()
        self.stdout.write(f"removed {removed} expired import previews")
