"""Books, laws and short research notes read as reports, without forcing the structure.

The texts are PRC law articles (outside copyright, Copyright Law art. 5) and sentences
written for these tests; the research note is laid out as a real PDF by `make_pdf`.
"""
import re
from pathlib import Path

import pytest

from articles.ingest import parse_document
from articles.ingest.report import fit
from articles.ingest.structure import detect_structure
from tests.articles.ingest.makefiles import NEWSLETTER, make_pdf, seed_text

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
NUMERALS = "一二三四五六七八九十"


def chinese(n: int) -> str:
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + ("十" if tens else "") + (NUMERALS[ones - 1] if ones else "")


def parse(text: str, name: str = "doc.txt"):
    return parse_document(text.encode("utf-8"), name, time_limit=None)


# 拍卖法 (2015): chapters 3 and 4 hold only 节; 第X条 continue their chapter.
AUCTION_LAW = """# 中华人民共和国拍卖法

1996年7月5日 第八届全国人民代表大会常务委员会第二十次会议通过

2015年4月24日 第十二届全国人民代表大会常务委员会第十四次会议《关于修改<中华人民共和国电力法>等六部法律的决定》第二次修正

## 第一章　总则

第一条 为了规范拍卖行为，维护拍卖秩序，保护拍卖活动各方当事人的合法权益，制定本法。

第二条 本法适用于中华人民共和国境内拍卖企业进行的拍卖活动。

## 第二章　拍卖标的

第六条 拍卖标的应当是委托人所有或者依法可以处分的物品或者财产权利。

## 第三章　拍卖当事人

### 第一节　拍卖人

第十条 拍卖人是指依照本法和《中华人民共和国公司法》设立的从事拍卖活动的企业法人。

第十二条 企业申请取得从事拍卖业务的许可，应当具备下列条件：

（一）有一百万元人民币以上的注册资本；

（二）有自己的名称、组织机构、住所和章程；

### 第二节　委托人

第二十三条 委托人是指委托拍卖人拍卖物品或者财产权利的公民、法人或者其他组织。

## 第四章　附则

第六十七条 本法自1997年1月1日起施行。
"""


def test_a_law_reads_chapters_and_the_sections_of_a_chapter_without_text_of_its_own():
    parsed = parse(AUCTION_LAW, "law.md")
    assert parsed.kind == "report"
    assert [(i.number, i.title, i.section) for i in parsed.items] == [
        ("1", "总则", "总则"),
        ("2", "拍卖标的", "拍卖标的"),
        ("3.1", "拍卖人", "拍卖当事人"),
        ("3.2", "委托人", "拍卖当事人"),
        ("4", "附则", "附则"),
    ]


def test_a_laws_articles_and_clauses_continue_their_item():
    item = parse(AUCTION_LAW, "law.md").items[2]
    assert item.body.startswith("第十条 拍卖人是指")
    assert "（二）有自己的名称、组织机构、住所和章程；" in item.body.split("\n")


def test_a_laws_title_issuer_and_date_come_from_its_head():
    parsed = parse(AUCTION_LAW, "law.md")
    assert parsed.title == "中华人民共和国拍卖法"
    assert parsed.source_name == "全国人民代表大会常务委员会"
    assert (parsed.published_at.date().isoformat(), parsed.date_precision) == ("1996-07-05", "day")
    assert all("#" not in item.title for item in parsed.items)


def book(chapters: int) -> str:
    lines = ["数字贸易札记", "", "前言", "", "这本小书记下了十年来在外贸企业里的所见所闻。", ""]
    for n in range(1, chapters + 1):
        lines += [f"第{chinese(n)}章：第{n}个故事", "", f"这是第{n}章的正文，讲一家工厂怎样把货卖到海外。", "",
                  f"它的第{n}位老板说：“先把样品做好。”", ""]
    lines += ["后记", "", "感谢每一位接受采访的人。"]
    return "\n".join(lines)


def test_a_book_with_twenty_four_colon_chapters_is_a_report_of_twenty_four_chapters():
    parsed = parse(book(24))
    chapters = [i for i in parsed.items if i.number]
    assert parsed.kind == "report"
    assert [i.number for i in chapters] == [str(n) for n in range(1, 25)]
    assert chapters[23].title == "第24个故事"
    assert chapters[0].body == "这是第1章的正文，讲一家工厂怎样把货卖到海外。\n它的第1位老板说：“先把样品做好。”"


