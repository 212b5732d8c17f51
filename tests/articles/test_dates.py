"""One label and one ISO form per precision: what pages, feeds and the API say."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from articles.dates import date_iso, date_label

CHINA = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("precision", "label", "iso"),
    [
        ("year", "2015年", "2015"),
        ("quarter", "2015年第1季度", "2015"),
        ("month", "2015年3月", "2015-03"),
        ("day", "2015年3月1日", "2015-03-01"),
    ],
)
def test_a_date_is_shown_no_finer_than_it_is_known(precision, label, iso):
    assert date_label(date(2015, 3, 1), precision) == label
    assert date_iso(date(2015, 3, 1), precision) == iso


def test_a_time_to_the_minute_keeps_its_offset():
    when = datetime(2013, 12, 19, 17, 44, tzinfo=CHINA)
    assert date_label(when, "minute") == "2013年12月19日 17:44"
    assert date_iso(when, "minute") == "2013-12-19T17:44+08:00"


def test_a_month_is_never_shown_as_its_first_day():
    assert "1日" not in date_label(datetime(2015, 3, 1, tzinfo=CHINA), "month")
