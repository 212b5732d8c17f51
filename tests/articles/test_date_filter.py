from datetime import UTC, datetime

import pytest

from articles.models import Article
from articles.templatetags.dates import dated


@pytest.mark.parametrize(
    "precision, shown",
    [
        ("year", '<time datetime="2013">2013年</time>'),
        ("month", '<time datetime="2013-12">2013年12月</time>'),
        ("day", '<time datetime="2013-12-19">2013年12月19日</time>'),
        ("minute", '<time datetime="2013-12-19T00:30+08:00">2013年12月19日 00:30</time>'),
    ],
)
def test_a_stored_date_is_shown_in_china_as_precisely_as_it_was_written(precision, shown):
    article = Article(published_at=datetime(2013, 12, 18, 16, 30, tzinfo=UTC), date_precision=precision)
    assert dated(article) == shown


def test_no_date_shows_nothing():
    assert dated(Article(published_at=None)) == ""