def test_a_books_foreword_and_afterword_are_named_parts():
    parsed = parse(book(3))
    assert parsed.title == "数字贸易札记"
    assert (parsed.items[0].title, parsed.items[0].kind) == ("前言", "foreword")
    assert parsed.items[-1].title == "后记" and parsed.items[-1].body == "感谢每一位接受采访的人。"


def test_a_chapter_titled_like_a_named_part_stays_a_chapter():
    text = "\n".join(["阿Ｑ正传", "", "　　第一章　序", "", "　　我要给阿Ｑ做正传，已经不止一两年了。", "",
                      "　　第二章　优胜记略", "", "　　阿Ｑ不独是姓名籍贯有些渺茫。", "",
                      "　　第三章　续优胜记略", "", "　　然而阿Ｑ虽然常优胜。"])
    parsed = parse(text)
    assert [(i.number, i.title, i.kind) for i in parsed.items] == [
        ("1", "序", "chapter"), ("2", "优胜记略", "chapter"), ("3", "续优胜记略", "chapter")]
    assert parsed.title == "阿Ｑ正传"


def test_a_contents_list_is_matched_against_the_body_and_is_never_an_item():
    contents = "目录\n第一章 总则 1\n第二章 拍卖标的 3\n第三章 附则 5\n"
    text = contents + "\n".join([
        "第一章 总则", "第一条 为了规范拍卖行为，制定本法。", "第二章 拍卖标的",
        "第六条 拍卖标的应当是委托人所有的物品。", "第三章 附则", "第六十七条 本法自公布之日起施行。",
    ])
    parsed = parse(text)
    assert [(i.number, i.title) for i in parsed.items] == [("1", "总则"), ("2", "拍卖标的"), ("3", "附则")]
    assert all("目录" not in i.body for i in parsed.items)


NOTE_PAGES = [
    "\n".join([
        "A股市场中的拍卖与竞买",
        "——拍卖研究评论（2）",
        "2021 年 03 月 15 日",
        "王明（分析师）",
        "拍卖行业在过去十年里稳步发展，本报告讨论拍卖人与委托人的关系。",
    ]),
    "\n".join([
        "目录",
        "1、 拍卖人的条件 ........................ 3",
        "2、 委托人的义务 ........................ 3",
        "2.1、 保留价 ............................ 4",
        "2.2、 瑕疵说明 .......................... 4",
    ]),
    "\n".join([
        "1、 拍卖人的条件",
        "拍卖人是指依照本法和《中华人民共和国公司法》设立的从事拍卖活动的企业法人。" * 3,
        "企业申请取得从事拍卖业务的许可，应当具备下列条件："
        + "".join(f"第{chinese(n)}，有与第{n}类拍卖业务相适应的拍卖师和其他工作人员，" for n in range(1, 60))
        + "有符合本法和其他有关法律规定的拍卖业务规则。",
        "图 1：拍卖企业数量",
        "2、 委托人的义务",
        "2.1、 保留价",
        "委托人有权确定拍卖标的的保留价并要求拍卖人保密。拍卖国有资产，依照法律或者按照国务院规定需要评估的，"
        "应当经依法设立的评估机构评估，并根据评估结果确定拍卖标的的保留价。" * 2,
        "2.2、 瑕疵说明",
        "委托人应当向拍卖人说明拍卖标的的来源和瑕疵。拍卖人应当向竞买人说明拍卖标的的瑕疵。" * 2,
    ]),
    "\n".join([
        "法律声明",
        "本报告仅供本公司的客户使用。本公司不会因接收人收到本报告而视其为客户。",
    ]),
]
RUNNING_HEADER = "请务必阅读正文之后的信息披露和法律声明"


@pytest.fixture(scope="module")
def note():
    pdf = make_pdf("\f".join(NOTE_PAGES), header=RUNNING_HEADER, footer="{page} / {pages}")
    return parse_document(pdf, "note.pdf", time_limit=None)


def test_a_research_note_pdf_is_a_report_of_its_numbered_chapters(note):
    assert note.kind == "report"
    assert [(i.number, i.title, i.section) for i in note.items] == [
        ("1", "拍卖人的条件", "拍卖人的条件"),
        ("2.1", "保留价", "委托人的义务"),
        ("2.2", "瑕疵说明", "委托人的义务"),
    ]


