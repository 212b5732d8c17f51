"""The planner keeps the shares of 10,000 words of the search vectors, not 1,000 (issue 15).

The search decides how to read a query's matches from the planner's estimate of them
(`articles.search.postgres`); see `pg_schema.STATISTICS_TARGET` for what the default
target got wrong. ANALYZE runs here so the estimates change now, not at the table's next
autoanalyze (it samples at most 300,000 rows, so it costs about as much at 1,000,000
articles as at 300,000). SQLite has no planner statistics of the kind: nothing to do.
"""
from django.db import migrations

from articles.search import pg_schema


def raise_target(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in pg_schema.statistics(pg_schema.STATISTICS_TARGET):
            schema_editor.execute(statement)
        schema_editor.execute("ANALYZE articles_article")


def default_target(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in pg_schema.statistics(-1):
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("articles", "0029_source_listing_index")]
    operations = [migrations.RunPython(raise_target, default_target)]
