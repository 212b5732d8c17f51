"""Reading sources' feeds: RSS and Atom over the local server, broken and hostile XML."""
from datetime import UTC, datetime

import pytest

from articles.fetch import fetch
from articles.ingest import IngestError
from articles.ingest.feed import parse_feed
from articles.ingest.limits import run_with_time_limit
from chinese_text.dates import CHINA
from tests.articles.fetch.server import conditional, respond, serve

RSS = """<?xml version="1.0" encoding="gb2312"?>
<rss version="2.0"><channel>
<title>亿邦动力网 - B2B</title><link>http://www.ebrun.com/b2b/</link>
<item>
  <title>慧聪网上线B2B在线交易系统</title>
  <link>http://www.ebrun.com/20131030/85001.shtml</link>
  <guid isPermaLink="false">ebrun-85001</guid>
  <pubDate>Wed, 30 Oct 2013 10:21:00 CST</pubDate>
  <author>张华</author>
  <description><![CDATA[<p>慧聪网于10月底上线B2B在线交易系统。<script>alert(1)</script></p>]]></description>
</item>
<item>
  <title>敦煌网与招行发行联名卡</title>
  <link>http://www.ebrun.com/20130521/75002.shtml</link>
  <pubDate>Tue, 21 May 2013 14:03:00</pubDate>
  <description>敦煌网与招商银行联合发行联名一卡通。</description>
</item>
</channel></rss>
""".encode("gbk")

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>虎嗅网</title><id>tag:huxiu.com,2013:feed</id><updated>2013-12-19T17:44:00+08:00</updated>
  <entry>
    <title>通过十大关键词，解读2013年中国B2B行业</title>
    <id>tag:huxiu.com,2013:article-24694</id>
    <link rel="alternate" href="/article/24694.html"/>
    <published>2013-12-19T17:44:00+08:00</published>
    <updated>2013-12-20T09:00:00Z</updated>
    <author><name>B2B行业资讯</name></author>
    <summary>在线交易，互联网金融，大数据……</summary>
    <content type="html">&lt;p&gt;在线交易，互联网金融，大数据，线上线下结合，跨境电商。&lt;/p&gt;
      &lt;img src="/i/1.png" alt="示意图" onerror="x()"&gt;</content>
  </entry>
</feed>
""".encode()

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>http://example.cn/1</link></item></channel></rss>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title><link>http://example.cn/1</link></item></channel></rss>
"""

