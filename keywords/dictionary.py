"""The user dictionary and tagger, built from the database once per process.

A worker keeps its segmenter between tasks (loading jieba takes about a second) and
rebuilds it only when the topics, aliases, not-phrases or reviewed organisations it was
built from have changed.

Whether they changed is read from a version stamp in the cache (one round trip), not
from the five tables on every article: every change to them bumps the stamp
(`vocabulary_changed`, connected to their saves and deletes in keywords.apps, and called
by the writes that send no signal), at once and again when its transaction commits. A
process re-reads the tables when the stamp differs from the one it built under, when the
cache has none (evicted, cleared, Redis down) and at least every VOCABULARY_CHECK_SECONDS,
so a change the stamp missed (a raw SQL write, a rolled-back edit) is seen within a minute.
"""
from __future__ import annotations

import hashlib
import threading
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from chinese_text.normalise import fold

from .models import Organisation, OrganisationAlias, Topic, TopicAlias, TopicNotPhrase
from .text.organisations import OrgForms, dictionary_words
from .text.segmenter import Segmenter
from .text.tagging import Tagger, TopicForms


@dataclass(frozen=True)
class Vocabulary:
    fingerprint: str
    segmenter: Segmenter
    tagger: Tagger
    organisations: list[OrgForms]
    names: dict[str, tuple[str, ...]]  # a topic's folded term or alias -> all its names

    def synonyms(self, word: str) -> list[str]:
        """Every name of the topic `word` (folded) names, or nothing: search expands with it."""
        return list(self.names.get(fold(word), ()))


_lock = threading.Lock()
_current: Vocabulary | None = None
_checked: tuple = (None, "", 0.0)  # the stamp and engine _current was last checked under, and when

STAMP_KEY = "b2bwatch:vocabulary"
VOCABULARY_CHECK_SECONDS = 60


def vocabulary_changed(**kwargs) -> None:
    """Signal receiver and plain function: the topics, aliases, not-phrases or reviewed
    organisations changed. Bumped now (this transaction reads its own writes) and again on
    commit (other processes may have re-read the tables in between, before the commit)."""
    vocabulary_stamp_renew()
    transaction.on_commit(vocabulary_stamp_renew)


def vocabulary_stamp_renew() -> None:
    cache.set(STAMP_KEY, uuid.uuid4().hex, timeout=None)


def _stamp() -> str | None:
    """The current stamp (a new one when the cache has none); None when the cache cannot say."""
    stamp = cache.get(STAMP_KEY)
    if stamp is None:
        cache.add(STAMP_KEY, uuid.uuid4().hex, timeout=None)
        stamp = cache.get(STAMP_KEY)
    return stamp


def _topic_forms() -> list[TopicForms]:
    forms: dict[int, list[str]] = {pk: [term] for pk, term in Topic.objects.values_list("pk", "term")}
    for topic_id, text in TopicAlias.objects.values_list("topic_id", "text"):
        forms.setdefault(topic_id, []).append(text)
    not_phrases: dict[int, list[str]] = {}
    for topic_id, text in TopicNotPhrase.objects.order_by("text").values_list("topic_id", "text"):
        not_phrases.setdefault(topic_id, []).append(text)
    return [
        TopicForms(key=pk, forms=tuple(f), not_phrases=tuple(not_phrases.get(pk, ())))
        for pk, f in sorted(forms.items())
    ]


def _organisation_forms() -> list[OrgForms]:
    """Reviewed organisations only: suggestions wait for an editor."""
    reviewed = Organisation.objects.filter(status=Organisation.Status.REVIEWED)
    forms: dict[int, tuple[str, str, list[str]]] = {
        pk: (name, kind, [name]) for pk, name, kind in reviewed.values_list("pk", "name", "kind")
    }
    for org_id, text in OrganisationAlias.objects.filter(organisation__status=Organisation.Status.REVIEWED).values_list(
        "organisation_id", "text"
    ):
        forms[org_id][2].append(text)
    return [OrgForms(name, kind, tuple(f)) for name, kind, f in sorted(forms.values())]


def _fingerprint(topics: list[TopicForms], organisations: list[OrgForms]) -> str:
    raw = settings.SEGMENTER_ENGINE + "\n" + "\n".join(
        f"{t.key}\t" + "\t".join(t.forms) + "\t!" + "\t".join(t.not_phrases) for t in topics
    )
    raw += "\n#\n" + "\n".join(f"{o.name}\t" + "\t".join(o.forms) for o in organisations)
    return hashlib.sha1(raw.encode()).hexdigest()


def current_vocabulary() -> Vocabulary:
    """The segmenter and tagger for the topics as they are in the database now: the one
    this process holds while the stamp is unchanged, else rebuilt if the tables differ."""
    global _current, _checked
    # Read before the tables: a change committed after this read bumps the stamp again.
    stamp = _stamp()
    now = time.monotonic()
    current, checked = _current, (stamp, settings.SEGMENTER_ENGINE)
    if current is not None and stamp is not None and checked == _checked[:2] \
            and now - _checked[2] < VOCABULARY_CHECK_SECONDS:
        return current
    topics = _topic_forms()
    organisations = _organisation_forms()
    fingerprint = _fingerprint(topics, organisations)
    with _lock:
        if _current is None or _current.fingerprint != fingerprint:
            words = [form for t in topics for form in t.forms] + sorted(dictionary_words(organisations))
            segmenter = Segmenter(words, engine=settings.SEGMENTER_ENGINE)
            names = {fold(form): t.forms for t in topics for form in t.forms}
            _current = Vocabulary(fingerprint, segmenter, Tagger(topics), organisations, names)
        _checked = (*checked, now)
        return _current
