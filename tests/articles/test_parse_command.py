import json

import pytest
from django.core.management import CommandError, call_command

from articles.models import Document
from tests.conftest import SEED_000, SEEDS


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
