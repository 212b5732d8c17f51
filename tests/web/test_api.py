import pytest

pytestmark = pytest.mark.django_db

TITLE = "通过十大关键词，解读2013年中国B2B行业"


@pytest.fixture
def seeded(import_seed):
    import_seed()


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:300]
    return response.json()


def test_topics_with_aliases_and_years(client):
    topics = {t["term"]: t for t in get(client, "/api/topics")}
    assert len(topics) == 10
    assert "P4P" in topics["为效果付费"]["aliases"]
    assert topics["为效果付费"]["years"] == [{"year": 2013, "rank": 9}]


def test_a_years_keywords_in_order_with_counts(client, seeded):
    year = get(client, "/api/years/2013")
    assert [k["rank"] for k in year["keywords"]] == list(range(1, 11))
    assert all(k["articles_in_year"] == 1 for k in year["keywords"])


def test_topic_detail_articles_and_mentions(client, seeded):
    topic = get(client, "/api/topics/chanyedai")
    assert topic["mentions_by_year"] == [{"year": 2013, "about": 1, "articles": 1, "mentions": 12}]
    page = get(client, "/api/topics/chanyedai/articles")
    assert page["count"] == 1 and page["items"][0]["title"] == TITLE


def test_articles_are_paginated_and_filtered(client, seeded):
    assert get(client, "/api/articles")["count"] == 1
    assert get(client, "/api/articles?year=2014")["count"] == 0
    article_id = get(client, "/api/articles")["items"][0]["id"]
    article = get(client, f"/api/articles/{article_id}")
    assert article["url"] == "https://www.huxiu.com/article/24694"
    assert "chanyedai" in article["topics"]


def test_search_returns_hits_with_snippets(client, seeded):
    result = get(client, "/api/search?q=产业带")
    assert result["total"] == 1
    assert "<mark>产业带</mark>" in result["hits"][0]["snippet"]


def test_unknown_things_are_404_not_errors(client):
    get(client, "/api/topics/nope", 404)
    get(client, "/api/articles/999999", 404)
    get(client, "/api/years/1999", 404)


def test_the_schema_and_its_docs_page_are_served_without_a_cdn(client):
    schema = get(client, "/api/openapi.json")
    assert "/api/topics" in schema["paths"] and "/api/search" in schema["paths"]
    page = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
