"""Which structure a document's text has: newsletter issue, report, or one article."""
from __future__ import annotations

import re

from .attribution import is_attribution

_SECTION = re.compile(r"^[【\[]\s*[^】\]\s]{2,12}\s*[】\]]\s*\d*$")
_TOC = re.compile(r"^\s*(?:目\s*录|本期目录)\s*$")
_NUMBERED = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){1,3}\s+\S{2,40}$")
_LESSON = re.compile(r"^\s*【(?:学习目标|教学目标|本章导读)】\s*$")


def detect_structure(text: str) -> str:
    """newsletter | report | article, from what the text shows.

    A newsletter has a table of contents, or several 【section】 headers and attribution
    lines; a report has numbered sub-headings (1.1, 2.3.1) or textbook chapters.
    """
    lines = text.split("\n")
    sections = sum(1 for line in lines if _SECTION.match(line.strip()))
    attributions = sum(1 for line in lines if is_attribution(line))
    numbered = sum(1 for line in lines if _NUMBERED.match(line))
    lessons = sum(1 for line in lines if _LESSON.match(line))
    has_toc = any(_TOC.match(line) for line in lines[:80])
    if lessons:  # a textbook chapter: 【学习目标】 opens each chapter
        return "report"
    if (has_toc and sections >= 2) or (sections >= 2 and attributions >= 1) or attributions >= 2:
        return "newsletter"
    if numbered >= 3:
        return "report"
    return "article"
