"""A newsletter's masthead: its name, the association behind it, the issue and its date.

Mastheads are printed in a few ways that every reader recognises: a name line ending in
what the publication is (电子商务资讯, XX会刊, XX简报, XX通讯) or set in 《》; the issuing
body named with what it did (XX协会主办, 主办：XX协会, XX协会秘书处编印); an issue label
(第2期, 2013年第1期, 总第142期, 2015年3、4月合刊); a date (2013年1月15日). Some issues
print the association only in the colophon at the end, so the caller may pass those lines
too. Pure: lines in, a `Masthead` out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from chinese_text.dates import CHINA, PRECISIONS, YEAR, stated_date

from .clean import squash

# 2015年3、4月合刊第2期总第142期 / 2013年第1期（总第25期） / 第12期 / 总第56期
_ISSUE = re.compile(
    r"(?:(?P<year>(?:19|20)\d{2})年"
    r"(?:(?P<months>\d{1,2}(?:[、,，\-—至]\d{1,2})?)月(?P<combined>合刊)?)?)?"
    r"[（(]?(?:第(?P<no>\d{1,4})期)?[)）]?"
    r"[（(]?(?:总(?:第)?(?P<total>\d{1,5})期)?[)）]?"
)
_ORG_END = r"(?:协会|商会|学会|联合会|促进会|研究会|联盟|委员会|办公室|秘书处|中心|研究院|局|厅|委)"
_HOST = re.compile(
    rf"^(?:主办(?:单位)?|编印|编辑出版|承办|主编单位|编辑|出品)[：:](?P<org>.{{2,40}}?{_ORG_END})"
    rf"|^(?P<org2>.{{2,40}}?{_ORG_END})(?:秘书处)?(?:主办|编印|编辑出版|编制|编辑|编|印发)$"
)
_PUBLICATION_END = r"(?:会刊|简报|通讯|资讯|快讯|通报|动态|月刊|周刊|季刊|专刊|导刊|会讯|信息|通讯录|参考|周报|月报)"
_PUBLICATION = re.compile(rf"^《?(?P<name>[\u3400-\u9fffA-Za-z]{{2,20}}{_PUBLICATION_END})》?$")
_BOOK_TITLE = re.compile(r"^《(?P<name>[^》]{2,20})》$")
_ASSOCIATION = re.compile(rf"^(?P<org>[\u3400-\u9fff]{{2,30}}?{_ORG_END})")
_NOT_A_NAME = ("目录", "注意保存", "会员资料", "内部资料", "本期", "主办", "编印")


@dataclass
class Masthead:
    publication: str = ""  # 电子商务资讯, 上海某协会简报
    association: str = ""  # 上海市电子商务行业协会
    issue_label: str = ""  # 2015年3、4月合刊 第2期 总第142期
    published_at: datetime | None = None
    precision: str = "day"  # year | month | day


def read_masthead(head: list[str], colophon: list[str] = ()) -> Masthead:
    """The masthead read from an issue's first lines (and its colophon, for the association)."""
    masthead = Masthead()
    issue_date: tuple[datetime, str] | None = None
    stated_date: tuple[datetime, str] | None = None
    for line in head:
        compact = squash(line)
        if not compact:
            continue
        label, when = _issue(compact)
        if label and not masthead.issue_label:
            masthead.issue_label = label
            issue_date = issue_date or when
        if stated_date is None and (not label or when is None):
            stated_date = _stated_date(compact)
        if not masthead.association:
            masthead.association = _host(compact)
        if not masthead.publication:
            masthead.publication = _publication(compact)
    if not masthead.publication:
        masthead.publication = next((squash(line) for line in head if _is_name_line(line)), "")
    if not masthead.association:
        masthead.association = next((org for org in map(_host, map(squash, colophon)) if org), "")
    if not masthead.association and masthead.publication:
        m = _ASSOCIATION.match(masthead.publication)  # 上海某协会简报: the publication names its publisher
        masthead.association = m["org"] if m else ""
    # A stated day is better than the label's month; a label's month better than a bare year.
    chosen = _finer(stated_date, issue_date)
    if chosen:
        masthead.published_at, masthead.precision = chosen
    return masthead


