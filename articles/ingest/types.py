"""What the parsers return: plain data that the Django side turns into rows."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


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


@dataclass
class ParsedDocument:
    kind: str  # article | newsletter | report
    items: list[ParsedArticle]
    title: str = ""
    source_name: str = ""
    issue_label: str = ""
    published_at: datetime | None = None
    warnings: list[str] = field(default_factory=list)
