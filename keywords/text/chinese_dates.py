"""Finding and normalising date expressions in Chinese text.

Timelines need a date and how precise it is: `2013年9月` is a month, `2013年` a year,
`第三季度` a quarter. Relative forms (`今年`, `去年`, `上月`, a bare `9月`) only mean
something against the article's publication date, so they need `published`.

Decisions, so that a reader of a timeline is not misled:
- Only four-digit years (19xx/20xx, or four Chinese digits like 二〇一五) start a year;
  `1688`, `13 亿人口`, `400亿元` and percentages are never dates.
- `9.4备货节`, `12.3采购节`: festival names with a date inside; not taken as dates
  (there is no year and the name is the event, not its date).
- A bare month needs Arabic digits (三四月间 is not April); `上年` is left out (加上年轻).
- A bare month or day (`9月`, `10月底`) takes the year of the last explicit year earlier
  in the same paragraph, else the year of `published`; without either it is skipped.
- `年初`/`月初` ⇒ the first month/day with month/day precision is too precise, so
  `年初` is month precision (January), `年底`/`年末` month precision (December),
  `上半年` year precision (1 January) and `下半年` year precision (1 July).
- `Q3`/`第三季度` ⇒ quarter precision, `when` is the quarter's first day.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_FULLWIDTH = str.maketrans("０１２３４５６７８９ＱＱ", "0123456789QQ")

_S = r"[ \t\u3000]*"
_CN = "〇零○一二三四五六七八九"
YEAR = rf"(?<![0-9])(?:(?:19|20)[0-9]{{2}}|[一二][{_CN}]{{3}})"
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
QUARTER = rf"(?:第{_S}(?P<qn>[1-4一二三四]){_S}季度|[Qq](?P<qq>[1-4])(?![0-9]))"
PART = r"(?P<part>上半年|下半年|年初|年底|年末|初|底|末)"
DAY_OR_PART = rf"(?:{_S}(?P<d>{DAY}){_S}[日号]|{_S}(?P<mpart>初|底|末|上旬|中旬|下旬))?"
DIGIT_MONTH_DAY = rf"(?P<m>1[0-2]|0?[1-9]){_S}月(?:份)?{DAY_OR_PART}"
MONTH_DAY = rf"(?P<m>{MONTH}){_S}月(?:份)?{DAY_OR_PART}"

_PATTERNS = [
    ("iso", re.compile(r"(?<![0-9.])(?P<y>(?:19|20)[0-9]{2})(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])"
                       r"(?:(?P=sep)(?P<d>3[01]|[12][0-9]|0?[1-9]))?(?![0-9]|[.%亿万元])")),
    # 13 年 Q1: a two-digit year is taken only before a quarter, where it cannot be a duration.
    ("yq", re.compile(rf"(?<![0-9])(?P<yy>[0-9]{{2}}){_S}年{_S}{QUARTER}")),
    ("abs", re.compile(rf"(?P<y>{YEAR}){_S}年(?!代){_S}(?:{QUARTER}|{MONTH_DAY}|{PART})?")),
    ("rel", re.compile(rf"(?P<rel>今年|本年|去年|前年|明年|后年){_S}(?:{QUARTER}|{MONTH_DAY}|{PART})?")),
    ("relm", re.compile(r"(?P<relm>上个?月|本月|下个?月)(?P<mpart>初|底|末)?")),
    # A bare month needs Arabic digits: 三四月间 or 一月之内 are not dates.
    ("md", re.compile(rf"(?<![0-9个第.])(?:{DIGIT_MONTH_DAY})(?![0-9])")),
    ("q", re.compile(rf"(?<![A-Za-z0-9年])(?<!年 ){QUARTER}")),
    ("part", re.compile(r"(?<![年月])(?P<part>上半年|下半年|年初|年底|年末)")),
]
_REL_YEAR = {"今年": 0, "本年": 0, "去年": -1, "前年": -2, "明年": 1, "后年": 2}
_REL_MONTH = {"上月": -1, "上个月": -1, "本月": 0, "下月": 1, "下个月": 1}


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    when: date
    precision: str  # "year" | "quarter" | "month" | "day"
    raw: str
    explicit_year: bool  # the year is written out (not inferred)


def cn_number(s: str) -> int:
    """`十二` → 12, `三十一` → 31, `二〇一五` → 2015, `09` → 9."""
    s = s.translate(_FULLWIDTH)
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in s))


def _build(year: int, g: dict) -> tuple[date, str] | None:
    """A date and precision from a year and the optional parts a pattern captured."""
    q = g.get("qn") or g.get("qq")
    if q:
        return date(year, 3 * cn_number(q) - 2, 1), "quarter"
    part = g.get("part")
    if g.get("m"):
        month = cn_number(g["m"])
        if g.get("d"):
            return date(year, month, cn_number(g["d"])), "day"
        return date(year, month, 1), "month"
    if part in ("年初", "初"):
        return date(year, 1, 1), "month"
    if part in ("年底", "年末", "底", "末"):
        return date(year, 12, 1), "month"
    if part == "下半年":
        return date(year, 7, 1), "year"
    return date(year, 1, 1), "year"


def _shift_month(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def find_dates(text: str, *, published: date | None = None) -> list[DateMatch]:
    """Every date expression in `text`, left to right, without overlaps."""
    text = text.translate(_FULLWIDTH)
    found: list[tuple[int, int, str, re.Match]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), -m.end(), kind, m))
    found.sort(key=lambda f: (f[0], f[1]))
    results: list[DateMatch] = []
    last_end = -1
    anchor_year: int | None = None
    for start, neg_end, kind, m in found:
        if start < last_end:
            continue
        if "\n" in text[max(last_end, 0):start]:
            anchor_year = None  # a new paragraph: an earlier year no longer applies
        g = m.groupdict()
        built: tuple[date, str] | None = None
        explicit = kind in ("iso", "abs", "yq")
        try:
            if explicit:
                year = 2000 + int(g["yy"]) if kind == "yq" else cn_number(g["y"])
                if not 1900 <= year <= 2100:
                    continue
                built = _build(year, g)
                anchor_year = year
            elif kind == "rel" and published:
                built = _build(published.year + _REL_YEAR[g["rel"]], g)
            elif kind == "relm" and published:
                built = _shift_month(published, _REL_MONTH[g["relm"]]), "month"
            elif kind in ("md", "q", "part"):
                year = anchor_year or (published.year if published else None)
                if year:
                    built = _build(year, g)
        except (ValueError, KeyError):
            built = None  # 2月30日 and the like
        if built:
            results.append(DateMatch(start, -neg_end, built[0], built[1], m.group(0).strip(), explicit))
            last_end = -neg_end
    return results
