"""Create the Reviewer and Editor groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW = [
    "view_article", "view_source", "view_annotation", "view_attribution", "view_evidence",
    "view_historicalannotation", "view_historicalarticle", "view_historicalattribution",
    "view_historicalevidence", "view_historicalsource",
]
REVIEWER = VIEW + [
    "add_article", "add_source",
    "add_annotation", "change_annotation",
    "add_attribution", "change_attribution", "delete_attribution",
    "add_evidence", "change_evidence", "delete_evidence",
]
EDITOR = REVIEWER + [
    "change_article", "change_source", "delete_annotation", "verify_annotation",
]
GROUPS = {"Reviewer": REVIEWER, "Editor": EDITOR}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("annotations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="annotations", codename__in=codenames)
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
