"""Dates in Chinese text, each with how precise the text was.

One grammar of written dates serves three readers: `find_dates` (every date in running
text, relative ones resolved against the publication date), `parse_published` (the date
and time a page, feed or newsletter states for itself) and `url_date` (a date in a URL's
path). One precision vocabulary, coarse to fine: year, quarter, month, day, minute.
`2013年9月` is a month, `2013年` a year, `第三季度` a quarter; a date is never shown more
precisely than it was written.

Decisions, so that a reader of a timeline is not misled:
- Only four-digit years (19xx/20xx, or four Chinese digits like 二〇一五) start a year;
  `1688`, `13 亿人口`, `400亿元` and percentages are never dates.
- Eight digits standing alone (`20250110`, `xwlb_20221108`) are a day, as file names and
  digests write it; a longer number, or one after a letter (`t20130117`), is not.
- `9.4备货节`, `12.3采购节`: festival names with a date inside; not taken as dates
  (there is no year and the name is the event, not its date).
- A bare month needs Arabic digits (三四月间 is not April); `上年` is left out (加上年轻).
- A bare month or day (`9月`, `10月底`) takes the year of the last explicit year earlier
  in the same paragraph, else the year of `published`; without either it is skipped.
- Months written as a range (`2013年3、4月合刊`, `1-3月`) are the first month of it.
- `年初`/`月初` ⇒ the first month/day with month/day precision is too precise, so
  `年初` is month precision (January), `年底`/`年末` month precision (December),
  `上半年` year precision (1 January) and `下半年` year precision (1 July).
- `Q3`/`第三季度` ⇒ quarter precision, `when` is the quarter's first day.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .numerals import read_number

CHINA = ZoneInfo("Asia/Shanghai")  # what Chinese outlets print, and what a date without a zone means

YEAR, QUARTER, MONTH, DAY, MINUTE = "year", "quarter", "month", "day", "minute"
PRECISIONS = (YEAR, QUARTER, MONTH, DAY, MINUTE)  # coarse to fine
PRECISION_LABELS = {YEAR: "年", QUARTER: "季度", MONTH: "月", DAY: "日", MINUTE: "时分"}

_FULLWIDTH = str.maketrans("０１２３４５６７８９ＱＱ：", "0123456789QQ:")
_S = r"[ \t\u3000]*"
_CN = "〇零○一二三四五六七八九"
_YEAR = rf"(?<![0-9])(?:(?:19|20)[0-9]{{2}}|[一二][{_CN}]{{3}})"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DIGIT_MONTH = r"(?:1[0-2]|0?[1-9])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九])"
_QUARTER = rf"(?:第{_S}(?P<qn>[1-4一二三四]){_S}季度|[Qq](?P<qq>[1-4])(?![0-9]))"
_PART = r"(?P<part>上半年|下半年|年初|年底|年末|初|底|末)"
_DAY_OR_PART = rf"(?:{_S}(?P<d>{_DAY}){_S}[日号]|{_S}(?P<mpart>初|底|末|上旬|中旬|下旬))?"
_TO = rf"{_S}[、,，\-—~～至到]{_S}"  # 3、4月; 1-3月: a range of months


def _month_day(month: str) -> str:
    return rf"(?P<m>{month})(?:{_TO}{month})?{_S}月(?:份)?{_DAY_OR_PART}"


_PATTERNS = [
    ("iso", re.compile(r"(?<![0-9.])(?P<y>(?:19|20)[0-9]{2})(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])"
                       r"(?:(?P=sep)(?P<d>3[01]|[12][0-9]|0?[1-9]))?(?![0-9]|[.%亿万元])")),
    # 20250110: a compact day, as file names and digests' titles write it; never inside a longer number.
    ("compact", re.compile(r"(?<![0-9A-Za-z])(?P<y>(?:19|20)[0-9]{2})(?P<m>0[1-9]|1[0-2])"
                           r"(?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9])")),
    # 13 年 Q1: a two-digit year is taken only before a quarter, where it cannot be a duration.
    ("yq", re.compile(rf"(?<![0-9])(?P<yy>[0-9]{{2}}){_S}年{_S}{_QUARTER}")),
    ("abs", re.compile(rf"(?P<y>{_YEAR}){_S}年(?!代){_S}(?:{_QUARTER}|{_month_day(_MONTH)}|{_PART})?")),
    ("rel", re.compile(rf"(?P<rel>今年|本年|去年|前年|明年|后年){_S}(?:{_QUARTER}|{_month_day(_MONTH)}|{_PART})?")),
    ("relm", re.compile(r"(?P<relm>上个?月|本月|下个?月)(?P<mpart>初|底|末)?")),
    # A bare month needs Arabic digits: 三四月间 or 一月之内 are not dates.
    ("md", re.compile(rf"(?<![0-9个第.])(?:{_month_day(_DIGIT_MONTH)})(?![0-9])")),
    ("q", re.compile(rf"(?<![A-Za-z0-9年])(?<!年 ){_QUARTER}")),
    ("part", re.compile(r"(?<![年月])(?P<part>上半年|下半年|年初|年底|年末)")),
]
_EXPLICIT = ("iso", "compact", "abs", "yq")
_REL_YEAR = {"今年": 0, "本年": 0, "去年": -1, "前年": -2, "明年": 1, "后年": 2}
_REL_MONTH = {"上月": -1, "上个月": -1, "本月": 0, "下月": 1, "下个月": 1}
# A time right after a day: `2013-12-19 17:44`, `2013-12-19T17:44:00` (full-width colons are folded first).
_TIME = re.compile(r"(?:[ \t\u3000]*T|[ \t\u3000]+)(?P<H>[01]?[0-9]|2[0-3]):(?P<M>[0-5][0-9])(?::(?P<S>[0-5][0-9]))?")
# `/t20130117_…`: government sites put a letter before the day in the file name.
_URL_DATE = re.compile(r"/[a-z]?((?:19|20)\d{2})[-/]?(\d{2})[-/]?(\d{2})(?:/|\d|_|\.)", re.I)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    when: date
    precision: str  # year | quarter | month | day
    raw: str
    explicit_year: bool  # the year is written out (not inferred)


def find_dates(text: str, *, published: date | None = None) -> list[DateMatch]:
    """Every date expression in `text`, left to right, without overlaps."""
    text = (text or "").translate(_FULLWIDTH)
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
        explicit = kind in _EXPLICIT
        try:
            if explicit:
                year = 2000 + int(g["yy"]) if kind == "yq" else read_number(g["y"])
                if not 1900 <= year <= 2100:
                    continue
                built = _build(year, g)
                anchor_year = year
            elif kind == "rel" and published:
                built = _build(published.year + _REL_YEAR[g["rel"]], g)
            elif kind == "relm" and published:
                built = _shift_month(published, _REL_MONTH[g["relm"]]), MONTH
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


def first_day(text: str) -> DateMatch | None:
    """The first date `text` writes out to the day with its year (a dateline's date), or None."""
    return next((d for d in find_dates(text) if d.explicit_year and d.precision == DAY), None)


_ANY_YEAR = date(2000, 1, 1)  # to read a bare `1月12日` where only its place matters
_AFTER_OPENING_DAY = re.compile(r"[^，,。\s]{0,4}[，,]")  # 1月12日上午，


def opens_with_day(text: str) -> bool:
    """The text opens with a day and a pause (`1月12日，`, `2015年4月3日上午，`): how a news
    story's first sentence starts, a dateline without a place."""
    head = (text or "").strip()[:24]
    found = find_dates(head, published=_ANY_YEAR)
    if not found or found[0].start != 0 or found[0].precision != DAY:
        return False
    return bool(_AFTER_OPENING_DAY.match(head, found[0].end))


@dataclass(frozen=True)
class StatedDate:
    when: datetime  # aware, in China's time zone
    precision: str  # year | month | day | minute
    start: int  # where the date (and its time) stands in the text
    end: int


def stated_date(text: str, *, whole: bool = False) -> StatedDate | None:
    """The first date `text` writes out with its year, with the time right after it.

    Read as Chinese local time, which is what Chinese outlets print. A time counts only
    right after a full date (`2013-12-19 17:44`). A quarter is given as its year: a
    publication date has no quarter precision, and a coarser date never misleads. With
    `whole`, the text must be the date and nothing else (a masthead's date line, not a
    sentence that mentions a year). Relative dates (`上月`) need a reference: never here.
    """
    text = (text or "").translate(_FULLWIDTH)
    found = next((d for d in find_dates(text) if d.explicit_year), None)
    if found is None:
        return None
    when = datetime(found.when.year, found.when.month, found.when.day, tzinfo=CHINA)
    precision, end = (YEAR if found.precision == QUARTER else found.precision), found.end
    t = _TIME.match(text, found.end) if precision == DAY else None
    if t:
        when = when.replace(hour=int(t["H"]), minute=int(t["M"]), second=int(t["S"] or 0))
        precision, end = MINUTE, t.end()
    if whole and (text[:found.start].strip() or text[end:].strip()):
        return None
    return StatedDate(when, precision, found.start, end)


def parse_published(value: str, *, whole: bool = False) -> tuple[datetime | None, str]:
    """A stated date or date-time (a meta tag, a feed, a front matter field, an info line),
    aware, with its precision; `(None, "day")` when nothing is readable.

    An ISO value with its own offset keeps that offset; anything else is read by
    `stated_date` (China's time zone).
    """
    value = (value or "").strip()
    try:
        parsed = datetime.fromisoformat(value) if value else None
    except ValueError:
        parsed = None
    if parsed is not None and parsed.tzinfo is not None:
        return parsed, MINUTE
    found = stated_date(value, whole=whole)
    return (found.when, found.precision) if found else (None, DAY)


def url_date(url: str) -> datetime | None:
    """The day a URL's path names (`/2013/0116/`, `/20130116_`, `/t20130117_`), as newsrooms
    file pages."""
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    try:
        return datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=CHINA)
    except ValueError:
        return None


