"""The gold set's second part: the development corpus's news, read in place (issue 13, point 6).

The texts belong to their publishers, so they are never copied into the repository: they
are read at run time from ../shared/corpus (CORPUS_DIR overrides it), which CI has. Only
what the corpus README allows is read: the 49 pages of `webpages/` and the four
`digests/xwlb_*.md` days; the reserved evaluation parts are never opened. Plain standard
library, no project code, so the same rows served for labelling by reading before the
project's code ran on them.

- page `w###` (the 49 pages in name order): title as a reader sees it on the saved page
  (its headline, else the <title> without the site's name), body = `cleaned/ID.txt` (the
  body a person copied out), date = `date/ID.txt` (empty when UNKNOWN);
- story `x<YYYYMMDD>-<n>` (the n-th `###` story of that day): title = the heading, body =
  the story's paragraphs with the HTML tags taken out, date = the day.
"""
from __future__ import annotations

import hashlib
import os
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
PAGES = ("immortal-autumn/Chinese-Web-Content-Extraction-Dataset",
         "MIT (dataset, webpages/LICENSE); the page's text: © its publisher, read in place, never committed")
DIGESTS = ("DuckBurnIncense/xin-wen-lian-bo",
           "MIT (transcripts, digests/LICENSE-xin-wen-lian-bo); the story: © 中央广播电视总台/央视网, "
           "read in place, never committed")
BLOCKS = {"p", "br", "div", "tr", "li", "table", "h1", "h2", "h3", "h4", "h5", "h6"}
# what sites append to a page's <title>: 新浪网, 搜狐财经, 大河网 …
TITLE_SEPARATORS = re.compile(r"\s*(?:_|--|\s-\s|\s\|\s|\||&gt;|>|»|-(?=[^-]{2,12}$))\s*")


def available() -> bool:
    return (CORPUS / "webpages" / "cleaned").is_dir() and (CORPUS / "digests").is_dir()


class _Text(HTMLParser):
    def __init__(self, cells: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.cells = cells

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append("\n")
        elif tag == "td" and self.cells:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data.replace("\n", " "))


def plain(markup: str, *, cells: bool = False, keep_ideographic_space: bool = False) -> str:
    """HTML to the text a reader sees, one paragraph a line. The gold set's collectors
    share it (collect_policy.py separates table cells and keeps U+3000 as published)."""
    parser = _Text(cells)
    parser.feed(markup)
    spaces = r"[ \t\r\xa0]+" if keep_ideographic_space else r"[ \t\r\xa0\u3000]+"
    lines = (re.sub(spaces, " ", line).strip() for line in unescape("".join(parser.parts)).split("\n"))
    return "\n".join(line for line in lines if line)


def page_html(data: bytes) -> str:
    """The page decoded as served: the declared charset, unless another decodes it cleanly."""
    m = re.search(rb"charset\s*=\s*[\"']?([-\w]+)", data[:4000], re.I)
    declared = m.group(1).decode("ascii").lower() if m else "utf-8"
    tries = [declared, "utf-8", "gb18030"]
    tries = ["gb18030" if c in ("gb2312", "gbk") else c for c in tries]
    decoded = []
    for charset in dict.fromkeys(tries):
        try:
            text = data.decode(charset, errors="replace")
        except LookupError:
            continue
        decoded.append((text.count("\ufffd"), text))
    return min(decoded, key=lambda d: d[0])[1]


def page_title(html: str, body: str) -> str:
    """The headline a reader sees: an <h1> the body or <title> also holds, else the <title>'s
    longest part (without the site's name), else the body's first line."""
    def inline(markup: str) -> str:
        return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", markup))).strip()

    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.S | re.I)
    title = inline(m.group(1)) if m else ""
    parts = [p for p in TITLE_SEPARATORS.split(title) if p and "\ufffd" not in p]
    for h1 in re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S | re.I):
        line = next((s for s in plain(h1).split("\n") if s), "")
        if "\ufffd" not in line and ((len(line) >= 6 and (line in title or line in body)) or parts[:1] == [line]):
            return line
    if parts and len(max(parts, key=len)) >= 4:
        return max(parts, key=len)
    return next((s.strip() for s in body.split("\n") if s.strip()), "")


def page_date(raw: str) -> str:
    """YYYY-MM-DD (with HH:MM when given) from the dataset's date, empty when unknown."""
    m = re.match(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:\s+(\d{1,2}):(\d{2}))?", raw.strip())
    if not m:
        return ""
    year, month, day, hour, minute = m.groups()
    date = f"{year}-{int(month):02d}-{int(day or 1):02d}"
    return f"{date} {int(hour):02d}:{minute}" if hour else date


def corpus_pages() -> list[dict]:
    root = CORPUS / "webpages"
    rows = []
    for n, path in enumerate(sorted((root / "cleaned").glob("*.txt")), start=1):
        pid = path.stem
        body = "\n".join(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        html = page_html((root / "original" / f"{pid}.html").read_bytes())
        rows.append({"id": f"w{n:03d}", "title": page_title(html, body), "text": body,
                     "date": page_date((root / "date" / f"{pid}.txt").read_text(encoding="utf-8")),
                     "origin": {"repository": PAGES[0], "path": f"webpages/original/{pid}.html", "url": ""},
                     "licence": PAGES[1]})
    return rows


def corpus_stories() -> list[dict]:
    rows = []
    for path in sorted((CORPUS / "digests").glob("xwlb_*.md")):
        day = path.stem.removeprefix("xwlb_")
        details = path.read_text(encoding="utf-8").split("## 详细新闻", 1)[1]
        details = re.split(r"^---\s*$", details, flags=re.M)[0]  # the update-time footer
        for n, story in enumerate(re.split(r"^### ", details, flags=re.M)[1:], start=1):
            heading, _, rest = story.partition("\n")
            link = re.search(r"\[查看原文\]\((\S+?)\)", rest)
            rows.append({"id": f"x{day}-{n}", "title": heading.strip(),
                         "text": plain(re.sub(r"\[查看原文\]\(\S+?\)", "", rest)),
                         "date": f"{day[:4]}-{day[4:6]}-{day[6:]}",
                         "origin": {"repository": DIGESTS[0], "path": f"digests/{path.name}#{n}",
                                    "url": link.group(1) if link else ""},
                         "licence": DIGESTS[1]})
    return rows


def shared_articles() -> dict[str, dict]:
    """Every news text of the corpus as a gold row (id → row), not committable; {} without it."""
    if not available():
        return {}
    rows = corpus_pages() + corpus_stories()
    for row in rows:
        row["committable"] = False
        row["sha256"] = hashlib.sha256(f"{row['title']}\n{row['text']}".encode()).hexdigest()
    return {row["id"]: row for row in rows}
