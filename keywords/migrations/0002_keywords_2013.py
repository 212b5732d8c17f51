"""The ten keywords of 2013 as the industry published them, in their order."""
from django.db import migrations

from keywords.seed import YEAR_2013, load_2013


def load(apps, schema_editor):
    models = ("Topic", "TopicAlias", "KeywordYear", "YearKeyword")
    load_2013(*(apps.get_model("keywords", name) for name in models))


def unload(apps, schema_editor):
    apps.get_model("keywords", "KeywordYear").objects.filter(year=YEAR_2013).delete()


class Migration(migrations.Migration):
    dependencies = [("keywords", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
