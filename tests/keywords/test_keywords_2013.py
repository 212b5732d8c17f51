import pytest

from keywords.models import KeywordYear, Topic

TEN_2013 = ["在线交易", "互联网金融", "大数据", "线上线下结合", "跨境电商",
            "传统企业电商化", "B2B社交营销", "自贸区", "为效果付费", "产业带"]


@pytest.mark.django_db
def test_the_ten_2013_keywords_are_loaded_in_published_order():
    year = KeywordYear.objects.get(year=2013)
    assert [e.topic.term for e in year.entries.order_by("rank")] == TEN_2013
    assert [e.rank for e in year.entries.order_by("rank")] == list(range(1, 11))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("term", "alias"),
    [("为效果付费", "P4P"), ("线上线下结合", "O2O"), ("跨境电商", "跨境电子商务"), ("自贸区", "自由贸易试验区")],
)
def test_industry_aliases_belong_to_their_topic(term, alias):
    assert alias in Topic.objects.get(term=term).surface_forms


@pytest.mark.django_db
def test_every_topic_has_an_ascii_slug_and_a_description():
    for topic in Topic.objects.all():
        assert topic.slug.isascii() and topic.description
