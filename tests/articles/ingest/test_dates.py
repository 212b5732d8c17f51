import pytest

from articles.ingest.dates import parse_published


@pytest.mark.parametrize(
    ("value", "iso", "precision"),
    [
        ("2013-12-19 17:44", "2013-12-19T17:44:00+08:00", "minute"),
        ("2013-12-19", "2013-12-19T00:00:00+08:00", "day"),
        ("2015年4月1日", "2015-04-01T00:00:00+08:00", "day"),
        ("2015 年 4 月", "2015-04-01T00:00:00+08:00", "month"),
        ("2013-12-19T09:44:00+00:00", "2013-12-19T09:44:00+00:00", "minute"),
    ],
)
def test_dates_as_chinese_outlets_write_them(value, iso, precision):
    when, found_precision = parse_published(value)
    assert when.isoformat() == iso
    assert found_precision == precision


@pytest.mark.parametrize("value", ["", "昨天", "2013-13-45"])
def test_unreadable_dates_are_none(value):
    assert parse_published(value)[0] is None
