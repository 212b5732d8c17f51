"""Timeline events: sentences that carry a date, with the date normalised.

One event per date expression, so a sentence naming 2004 and 2010 gives two points on a
timeline. Forecasts are kept but flagged, because a timeline must not show 预计2024年 as
something that happened. Reprints of one story in several outlets are recognised later,
in the database layer, by `event_key`.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from chinese_text.dates import find_dates
from chinese_text.normalise import key
from chinese_text.sentences import split_sentences

# Words that make a date a plan or a prediction; 截至/截止 (up to) is a past total.
_FORECAST = re.compile(r"预计|预期|预测|有望|将会|将于|将在|将要|计划于|力争|未来|目标是|展望|将达|将超|将突破|将保持"
                       r"|(?<!截)(?<!截止)到\s*(?=(?:19|20)\d\d)")
_WILL = re.compile(r"将(?![其之近军士])")


@dataclass(frozen=True)
class Event:
    sentence: str
    start: int  # offset of the sentence in the text
    when: date
    precision: str  # year | quarter | month | day (chinese_text.dates)
    is_forecast: bool
    raw: str  # the date expression as written


def is_forecast(sentence: str, date_start: int, date_end: int, when: date, published: date | None) -> bool:
    """A date is a forecast if it lies after the article's date, or the clause around it
    speaks of the future (预计, 有望, 到2025年, 将于…)."""
    if published and when > published:
        return True
    clause_start = max(sentence.rfind(c, 0, date_start) for c in "，,：:") + 1
    ends = [i for i in (sentence.find(c, date_end) for c in "，,：:") if i != -1]
    clause_end = min(ends) if ends else len(sentence)
    if not sentence[clause_start:date_start].strip() and clause_end - date_end <= 1:
        # "2024年，规模将达…": a date standing alone speaks of the clause that follows it.
        next_ends = [i for i in (sentence.find(c, clause_end + 1) for c in "，,：:") if i != -1]
        clause_end = min(next_ends) if next_ends else len(sentence)
    clause = sentence[clause_start:clause_end]
    if _FORECAST.search(clause):
        return True
    # 将 right before the date or right after it (将于2016年, 2016年将…), not 将 much later.
    return bool(_WILL.search(sentence[max(clause_start, date_start - 3):date_start])
                or _WILL.search(sentence[date_end:date_end + 3]))


def extract_events(text: str, *, published: date | None) -> list[Event]:
    events = []
    for offset, sentence in split_sentences(text):
        for d in find_dates(sentence, published=published):
            events.append(Event(
                sentence=sentence, start=offset, when=d.when, precision=d.precision,
                is_forecast=is_forecast(sentence, d.start, d.end, d.when, published), raw=d.raw,
            ))
    return events


def event_key(event: Event) -> str:
    """The same sentence and date from two outlets gives the same key, whatever the
    spacing, punctuation, width or case."""
    payload = f"{key(event.sentence)}|{event.when.isoformat()}|{event.precision}"
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:20]