RECOVERABLE = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>broken & unescaped</title>
<item><title>B2B & O2O</title><link>http://example.cn/1.html</link></item>
<item><title>second</title><link>http://example.cn/2.html</link></item>
</channel></rss>
"""


def served_entries(route, path="/feed.xml"):
    with serve({path: route}) as server:
        result = fetch(server.url(path), allow_loopback=True, timeout=5)
        return parse_feed(result.body, url=result.final_url, content_type_header=result.content_type), server


def test_rss_entries_from_the_local_server():
    entries, _ = served_entries(respond(RSS, content_type="application/rss+xml"))
    first, second = entries
    assert first.id == "ebrun-85001"
    assert first.url == "http://www.ebrun.com/20131030/85001.shtml"
    assert first.title == "慧聪网上线B2B在线交易系统"
    assert first.author == "张华"
    assert "<script" not in first.summary_html and "慧聪网于10月底上线" in first.summary_html
    assert second.id == "http://www.ebrun.com/20130521/75002.shtml"  # no guid: the link


def test_cst_is_china_standard_time_and_no_zone_is_china():
    entries = parse_feed(RSS, url="http://www.ebrun.com/rss.xml")
    assert entries[0].published_at == datetime(2013, 10, 30, 10, 21, tzinfo=CHINA)
    assert entries[1].published_at == datetime(2013, 5, 21, 14, 3, tzinfo=CHINA)


def test_atom_entry_keeps_its_offset_content_and_absolute_links():
    entries, server = served_entries(respond(ATOM, content_type="application/atom+xml"), path="/atom.xml")
    (entry,) = entries
    assert entry.id == "tag:huxiu.com,2013:article-24694"
    assert entry.url == server.url("/article/24694.html")
    assert entry.published_at.isoformat() == "2013-12-19T17:44:00+08:00"
    assert entry.author == "B2B行业资讯"
    assert "跨境电商" in entry.content_html and "onerror" not in entry.content_html
    assert entry.summary_html == "在线交易，互联网金融，大数据……"


def test_second_poll_is_not_modified_and_parses_nothing():
    with serve({"/feed.xml": conditional(RSS, etag='"rss-1"')}) as server:
        first = fetch(server.url("/feed.xml"), allow_loopback=True, timeout=5)
        second = fetch(server.url("/feed.xml"), allow_loopback=True, timeout=5, etag=first.etag)
    assert len(parse_feed(first.body, url=first.final_url)) == 2
    assert second.not_modified and second.body == b""


def test_billion_laughs_is_refused_without_expanding():
    with pytest.raises(IngestError) as caught:
        parse_feed(BILLION_LAUGHS, url="http://example.cn/feed")
    assert "实体" in str(caught.value)


def test_billion_laughs_in_utf16_is_refused():
    with pytest.raises(IngestError):
        parse_feed(BILLION_LAUGHS.decode().replace('version="1.0"', 'version="1.0" encoding="utf-16"').encode("utf-16"))


def test_external_entity_is_refused():
    with pytest.raises(IngestError):
        parse_feed(EXTERNAL_ENTITY, url="http://example.cn/feed")


def test_entity_feed_served_by_the_local_server_is_refused():
    with serve({"/lol.xml": respond(BILLION_LAUGHS, content_type="application/rss+xml")}) as server:
        result = fetch(server.url("/lol.xml"), allow_loopback=True, timeout=5)
    with pytest.raises(IngestError):
        parse_feed(result.body, url=result.final_url)


def test_recoverable_breakage_keeps_the_entries():
    entries = parse_feed(RECOVERABLE, url="http://example.cn/feed")
    assert [e.url for e in entries] == ["http://example.cn/1.html", "http://example.cn/2.html"]


def test_malformed_xml_without_entries_is_a_clear_error():
    with pytest.raises(IngestError) as caught:
        parse_feed(b'<?xml version="1.0"?><rss><channel><title>oops</channel>', url="http://example.cn/feed")
    assert "http://example.cn/feed" in str(caught.value)


def test_html_page_is_not_a_feed():
    with pytest.raises(IngestError):
        parse_feed("<html><body><p>这不是订阅源</p></body></html>".encode(), url="http://example.cn/")


def test_empty_but_valid_feed_has_no_entries():
    assert parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>') == []


def test_entry_without_id_or_link_gets_a_stable_id():
    feed = b'<rss version="2.0"><channel><item><title>only a title</title></item></channel></rss>'
    first, again = parse_feed(feed, url="http://example.cn/f"), parse_feed(feed, url="http://example.cn/f")
    assert first[0].id == again[0].id and first[0].id.startswith("sha1:")


def test_utc_dates_stay_utc():
    feed = b"""<rss version="2.0"><channel><item><title>t</title><link>http://example.cn/1</link>
    <pubDate>Thu, 19 Dec 2013 09:44:00 GMT</pubDate></item></channel></rss>"""
    (entry,) = parse_feed(feed)
    assert entry.published_at == datetime(2013, 12, 19, 9, 44, tzinfo=UTC)


def test_only_the_entries_asked_for_are_read_from_a_huge_feed():
    items = "".join(f"<item><title>条目{n}</title><link>https://example.com/a/{n}.html</link></item>"
                    for n in range(100_000))
    data = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()
    # feedparser took most of a minute over all 100,000; the first 500 take a fraction of a second
    entries = run_with_time_limit(parse_feed, data, url="https://example.com/feed.xml", max_entries=500, seconds=10)
    assert [e.url for e in entries] == [f"https://example.com/a/{n}.html" for n in range(500)]


def test_an_entity_declaration_is_refused_even_when_entries_are_capped():
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel><item><title>&a;</title></item>'
    with pytest.raises(IngestError, match="实体"):
        parse_feed(bomb + b"</channel></rss>", url="https://example.com/feed.xml", max_entries=1)
