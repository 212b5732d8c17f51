"""The topic totals keep what the topic's lists show (one article per story), and each
article's stored contribution says whether a story hides it (keywords.summaries)."""
from collections import Counter

from django.db import migrations, models

CHUNK = 2000


def add_shown(apps, schema_editor):
    """Give every stored contribution row its `shown` flag, and each topic the sums of them.

    The same rule as `keywords.summaries.hidden_by_story`, read with the historical models."""
    ArticleCounted = apps.get_model("keywords", "ArticleCounted")
    Article = apps.get_model("articles", "Article")
    TopicCount = apps.get_model("keywords", "TopicCount")
    shown, shown_about = Counter(), Counter()
    ids = list(ArticleCounted.objects.order_by("article_id").values_list("article_id", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        stories = {pk: (main_id, main_published) for pk, main_id, main_published in
                   Article.objects.filter(pk__in=chunk).values_list("pk", "story__main_id", "story__main__is_published")}
        counted = list(ArticleCounted.objects.filter(article_id__in=chunk))
        for row in counted:
            main_id, main_published = stories.get(row.article_id, (None, None))
            flag = int(not (main_id is not None and main_id != row.article_id and bool(main_published)))
            row.rows = [[*cells[:4], flag] for cells in row.rows]
            for topic_id, _day, about, _mentions, is_shown in row.rows:
                shown[topic_id] += is_shown
                shown_about[topic_id] += is_shown * about
        ArticleCounted.objects.bulk_update(counted, ["rows"], batch_size=500)
    for total in TopicCount.objects.all():
        total.shown, total.shown_about = shown[total.topic_id], shown_about[total.topic_id]
        total.save(update_fields=["shown", "shown_about"])


def drop_shown(apps, schema_editor):
    ArticleCounted = apps.get_model("keywords", "ArticleCounted")
    for row in ArticleCounted.objects.iterator(chunk_size=CHUNK):
        row.rows = [cells[:4] for cells in row.rows]
        row.save(update_fields=["rows"])


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0028_stored_search_vectors'),
        ('keywords', '0009_tag_topic_strength_score'),
    ]

    operations = [
        migrations.AddField(
            model_name='topiccount',
            name='shown',
            field=models.IntegerField(default=0),
        ),
        migrations.AddField(
            model_name='topiccount',
            name='shown_about',
            field=models.IntegerField(default=0),
        ),
        migrations.RunPython(add_shown, drop_shown),
    ]
