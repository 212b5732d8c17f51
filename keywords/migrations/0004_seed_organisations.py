"""The organisations the Chinese B2B press mentions most, with their other names."""
from django.db import migrations, models

from keywords.text.organisations import SEED_ORGANISATIONS


def load(apps, schema_editor):
    Organisation = apps.get_model("keywords", "Organisation")
    OrganisationAlias = apps.get_model("keywords", "OrganisationAlias")
    for org in SEED_ORGANISATIONS:
        row, _ = Organisation.objects.get_or_create(name=org.name, defaults={"kind": org.kind, "is_reviewed": True})
        for form in org.forms:
            if form != org.name:
                OrganisationAlias.objects.get_or_create(text=form, defaults={"organisation": row})


def unload(apps, schema_editor):
    apps.get_model("keywords", "Organisation").objects.filter(name__in=[o.name for o in SEED_ORGANISATIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("keywords", "0003_organisations_events")]
    operations = [
        migrations.AlterField(
            model_name="organisation",
            name="kind",
            field=models.CharField(
                choices=[("company", "企业"), ("platform", "平台"), ("association", "协会/机构"), ("government", "政府部门"),
                         ("bank", "银行/金融机构"), ("media", "媒体"), ("research", "研究/咨询机构")],
                default="company", max_length=20, verbose_name="类型"),
        ),
        migrations.RunPython(load, unload),
    ]
