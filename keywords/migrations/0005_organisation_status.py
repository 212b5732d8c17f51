"""An organisation's review flag becomes a status, so that a name an editor rejected is
remembered and not suggested again."""

from django.db import migrations, models


def flag_to_status(apps, schema_editor):
    Organisation = apps.get_model("keywords", "Organisation")  # noqa: N806
    Organisation.objects.filter(is_reviewed=False).update(status="candidate")


def status_to_flag(apps, schema_editor):
    Organisation = apps.get_model("keywords", "Organisation")  # noqa: N806
    Organisation.objects.exclude(status="reviewed").update(is_reviewed=False)


class Migration(migrations.Migration):

    dependencies = [
        ("keywords", "0004_seed_organisations"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="evidence",
            field=models.TextField(blank=True, help_text="候选在语料中的次数和例句", verbose_name="发现依据"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="status",
            field=models.CharField(
                choices=[("reviewed", "已审核"), ("candidate", "待审核"), ("rejected", "不是机构")],
                db_index=True,
                default="reviewed",
                help_text="从语料中发现的候选经编辑审核后才用于标注；“不是机构”的词不再被推荐",
                max_length=20,
                verbose_name="状态",
            ),
        ),
        migrations.RunPython(flag_to_status, status_to_flag),
        migrations.RemoveField(model_name="organisation", name="is_reviewed"),
    ]
