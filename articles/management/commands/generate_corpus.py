"""Build a synthetic archive of N articles for measuring the site at scale (issue 15).

A sample goes through the real pipeline (`articles.pipeline.article_process`: analysis,
index, story grouping); the rest is analysed by the same pure `analyse_text` and
`index_text` in worker processes and written in bulk with the same derived rows (topics,
organisations, timeline events and their links, search columns), one round trip per
table per batch. Bulk articles carry
their content hash but no MinHash bands; reprints are put in stories directly.

`--replicate-to N` generates nothing: it copies the analysed articles in SQL until the
archive holds N (articles/replicate.py says what a copy is), for measuring at a size the
analysis would take hours to build.
"""
from __future__ import annotations

import time
from multiprocessing import get_context
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.dedup.fingerprint import exact_hash
from articles.models import Article, Publication, Source, Story
from articles.pipeline import article_process
from articles.replicate import replicate_to
from articles.search.index import index_text
from articles.synthetic import ASSOCIATIONS, PUBLISHERS, ArchiveBuilder, PlannedArticle, sentence_pool
from keywords.dictionary import current_vocabulary
from keywords.models import ArticleOrganisation, ArticleTopic, Organisation, TimelineEvent
from keywords.summaries import summaries_sync
from keywords.text.analysis import analyse_text
from keywords.text.events import event_key

BATCH = 1000
_vocabulary = None  # set in the parent before the workers fork


def _analyse(job: tuple[str, str, object]):
    """In a worker: everything the database rows need, small enough to send back."""
    title, body, published = job
    found = analyse_text(_vocabulary, title, body, published=published)
    index = index_text(title, body, found.title_tokens, found.body_tokens)
    events = [(f.event.sentence[:2000], f.event.raw[:50], f.event.when, f.event.precision, f.event.is_forecast,
               event_key(f.event), sorted(f.topics), f.organisations) for f in found.events]
    return found.topics, found.organisations, events, index


def _source(name: str) -> Source:
    kind = (Source.Kind.ASSOCIATION if name in ASSOCIATIONS
            else Source.Kind.PUBLISHER if name in PUBLISHERS else Source.Kind.OUTLET)
    defaults = {"slug": slugify(name, allow_unicode=True), "kind": kind}
    return Source.objects.get_or_create(name=name, defaults=defaults)[0]


