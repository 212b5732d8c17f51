"""A page's headline, date and author, read as an editor would read them off the page."""
from articles.ingest.webpage import parse_webpage

PARAGRAPHS = "".join(
    f"<p>{text}</p>"
    for text in (
        "记者日前从义乌市商务部门获悉，跨境B2B撮合平台运行首月，累计撮合成交额超过三亿元，入驻境外采购商四千余家。",
        "业内人士认为，产业带与跨境电商的结合正在改变中小外贸企业的获客方式，询盘转化率明显提高。",
        "据了解，下一步平台将接入海外仓和物流服务，并与当地金融机构合作，为中小商户提供订单融资。",
    )
)


def page(head: str = "", top: str = "", info: str = "") -> bytes:
    html = (
        f"<html><head><meta charset='utf-8'><title>跨境撮合平台首月成交超三亿 - 示例网</title>{head}</head><body>"
        f"{top}<div class='article'><h2>跨境撮合平台首月成交超三亿</h2>{info}<div class='text'>{PARAGRAPHS}</div></div>"
        "</body></html>"
    )
    return html.encode()


def parsed(data: bytes):
    return parse_webpage(data, url="", content_type_header=None)


def test_a_site_logo_in_an_h1_link_is_not_the_headline():
    data = page(top="<div class='logo'><h1><a href='/'>示例网</a></h1></div>")
    assert parsed(data).title == "跨境撮合平台首月成交超三亿"


def test_the_article_title_meta_of_chinese_cms_pages_is_the_headline():
    assert parsed(page(head="<meta name='ArticleTitle' content='义乌跨境平台上线'>")).title == "义乌跨境平台上线"


def test_a_meta_author_that_is_the_site_or_an_account_number_gives_way_to_the_byline():
    for meta in ("示例网", "104363"):
        info = "<div>2024-03-18 09:30 来源：示例网 作者：李明远</div>"
        assert parsed(page(head=f"<meta name='author' content='{meta}'>", info=info)).author == "李明远"


def test_a_label_after_an_empty_field_is_not_its_value():
    data = page(info="<div>文： 时间：2024-03-18 09:30</div>")
    assert parsed(data).author == ""


def test_a_date_and_time_standing_alone_on_the_page_is_its_date():
    item = parsed(page(top="<div>2004-12-10 11:55:08</div>"))
    assert item.published_at.isoformat() == "2004-12-10T11:55:08+08:00" and item.date_precision == "minute"


def test_the_reporter_named_at_the_end_of_the_text_is_the_author():
    closing = "<p>南美站活动将先后在巴西、乌拉圭、阿根廷举行，主题为“走丝绸之路，促合作共赢”。（张巨峰）</p>"
    data = page().replace(b"</div></div></body>", closing.encode() + b"</div></div></body>")
    assert parsed(data).author == "张巨峰"


def test_a_source_at_the_end_of_the_text_is_not_an_author():
    closing = "<p>总体来看，全县投资结构趋稳趋优，三次产业投资占比与去年基本持平。（德清县发改局）</p>"
    data = page().replace(b"</div></div></body>", closing.encode() + b"</div></div></body>")
    assert parsed(data).author == ""


def test_a_label_alone_in_its_element_takes_the_next_as_its_value():
    info = "<div><span>信息来源：</span><span>省发改委</span></div>"
    item = parsed(page(info=info))
    assert item.attribution is not None and item.attribution.outlet == "省发改委"
