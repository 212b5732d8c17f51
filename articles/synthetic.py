"""Synthetic archives for measuring the site at scale, built from real sentences.

Pure code (no Django): `sentence_pool` reads the seeds and the development corpus (never
its reserved parts: see ../shared/corpus/README.md) and `ArchivePlan` lays out a
deterministic archive of web articles, reprints, newsletter issues, digests and reports
between 2012 and 2020. `manage.py generate_corpus` stores it. Real sentences keep the
word frequencies, topic mentions and dated sentences of real text, so search, tagging and
the timeline work on what they would meet in production, not on lorem ipsum.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

_SENTENCE_END = re.compile(r"(?<=[。！？；])")
_MARKUP = re.compile(r"<[^>]+>|\[[^\]]*\]\([^)]*\)|^#+\s*|^\s*[-*>]\s*|\*\*", re.M)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_CJK = re.compile(r"[\u4e00-\u9fff]")

OUTLETS = ["亿邦动力网", "网经社", "中国电子商务研究中心", "派代网", "虎嗅网", "i黑马", "36氪", "钛媒体",
           "中国经济网", "新浪科技", "第一财经", "经济观察报"]
ASSOCIATIONS = ["中国电子商务协会", "浙江省电子商务促进会", "中国中小企业协会", "广东省电子商务协会"]
PUBLISHERS = ["艾瑞咨询", "易观智库", "中国电子商务研究中心研究部"]
FIRST_YEAR, LAST_YEAR = 2012, 2020


def _clean(text: str) -> str:
    return _MARKUP.sub("", _FRONT_MATTER.sub("", text))


def sentence_pool(seeds: Path, corpus: Path) -> tuple[list[str], list[str]]:
    """Sentences and headline-like lines from the seeds, the four digest days and the 49
    cleaned web pages (the development parts of the corpus only)."""
    files = sorted(seeds.glob("*.txt")) + sorted((corpus / "digests").glob("xwlb_*.md"))
    files += sorted((corpus / "webpages" / "cleaned").glob("*.txt"))
    sentences: list[str] = []
    titles: list[str] = []
    for path in files:
        text = _clean(path.read_text(encoding="utf-8", errors="replace"))
        for line in text.splitlines():
            line = line.strip()
            if not line or not _CJK.search(line):
                continue
            if 8 <= len(line) <= 40 and line[-1] not in "。！？；，：":
                titles.append(line)
                continue
            sentences.extend(s.strip() for s in _SENTENCE_END.split(line) if 10 <= len(s.strip()) <= 300)
    return sorted(set(sentences)), sorted(set(titles))


@dataclass
class PlannedArticle:
    title: str
    body: str
    published_at: datetime
    source: str
    outlet: str = ""
    publication: int | None = None  # index into ArchivePlan.publications
    position: int = 0
    reprint_of: int | None = None  # index of the article it repeats (an earlier one)


@dataclass
class PlannedPublication:
    kind: str  # newsletter | digest | report
    title: str
    source: str
    issue_label: str
    published_at: datetime


@dataclass
class ArchivePlan:
    articles: list[PlannedArticle] = field(default_factory=list)
    publications: list[PlannedPublication] = field(default_factory=list)


class ArchiveBuilder:
    """Deterministic for a seed: the same command builds the same archive."""

    REPRINT_SHARE = 0.08
    # Shares of items that come in publications (the rest are web articles).
    NEWSLETTER_SHARE, DIGEST_SHARE, REPORT_SHARE = 0.12, 0.08, 0.04

    def __init__(self, sentences: list[str], titles: list[str], seed: int = 15):
        if not sentences or not titles:
            raise ValueError("no sentences to build articles from")
        self.sentences, self.titles = sentences, titles
        self.random = random.Random(seed)
        self._span = (datetime(LAST_YEAR + 1, 1, 1) - datetime(FIRST_YEAR, 1, 1)).total_seconds()

    def _when(self) -> datetime:
        return datetime(FIRST_YEAR, 1, 1) + timedelta(seconds=self.random.uniform(0, self._span))

    def _body(self, low: int, high: int) -> str:
        picked = self.random.sample(self.sentences, self.random.randint(low, high))
        paragraphs, at = [], 0
        while at < len(picked):
            size = self.random.randint(2, 5)
            paragraphs.append("".join(picked[at : at + size]))
            at += size
        return "\n".join(paragraphs)

    def _title(self) -> str:
        title = self.random.choice(self.titles)
        if self.random.random() < 0.5:  # two headlines joined: more distinct titles
            title = f"{title}：{self.random.choice(self.titles)}"
        return title[:200]

    def web_article(self, plan: ArchivePlan) -> PlannedArticle:
        if plan.articles and self.random.random() < self.REPRINT_SHARE:
            index = self.random.randrange(len(plan.articles))
            original = plan.articles[index]
            if original.reprint_of is None and original.publication is None:
                return PlannedArticle(
                    original.title, original.body,
                    original.published_at + timedelta(hours=self.random.uniform(1, 96)),
                    self.random.choice(OUTLETS), outlet=original.source, reprint_of=index,
                )
        return PlannedArticle(self._title(), self._body(6, 40), self._when(), self.random.choice(OUTLETS))

    def publication(self, plan: ArchivePlan, kind: str) -> list[PlannedArticle]:
        when = self._when()
        if kind == "newsletter":
            source, items, low, high = self.random.choice(ASSOCIATIONS), self.random.randint(8, 20), 4, 20
            title, label = f"{source}会刊", f"{when.year}年第{when.month}期"
        elif kind == "digest":
            source, items, low, high = self.random.choice(OUTLETS), self.random.randint(10, 25), 2, 6
            title, label = f"{source}行业周报", f"{when:%Y年%m月%d日}"
        else:
            source, items, low, high = self.random.choice(PUBLISHERS), self.random.randint(5, 12), 30, 80
            title, label = f"{when.year}年中国B2B电子商务市场研究报告", ""
        plan.publications.append(PlannedPublication(kind, title, source, label, when))
        index = len(plan.publications) - 1
        return [
            PlannedArticle(self._title(), self._body(low, high), when, source, publication=index, position=i)
            for i in range(items)
        ]

    def plan(self, count: int) -> ArchivePlan:
        plan = ArchivePlan()
        # A roll makes one web article or a whole publication: each publication's chance
        # is its share of items divided by its mean number of items.
        shares = [("newsletter", self.NEWSLETTER_SHARE / 14), ("digest", self.DIGEST_SHARE / 17.5),
                  ("report", self.REPORT_SHARE / 8.5)]
        while len(plan.articles) < count:
            roll, kind = self.random.random(), None
            for name, share in shares:
                if roll < share:
                    kind = name
                    break
                roll -= share
            if kind is None:
                plan.articles.append(self.web_article(plan))
            else:
                items = self.publication(plan, kind)
                plan.articles.extend(items[: count - len(plan.articles)])
        return plan
