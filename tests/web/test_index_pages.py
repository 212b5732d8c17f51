"""/topics/ lists every topic by the years whose list it is on, with ranks and counts;
/years/ lists every year's keywords; both are in every page's navigation."""
import pytest
from django.urls import reverse

from keywords.models import KeywordYear, Topic, YearKeyword
from tests.keywords.test_keywords_2013 import TEN_2013

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years():
    """2014's list keeps 跨境电商 (now first) and adds a new topic; one topic is on no list."""
    year = KeywordYear.objects.create(year=2014, title="2014年B2B行业十大关键词")
    YearKeyword.objects.create(keyword_year=year, topic=Topic.objects.get(term="跨境电商"), rank=1)
    YearKeyword.objects.create(
        keyword_year=year, topic=Topic.objects.create(term="移动电商", slug="yidong-dianshang"), rank=2
    )
    Topic.objects.create(term="工业品电商", slug="gongyepin-dianshang")


def test_topics_are_grouped_by_year_newest_first_in_rank_order(client, two_years):
    page = client.get(reverse("keywords:topics")).content.decode()
    assert page.index("2014年B2B行业十大关键词") < page.index("2013年中国B2B行业十大关键词")
    year_2013 = page[page.index("2013年中国B2B行业十大关键词"):]
    positions = [year_2013.index(f">{term}</a>") for term in TEN_2013]
    assert positions == sorted(positions)


def test_a_topic_on_several_lists_shows_its_other_years(client, two_years):
    page = client.get(reverse("keywords:topics")).content.decode()
    year_2014 = page[page.index("2014年B2B行业十大关键词"):page.index("2013年中国B2B行业十大关键词")]
    assert '2013年</a>第 5 位' in year_2014  # 跨境电商 was fifth in 2013


def test_topics_on_no_list_are_listed_too(client, two_years):
    page = client.get(reverse("keywords:topics")).content.decode()
    assert "未列入年度榜单的关键词" in page and 'href="/topics/gongyepin-dianshang/"' in page


def test_topic_counts_are_per_year_and_in_all(client, import_seed, two_years):
    import_seed()  # one 2013 article mentioning all ten
    response = client.get(reverse("keywords:topics"))
    entries = {(e.keyword_year.year, e.topic.term): e for g in response.context["years"] for e in g["entries"]}
    assert (entries[2013, "跨境电商"].articles_in_year, entries[2013, "跨境电商"].articles_total) == (1, 1)
    assert (entries[2014, "跨境电商"].articles_in_year, entries[2014, "跨境电商"].articles_total) == (0, 1)


def test_the_years_page_lists_each_years_keywords(client, two_years):
    page = client.get(reverse("keywords:years")).content.decode()
    year_2014 = page[page.index("2014年B2B行业十大关键词"):page.index("2013年中国B2B行业十大关键词")]
    assert year_2014.index(">跨境电商</a>") < year_2014.index(">移动电商</a>")
    assert all(f">{term}</a>" in page for term in TEN_2013)


def test_every_page_links_the_archive_and_the_index_pages(client):
    page = client.get("/").content.decode()
    nav = page[page.index('aria-label="主导航"'):page.index("</nav>")]
    for name in ("articles:archive", "keywords:topics", "keywords:years"):
        assert f'href="{reverse(name)}"' in nav
