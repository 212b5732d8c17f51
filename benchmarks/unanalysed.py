"""Planned articles written unanalysed, for the benchmarks that then send them through the
pipeline themselves (bench_ingest.py, profile_article.py). Import after django.setup()."""
from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import timezone

from articles.models import Article, Source
from articles.synthetic import ArchiveBuilder, sentence_pool


def plan_articles(count: int, seed: int):
    """`count` articles as `generate_corpus` plans them, from the seeds' and the
    development corpus's sentences."""
    shared = Path(settings.SEEDS_DIR).parent
    sentences, titles = sentence_pool(Path(settings.SEEDS_DIR), shared / "corpus")
    return ArchiveBuilder(sentences, titles, seed=seed).plan(count).articles[:count]


def write_unanalysed(planned) -> list[int]:
    """One bulk insert, no analysis queued (bulk_create sends no signals); the new ids."""
    sources = {name: Source.objects.get_or_create(name=name, defaults={"slug": f"s{abs(hash(name)) % 10**8}"})[0]
               for name in {a.source for a in planned}}
    rows = Article.objects.bulk_create(
        Article(title=a.title, body=a.body, source=sources[a.source], outlet=a.outlet, is_published=True,
                published_at=timezone.make_aware(a.published_at))
        for a in planned
    )
    return [row.pk for row in rows]
