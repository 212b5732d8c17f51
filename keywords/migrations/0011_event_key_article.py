"""The other carriers of an event are read per key in first-stored order; the key's own
index is the new one's prefix."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0028_stored_search_vectors'),
        ('keywords', '0010_topic_counts_shown'),
    ]

    operations = [
        migrations.AlterField(
            model_name='timelineevent',
            name='key',
            field=models.CharField(help_text='同一事件在不同媒体转载时指纹相同', max_length=64, verbose_name='指纹'),
        ),
        migrations.AddIndex(
            model_name='timelineevent',
            index=models.Index(fields=['key', 'article'], name='event_key_article'),
        ),
    ]
