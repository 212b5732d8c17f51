from datetime import UTC, datetime

import pytest

from articles.templatetags.dates import date_at


@pytest.mark.parametrize(
    "precision, shown",
    [("year", "2013年"), ("month", "2013年12月"), ("day", "2013年12月19日"), ("minute", "2013年12月19日 00:30")],
)
def test_a_stored_date_is_shown_in_china_as_precisely_as_it_was_written(precision, shown):
    assert date_at(datetime(2013, 12, 18, 16, 30, tzinfo=UTC), precision) == shown


def test_no_date_shows_nothing():
    assert date_at(None, "day") == ""