class Command(BaseCommand):
    help = "生成用于规模测试的合成文章库（取自种子文档和开发语料的句子）"

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True)
        parser.add_argument("--pipeline", type=int, default=200, help="这么多篇走完整的分析流程（含事件分组）")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--seed", type=int, default=15)
        parser.add_argument("--replicate-to", type=int, default=0,
                            help="不生成新文章：按 SQL 复制已分析的文章（新编号、日期平移、换来源）"
                                 "直到共这么多篇；仅 PostgreSQL")

    def handle(self, *args, articles: int, pipeline: int, workers: int, seed: int, replicate_to: int = 0,
               **options):
        global _vocabulary
        if replicate_to:
            self._replicate(replicate_to)
            return
        shared = Path(settings.SEEDS_DIR).parent
        sentences, titles = sentence_pool(Path(settings.SEEDS_DIR), shared / "corpus")
        plan = ArchiveBuilder(sentences, titles, seed=seed).plan(articles)
        self.stdout.write(f"{len(sentences)} sentences, {len(titles)} headlines; "
                          f"{len(plan.articles)} articles in {len(plan.publications)} publications")
        sources = {name: _source(name) for name in {a.source for a in plan.articles}}
        publications = Publication.objects.bulk_create(
            Publication(kind=p.kind, title=p.title, source=sources[p.source], issue_label=p.issue_label,
                        published_on=p.published_at.date(), is_published=True)
            for p in plan.publications
        )
        ids: list[int] = []
        started = time.perf_counter()
        for planned in plan.articles[:pipeline]:
            article = Article.objects.create(**self._fields(planned, sources, publications, ids))
            article_process(article_id=article.pk)
            ids.append(article.pk)
        if pipeline:
            took = time.perf_counter() - started
            self.stdout.write(f"pipeline: {min(pipeline, len(plan.articles))} articles in {took:.1f} s, "
                              f"{took * 1000 / max(1, min(pipeline, len(plan.articles))):.0f} ms per article")
        _vocabulary = current_vocabulary()
        org_ids = dict(Organisation.objects.values_list("name", "pk"))
        started, done = time.perf_counter(), 0
        rest = plan.articles[pipeline:]
        with get_context("fork").Pool(workers) as pool:
            for at in range(0, len(rest), BATCH):
                batch = rest[at : at + BATCH]
                jobs = [(a.title, a.body, a.published_at.date()) for a in batch]
                results = pool.map(_analyse, jobs, chunksize=25)
                self._write(batch, results, sources, publications, ids, org_ids)
                done += len(batch)
                took = time.perf_counter() - started
                self.stdout.write(f"bulk: {done}/{len(rest)} in {took:.0f} s, {done / took:.0f} articles/s")
        self.stdout.write(self.style.SUCCESS(f"{Article.objects.count()} articles in the database"))

    def _replicate(self, target: int) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("--replicate-to copies rows in PostgreSQL's SQL: set DATABASE_URL")
        started, copies = time.perf_counter(), [0]

        def progress(round_number: int, copied: int, count: int) -> None:
            took = time.perf_counter() - started
            copies[0] += copied
            self.stdout.write(f"replica round {round_number}: {copied} copies, {count} articles, "
                              f"{took:.0f} s, {copies[0] / max(took, 1e-9):.0f} copies/s")

        count = replicate_to(target, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"{count} articles in the database (copies: see articles/replicate.py)"))

    def _fields(self, planned: PlannedArticle, sources, publications, ids) -> dict:
        text = f"{planned.title}\n{planned.body}"
        return dict(
            title=planned.title, body=planned.body, source=sources[planned.source], outlet=planned.outlet,
            published_at=timezone.make_aware(planned.published_at),
            publication=publications[planned.publication] if planned.publication is not None else None,
            position=planned.position, is_published=True,
            content_hash=exact_hash(text),
            # An original in the same batch has no id yet: `_write` links it after the insert.
            reprint_of_id=ids[planned.reprint_of] if planned.reprint_of is not None and planned.reprint_of < len(ids)
            else None,
        )

    @transaction.atomic
    def _write(self, batch, results, sources, publications, ids, org_ids) -> None:
        now = timezone.now()
        rows = []
        for planned, (_, _, _, index) in zip(batch, results, strict=True):
            rows.append(Article(
                **self._fields(planned, sources, publications, ids), analysed_at=now,
                search_title=index.title, search_body=index.body, search_title_grams=index.title_grams,
                search_lead=index.lead, search_body_grams=index.body_grams,
            ))
        rows = Article.objects.bulk_create(rows)
        ids.extend(row.pk for row in rows)
        for planned, row in zip(batch, rows, strict=False):
            if planned.reprint_of is not None:
                row.reprint_of_id = ids[planned.reprint_of]
        self._stories([row for row in rows if row.reprint_of_id])
        ArticleTopic.objects.bulk_create(
            ArticleTopic(article=row, topic_id=m.key, mentions=m.mentions, title_mentions=m.title_mentions,
                         in_title=m.in_title, score=m.score)
            for row, (topics, _, _, _) in zip(rows, results, strict=False) for m in topics
        )
        ArticleOrganisation.objects.bulk_create(
            ArticleOrganisation(article=row, organisation_id=org_ids[m.name], mentions=m.mentions)
            for row, (_, orgs, _, _) in zip(rows, results, strict=False) for m in orgs if m.name in org_ids
        )
        events, links = [], []
        for row, (_, _, found, _) in zip(rows, results, strict=False):
            for position, (sentence, raw, when, precision, forecast, key, topic_ids, orgs) in enumerate(found):
                events.append(TimelineEvent(article=row, sentence=sentence, date_text=raw, happened_on=when,
                                            precision=precision, is_forecast=forecast, key=key, position=position,
                                            topic_count=len(set(topic_ids)), year=when.year))
                links.append((topic_ids, [org_ids[n] for n in orgs if n in org_ids]))
        events = TimelineEvent.objects.bulk_create(events)
        TimelineEvent.topics.through.objects.bulk_create(
            TimelineEvent.topics.through(timelineevent_id=e.pk, topic_id=t)
            for e, (ts, _) in zip(events, links, strict=True) for t in ts
        )
        TimelineEvent.organisations.through.objects.bulk_create(
            TimelineEvent.organisations.through(timelineevent_id=e.pk, organisation_id=o)
            for e, (_, os_) in zip(events, links, strict=False) for o in os_
        )
        summaries_sync(article_ids=[row.pk for row in rows])

    @staticmethod
    def _stories(reprints: list[Article]) -> None:
        """A reprint joins its original's story (made when the first reprint comes)."""
        originals = Article.objects.in_bulk([r.reprint_of_id for r in reprints])
        for reprint in reprints:
            original = originals[reprint.reprint_of_id]
            if original.story_id is None:
                original.story = Story.objects.create(main=original)
                original.save(update_fields=["story"])
            reprint.story_id = original.story_id
        Article.objects.bulk_update(reprints, ["story", "reprint_of"])
