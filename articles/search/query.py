"""A reader's search query, cut into words and grams the same way the index was.

Pure code: the caller passes the segmenter's `tokens` function and, optionally, a
`synonyms` function (a topic's term and aliases for any of its names), so queries and
the index can never be cut or folded differently. The syntax is the familiar web one:
words are all required, `"…"` is a phrase, `-word` excludes, `OR` between two words
offers a choice. A word is found as a whole word (its tokens in a row) or inside longer
words (its grams in a row, see `index.grams`); a word that names a topic is found by any
of the topic's names.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from chinese_text.normalise import fold

from .index import grams, search_words

MAX_QUERY_CHARS = 200
MAX_ALTERNATIVES = 12  # names of one topic a clause may expand to
_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass
class Phrase:
    """One way to satisfy a clause: `words` in a row, or `grams` in a row."""

    text: str  # folded
    words: list[str]
    grams: list[str]


@dataclass
class Clause:
    """One requirement: any of `alternatives`."""

    alternatives: list[Phrase]
    exclude: bool = False


@dataclass
class ParsedQuery:
    text: str
    clauses: list[Clause] = field(default_factory=list)

    @property
    def required(self) -> list[Clause]:
        return [c for c in self.clauses if not c.exclude]

    @property
    def excluded(self) -> list[Clause]:
        return [c for c in self.clauses if c.exclude]

    @property
    def is_empty(self) -> bool:
        """Nothing to look for: no words, or only exclusions."""
        return not self.required

    def highlight_terms(self) -> list[str]:
        """What to mark in a snippet: each alternative's text, longest first."""
        terms = {part for c in self.required for p in c.alternatives for part in p.text.split()}
        return sorted(terms, key=len, reverse=True)


def any_of_words(words: list[str]) -> ParsedQuery:
    """A query for articles holding any of `words` as whole words (no grams, no synonyms):
    for code that looks up articles by their words, such as story grouping."""
    return ParsedQuery(
        text=" OR ".join(words), clauses=[Clause(alternatives=[Phrase(text=w, words=[w], grams=[]) for w in words])]
    )


def clean_query(text: str) -> str:
    """Drop control characters (NUL breaks PostgreSQL) and cap the length."""
    text = "".join(ch for ch in (text or "") if unicodedata.category(ch)[0] != "C" or ch in " \t")
    return unicodedata.normalize("NFKC", text).strip()[:MAX_QUERY_CHARS]


def _phrase(raw: str, tokenize: Callable[[str], list[str]]) -> Phrase | None:
    words = search_words(tokenize(raw))
    if not words:
        return None
    return Phrase(text=fold(raw).strip(), words=words, grams=grams(raw))


def _alternatives(raw: str, tokenize, synonyms: Callable[[str], list[str]]) -> list[Phrase]:
    names = synonyms(fold(raw).strip()) or [raw]
    if raw not in names:
        names = [raw, *names]
    found, seen = [], set()
    for name in names[:MAX_ALTERNATIVES]:
        phrase = _phrase(name, tokenize)
        if phrase is not None and phrase.text not in seen:
            seen.add(phrase.text)
            found.append(phrase)
    return found


def _no_synonyms(_: str) -> list[str]:
    return []


def parse_query(
    text: str, tokenize: Callable[[str], list[str]], synonyms: Callable[[str], list[str]] = _no_synonyms
) -> ParsedQuery:
    text = clean_query(text)
    parsed = ParsedQuery(text=text)
    pending_or = False
    for m in _PART.finditer(text):
        negated, quoted, bare = m.group(1), m.group(2), m.group(3)
        if bare is not None and bare.upper() == "OR" and parsed.clauses:
            pending_or = True
            continue
        exclude = bool(negated) or (bare is not None and bare.startswith("-") and len(bare) > 1)
        raw = quoted if quoted is not None else bare.lstrip("-") if exclude else bare
        alternatives = _alternatives(raw, tokenize, synonyms)
        if not alternatives:
            pending_or = False
            continue
        last = parsed.clauses[-1] if parsed.clauses else None
        if pending_or and last is not None and not exclude and not last.exclude:
            last.alternatives.extend(alternatives)
        else:
            parsed.clauses.append(Clause(alternatives=alternatives, exclude=exclude))
        pending_or = False
    return parsed


def ways(phrase: Phrase) -> list[list[str]]:
    """The token sequences that satisfy a phrase: its words, and its grams if different."""
    return [phrase.words] if phrase.grams in ([], phrase.words) else [phrase.words, phrase.grams]


def _quote_fts(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def to_fts5(parsed: ParsedQuery) -> str:
    """The query in SQLite FTS5 syntax (every token quoted, so nothing is an operator)."""

    def clause(c: Clause) -> str:
        parts = [_quote_fts(" ".join(way)) for p in c.alternatives for way in ways(p)]
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    query = " AND ".join(clause(c) for c in parsed.required)
    for c in parsed.excluded:
        query += " NOT " + clause(c)
    return query
