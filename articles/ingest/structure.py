"""Which structure a document's text has, by how well it fits each one.

Every structure module exposes `fit(text, pages) -> float` (0: not this shape, 1: clearly
this shape, from evidence an editor would use) and a parser. The best fit of at least
`MIN_FIT` wins; below that the text is one article. `--as` bypasses the choice.
"""
from __future__ import annotations

from collections.abc import Callable

from . import digest, newsletter, report
from .types import ParsedDocument

MIN_FIT = 0.5

Parser = Callable[[str, list[str] | None], ParsedDocument]

# Listed in the order that breaks a tie: the more specific shape first.
STRUCTURES: dict[str, tuple[Callable[[str, list[str] | None], float], Parser]] = {
    "newsletter": (newsletter.fit, newsletter.parse_newsletter),
    "digest": (digest.fit, digest.parse_digest),
    "report": (report.fit, report.parse_report),
}


def fits(text: str, pages: list[str] | None = None) -> dict[str, float]:
    """Each structure's fit, for the dispatcher and for `manage.py parse` to show."""
    return {name: fit(text, pages) for name, (fit, _) in STRUCTURES.items()}


def detect_structure(text: str, pages: list[str] | None = None) -> str:
    """The best-fitting structure's name, or "article" when none fits well enough."""
    return best_fit(fits(text, pages))


def best_fit(scores: dict[str, float]) -> str:
    """The structure with the highest of `scores`, or "article" when none reaches `MIN_FIT`."""
    best = max(scores, key=lambda name: scores[name], default="article")
    return best if scores.get(best, 0.0) >= MIN_FIT else "article"


def parser_for(kind: str) -> Parser | None:
    entry = STRUCTURES.get(kind)
    return entry[1] if entry else None
