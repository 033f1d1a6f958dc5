from django.db import migrations, models


def number_public_versions(apps, schema_editor):
    """Draft meetings' versions lose their number; the others are numbered by date, oldest first."""
    ScheduleVersion = apps.get_model("schedule", "ScheduleVersion")
    versions = ScheduleVersion.objects.select_related("meeting").order_by("event_id", "date", "pk")
    ScheduleVersion.objects.update(number=None)
    numbers: dict[int, int] = {}
    for version in versions:
        if version.meeting is not None and version.meeting.status != "published":
            continue
        numbers[version.event_id] = numbers.get(version.event_id, 0) + 1
        version.number = numbers[version.event_id]
        version.save(update_fields=["number"])


class Migration(migrations.Migration):
    dependencies = [
        ("schedule", "0002_schedule_versions"),
        ("meetings", "0011_meeting_status_cycle_year_index"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="scheduleversion",
            options={
                "ordering": ["event", "-date", "-pk"],
                "verbose_name": "schedule version",
                "verbose_name_plural": "schedule versions",
            },
        ),
        migrations.AlterField(
            model_name="scheduleversion",
            name="number",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="1 for the event's oldest public version, in date order; empty for a draft meeting's.",
                null=True,
                verbose_name="number",
            ),
        ),
        migrations.RunPython(number_public_versions, migrations.RunPython.noop),
    ]