def date_label(when: date, precision: str) -> str:
    """The date in Chinese, as precisely as it was written: `2013年`, `2013年第3季度`, `2013年9月`."""
    if precision == YEAR:
        return f"{when.year}年"
    if precision == QUARTER:
        return f"{when.year}年第{(when.month - 1) // 3 + 1}季度"
    if precision == MONTH:
        return f"{when.year}年{when.month}月"
    if precision == MINUTE and isinstance(when, datetime):
        return f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}"
    return f"{when.year}年{when.month}月{when.day}日"


def _build(year: int, g: dict) -> tuple[date, str] | None:
    """A date and precision from a year and the optional parts a pattern captured."""
    q = g.get("qn") or g.get("qq")
    if q:
        return date(year, 3 * read_number(q) - 2, 1), QUARTER
    part = g.get("part")
    if g.get("m"):
        month = read_number(g["m"])
        if g.get("d"):
            return date(year, month, read_number(g["d"])), DAY
        return date(year, month, 1), MONTH
    if part in ("年初", "初"):
        return date(year, 1, 1), MONTH
    if part in ("年底", "年末", "底", "末"):
        return date(year, 12, 1), MONTH
    if part == "下半年":
        return date(year, 7, 1), YEAR
    return date(year, 1, 1), YEAR


def _shift_month(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
