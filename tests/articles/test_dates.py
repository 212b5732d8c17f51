"""The ISO form of a date cut to its precision (the label is chinese_text.dates'): what
`<time datetime>` and the API carry."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from articles.dates import date_iso


@pytest.mark.parametrize(
    ("precision", "iso"), [("year", "2015"), ("quarter", "2015"), ("month", "2015-03"), ("day", "2015-03-01")]
)
def test_a_date_is_given_no_finer_than_it_is_known(precision, iso):
    assert date_iso(date(2015, 3, 1), precision) == iso


def test_a_time_to_the_minute_keeps_its_offset():
    when = datetime(2013, 12, 19, 17, 44, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert date_iso(when, "minute") == "2013-12-19T17:44+08:00"