def is_masthead_line(line: str) -> bool:
    """A line of the masthead: the name, the issuing body, the issue, its date, or the
    furniture printed with them (an English name, 会员资料 注意保存, 内部资料)."""
    compact = squash(line)
    if not compact:
        return True
    if re.fullmatch(r"[A-Za-z0-9 .,&'\-]+", line.strip()):
        return True
    return bool(
        _issue(compact)[0]
        or _host(compact)
        or _publication(compact)
        or _is_name_line(line)
        or (_stated_date(compact) and len(_without_date(compact)) <= 4)
        or any(word in compact for word in ("注意保存", "内部资料", "会员资料"))
    )


_CONTACT = re.compile(
    r"^(?:地址|电话|传真|邮编|邮政编码|邮箱|电子邮箱|E-?mail|投稿|网址|联系人|联系电话|印数|发送)\s*[：:]", re.I
)
_CREDIT = re.compile(r"^(?:编辑|责任编辑|主编|副主编|执行主编|校对|美编|审核|签发|编委)\s*[：:]")


def colophon_start(lines: list[str]) -> int:
    """Where the colophon at the end of an issue starts (主办：…, 地址：…, 编辑：…), or
    len(lines) without one. A run of contact lines is a colophon only when it also names
    the publisher or the editors: a member profile ends with its own 网址 line."""
    start = len(lines)
    names_publisher = False
    while start > 0:
        compact = squash(lines[start - 1])
        if _host(compact) or _CREDIT.match(compact):
            names_publisher = True
        elif not _CONTACT.match(compact):
            break
        start -= 1
    return start if names_publisher else len(lines)


def _issue(compact: str) -> tuple[str, tuple[datetime, str] | None]:
    """The issue label in a line, and the date it implies (the first month of a 合刊)."""
    for m in _ISSUE.finditer(compact):
        if not (m["no"] or m["total"] or m["combined"]):
            continue
        parts = []
        if m["year"]:
            months = re.sub(r"[,，]", "、", m["months"] or "")
            parts.append(f"{m['year']}年{months + '月' if months else ''}{'合刊' if m['combined'] else ''}")
        if m["no"]:
            parts.append(f"第{m['no']}期")
        if m["total"]:
            parts.append(f"总第{m['total']}期")
        if m["year"] and not m["months"] and m["no"]:  # 2013年第1期 is one label
            parts[:2] = [parts[0] + parts[1]]
        label = " ".join(parts)
        when = None
        if m["year"]:
            month = int(re.split(r"\D+", m["months"])[0]) if m["months"] else 1
            when = (datetime(int(m["year"]), month, 1, tzinfo=CHINA), "month" if m["months"] else "year")
        return label, when
    return "", None


def _stated_date(compact: str) -> tuple[datetime, str] | None:
    """A date line in the masthead: 2013年1月15日, 2013年1月, 2013-01-15."""
    if len(compact) > 30:
        return None
    found = stated_date(compact)
    if found is None or found.precision == YEAR:  # 成立于2003年 is not the issue's date
        return None
    return found.when, found.precision


def _without_date(compact: str) -> str:
    found = stated_date(compact)
    return compact[:found.start] + compact[found.end:] if found else compact


def _host(compact: str) -> str:
    m = _HOST.match(_without_date(compact))  # 市商务局办公室编2019年4月2日
    if not m:
        return ""
    return re.sub(r"秘书处$", "", m["org"] or m["org2"])


def _publication(compact: str) -> str:
    if any(word in compact for word in _NOT_A_NAME) or _HOST.match(compact):
        return ""
    before_number = re.split(r"\d|第|总第", compact)[0]  # 网商会刊2013年1月总第56期
    for candidate in (compact, before_number):
        m = _PUBLICATION.match(candidate) or _BOOK_TITLE.match(candidate)
        if m:
            return m["name"]
    return ""


def _is_name_line(line: str) -> bool:
    """A short line of ideographs alone in the masthead: the name, when no word says so."""
    compact = squash(line)
    return (
        2 <= len(compact) <= 16
        and re.fullmatch(r"[\u3400-\u9fff《》]+", compact) is not None
        and not any(word in compact for word in _NOT_A_NAME)
        and not _ASSOCIATION.match(compact)
    )


def _finer(a: tuple[datetime, str] | None, b: tuple[datetime, str] | None) -> tuple[datetime, str] | None:
    if a is None or b is None:
        return a or b
    return a if PRECISIONS.index(a[1]) >= PRECISIONS.index(b[1]) else b
