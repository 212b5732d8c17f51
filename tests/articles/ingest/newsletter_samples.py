"""Another association's issue, laid out unlike seed 004, from seed 004's own texts.

The shape is the one that failed on a real newsletter: no contents list; sections
(本期关注, 产业透视, 网商实战, 协会动态); most articles closed by a `（来源：…http…）`
line, in the several forms associations print; sub-headings and numbered steps inside
articles; image placeholders; a byline at the start of a paragraph; two articles of the
association's own with no source line, in a section of their own; a masthead with the
name, the association, `2013年第1期（总第25期）` and a month; a colophon. The articles'
texts are seed 004's, cut from the seed between each title and its source line, so the
expected items are known without running the parser. No Django here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .makefiles import NEWSLETTER, seed_paragraphs, seed_text


@dataclass
class Article:
    section: str
    title: str  # the title in the seed, printed again as the article's title
    source: str  # the source line printed after it, "" for none
    url: str = ""
    outlet: str = ""
    date: str = ""  # the date the item should carry (its own, or the issue's month)
    inserts: dict[int, str] | None = None  # paragraph index -> line put before it (sub-heading, image)


ISSUE_MONTH = "2013-01"
ARTICLES = [
    Article(
        "本期关注",
        "李克强：制定“互联网+”计划 已设立400亿元基金",
        "（来源：网易科技 http://tech.163.com/15/0305/10/AJQ7H4OR00094P0U.html）",
        "http://tech.163.com/15/0305/10/AJQ7H4OR00094P0U.html",
        "网易科技",
        ISSUE_MONTH,
        {3: "[image: image1.jpg]"},
    ),
    Article(
        "本期关注",
        "李克强主持召开国务院常务会议确定加快发展电子商务的措施 培育经济新动力",
        "（来源：中国政府网 http://www.gov.cn/guowuyuan/2015-04/01/content_2841598.htm）",
        "http://www.gov.cn/guowuyuan/2015-04/01/content_2841598.htm",
        "中国政府网",
        "2015-04-01",
        {1: "部署加快发展电子商务", 4: "打击假货、窜货，规范集市秩序"},
    ),
    Article(
        "产业透视",
        "上海与腾讯战略合作 共建“互联网+”智慧城市",
        "（本文转载自腾讯科技:http://tech.qq.com/a/20150402/046312.htm）",
        "http://tech.qq.com/a/20150402/046312.htm",
        "腾讯科技",
        "2015-04-02",
        {0: "[图片]", 2: "合作基础"},
    ),
    Article(
        "产业透视",
        "“互联网+”的12个风口行业",
        "（转载自http://www.100ec.cn/detail--6239817.html）",
        "http://www.100ec.cn/detail--6239817.html",
        "中国电子商务研究中心",
        ISSUE_MONTH,
    ),
    Article(
        "产业透视",
        "我国电子商务发展存在的六大方面特点",
        "（中国电子商务研究中心2015年4月2日http://www.100ec.cn/detail--6240001.html）",
        "http://www.100ec.cn/detail--6240001.html",
        "中国电子商务研究中心",
        "2015-04-02",
        {2: "1.找到目标用户", 3: "2.做好农村物流"},
    ),
    Article(
        "网商实战",
        "制胜全球电商市场的七大黄金法则",
        "（来源：雨果网 http://www.cifnews.com/Article/2015/03/12/13950.html）",
        "http://www.cifnews.com/Article/2015/03/12/13950.html",
        "雨果网",
        "2015-03-12",
        {5: "[image: image10.jpg]"},
    ),
    Article(
        "网商实战",
        "B2C 电商平台的十大发展趋势",
        "原文链接：http://business.sohu.com/20150401/n410679093.shtml",
        "http://business.sohu.com/20150401/n410679093.shtml",
        "搜狐网",
        "2015-04-01",
    ),
    Article("协会动态", "李克强主持召开国务院常务会议部署完善消费品进出口相关政策", "", date=ISSUE_MONTH),
    Article("协会动态", "上海诚兑金融信息服务有限公司", "", date=ISSUE_MONTH),
]

MASTHEAD = [
    "ONLINE MERCHANTS ASSOCIATION NEWSLETTER",
    "网商通讯",
    "2013年第1期（总第25期）",
    "某市网商协会秘书处编印",
    "2013年1月",
]
COLOPHON = ["编辑：王某", "主办：某市网商协会", "地址：某市某路1号  电话：000-00000000"]


def _seed_body() -> list[str]:
    """Seed 004's paragraphs after its contents list."""
    paragraphs = seed_paragraphs(seed_text(NEWSLETTER))
    start = next(i for i, p in enumerate(paragraphs) if p == "【编辑寄语】" and i > 10)
    return paragraphs[start:]


def _squash(text: str) -> str:
    return "".join(text.split())


def article_paragraphs(title: str) -> list[str]:
    """The seed's paragraphs of one article: after its title line, up to its source line
    or the next article's title."""
    body = _seed_body()
    at = next(i for i, p in enumerate(body) if _squash(p).startswith(_squash(title)[:16]))
    out = []
    for p in body[at + 1 :]:
        if p.startswith(("(来源", "（来源", "(摘自", "（摘自", "【", "上海义天")):
            break
        out.append(p)
    return [p for p in out if not p.startswith(("编辑：", "责任编辑"))]


def issue_text(*, source_under_title: bool = False) -> str:
    """The whole issue as a text file: one paragraph a line, a blank line between.
    `source_under_title`: each source line printed right under its title instead of
    after the text, as some associations do."""
    lines = list(MASTHEAD)
    section = ""
    for article in ARTICLES:
        if article.section != section:
            section = article.section
            lines.append(f"【{section}】")
        lines.append(article.title)
        if article.source and source_under_title:
            lines.append(article.source)
        for n, paragraph in enumerate(article_paragraphs(article.title)):
            if article.inserts and n in article.inserts:
                lines.append(article.inserts[n])
            if n == 1 and article.title.startswith("我国"):
                paragraph = "【亿邦动力网讯】" + paragraph  # a byline opens a paragraph: not a section
            lines.append(paragraph)
        if article.source and not source_under_title:
            lines.append(article.source)
    lines.extend(COLOPHON)
    return "\n\n".join(lines) + "\n"
