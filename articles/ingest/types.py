"""What the parsers return: plain data that the Django side turns into rows."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class ExtractedText:
    """A file's text as a reader found it, before cleaning and structuring."""

    text: str
    format: str  # txt | pdf | docx | html
    encoding: str = ""  # for text formats: the encoding it was decoded with
    pages: list[str] | None = None  # PDF: the text of each page, for running headers/footers
    warnings: list[str] = field(default_factory=list)


@dataclass
class Attribution:
    """Where a reprinted item says it came from: `(来源：…)`, `（转载自http://…）` and the like."""

    raw: str
    outlet: str = ""
    url: str = ""
    published_at: datetime | None = None  # the date the attribution states, if any
    date_precision: str = "day"
    url_date: datetime | None = None  # the date read from the URL, when it has one


@dataclass
class ParsedArticle:
    title: str
    body: str
    published_at: datetime | None = None
    date_precision: str = "day"  # year | month | day | minute
    author: str = ""
    url: str = ""
    outlet: str = ""
    section: str = ""
    position: int = 0
    kind: str = "article"  # article | profile | editorial | foreword | chapter
    title_derived: bool = False  # the source gave no title; this one was made from the text
    number: str = ""  # a report chapter's number: "2", "2.3", "2.3.1"
    captions: list[str] = field(default_factory=list)  # figure and table captions in this item
    attribution: Attribution | None = None
    images: list[tuple[str, str]] = field(default_factory=list)  # (absolute http(s) URL, alt text)


@dataclass
class ParsedDocument:
    kind: str  # article | newsletter | digest | report
    items: list[ParsedArticle]
    title: str = ""
    source_name: str = ""  # the association, publisher or outlet
    newsletter_name: str = ""  # e.g. 电子商务资讯
    issue_label: str = ""  # e.g. 2015年3、4月合刊 第2期 总第142期
    published_at: datetime | None = None
    date_precision: str = "day"
    toc: list[str] = field(default_factory=list)  # table-of-contents titles, where there was one
    warnings: list[str] = field(default_factory=list)
    fits: dict[str, float] = field(default_factory=dict)  # how well the text fitted each structure
