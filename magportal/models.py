from django.db import models


class ContentVersion(models.Model):
    """A family of cached public pages, and a random value replaced whenever a row they render changes.

    See ``magportal.freshness``. Random rather than counted, so that a value is never seen twice,
    even after a rolled-back transaction or a database restored from a backup.
    """

    scope = models.CharField(max_length=32, primary_key=True)
    version = models.CharField(max_length=32)

    def __str__(self):
        return f"{self.scope}: {self.version}"
