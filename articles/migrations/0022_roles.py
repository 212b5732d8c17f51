"""The editors' roles as groups: 编辑 and 主编 (the superuser is the third role).

An editor uploads and reviews documents, publishes what they reviewed, keeps web sources
and their channels, and follows and retries jobs; the keyword lists, topics (with their
aliases and not-phrases), organisations and timeline are read-only to them, and nothing
they do takes anything off the site. A chief editor may do all that, plus edit the
keyword side, unpublish, and delete articles, publications, documents and sources.
Neither may touch accounts or the scheduler (django_celery_beat is superuser-only in
b2bwatch/admin_site.py, whatever permissions a group holds).

Permissions are normally created after all migrations ran; this one creates them first,
so the groups are complete on a fresh database. Running it again sets each group to
exactly these permissions, so a later change of a role is a new migration like this one.
"""
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "编辑"
CHIEF = "主编"

KEYWORD_MODELS = [
    "topic", "topicalias", "topicnotphrase", "keywordyear", "yearkeyword", "articletopic", "organisation",
    "organisationalias", "articleorganisation", "timelineevent",
]

EDITOR_PERMISSIONS = [
    *[f"articles.{action}_document" for action in ("view", "add", "change")],
    *[f"articles.{action}_publication" for action in ("view", "change")],
    "articles.publish_publication",
    *[f"articles.{action}_article" for action in ("view", "change")],
    *[f"articles.{action}_source" for action in ("view", "add", "change")],
    *[f"articles.{action}_channel" for action in ("view", "add", "change", "delete")],
    *[f"articles.{action}_failedentry" for action in ("view", "change")],
    "articles.view_job", "articles.change_job",
    "articles.view_reviewaction", "articles.view_story",
    *[f"keywords.view_{model}" for model in KEYWORD_MODELS],
]

CHIEF_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    "articles.unpublish_publication",
    "articles.add_article", "articles.delete_article", "articles.delete_publication",
    "articles.delete_document", "articles.delete_source", "articles.delete_failedentry",
    *[f"keywords.{action}_{model}" for model in KEYWORD_MODELS for action in ("add", "change", "delete")],
]


def roles_create(apps, schema_editor):
    for label in ("articles", "keywords"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True  # what create_permissions looks for on a real app
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="articles", codename="publish_publication").update(
        name="可以发布出版物与文章"
    )
    for name, codenames in ((EDITOR, EDITOR_PERMISSIONS), (CHIEF, CHIEF_PERMISSIONS)):
        wanted = {tuple(codename.split(".")) for codename in codenames}
        found = [
            permission for permission in Permission.objects.filter(content_type__app_label__in=["articles", "keywords"])
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
        ("articles", "0021_unpublish_permission"),
        ("keywords", "0006_tag_strength_and_not_phrases"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(roles_create, migrations.RunPython.noop)]
