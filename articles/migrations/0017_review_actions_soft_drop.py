"""The review page keeps what it changes (issue 14): dropped and merged items stay as
rows with a review state, a merge lists the merged items' sources, every review action
is recorded with what it replaced. (An issue's date precision came with 0016.)
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0016_publication_date_precision'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='extra_sources',
            field=models.JSONField(blank=True, default=list, help_text='合并进本条的其他条目的出处（标题、媒体、链接、日期、出处原文、来源）', verbose_name='其他出处'),
        ),
        migrations.AddField(
            model_name='article',
            name='review_state',
            field=models.CharField(choices=[('active', '保留'), ('dropped', '已删除'), ('merged', '已并入上一篇')], default='active', max_length=10, verbose_name='审核状态'),
        ),
        migrations.CreateModel(
            name='ReviewAction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('rename', '改标题'), ('merge', '合并'), ('split', '拆分'), ('drop', '删除'), ('metadata', '修改出版物信息'), ('publish', '发布'), ('unpublish', '撤下')], max_length=20, verbose_name='操作')),
                ('summary', models.CharField(max_length=400, verbose_name='说明')),
                ('data', models.JSONField(blank=True, default=dict, verbose_name='撤销所需数据')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='时间')),
                ('undone_at', models.DateTimeField(blank=True, null=True, verbose_name='撤销时间')),
                ('article', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='articles.article', verbose_name='条目')),
                ('publication', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='review_actions', to='articles.publication', verbose_name='出版物')),
                ('undone_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='撤销人')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人')),
            ],
            options={
                'verbose_name': '审核操作',
                'verbose_name_plural': '审核操作',
                'ordering': ['-pk'],
            },
        ),
    ]
