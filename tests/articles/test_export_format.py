"""Export lines: CSV that Excel opens with Chinese intact and never runs a cell as a
formula; JSON Lines with every value as it is, one article per line."""
import csv
import io
import json

from articles.export_format import BOM, ExportRow, ExportTopic, csv_header, csv_line, jsonl_line, safe_cell

TRICKY = ExportRow(
    id=7, title='=HYPERLINK("http://evil.example","点我")', date="2015-03", date_label="2015年3月",
    date_precision="month", source="上海市电子商务行业协会", outlet="@电商观察", url="https://example.com/a?x=1,2",
    publication="电子商务资讯", issue="2015年3、4月合刊第2期", section="+重要消息", kind="article", kind_label="文章",
    published=False, site_url="http://127.0.0.1:8000/articles/7/",
    body='第一段，说“跨境电商”很重要, with "quotes".\n-10% 的增长\n\u2028第三段\x85第四段',
    topics=(ExportTopic("跨境电商", "kuajing", "about"), ExportTopic("大数据", "dashuju", "mentions"),
            ExportTopic("产业带", "chanyedai", "about")),
)


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_the_csv_starts_with_a_byte_order_mark_so_excel_reads_utf8():
    header = csv_header()
    assert header.startswith(BOM)
    assert read_csv(header[1:])[0][:3] == ["编号", "标题", "日期"]


def test_cells_that_would_run_as_formulas_are_shown_as_text():
    [cells] = read_csv(csv_line(TRICKY))
    assert cells[1] == "'=HYPERLINK(\"http://evil.example\",\"点我\")"
    assert cells[5] == "'@电商观察" and cells[9] == "'+重要消息"
    assert [safe_cell(v) for v in ("-1", "\tx", "\rx", "跨境", "1=1")] == ["'-1", "'\tx", "'\rx", "跨境", "1=1"]


def test_commas_quotes_and_newlines_survive_a_round_trip_through_csv():
    [cells] = read_csv(csv_line(TRICKY))
    assert cells[0] == "7" and cells[6] == "https://example.com/a?x=1,2"
    assert cells[-1] == TRICKY.body  # the body's first character is not a formula start: kept exactly
    assert cells[2:4] == ["2015年3月", "month"]
    assert cells[11:14] == ["跨境电商；产业带", "大数据", "否"]


def test_a_jsonl_line_is_one_json_object_holding_the_text_unchanged():
    line = jsonl_line(TRICKY)
    assert line.endswith("\n") and line.count("\n") == 1 and "\u2028" not in line and "\x85" not in line
    assert len(line.splitlines()) == 1  # not even str.splitlines cuts it
    record = json.loads(line)
    assert record["title"] == TRICKY.title and record["body"] == TRICKY.body and record["outlet"] == "@电商观察"
    assert record["date"] == {"value": "2015-03", "precision": "month", "label": "2015年3月"}
    assert record["topics"] == [
        {"term": "跨境电商", "slug": "kuajing", "strength": "about"},
        {"term": "大数据", "slug": "dashuju", "strength": "mentions"},
        {"term": "产业带", "slug": "chanyedai", "strength": "about"},
    ]
    assert "跨境电商" in line  # Chinese as itself, not \\u escapes


def test_an_undated_article_has_no_date_in_either_format():
    undated = ExportRow(**{**TRICKY.__dict__, "date": "", "date_label": "", "date_precision": "", "topics": ()})
    assert json.loads(jsonl_line(undated))["date"] is None
    assert read_csv(csv_line(undated))[0][2:4] == ["", ""]
