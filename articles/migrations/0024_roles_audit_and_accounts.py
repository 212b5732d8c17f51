"""Roles, set again (as 0022 says a change of a role is): both roles read the audit trail,
and a chief editor (主编) creates and keeps editors' accounts; articles/admin_accounts.py
limits what anyone short of a superuser can grant to the two role groups. Running it
again sets each group back to exactly these permissions.
"""
from importlib import import_module

from django.contrib.auth.management import create_permissions
from django.db import migrations

first = import_module("articles.migrations.0022_roles")
EDITOR, CHIEF = first.EDITOR, first.CHIEF
EDITOR_PERMISSIONS = [*first.EDITOR_PERMISSIONS, "articles.view_auditevent"]
CHIEF_PERMISSIONS = [*first.CHIEF_PERMISSIONS, "articles.view_auditevent",
                     "auth.view_user", "auth.add_user", "auth.change_user"]
APPS = ("articles", "keywords", "auth")


def roles_create(apps, schema_editor):
    for label in APPS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True  # what create_permissions looks for on a real app
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ((EDITOR, EDITOR_PERMISSIONS), (CHIEF, CHIEF_PERMISSIONS)):
        wanted = {tuple(codename.split(".")) for codename in codenames}
        found = [
            permission for permission in Permission.objects.filter(content_type__app_label__in=APPS)
            .select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
        if missing:
            raise RuntimeError(f"role {name}: no such permission {sorted(missing)}")
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(found)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0023_audit_trail"),
        ("articles", "0022_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(roles_create, migrations.RunPython.noop)]
