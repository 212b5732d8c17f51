"""The topic's trend chart has every quarter from the first to the last: an empty
quarter is a zero, not a gap that puts 2013Q4 next to 2015Q1."""
from datetime import UTC, datetime

import pytest

from articles.models import Article
from keywords.models import ArticleTopic, Topic
from keywords.selectors import periods_between

pytestmark = pytest.mark.django_db


def test_every_quarter_between_the_first_and_the_last_is_listed():
    first, last = datetime(2013, 11, 5), datetime(2015, 2, 1)
    assert periods_between(first, last, "quarter") == [
        "2013Q4", "2014Q1", "2014Q2", "2014Q3", "2014Q4", "2015Q1",
    ]
    assert periods_between(first, datetime(2014, 1, 1), "month") == ["2013-11", "2013-12", "2014-01"]


def test_the_chart_shows_empty_quarters_as_zero(client):
    topic = Topic.objects.get(slug="kuajing-dianshang")
    for when, mentions in ((datetime(2013, 12, 1, tzinfo=UTC), 3), (datetime(2014, 6, 1, tzinfo=UTC), 2)):
        article = Article.objects.create(title="跨境电商", body="跨境电商。", published_at=when, is_published=True)
        ArticleTopic.objects.create(article=article, topic=topic, mentions=mentions)
    response = client.get(topic.get_absolute_url())
    assert response.context["chart"] == {
        "labels": ["2013Q4", "2014Q1", "2014Q2"], "mentions": [3, 0, 2], "articles": [1, 0, 1], "about": [0, 0, 0],
    }
    assert '<th scope="row">2014Q1</th><td>0</td><td>0</td>' in response.content.decode()
