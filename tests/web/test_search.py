"""Search on whichever database the suite runs on (PostgreSQL in CI, SQLite by default)."""
import pytest
from django.urls import reverse

from articles.models import Article
from articles.pipeline import article_process

pytestmark = pytest.mark.django_db

TITLE_000 = "通过十大关键词，解读2013年中国B2B行业"


@pytest.fixture
def corpus(import_seed):
    import_seed()
    for title, body in [
        ("产业升级提速", "传统产业升级是今年的主题，各地产业园区纷纷招商。"),
        ("电商发展很快", "电商平台的交易额持续增长，零售电商也在下沉。"),
    ]:
        article = Article.objects.create(title=title, body=body, is_published=True)
        article_process(article_id=article.pk)


def titles(client, q, **params):
    response = client.get(reverse("articles:search"), {"q": q, **params})
    assert response.status_code == 200
    return response, [hit.article.title for hit in response.context["results"].hits]


@pytest.mark.parametrize("term", ["跨境电商", "产业带"])
def test_a_keyword_finds_the_articles_that_contain_it_and_not_its_parts(client, corpus, term):
    _, found = titles(client, term)
    assert found == [TITLE_000]


def test_a_part_of_a_keyword_finds_articles_with_that_word(client, corpus):
    _, found = titles(client, "产业")
    assert "产业升级提速" in found
    _, found = titles(client, "电商")
    assert "电商发展很快" in found


def test_results_have_highlighted_snippets(client, corpus):
    response, _ = titles(client, "跨境电商")
    page = response.content.decode()
    assert "<mark>跨境电商</mark>" in page


def test_exclusion_removes_articles(client, corpus):
    _, found = titles(client, "产业 -招商")
    assert "产业升级提速" not in found


def test_filters_narrow_the_results(client, corpus):
    _, found = titles(client, "电商", year="2013")
    assert found == [TITLE_000]
    _, found = titles(client, "跨境电商", topic="chanyedai")
    assert found == [TITLE_000]
    _, found = titles(client, "电商", kind="report")
    assert found == []


def test_latin_alias_search_is_case_insensitive(client, corpus):
    _, found = titles(client, "p4p")
    assert found == [TITLE_000]


@pytest.mark.parametrize(
    "q", ["！！！", "x" * 10_000, "跨境\x00电商", '"unbalanced', "<script>alert(1)</script>", "-", "OR OR", "'; DROP"]
)
def test_any_query_string_returns_a_page(client, corpus, q):
    response = client.get(reverse("articles:search"), {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_every_page_has_the_search_box(client, corpus):
    for url in ["/", "/years/2013/", Article.objects.first().get_absolute_url()]:
        assert 'role="search"' in client.get(url).content.decode()
