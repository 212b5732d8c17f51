"""What a person copying an article out of a page leaves behind, told by its words.

A main-text extractor judges blocks by their size and links; what it keeps may still
carry lines any reader knows are not the article: the breadcrumb (`您所在的位置：首页 >
…`), the site's disclaimer or copyright notice (`声明：…`, `【免责声明】…`, `反侵权公告：`),
a teaser for another article (`…【详细】`), and the lists that follow an article
(`相关新闻`, `为你推荐`). Pure text rules, shared by the page
extractor (before and after extraction).
"""
from __future__ import annotations

import re

# A notice opens with its own label; what follows it on a page is never the article.
NOTICE = re.compile(r"^\s*[【\[]?(?:免责声明|版权声明|郑重声明|特别声明|声明|反侵权公告|版权所有)[】\]]?\s*[：:】\]]")
_BREADCRUMB = re.compile(r"^\s*(?:您(?:现在)?所在的?位置|当前位置|所在位置)\s*[：:]")
_TEASER = re.compile(r"(?:[【\[](?:详细|详情|全文|更多)[】\]]|>>|》》)\s*$")
# Headings of what comes after an article: related, recommended, hot lists, comments.
_AFTER = re.compile(
    r"^\s*[【\[]?(?:相关(?:新闻|阅读|内容|文章|链接|推荐)|延伸阅读|推荐阅读|为你推荐|热点推荐|精彩推荐|热门推荐"
    r"|热点排行|点击排行|你可能(?:还)?(?:会)?喜欢|猜你喜欢|文章评论|发表评论|网友评论|最新评论)[】\]]?\s*[：:]?\s*$"
)


def trim_body(paragraphs: list[str]) -> list[str]:
    """The article's paragraphs without breadcrumbs, notices, teasers and the lists after it.

    A notice or a list heading ends the article once the article has begun (a sentence
    came before it); above the article it is only a line to drop.
    """
    kept: list[str] = []
    for paragraph in paragraphs:
        if _BREADCRUMB.match(paragraph) or _TEASER.search(paragraph):
            continue
        if NOTICE.match(paragraph) or _AFTER.match(paragraph):
            if is_prose(kept):
                break
            continue
        kept.append(paragraph)
    return kept


def is_prose(paragraphs: list[str]) -> bool:
    """Whether any paragraph is a sentence of some length: a metadata table or a menu is not."""
    return any(len(p) >= 30 and re.search(r"[。！？；]", p) for p in paragraphs)
