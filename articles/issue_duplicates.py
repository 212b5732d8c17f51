"""Does a publication under review repeat one already published?

The same bytes twice are one document, but the same issue often arrives twice as
different files (a PDF and its text, a re-export), and the home page then lists it
twice. Two signs, either enough: the issue itself (same source, same issue label once
folded, dates that do not disagree), or its items' texts (half or more of its items
have the exact-text hash, `articles.dedup.fingerprint.exact_hash` as stored by
`articles.grouping`, of an item of one published issue).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q

from chinese_text.normalise import key

from .models import Article, Publication, ReviewState

MIN_SHARED_ITEMS = 2  # one shared reprint is common between issues; a whole issue is not


@dataclass(frozen=True)
class Duplicate:
    publication: Publication
    reason: str


def _same_issue(publication: Publication) -> list[Publication]:
    label = key(publication.issue_label)
    if not publication.source_id or not (label or publication.published_on):
        return []
    candidates = Publication.objects.filter(is_published=True, source_id=publication.source_id).exclude(
        pk=publication.pk
    )
    if publication.published_on:
        candidates = candidates.filter(Q(published_on=publication.published_on) | Q(published_on__isnull=True))
    return [
        other for other in candidates.order_by("-pk")[:50]
        if key(other.issue_label) == label and (label or other.published_on)
    ]


def _same_texts(publication: Publication) -> list[tuple[Publication, int, int]]:
    hashes = set(
        publication.articles.filter(review_state=ReviewState.ACTIVE)
        .exclude(content_hash="")
        .values_list("content_hash", flat=True)
    )
    if not hashes:
        return []
    pairs = set(
        Article.objects.filter(content_hash__in=hashes, is_published=True, publication__is_published=True)
        .exclude(publication=publication)
        .values_list("publication_id", "content_hash")
    )
    shared = Counter(publication_id for publication_id, _ in pairs)
    needed = max(min(MIN_SHARED_ITEMS, len(hashes)), (len(hashes) + 1) // 2)
    matches = {pk: count for pk, count in shared.items() if count >= needed}
    publications = Publication.objects.in_bulk(matches)
    return [(publications[pk], count, len(hashes)) for pk, count in sorted(matches.items(), key=lambda m: -m[1])]


def publication_duplicates(publication: Publication) -> list[Duplicate]:
    """Published issues this one repeats, each with why (shown on the review page)."""
    found = {other.pk: Duplicate(other, "同一来源、同一期号和日期") for other in _same_issue(publication)}
    for other, count, total in _same_texts(publication):
        reason = f"{total} 篇中有 {count} 篇正文相同"
        found[other.pk] = Duplicate(other, f"{found[other.pk].reason}；{reason}" if other.pk in found else reason)
    return list(found.values())
