"""An article's whole analysis as one pure step: words, topics, organisations, dated events.

Pure so that it can run in a child process under the parse's time and memory limits
(`articles.ingest.limits.run_with_time_limit`), and so that the database side only
writes what it returns. Every part takes time in proportion to the text's length: the
tokens of each event's sentence are found by bisecting the token offsets, where looking
through all the article's tokens for every event made 5 M characters take 33 s.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from .events import Event, extract_events
from .organisations import OrgMention, find_organisations
from .segmenter import token_offsets
from .tagging import TopicMatch


@dataclass
class EventFound:
    event: Event
    topics: set[int]
    organisations: list[str]  # names, as the vocabulary knows them


@dataclass
class Analysis:
    title_tokens: list[str]
    body_tokens: list[str]
    topics: list[TopicMatch]
    organisations: list[OrgMention]
    events: list[EventFound]


def analyse_text(vocabulary, title: str, body: str, *, published: date | None) -> Analysis:
    """Segment once and find everything the article page, topics and timelines need."""
    title_tokens = vocabulary.segmenter.tokens(title)
    body_tokens = vocabulary.segmenter.tokens(body)
    topics = vocabulary.tagger.tag(title, title_tokens, body, body_tokens)
    organisations = find_organisations(title_tokens + body_tokens, f"{title}\n{body}", vocabulary.organisations)
    return Analysis(title_tokens, body_tokens, topics, organisations,
                    _events(vocabulary, body, body_tokens, published))


def _events(vocabulary, body: str, body_tokens: list[str], published: date | None) -> list[EventFound]:
    """The body's dated sentences, each with the topics and organisations in it (from the body's tokens)."""
    events = extract_events(body, published=published)
    if not events:
        return []
    placed = [(at, token) for token, at in zip(body_tokens, token_offsets(body, body_tokens), strict=True)
              if at is not None]
    starts = [at for at, _ in placed]  # non-decreasing: tokens are placed in order
    found = []
    for event in events:
        first = bisect_left(starts, event.start)
        last = bisect_left(starts, event.start + len(event.sentence))
        tokens = [token for _, token in placed[first:last]]
        mentioned = find_organisations(tokens, event.sentence, vocabulary.organisations)
        topics = vocabulary.tagger.topics_in(tokens, event.sentence)
        found.append(EventFound(event, topics, [m.name for m in mentioned]))
    return found
