"""Timeline events: sentences that carry a date, with the date normalised.

One event per date expression, so a sentence naming 2004 and 2010 gives two points on a
timeline. Forecasts are kept but flagged, because a timeline must not show 预计2024年 as
something that happened. Reprints of one story in several outlets are recognised later,
in the database layer, by `event_key`: one key per sentence, so a sentence with two dates
(敦煌网3月宣布…，12月与…) is still one event, shown once at its first date.

A sentence is cleaned before it becomes an event (`event_sentence`): list numbering and
empty brackets are layout debris, and a sentence whose subject was lost upstream (a logo
or a link the text did not keep: `1. () 于2015年推出了…`) says nothing and is dropped.
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
# List numbering at a sentence's start: 1. / 1、 / 2) / （3） / ① / 一、 (not 12.3采购节: an
# ASCII point must be followed by a space to number a list).
_NUMBERING = re.compile(r"^(?:\d{1,2}(?:[.．]\s+|[、)）]\s*)|[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[)）]\s*"
                        r"|[①-⑳]\s*|[一二三四五六七八九十]{1,3}、\s*)")
_EMPTY_BRACKETS = re.compile(r"\s*(?:\(\s*\)|（\s*）|\[\s*\]|【\s*】|“\s*”|《\s*》)")
# A clause that starts with 于 (not 于是) or a pause has lost what came before it.
_NO_SUBJECT = re.compile(r"^(?:于(?!是)|[，,、：:])")


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


def event_sentence(sentence: str) -> str | None:
    """The sentence as a timeline shows it, without numbering or empty brackets; None when
    what is left has no subject (the text before it was lost) or is empty."""
    cleaned = _NUMBERING.sub("", sentence.strip(), count=1)
    if _EMPTY_BRACKETS.match(cleaned):
        return None  # the subject stood in the brackets
    cleaned = _EMPTY_BRACKETS.sub("", cleaned).strip()
    if not cleaned or _NO_SUBJECT.match(cleaned):
        return None
    return cleaned


def extract_events(text: str, *, published: date | None) -> list[Event]:
    events = []
    for offset, raw in split_sentences(text):
        sentence = event_sentence(raw)
        if sentence is None:
            continue
        offset += max(raw.find(sentence[:4]), 0)  # where the kept text starts, for the tokens
        for d in find_dates(sentence, published=published):
            events.append(Event(
                sentence=sentence, start=offset, when=d.when, precision=d.precision,
                is_forecast=is_forecast(sentence, d.start, d.end, d.when, published), raw=d.raw,
            ))
    return events


def event_key(event: Event) -> str:
    return sentence_key(event.sentence)


def sentence_key(sentence: str) -> str:
    """The same sentence from two outlets, or with two dates in it, gives the same key,
    whatever the spacing, punctuation, width or case: a timeline shows it once."""
    return hashlib.sha1(key(sentence).encode("utf-8")).hexdigest()[:20]
