"""A reader's search query, cut into words the same way the index was.

Pure code: the caller passes the segmenter's `tokens` function, so queries and the index
can never be segmented differently. The syntax is the familiar web one: words are all
required, `"…"` is a phrase, `-word` excludes, `OR` between two words offers a choice.
A word that segments into several tokens (跨境电商平台) becomes a phrase of them.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_QUERY_CHARS = 200
_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# Kept in tokens: letters, digits, CJK, and the joiners jieba keeps inside a word.
_WORDLIKE = re.compile(r"[\w\u3400-\u9fff]")


@dataclass
class Clause:
    """One requirement: any of `alternatives` (each a phrase: a list of tokens)."""

    alternatives: list[list[str]]
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
        return sorted({t for c in self.required for phrase in c.alternatives for t in phrase}, key=len, reverse=True)


def clean_query(text: str) -> str:
    """Drop control characters (NUL breaks PostgreSQL) and cap the length."""
    text = "".join(ch for ch in (text or "") if unicodedata.category(ch)[0] != "C" or ch in " \t")
    return unicodedata.normalize("NFKC", text).strip()[:MAX_QUERY_CHARS]


def search_tokens(tokens: list[str]) -> list[str]:
    """The tokens worth indexing or searching: lower-cased, punctuation dropped."""
    return [t.lower() for t in tokens if _WORDLIKE.search(t)]


def parse_query(text: str, tokenize: Callable[[str], list[str]]) -> ParsedQuery:
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
        phrase = search_tokens(tokenize(raw))
        if not phrase:
            pending_or = False
            continue
        last = parsed.clauses[-1] if parsed.clauses else None
        if pending_or and last is not None and not exclude and not last.exclude:
            last.alternatives.append(phrase)
        else:
            parsed.clauses.append(Clause(alternatives=[phrase], exclude=exclude))
        pending_or = False
    return parsed


def _quote_fts(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def to_fts5(parsed: ParsedQuery) -> str:
    """The query in SQLite FTS5 syntax (every token quoted, so nothing is an operator)."""
    def phrase(tokens: list[str]) -> str:
        return _quote_fts(" ".join(tokens)) if len(tokens) > 1 else _quote_fts(tokens[0])

    def clause(c: Clause) -> str:
        parts = [phrase(p) for p in c.alternatives]
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    query = " AND ".join(clause(c) for c in parsed.required)
    for c in parsed.excluded:
        query += " NOT " + clause(c)
    return query


def to_websearch(parsed: ParsedQuery) -> str:
    """The query in PostgreSQL `websearch_to_tsquery` syntax over the same tokens."""
    def phrase(tokens: list[str]) -> str:
        cleaned = [t.replace('"', "").replace("-", " ") for t in tokens]
        return '"' + " ".join(cleaned) + '"'

    def clause(c: Clause) -> str:
        return " or ".join(phrase(p) for p in c.alternatives)

    parts = [clause(c) for c in parsed.required] + ["-" + clause(c) for c in parsed.excluded]
    return " ".join(parts)
