"""The user dictionary and tagger, built from the database once per process.

A worker keeps its segmenter between tasks (loading jieba takes about a second) and
rebuilds it only when the set of topics and aliases it was built from has changed.
"""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

from .models import Topic, TopicAlias
from .text.segmenter import Segmenter
from .text.tagging import Tagger, TopicForms


@dataclass(frozen=True)
class Vocabulary:
    fingerprint: str
    segmenter: Segmenter
    tagger: Tagger


_lock = threading.Lock()
_current: Vocabulary | None = None


def _topic_forms() -> list[TopicForms]:
    forms: dict[int, list[str]] = {pk: [term] for pk, term in Topic.objects.values_list("pk", "term")}
    for topic_id, text in TopicAlias.objects.values_list("topic_id", "text"):
        forms.setdefault(topic_id, []).append(text)
    return [TopicForms(key=pk, forms=tuple(f)) for pk, f in sorted(forms.items())]


def _fingerprint(topics: list[TopicForms]) -> str:
    raw = "\n".join(f"{t.key}\t" + "\t".join(t.forms) for t in topics)
    return hashlib.sha1(raw.encode()).hexdigest()


def current_vocabulary() -> Vocabulary:
    """The segmenter and tagger for the topics as they are in the database now."""
    global _current
    topics = _topic_forms()
    fingerprint = _fingerprint(topics)
    with _lock:
        if _current is None or _current.fingerprint != fingerprint:
            words = [form for t in topics for form in t.forms]
            _current = Vocabulary(fingerprint, Segmenter(words), Tagger(topics))
        return _current
