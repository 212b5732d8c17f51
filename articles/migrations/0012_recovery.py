# Recovery bookkeeping: when each document's parse and each article's analysis was last
# queued, and how many attempts never finished (see articles/recovery.py).

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0011_publish_permission'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='analysis_attempts',
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='分析尝试次数'),
        ),
        migrations.AddField(
            model_name='article',
            name='analysis_queued_at',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='最近排队分析'),
        ),
        migrations.AddField(
            model_name='document',
            name='parse_attempts',
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='解析尝试次数'),
        ),
        migrations.AddField(
            model_name='document',
            name='parse_queued_at',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='最近排队或开始解析'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(condition=models.Q(('analysed_at__isnull', True)), fields=['analysis_queued_at'], name='article_unanalysed'),
        ),
        migrations.AddIndex(
            model_name='document',
            index=models.Index(condition=models.Q(('status__in', ['received', 'parsing'])), fields=['parse_queued_at'], name='document_unfinished'),
        ),
    ]
