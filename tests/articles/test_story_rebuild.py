"""A story outlives its main article: deleted, taken down or parsed anew, the story chooses
again, and no list hides an article because its story's main one is gone."""
import pytest
from django.contrib import admin

from articles.models import Article, Publication, Story
from articles.review import publication_item_drop, publication_publish
from articles.story_members import articles_delete, story_rebuild

from .test_grouping import report

pytestmark = pytest.mark.django_db

RESULTS = ("京东公布第三季度财报：净营收286亿元 同比增长61%",
           "京东集团今日公布2014年第三季度财报，净营收286亿元，同比增长61%；交易总额640亿元。"
           "第三方开放平台的交易额占比继续提升，季度净亏损收窄。")
RESULTS_AGAIN = ("京东三季度营收增61% 仍未摆脱亏损",
                 "京东昨日发布第三季度业绩：净营收同比增长61%至286亿元，交易额640亿元，"
                 "但仍处于亏损之中，管理层表示将继续投入物流。")
RESULTS_THIRD = ("京东第三季度净营收286亿元 交易额640亿元",
                 "京东集团公布第三季度财报：净营收286亿元，同比增长61%，交易总额640亿元，净亏损收窄。")


@pytest.fixture
def three_reports():
    first = report("新浪科技", *RESULTS, "2014-11-17T08:00:00+08:00")
    second = report("第一财经日报", *RESULTS_AGAIN, "2014-11-18T09:30:00+08:00")
    third = report("网易科技", *RESULTS_THIRD, "2014-11-18T12:00:00+08:00")
    for article in (first, second, third):
        article.refresh_from_db()
    assert first.story_id and first.story_id == second.story_id == third.story_id
    assert first.story.main == first
    return first, second, third


def titles_on(client, path="/") -> str:
    return client.get(path).content.decode()


def test_deleting_the_main_article_makes_the_next_earliest_the_main_one(three_reports):
    first, second, third = three_reports
    story = first.story
    articles_delete(articles=Article.objects.filter(pk=first.pk))
    story.refresh_from_db()
    assert story.main == second
    assert set(story.articles.all()) == {second, third}


def test_a_story_left_with_one_article_dissolves(three_reports):
    first, second, third = three_reports
    articles_delete(articles=Article.objects.filter(pk__in=[first.pk, second.pk]))
    third.refresh_from_db()
    assert third.story_id is None
    assert not Story.objects.exists()


def test_lists_show_the_rest_of_a_story_whose_main_article_vanished_unannounced(client, three_reports):
    first, second, third = three_reports
    Article.objects.filter(pk=first.pk).delete()  # no service: a shell, a cascade
    home = titles_on(client)
    assert RESULTS_AGAIN[0] in home and RESULTS_THIRD[0] in home


def test_taking_the_main_article_down_hands_the_story_to_a_public_one(client, three_reports):
    first, second, third = three_reports
    issue = Publication.objects.create(kind="newsletter", title="会刊", is_published=True)
    Article.objects.filter(pk=first.pk).update(publication=issue)
    publication_publish(publication=issue, published=False)
    first.story.refresh_from_db()
    assert first.story.main == second
    home = titles_on(client)
    assert home.count(RESULTS_AGAIN[0]) == 1 and RESULTS_THIRD[0] not in home  # the story once, by its new main


def test_dropping_a_newsletter_item_that_was_a_main_article_rebuilds_its_story(three_reports):
    first, second, third = three_reports
    issue = Publication.objects.create(kind="newsletter", title="会刊")
    Article.objects.filter(pk=first.pk).update(publication=issue, position=1)
    first.refresh_from_db()
    publication_item_drop(article=first)
    second.refresh_from_db()
    assert second.story.main == second


def test_deleting_in_the_admin_rebuilds_the_story(rf, admin_user, three_reports):
    first, second, third = three_reports
    request = rf.post("/")
    request.user = admin_user
    admin.site._registry[Article].delete_queryset(request, Article.objects.filter(pk=first.pk))
    second.refresh_from_db()
    assert second.story.main == second


def test_rebuilding_prefers_a_public_article_as_the_main_one(three_reports):
    first, second, third = three_reports
    Article.objects.filter(pk=first.pk).update(is_published=False)
    assert story_rebuild(story=first.story).main == second
