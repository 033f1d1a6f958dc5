"""Create the "Secretariat" and "MAG members" groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_role_groups(apps, schema_editor):
    # Permissions are normally created after the whole migrate run; create
    # them now so the groups can be given them in this migration.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
        app_config.models_module = None

    from meetings.roles import MAG_MEMBER_PERMISSIONS, MAG_MEMBERS, SECRETARIAT, SECRETARIAT_APPS

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    secretariat, _ = Group.objects.using(db).get_or_create(name=SECRETARIAT)
    secretariat.permissions.set(
        Permission.objects.using(db).filter(content_type__app_label__in=SECRETARIAT_APPS)
    )
    members, _ = Group.objects.using(db).get_or_create(name=MAG_MEMBERS)
    codenames = [perm.split(".", 1)[1] for perm in MAG_MEMBER_PERMISSIONS]
    members.permissions.set(
        Permission.objects.using(db).filter(content_type__app_label="meetings", codename__in=codenames)
    )


def delete_role_groups(apps, schema_editor):
    from meetings.roles import MAG_MEMBERS, SECRETARIAT

    apps.get_model("auth", "Group").objects.filter(name__in=[SECRETARIAT, MAG_MEMBERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("meetings", "0001_initial"),
        ("schedule", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_role_groups, delete_role_groups)]
