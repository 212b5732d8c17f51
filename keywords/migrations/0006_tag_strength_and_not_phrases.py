"""Each article-topic link gets a strength (about or mentions), and each topic the phrases
that are not it. Existing links say "mentions" until `manage.py retag` (or the re-tag job
an editor's change starts) recomputes them."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('keywords', '0005_organisation_status'),
    ]

    operations = [
        migrations.CreateModel(
            name='TopicNotPhrase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.CharField(max_length=100, verbose_name='不算提及的说法')),
            ],
            options={
                'verbose_name': '不算提及的说法',
                'verbose_name_plural': '不算提及的说法',
                'ordering': ['text'],
            },
        ),
        migrations.AddField(
            model_name='articletopic',
            name='strength',
            field=models.CharField(choices=[('about', '主题'), ('mentions', '提及')], default='mentions', max_length=10, verbose_name='关联程度'),
        ),
        migrations.AddIndex(
            model_name='articletopic',
            index=models.Index(fields=['topic', 'strength'], name='keywords_ar_topic_i_5dd95c_idx'),
        ),
        migrations.AddField(
            model_name='topicnotphrase',
            name='topic',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='not_phrases', to='keywords.topic', verbose_name='关键词'),
        ),
        migrations.AddConstraint(
            model_name='topicnotphrase',
            constraint=models.UniqueConstraint(fields=('topic', 'text'), name='not_phrase_once_per_topic'),
        ),
    ]
