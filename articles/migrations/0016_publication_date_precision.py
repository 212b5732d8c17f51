from django.db import migrations, models


def precision_from_items(apps, schema_editor):
    """An issue imported before this field was dated at the precision its items took
    from it (they were given the issue's date and precision when it was split)."""
    Publication = apps.get_model("articles", "Publication")
    Article = apps.get_model("articles", "Article")
    for publication in Publication.objects.filter(published_on__isnull=False):
        precisions = set(
            Article.objects.filter(publication=publication, published_at__date=publication.published_on)
            .values_list("date_precision", flat=True)
        )
        for coarsest in ("year", "month"):
            if coarsest in precisions:
                Publication.objects.filter(pk=publication.pk).update(date_precision=coarsest)
                break


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0015_search_subwords_weighted"),
    ]

    operations = [
        migrations.AddField(
            model_name="publication",
            name="date_precision",
            field=models.CharField(
                choices=[("year", "年"), ("month", "月"), ("day", "日"), ("minute", "时分")],
                default="day",
                max_length=10,
                verbose_name="日期精度",
            ),
        ),
        migrations.RunPython(precision_from_items, migrations.RunPython.noop),
    ]
