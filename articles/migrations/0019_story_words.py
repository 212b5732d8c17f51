import django.db.models.deletion
from django.db import migrations, models


def dissolve_stories_against_the_rule(apps, schema_editor):
    """Stories made before the rule (see articles.dedup.stories) that hold two items of one
    issue or a profile with a news report are undone; `manage.py regroup` groups anew."""
    Article = apps.get_model("articles", "Article")
    Story = apps.get_model("articles", "Story")
    wrong = []
    for story_id in Story.objects.values_list("pk", flat=True).iterator():
        members = list(Article.objects.filter(story_id=story_id).values_list("publication_id", "kind"))
        issues = [p for p, _ in members if p is not None]
        if len(set(issues)) < len(issues) or len({k for _, k in members}) > 1 or len(members) < 2:
            wrong.append(story_id)
    Article.objects.filter(story_id__in=wrong).update(story=None)
    Story.objects.filter(pk__in=wrong).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0018_jobs_for_all_long_work'),
    ]

    operations = [
        migrations.CreateModel(
            name='StoryWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=40)),
                ('published_at', models.DateTimeField()),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='story_words', to='articles.article')),
            ],
            options={
                'indexes': [models.Index(fields=['word', 'published_at'], name='articles_st_word_602571_idx')],
            },
        ),
        migrations.RunPython(dissolve_stories_against_the_rule, migrations.RunPython.noop),
    ]
