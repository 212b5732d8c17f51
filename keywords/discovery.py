"""Keyword discovery for editors: terms that rose in a year, and promoting one.

The corpus is read as the analysis stored it (each article's search tokens), so a
candidate is a word exactly as tagging and search cut it, and nothing is segmented here.
"""
from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from articles.models import Article

from .models import KeywordYear, Topic, YearKeyword
from .services import topics_retag_start
from .text.discovery import Candidate, candidate_terms

_SENTENCES = re.compile(r"[^。！？；\n]+[。！？；]?")
MAX_ARTICLES_PER_YEAR = 2000


def year_candidates(keyword_year: KeywordYear, *, top: int = 30) -> list[Candidate]:
    docs_by_year: dict[int, list[list[str]]] = {}
    sentences: dict[int, list[str]] = {}
    rows = (
        Article.objects.published()
        .filter(published_at__isnull=False, published_at__year__lte=keyword_year.year)
        .order_by("-published_at")
        .values_list("published_at", "search_title", "search_body", "body")
    )
    per_year: dict[int, int] = {}
    for published_at, title_tokens, body_tokens, body in rows.iterator():
        year = published_at.year
        if per_year.get(year, 0) >= MAX_ARTICLES_PER_YEAR:
            continue
        per_year[year] = per_year.get(year, 0) + 1
        docs_by_year.setdefault(year, []).append(f"{title_tokens} {body_tokens}".split())
        if year == keyword_year.year:
            sentences.setdefault(year, []).extend(s.strip() for s in _SENTENCES.findall(body) if 8 <= len(s) <= 120)
    existing = {form for topic in Topic.objects.prefetch_related("aliases") for form in topic.surface_forms}
    return candidate_terms(docs_by_year, keyword_year.year, existing=existing, top=top, sentences_by_year=sentences)


@transaction.atomic
def keyword_year_promote(*, keyword_year: KeywordYear, term: str, user=None) -> YearKeyword:
    """Put a term in the year's list (last place), creating its topic if needed, and
    re-tag the corpus so existing articles carry it."""
    term = term.strip()[:100]
    topic = Topic.objects.filter(term=term).first()
    if topic is None:
        base = slugify(term, allow_unicode=True)[:90] or "topic"
        slug, n = base, 1
        while Topic.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        topic = Topic.objects.create(term=term, slug=slug)
    entry = YearKeyword.objects.filter(keyword_year=keyword_year, topic=topic).first()
    if entry is None:
        last = keyword_year.entries.aggregate(last=Max("rank"))["last"] or 0
        entry = YearKeyword.objects.create(keyword_year=keyword_year, topic=topic, rank=last + 1)
    topics_retag_start(reason=f"“{term}”加入{keyword_year.year}年榜单", user=user)
    return entry
