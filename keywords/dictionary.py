"""The user dictionary and tagger, built from the database once per process.

A worker keeps its segmenter between tasks (loading jieba takes about a second) and
rebuilds it only when the topics, aliases, not-phrases or reviewed organisations it was
built from have changed.
"""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

from django.conf import settings

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
    """The segmenter and tagger for the topics as they are in the database now."""
    global _current
    topics = _topic_forms()
    organisations = _organisation_forms()
    fingerprint = _fingerprint(topics, organisations)
    with _lock:
        if _current is None or _current.fingerprint != fingerprint:
            words = [form for t in topics for form in t.forms] + sorted(dictionary_words(organisations))
            segmenter = Segmenter(words, engine=settings.SEGMENTER_ENGINE)
            names = {fold(form): t.forms for t in topics for form in t.forms}
            _current = Vocabulary(fingerprint, segmenter, Tagger(topics), organisations, names)
        return _current
