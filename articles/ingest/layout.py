"""A page's layout before extraction: layout tables made divs, named boilerplate removed.

An extractor takes a layout table for data and returns the whole page, menus and all, as
one cell, so tables holding paragraphs, headings or other tables (or mostly links: a menu
bar) become plain divs. Comment threads are dense text an extractor would keep, so blocks
named like them are removed by name. Both rules ask every element about its subtree;
`measure` answers for all elements in one pass, so the rules cost the page's size, not
its size times its nesting depth.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from .boilerplate import NOTICE

_BLOCK = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote"]
_LAYOUT_PARTS = ["table", "thead", "tbody", "tfoot", "tr", "td", "th"]  # the table, then its own parts
_WHOLE_NOTICE = 30  # characters: a notice's label with its text, not a heading over paragraphs
_SHORT_CELL = 40  # characters: the median cell of a data table; a layout cell holds paragraphs
# Class and id names Chinese CMSs give comments, share bars, related lists and ads.
_BOILERPLATE_NAME = re.compile(
    r"(?:^|[-_ ])(?:comments?|pinglun|share|fenxiang|related|xiangguan|recommend|tuijian|ads?|advert\w*|guanggao"
    r"|sidebar|breadcrumb|crumbs?|tags|prevnext|pagetools|hot|rank\w*)(?:$|[-_ ])",
    re.I,
)


@dataclass
class Sizes:
    """What the layout rules ask of every element, measured in one pass over the tree."""

    text: dict[int, int]  # id(tag) → len(tag.get_text(strip=True))
    linked: dict[int, int]  # id(tag) → how much of that text is inside links
    has_block: set[int]  # ids of tags with a block element somewhere below them
    place: dict[int, tuple[int, int]]  # id(tag) → (its place in document order, its last descendant's)


def measure(root: Tag) -> Sizes:
    """Sizes of `root` and every tag below it, children before parents.

    Asking each element for its text (`get_text`) walks its whole subtree, so asking
    every element costs the number of elements times the nesting depth; so does
    BeautifulSoup's `decomposed`, which on a live element searches its subtree for a tag
    named "_decomposed". A 102 KB page of nested blocks took 96 s. Summing each
    element's children once costs one visit per element, however deep the nesting.
    """
    order, stack = [], [root]
    while stack:  # document order: parents before their children
        node = stack.pop()
        order.append(node)
        stack.extend(reversed([child for child in node.contents if isinstance(child, Tag)]))
    sizes = Sizes({}, {}, set(), {})
    for index in range(len(order) - 1, -1, -1):
        node = order[index]
        text = linked = 0
        block = False
        last = index
        for child in node.contents:
            if isinstance(child, Tag):
                text += sizes.text[id(child)]
                linked += sizes.linked[id(child)]
                block = block or child.name in _BLOCK or id(child) in sizes.has_block
                last = sizes.place[id(child)][1]
            elif type(child) in Tag.MAIN_CONTENT_STRING_TYPES:  # what get_text counts: no comments, scripts
                text += len(child.strip())
        sizes.text[id(node)] = text
        sizes.linked[id(node)] = text if node.name == "a" else linked
        sizes.place[id(node)] = (index, last)
        if block:
            sizes.has_block.add(id(node))
    return sizes


def unwrap_layout_tables(soup: BeautifulSoup, sizes: Sizes) -> None:
    """Tables holding blocks, or mostly links (a menu bar), are layout: make them divs.

    A table inside a layout table is layout too, unless it is a grid of data: rows of
    several short cells stay a table, even when a CMS wraps each cell's text in a div.
    """
    unwrapped: set[int] = set()
    for table in soup.find_all("table"):
        text = sizes.text[id(table)]
        own = [part for part in table.find_all(_LAYOUT_PARTS[1:]) if part.find_parent("table") is table]
        mostly_links = text and sizes.linked[id(table)] / text > 0.5
        holds_layout = id(table) in sizes.has_block or any(id(parent) in unwrapped for parent in table.parents)
        if mostly_links or (holds_layout and not _is_data_table(table, own, sizes)):
            unwrapped.add(id(table))
            for part in [table, *own]:
                part.name = "div"
                part.attrs = {k: v for k, v in part.attrs.items() if k in ("id", "class")}


def _is_data_table(table: Tag, own: list[Tag], sizes: Sizes) -> bool:
    """Rows of several short cells and no table inside: a grid of data."""
    rows = [part for part in own if part.name == "tr"]
    cells = [part for part in own if part.name in ("td", "th")]
    if len(rows) < 3 or len(cells) < 2 * len(rows) or table.find("table"):
        return False
    lengths = sorted(sizes.text[id(cell)] for cell in cells)
    return lengths[len(lengths) // 2] <= _SHORT_CELL


def drop_named_boilerplate(soup: BeautifulSoup, sizes: Sizes) -> None:
    """Remove blocks named like comments, share bars, related lists or ads, before extraction.

    An extractor scores blocks by text and link density; a comment thread is dense text,
    so it is removed by its name instead. A block holding half the page's text is never
    removed: that is the article, whatever its container is called.
    """
    body = soup.body or soup
    total = sizes.text[id(body)] or 1
    removed_until = -1  # the last place in document order inside a block removed already
    for node in body.find_all(["div", "section", "aside", "ul", "ol", "span", "p", "form"]):
        start, end = sizes.place[id(node)]
        if start <= removed_until:
            continue
        names = " ".join([*node.get("class", []), node.get("id", "")])
        if names.strip() and _BOILERPLATE_NAME.search(names) and sizes.text[id(node)] < total / 2:
            node.decompose()
            removed_until = end


def drop_notices(soup: BeautifulSoup, sizes: Sizes) -> None:
    """Remove blocks that are a whole disclaimer or copyright notice (`【免责声明】本文仅代表…`).

    A notice is dense prose, so an extractor may even prefer it to a short article.
    """
    for node in (soup.body or soup).find_all(["p", "div", "span", "td", "section"]):
        if id(node) in sizes.has_block or sizes.text.get(id(node), 0) < _WHOLE_NOTICE:
            continue
        if NOTICE.match(node.get_text(strip=True)):
            node.decompose()
