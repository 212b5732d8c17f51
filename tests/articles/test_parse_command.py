import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Document
from tests.articles.ingest.makefiles import NEWSLETTER
from tests.conftest import SEED_000, SEEDS

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def test_parse_prints_the_documented_json_without_touching_the_database(capsys):
    # No django_db mark: any query here would fail the test.
    call_command("parse", str(SEEDS / SEED_000), "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["kind"] == "article"
    assert out["metadata"]["date"] == "2013-12-19"
    item = out["items"][0]
    assert item["title"] == "通过十大关键词，解读2013年中国B2B行业"
    assert item["attribution"]["url"] == "https://www.huxiu.com/article/24694"
    assert item["body_length"] > 4000 and len(item["start"]) == 80
    assert set(item) >= {"section", "title", "attribution", "body_length", "start"}


def test_parse_without_json_prints_one_line_per_item(capsys):
    call_command("parse", str(SEEDS / SEED_000))
    assert "1. [article] 通过十大关键词" in capsys.readouterr().out


def test_an_unreadable_file_is_a_clear_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="empty.txt：.*是空文件"):
        call_command("parse", str(path))


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="无法读取"):
        call_command("parse", str(tmp_path / "nope.pdf"))


@pytest.mark.django_db
def test_parse_stores_nothing(tmp_path):
    call_command("parse", str(SEEDS / SEED_000), "--json")
    assert Document.objects.count() == 0


def test_body_option_puts_each_items_whole_text_in_the_json(capsys):
    call_command("parse", str(SEEDS / SEED_000), "--json", "--body")
    item = json.loads(capsys.readouterr().out)["items"][0]
    assert len(item["body"]) == item["body_length"] and item["body"].startswith(item["start"])


def test_json_leaves_the_body_out_unless_asked(capsys):
    call_command("parse", str(SEEDS / SEED_000), "--json")
    assert "body" not in json.loads(capsys.readouterr().out)["items"][0]


def test_json_gives_each_structures_fit(capsys):
    call_command("parse", str(SEEDS / NEWSLETTER), "--json")
    fits = json.loads(capsys.readouterr().out)["fits"]
    assert fits["newsletter"] >= 0.5 and set(fits) >= {"newsletter", "report"}


def test_human_output_shows_the_fits_and_with_body_each_items_text(capsys):
    call_command("parse", str(SEEDS / NEWSLETTER), "--body")
    out = capsys.readouterr().out
    assert "结构匹配度：newsletter 0.90" in out
    assert "李克强: 制定“互联网+”计划 已设立400亿元基金" in out and out.count("\n") > 200


def test_a_saved_web_page_is_parsed_as_the_fetcher_reads_it(capsys):
    call_command("parse", str(PAGES / "saved_news.html"), "--json", "--body")
    out = json.loads(capsys.readouterr().out)
    item = out["items"][0]
    assert out["kind"] == "article" and item["title"] == "义乌小商品城上线跨境B2B撮合平台 首月成交额超三亿元"
    assert out["metadata"]["date"] == "2024-03-18" and out["metadata"]["date_precision"] == "minute"
    assert item["attribution"]["url"] == "https://www.b2bguancha.example.cn/chanye/2024/0318/10245.html"
    assert "分享到" not in item["body"] and "相关阅读" not in item["body"]
