"""One event, many texts: grouping articles into stories, and choosing each story's main one.

A story is coarser than a reprint. Two outlets writing their own piece on "慧聪网上线B2B在
线交易系统" share little text but a close title, the same figures and names, and a date
a few days apart. So items are linked when (a) they are reprints of one text (decided by
`minhash`, passed in: the two levels stay separate), (b) one says it was reprinted from
the other's URL, or (c) within `window` their titles share most character bigrams, or
some of them plus at least two key terms (figures with units, Latin names, 《titles》)
that few items of the batch carry.

Candidates come from an inverted index on title bigrams and key terms, so a batch is
never compared pair by pair.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from articles.ingest.dates import CHINA

from .fingerprint import normalise

WINDOW = timedelta(days=3)
TITLE_ALONE = 0.5  # title bigram Jaccard that links two items on its own
TITLE_WITH_TERMS = 0.2  # ... or this much together with MIN_SHARED_TERMS rare key terms
MIN_SHARED_TERMS = 2
_UNDATED = datetime.max.replace(tzinfo=CHINA)  # undated items sort last
MAX_POSTING = 200  # a token carried by more items than this is too common to propose candidates

_TERM = re.compile(
    r"\d+(?:\.\d+)?\s*(?:万亿|亿元|万元|亿|万|%|％|家|笔|元|美元|个)"  # figures with units
    r"|[A-Za-z][A-Za-z0-9&\-]{1,}"  # Latin names and acronyms
    r"|《[^》]{2,30}》"  # titles of documents and policies
)
_COMMON_TERMS = {"b2b", "b2c", "c2c", "o2o", "p4p", "app", "it", "ceo", "http", "https", "www", "com", "cn"}


@dataclass
class StoryItem:
    key: Hashable
    title: str
    text: str = ""
    published_at: datetime | None = None
    outlet: str = ""
    url: str = ""
    source_url: str = ""  # the URL this item says it was reprinted from, if it says so


@dataclass
class Story:
    main: StoryItem
    items: list[StoryItem]  # the main item first, then by date
    reprint_groups: list[list[Hashable]] = field(default_factory=list)

    @property
    def also_reported_by(self) -> list[StoryItem]:
        return self.items[1:]

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(item.outlet for item in self.items if item.outlet))


def title_bigrams(title: str) -> set[str]:
    norm = normalise(title)
    return {norm[i:i + 2] for i in range(len(norm) - 1)} or ({norm} if norm else set())


def title_similarity(a: str, b: str) -> float:
    x, y = title_bigrams(a), title_bigrams(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def key_terms(text: str) -> set[str]:
    """Figures with units, Latin names and 《titles》: what distinguishes one event from another."""
    terms = {re.sub(r"\s+", "", m.group()).lower().replace("％", "%") for m in _TERM.finditer(text)}
    return {t for t in terms if t not in _COMMON_TERMS}


def pick_main(group: Iterable[StoryItem]) -> StoryItem:
    """The original outlet first (the one the others say they reprinted), else the earliest."""
    items = list(group)
    cited = {item.source_url for item in items if item.source_url}
    ranked = sorted(enumerate(items), key=lambda p: (not (p[1].url and p[1].url in cited), _sort_time(p[1]), p[0]))
    return ranked[0][1]


def group_stories(
    items: Iterable[StoryItem],
    *,
    reprint_groups: Iterable[Iterable[Hashable]] = (),
    window: timedelta = WINDOW,
) -> list[Story]:
    """Partition items into stories (singletons included), each with its main item first."""
    items = list(items)
    index = {item.key: i for i, item in enumerate(items)}
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def link(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    groups = [[key for key in group if key in index] for group in reprint_groups]
    for group in groups:
        for key in group[1:]:
            link(index[group[0]], index[key])
    by_url = {item.url: i for i, item in enumerate(items) if item.url}
    for i, item in enumerate(items):
        if item.source_url in by_url:
            link(i, by_url[item.source_url])
    for i, j in _similar_pairs(items, window):
        link(i, j)

    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        members[root(i)].append(i)
    stories = []
    for indices in members.values():
        story_items = [items[i] for i in indices]
        main = pick_main(story_items)
        rest = sorted((it for it in story_items if it is not main), key=lambda it: _sort_time(it))
        keys = {it.key for it in story_items}
        stories.append(Story(main, [main, *rest], [g for g in groups if g and g[0] in keys]))
    return stories


def _similar_pairs(items: list[StoryItem], window: timedelta) -> Iterable[tuple[int, int]]:
    """Pairs within the window whose titles (and key terms) are close, via an inverted index."""
    bigrams = [title_bigrams(item.title) for item in items]
    terms = [key_terms(item.title + "\n" + item.text) for item in items]
    frequency = Counter(t for ts in terms for t in ts)
    rare_cut = max(2, math.ceil(len(items) * 0.05))  # a term in more than 5% of the batch is not rare
    rare = [{t for t in ts if frequency[t] <= rare_cut} for ts in terms]
    postings: dict[str, list[int]] = defaultdict(list)
    for i in range(len(items)):
        for token in bigrams[i] | {"#" + t for t in rare[i]}:
            postings[token].append(i)
    seen: set[tuple[int, int]] = set()
    for posting in postings.values():
        if len(posting) > MAX_POSTING:
            continue
        for n, i in enumerate(posting):
            for j in posting[n + 1:]:
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                if _close_in_time(items[i], items[j], window) and _same_event(i, j, bigrams, rare):
                    yield i, j


def _same_event(i: int, j: int, bigrams: list[set[str]], rare: list[set[str]]) -> bool:
    union = bigrams[i] | bigrams[j]
    similarity = len(bigrams[i] & bigrams[j]) / len(union) if union else 0.0
    if similarity >= TITLE_ALONE:
        return True
    return similarity >= TITLE_WITH_TERMS and len(rare[i] & rare[j]) >= MIN_SHARED_TERMS


def _close_in_time(a: StoryItem, b: StoryItem, window: timedelta) -> bool:
    if a.published_at is None or b.published_at is None:
        return True  # an undated item (a newsletter brief) may join on its text alone
    return abs(_aware(a.published_at) - _aware(b.published_at)) <= window


def _aware(when: datetime) -> datetime:
    """Naive times are Chinese local time, as everywhere in ingest."""
    return when if when.tzinfo else when.replace(tzinfo=CHINA)


def _sort_time(item: StoryItem) -> datetime:
    return _aware(item.published_at) if item.published_at else _UNDATED
