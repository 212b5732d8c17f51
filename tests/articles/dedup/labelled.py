"""A labelled reprint set built from the seed documents.

Originals are runs of consecutive sentences from one seed (so every other original from
that seed is a different text on the same topic: the hard negatives). Each original gets
reprints made with the edits outlets really make: a byline added, punctuation changed,
a sentence dropped, line breaks moved, a few characters changed, widths changed.
Everything is seeded, so the set and its figures are the same on every run.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[4] / "shared" / "seeds"
BYLINES = ["【亿邦动力网讯】", "（中国电子商务研究中心讯）", "【慧聪网讯】", "据网易科技报道，", "36氪获悉，"]
FOOTERS = ["（来源：中国电子商务研究中心）", "（本文转载自亿邦动力网）", "责任编辑：王芳", "（转载自http://www.100ec.cn/detail--6140000.html）"]
_PUNCT = {"，": ",", "。": ".", "：": ":", "；": ";", "“": '"', "”": '"', "（": "(", "）": ")", "、": ","}
_FILLER = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"


@dataclass
class Doc:
    key: str
    text: str
    original: str  # the key of the original it was made from (itself for an original)
    seed: str


@cache
def seed_sentences(name_prefix: str) -> tuple[str, ...]:
    path = next(SEEDS_DIR.glob(f"{name_prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("---", 2)[2]
    text = re.sub(r"(?<=[\u4e00-\u9fff，、；])\s*\n\s*(?=[\u4e00-\u9fff])", "", text)  # re-join wrapped lines
    found = (s.strip() for s in re.findall(r"[^。！？\n]+[。！？]", text))
    # Seed 000 repeats its body, with sub-headings glued to a sentence in one copy only:
    # keying on the sentence's end keeps one copy, so no two originals share a sentence.
    unique = {re.sub(r"\W", "", s)[-20:]: s for s in reversed([s for s in found if len(s) >= 12])}
    return tuple(reversed(unique.values()))


def originals(rng: random.Random, prefixes=("000", "002", "003", "004")) -> list[Doc]:
    """Non-overlapping runs of 2-9 sentences (60-700 characters) from each seed."""
    docs = []
    for prefix in prefixes:
        sentences = seed_sentences(prefix)
        i = n = 0
        while i < len(sentences):
            size = rng.randint(2, 9)
            text = "".join(sentences[i:i + size])
            i += size
            if 60 <= len(text) <= 700:
                key = f"{prefix}-{n}"
                docs.append(Doc(key, text, key, prefix))
                n += 1
    return docs


def add_byline(text: str, rng: random.Random) -> str:
    return rng.choice(BYLINES) + text if rng.random() < 0.5 else text + "\n" + rng.choice(FOOTERS)


def change_punctuation(text: str, rng: random.Random) -> str:
    return "".join(_PUNCT.get(ch, ch) if rng.random() < 0.7 else ch for ch in text)


def drop_sentence(text: str, rng: random.Random) -> str:
    parts = re.findall(r"[^。！？]+[。！？]?", text)
    if len(parts) < 3:
        return text
    del parts[rng.randrange(len(parts))]
    return "".join(parts)


def move_line_breaks(text: str, rng: random.Random) -> str:
    text = text.replace("\n", "")
    cuts = sorted(rng.sample(range(1, len(text)), min(len(text) - 1, max(1, len(text) // 40))))
    pieces, last = [], 0
    for cut in cuts:
        pieces.append(text[last:cut])
        last = cut
    pieces.append(text[last:])
    return rng.choice(["\n", "\r\n", " \n", "\n\n"]).join(pieces)


def change_characters(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        chars[rng.randrange(len(chars))] = rng.choice(_FILLER)
    return "".join(chars)


def widen(text: str, rng: random.Random) -> str:
    """ASCII letters and digits to full width, as some CMSs print them."""
    return "".join(chr(ord(ch) + 0xFEE0) if ch.isascii() and ch.isalnum() else ch for ch in text)


EDITS = [add_byline, change_punctuation, drop_sentence, move_line_breaks, change_characters, widen]


def reprint(text: str, rng: random.Random) -> str:
    """Two or three of the edits, in random order."""
    for edit in rng.sample(EDITS, rng.randint(2, 3)):
        text = edit(text, rng)
    return text


def labelled_set(seed: int = 5) -> list[Doc]:
    """Every original plus 0-3 reprints of it, shuffled."""
    rng = random.Random(seed)
    docs = []
    for doc in originals(rng):
        docs.append(doc)
        for j in range(rng.randint(0, 3)):
            docs.append(Doc(f"{doc.key}/r{j}", reprint(doc.text, rng), doc.key, doc.seed))
    rng.shuffle(docs)
    return docs


def pair_scores(docs: list[Doc], groups: list[list[str]]) -> tuple[float, float, int, int]:
    """Pairwise precision and recall of a grouping against the truth, and the pair counts."""
    predicted = {key: i for i, group in enumerate(groups) for key in group}
    tp = fp = fn = 0
    for i, a in enumerate(docs):
        for b in docs[i + 1:]:
            same = a.original == b.original
            grouped = predicted[a.key] == predicted[b.key]
            tp += same and grouped
            fp += grouped and not same
            fn += same and not grouped
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp + fn, tp + fp