def test_a_notes_title_date_and_series_come_from_its_first_page_not_its_running_header(note):
    assert note.title == "A股市场中的拍卖与竞买"
    assert note.issue_label == "拍卖研究评论（2）"
    assert (note.published_at.date().isoformat(), note.date_precision) == ("2021-03-15", "day")


def test_running_headers_page_marks_covers_contents_and_disclaimers_are_never_items_or_text(note):
    text = "\n".join(i.title + "\n" + i.body for i in note.items)
    for debris in (RUNNING_HEADER, "目录", "法律声明", "本报告仅供", "王明"):
        assert debris not in text
    assert not re.search(r"\d+ / \d+", text)


def test_a_paragraph_across_a_page_break_stays_one_paragraph_of_one_item(note):
    first = note.items[0]
    paragraphs = first.body.split("\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("拍卖人是指") and paragraphs[1].startswith("企业申请取得")
    assert paragraphs[1].endswith("有符合本法和其他有关法律规定的拍卖业务规则。")
    assert first.captions == ["图1：拍卖企业数量"]


DOCUMENTS = Path(__file__).resolve().parents[2] / "fixtures" / "documents"
NEWS_WITH_NUMBERED_HEADINGS = [
    "跨境电商出口持续增长", "2024年3月20日", "今年以来，我国跨境电商出口保持较快增长，多地出台支持政策。",
    "一、政策持续发力", "海关总署推出多项便利措施，通关时间明显缩短。", "二、企业加快出海",
    "越来越多的工厂开设海外店铺。", "三、服务体系完善", "海外仓数量超过两千个。",
]


def test_a_pdf_note_with_a_dated_title_block_above_flat_chapters_is_a_report():
    """一、二、三 alone is weak evidence, but a first page that sets a title, a byline and
    a date on their own lines right above the chapters is a short report's cover."""
    text = (DOCUMENTS / "research_note.txt").read_text(encoding="utf-8")
    pdf = make_pdf(text, header="请务必阅读正文之后的信息披露和法律声明", footer="{page} / {pages}", font_size=18)
    parsed = parse_document(pdf, "note.pdf", time_limit=None)
    assert parsed.kind == "report"
    assert parsed.title == "产业带数字化跟踪：五金与家纺采购回暖"
    assert parsed.published_at.date().isoformat() == "2024-03-20"
    assert [i.title for i in parsed.items] == [
        "核心观点", "五金产业带：询盘回升，小单为主", "家纺产业带：店铺增加，转化待提升"
    ]


def test_a_dated_news_story_in_a_pdf_with_numbered_sub_headings_is_not_a_report():
    parsed = parse_document(make_pdf("\n".join(NEWS_WITH_NUMBERED_HEADINGS)), "news.pdf", time_limit=None)
    assert parsed.kind == "article"


@pytest.mark.parametrize("text", [
    # a newsletter issue
    pytest.param(lambda: seed_text(NEWSLETTER), id="newsletter-004"),
    # a single news article whose sub-headings are numbered
    pytest.param(lambda: "\n".join([
        "跨境电商出口持续增长", "本报记者 李华", "今年以来，我国跨境电商出口保持较快增长。",
        "一、政策持续发力", "海关总署推出多项便利措施。", "二、企业加快出海", "越来越多的工厂开设海外店铺。",
        "三、服务体系完善", "海外仓数量超过两千个。"]), id="news-article"),
    # a list of numbered links, as a digest prints it
    pytest.param(lambda: "\n".join(f"{n}、[第{n}条新闻的标题](https://example.com/{n})" for n in range(1, 9)),
                 id="numbered-links"),
])
def test_news_newsletters_and_link_lists_do_not_fit_a_report(text):
    assert fit(text()) < 0.5


@pytest.mark.skipif(not (SHARED / "corpus" / "digests").is_dir(), reason="corpus digests absent")
def test_the_corpus_news_digests_do_not_fit_a_report():
    for path in sorted((SHARED / "corpus" / "digests").glob("*.md")):
        assert fit(path.read_text(encoding="utf-8")) < 0.5, path.name
        assert detect_structure(path.read_text(encoding="utf-8")) != "report", path.name
