"""Keyword discovery: terms and names that rose in a year, for editors to review.

An editor wants terms (产业带电商, 跨境电商综试区, 互联网+, B2B社交营销), not the words
every text of the field uses (电商, 电子商务, 平台, b2b). So a candidate is a noun of two
characters or more, or a phrase of up to MAX_PARTS words that touch in the text (no
punctuation, no 的/和 between, no function word at an edge), kept as it was written
(B2B, not b2b), with at least one word that is not a general word of the field
(field_words.txt), a stop word, an existing topic or alias, or a known organisation.
Broad words of the field (broad_words.txt: 物流, 金融) are never suggested alone but make
phrases (供应链金融). A single word must be rare in Chinese at large; a phrase must hold
together (its rarest word mostly occurs in it); a word or phrase that almost only occurs
inside a longer candidate, or always next to the same word, is a piece of something
longer and gives way (综试区 to 跨境电商综试区).

The year's texts are cut again with part-of-speech tags (`TermCounter.add`), since terms
are nouns and the stored search tokens are folded and lose punctuation; earlier years
are read from the stored tokens (`add_earlier`), only to count the year's candidates.
A term scores high when it is frequent this year, in several texts, concentrated in few
of all texts (IDF over the corpus), rarer in earlier years (growth), and rare in Chinese
at large (`background`, jieba's IDF table: 虽然, 如何, 政策 weigh little).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from chinese_text.normalise import fold, fold_each

from .segmenter import token_offsets


def _words(name: str) -> frozenset[str]:
    text = Path(__file__).with_name(name).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


STOP_WORDS = _words("stopwords.txt")
FIELD_WORDS = frozenset(fold(w) for w in _words("field_words.txt"))  # 电商, 电子商务, 互联网, 平台, B2B …
BROAD_WORDS = frozenset(fold(w) for w in _words("broad_words.txt"))  # 物流, 金融: in a term, never one alone
# Words that never sit inside a term: a phrase across them is two things (电商和物流).
JOINERS = frozenset(
    "的 了 和 与 及 或 在 是 为 对 以 于 将 也 都 而 但 并 等 把 被 让 向 给 从 到 由 以及 或者 及其".split()
)
MIN_BACKGROUND = 6.0  # an IDF below this is a word of every text: 发展, 虽然, 如何, 创新, 重点
# A single word must be rarer: below this are the everyday nouns of any report (效率,
# 入口, 基础设施, 知识产权); 淘宝 is 8.5, 品类 9.4, 通关 10.0, 微信 is not in the table.
MIN_BACKGROUND_ALONE = 8.5
MAX_PARTS = 3  # words in a phrase: 跨境/电商/综试区, 中国/制造/网
MAX_TERM_CHARS = 12
MIN_COHESION = 0.25  # a phrase holds at least this share of its rarest word's occurrences
PRUNE_EVERY = 500  # texts of the year between two prunings of keys seen once
FRAGMENT_SHARE = 0.8  # a candidate this often inside a longer one is a piece of it
_NOT_A_TERM = re.compile(r"^[\W_]+$|^[0-9０-９.,%％]+[A-Za-z%％]?$|^[0-9]+(年|月|日|亿|万|元|个|家|倍)?$", re.UNICODE)
_DIGIT = re.compile(r"[0-9０-９]")
_WORDLIKE = re.compile(r"[^\W_]")
_LATIN = re.compile(r"^[A-Za-z0-9.+&-]+$")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Candidate:
    term: str  # as most often written
    count: int  # occurrences in `year`
    earlier_count: int  # occurrences in all years before `year`
    document_frequency: int  # documents of `year` containing it
    score: float
    examples: list[str] = field(default_factory=list)


def is_term(token: str) -> bool:
    """Worth showing an editor: not a stop word, a single character, a number or punctuation."""
    token = token.strip()
    return len(token) > 1 and token not in STOP_WORDS and not _NOT_A_TERM.match(token)


def _noun(flag: str) -> bool:
    """A word that can be a term alone: jieba's nouns (persons' names excepted: a person is
    not a keyword), verbal nouns, Latin words, abbreviations, and the site's dictionary
    words (untagged: topics and organisations are names)."""
    return (flag.startswith("n") and not flag.startswith("nr")) or flag in ("vn", "eng", "j", "")


def _function(flag: str) -> bool:
    """Prepositions, conjunctions, particles, adverbs, pronouns, interjections: never at
    a term's edge. jieba tags many terms' parts as verbs or numerals (云/计算, 一带/一路,
    信用/保障), so those may be."""
    return flag in ("p", "c", "d", "y", "e", "o") or (flag[:1] in ("u", "r") and flag != "rg")


@dataclass(frozen=True)
class Word:
    text: str  # as written
    key: str  # folded
    flag: str  # part of speech
    alone: bool = False  # may be a term by itself
    edge: bool = False  # may begin or end a phrase
    stop: bool = False  # no phrase goes on past it (a joiner, a number)
    plain: bool = True  # written as its key, and not Latin (a phrase of plain words is spelt as its key)


@lru_cache(maxsize=65536)
def _word(text: str, key: str, flag: str) -> Word:
    """A word with what it may be in a term, worked out once per spelling and tag."""
    bad = key in STOP_WORDS or key in JOINERS or _function(flag) or bool(_NOT_A_TERM.match(key))
    if len(key) == 1:  # 新零售, 海外仓, 云计算; not 部门要, 三大
        edge = not bad and flag[:1] in ("n", "a", "b", "t", "s")
    else:
        edge = not bad and not flag.startswith("nr")  # 习近平主席 is a person
    return Word(text, key, flag, alone=not bad and len(key) > 1 and _noun(flag), edge=edge,
                stop=key in JOINERS or bool(_DIGIT.search(key)), plain=text == key and not _LATIN.match(text))


def word_runs(text: str, tagged: list[tuple[str, str]]) -> list[list[Word]]:
    """The text's words in runs of words that touch: punctuation, a line break or a space
    ends a run (a space between two Latin words does not: big data). A `+` right after a
    word belongs to it (互联网+)."""
    offsets = token_offsets(text, [word for word, _ in tagged])
    keys = fold_each([word for word, _ in tagged])
    runs: list[list[Word]] = []
    run: list[Word] = []
    end = None
    for (word, flag), key, start in zip(tagged, keys, offsets, strict=True):
        if start is None:
            continue
        gap = text[end:start] if end is not None else None
        if word == "+" and run and gap == "":
            last = run.pop()
            run.append(_word(last.text + "+", last.key + "+", last.flag))
        elif not _WORDLIKE.search(word):
            if run:
                runs.append(run)
            run = []
        else:
            touching = gap == "" or (gap == " " and run and _LATIN.match(word) and _LATIN.match(run[-1].text))
            if run and not touching:
                runs.append(run)
                run = []
            run.append(_word(word, key, flag))
        end = start + len(word)
    if run:
        runs.append(run)
    return runs


def _surface(parts: tuple[Word, ...]) -> str:
    out = parts[0].text
    for before, word in zip(parts, parts[1:], strict=False):
        out += (" " if _LATIN.match(before.text) and _LATIN.match(word.text) else "") + word.text
    return out


def phrases(run: list[Word]) -> Iterable[tuple[int, tuple[Word, ...]]]:
    """Every word and phrase of a run that could be a term, with where it starts: a noun
    of two characters or more, or up to MAX_PARTS words with no joiner or number, and no
    function word at an edge."""
    for i in range(len(run)):
        chars = 0
        for j in range(i, min(i + MAX_PARTS, len(run))):
            last = run[j]
            chars += len(last.key)
            if last.stop or chars > MAX_TERM_CHARS:
                break
            if j == i:
                if last.alone:
                    yield i, (last,)
            elif last.edge and run[i].edge:
                yield i, tuple(run[i : j + 1])


class TermCounter:
    """Candidates of one year: `add` each text of the year (cut with tags), then
    `add_earlier` the stored tokens of each text of earlier years, then `candidates`."""

    def __init__(self, *, existing: Iterable[str] = (), general: Iterable[str] = FIELD_WORDS, min_count: int = 2):
        self.skip = {fold(e) for e in existing}
        self.general = FIELD_WORDS | frozenset(fold(g) for g in general) | STOP_WORDS | self.skip
        self.min_count = max(min_count, 2)  # a term seen once is no trend
        self.count: Counter[str] = Counter()
        self.df: Counter[str] = Counter()
        self.words: Counter[str] = Counter()  # every word of the year, for cohesion
        # key -> its words, and the words before and after it where seen again (second
        # occurrence); how often it had those same neighbours from then on: a key almost
        # always next to the same word is a piece of a longer name (假冒工作领导小组 of
        # 打击侵权假冒工作领导小组).
        self.parts: dict[str, tuple[tuple[str, ...], str, str]] = {}
        self.same_left: Counter[str] = Counter()
        self.same_right: Counter[str] = Counter()
        self.written: dict[str, Counter[str]] = {}  # key -> its spellings, where one differs from the key
        self.earlier: Counter[str] = Counter()
        self.earlier_df: Counter[str] = Counter()
        self.year_docs = self.all_docs = 0
        self._pool: set[str] | None = None

    def add(self, text: str, tagged: list[tuple[str, str]]) -> None:
        seen: set[str] = set()
        for run in word_runs(text, tagged):
            self.words.update(w.key for w in run)
            for i, parts in phrases(run):
                keys = tuple(p.key for p in parts)
                if all(k in self.general for k in keys) or (len(keys) == 1 and keys[0] in BROAD_WORDS):
                    continue
                key = "".join(keys)
                self.count[key] += 1
                seen.add(key)
                if not all(p.plain for p in parts):
                    written = _surface(parts)
                    if written != key:
                        self.written.setdefault(key, Counter())[written] += 1
                if self.count[key] < 2:  # most keys occur once: keep nothing more of them
                    continue
                left = run[i - 1].key if i else ""
                right = run[i + len(parts)].key if i + len(parts) < len(run) else ""
                first = self.parts.setdefault(key, (keys, left, right))
                self.same_left[key] += bool(left) and left == first[1] and left not in JOINERS
                self.same_right[key] += bool(right) and right == first[2] and right not in JOINERS
        self.df.update(seen)
        self.year_docs += 1
        self.all_docs += 1
        if self.year_docs % PRUNE_EVERY == 0:
            self._prune()

    def _prune(self) -> None:
        """Forget the keys seen once so far: most never recur, and a term that does recur
        only much later is at most a borderline candidate. Bounds memory in a large year."""
        once = [k for k, n in self.count.items() if n == 1]
        for key in once:
            del self.count[key]
            self.df.pop(key, None)
            self.written.pop(key, None)

    def pool(self) -> set[str]:
        """The year's keys frequent enough to be candidates (earlier texts count only these)."""
        if self._pool is None:
            self._pool = {k for k in self.parts if self.count[k] >= self.min_count and k not in self.skip}
        return self._pool

    def add_earlier(self, tokens: list[str]) -> None:
        """A text of an earlier year, as its stored (folded) search tokens."""
        pool, seen = self.pool(), set()
        for i in range(len(tokens)):
            key = ""
            for n in range(MAX_PARTS):
                if i + n >= len(tokens):
                    break
                key += tokens[i + n]
                if key in pool:
                    self.earlier[key] += 1
                    seen.add(key)
        self.earlier_df.update(seen)
        self.all_docs += 1

    def spelling(self, key: str) -> str:
        """The key as most often written (B2B, not b2b)."""
        forms = Counter(self.written.get(key, {}))
        forms[key] += self.count[key] - sum(forms.values())  # written as the key itself
        return forms.most_common(1)[0][0]

    def _holds_together(self, key: str) -> bool:
        parts = self.parts[key][0]
        return len(parts) == 1 or self.count[key] >= MIN_COHESION * min(self.words[p] or 1 for p in parts)

    def candidates(self, *, top: int = 30, background: Mapping[str, float] | None = None,
                   sentences: list[str] | None = None) -> list[Candidate]:
        valid = []
        for key in self.pool():
            # A phrase jieba's table does not hold is rare as a whole, whatever its words.
            rarity = background[key] if background is not None else 10.0
            least = MIN_BACKGROUND if len(self.parts[key][0]) > 1 else MIN_BACKGROUND_ALONE
            if rarity >= least and self._holds_together(key):
                valid.append((key, rarity))
        inside: Counter[str] = Counter()  # key -> occurrences of the most frequent longer candidate holding it
        for key, _ in valid:
            parts = self.parts[key][0]
            for i in range(len(parts)):
                for j in range(i + 1, len(parts) + 1):
                    if j - i < len(parts):
                        sub = "".join(parts[i:j])
                        inside[sub] = max(inside[sub], self.count[key])
        year_total = max(sum(self.words.values()), 1)
        earlier_total = sum(self.earlier.values())
        scored = []
        for key, rarity in valid:
            n, same = self.count[key], max(self.same_left[key], self.same_right[key])
            if inside[key] >= FRAGMENT_SHARE * n or (n > 2 and same >= FRAGMENT_SHARE * (n - 1)):
                continue
            tf = self.count[key] / year_total * 10_000  # per ten thousand words
            idf = math.log((1 + self.all_docs) / (1 + self.df[key] + self.earlier_df[key])) + 1
            # Growth: this year's rate against earlier years' (smoothed so a new term is not infinite).
            growth = (tf + 1) / (self.earlier[key] / earlier_total * 10_000 + 1) if earlier_total else 1.0
            spread = math.log1p(self.df[key])  # in many of the year's texts beats one long text
            scored.append((round(math.log1p(tf) * idf * math.log1p(growth) * spread * rarity / 10, 4), key))
        scored.sort(key=lambda s: (-s[0], s[1]))
        out = []
        for score, key in scored[:top]:
            term = self.spelling(key)
            examples = [s for s in sentences or [] if term in s or key in s.lower()][:3]
            out.append(Candidate(term, self.count[key], self.earlier[key], self.df[key], score, examples))
        return out
