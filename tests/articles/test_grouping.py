"""Reprints and stories across outlets, on the real pipeline."""
import pytest

from articles.models import Article, Story
from articles.services import document_create
from tests.conftest import SEED_000, seed_bytes

pytestmark = pytest.mark.django_db

TITLE = "通过十大关键词，解读2013年中国B2B行业"


def capture_from(outlet_url: str, *, byline: str = "") -> bytes:
    """Seed 000 as another outlet captured it: its own URL, a byline, other line breaks."""
    text = seed_bytes(SEED_000).decode()
    head, body = text.split("---\n", 2)[1:]
    head = head.replace("https://www.huxiu.com/article/24694", outlet_url)
    body = body.replace("。\n\n", "。\n").replace("现在，我们结合", f"{byline}现在，我们结合", 1)
    return f"---\n{head}---\n{body}".encode()


@pytest.fixture
def two_outlets(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document_create(data=seed_bytes(SEED_000), filename="huxiu.txt")
    with django_capture_on_commit_callbacks(execute=True):
        document_create(data=capture_from("https://www.ebrun.com/20131220/90001.shtml", byline="【亿邦动力网讯】"),
                        filename="ebrun.txt")
    return Article.objects.order_by("pk")


def test_the_same_body_from_two_outlets_is_one_story_with_two_outlets(two_outlets):
    original, reprint = two_outlets
    assert Story.objects.count() == 1
    story = Story.objects.get()
    assert {a.outlet for a in story.articles.all()} == {"虎嗅网", "亿邦动力网"}
    assert story.main == original  # the earliest
    assert reprint.reprint_of == original


def test_readers_see_the_story_once_with_also_reported_by(client, two_outlets):
    original, reprint = two_outlets
    home = client.get("/").content.decode()
    assert home.count(f">{TITLE}</a>") == 1
    page = client.get(original.get_absolute_url()).content.decode()
    assert "同时报道" in page and 'href="https://www.ebrun.com/20131220/90001.shtml"' in page
    assert ">亿邦动力网</a>" in page


def test_different_articles_stay_apart(import_seed, django_capture_on_commit_callbacks):
    import_seed()
    other = Article.objects.create(title="2014年B2B展望", body="在线交易和产业带仍是重点。" * 20, is_published=True)
    from articles.pipeline import article_process

    article_process(article_id=other.pk)
    other.refresh_from_db()
    assert other.story_id is None and other.reprint_of_id is None


def test_a_newsletter_item_joins_the_story_of_the_url_it_reprinted(import_seed):
    from articles.models import Publication
    from articles.pipeline import article_process

    import_seed()
    original = Article.objects.get()
    issue = Publication.objects.create(kind="newsletter", title="会刊")
    item = Article.objects.create(publication=issue, title="B2B十大关键词解读（摘编）", body="摘编的正文，与原文不同。",
                                  url="https://www.huxiu.com/article/24694", position=1)
    article_process(article_id=item.pk)
    item.refresh_from_db()
    original.refresh_from_db()
    assert item.story_id and item.story_id == original.story_id
    assert item.story.main == original


def report(outlet: str, title: str, body: str, when: str) -> Article:
    from django.utils.dateparse import parse_datetime

    from articles.pipeline import article_process

    article = Article.objects.create(title=title, body=body, outlet=outlet, published_at=parse_datetime(when),
                                     is_published=True)
    article_process(article_id=article.pk)
    article.refresh_from_db()
    return article


def test_two_outlets_own_reports_of_one_event_are_one_story_without_any_keyword(django_capture_on_commit_callbacks):
    first = report("新浪科技", "京东公布第三季度财报：净营收286亿元 同比增长61%",
                   "京东集团今日公布2014年第三季度财报，净营收286亿元，同比增长61%；交易总额640亿元。"
                   "第三方开放平台的交易额占比继续提升，季度净亏损收窄。", "2014-11-17T08:00:00+08:00")
    second = report("第一财经日报", "京东三季度营收增61% 仍未摆脱亏损",
                    "京东昨日发布第三季度业绩：净营收同比增长61%至286亿元，交易额640亿元，"
                    "但仍处于亏损之中，管理层表示将继续投入物流。", "2014-11-18T09:30:00+08:00")
    other = report("腾讯科技", "京东金融推出京小贷 为平台商家提供贷款",
                   "京东金融今日上线面向开放平台商家的小额贷款产品京小贷，依据商家的交易数据发放贷款，"
                   "最高额度可达200万元。", "2014-11-20T10:00:00+08:00")
    first.refresh_from_db()
    assert not first.topic_tags.exists()  # no keyword of any year: found by its words alone
    assert second.story_id and second.story_id == first.story_id
    assert second.story.main == first  # the earliest
    assert other.story_id is None


def test_a_reparsed_main_article_gives_way_and_its_new_version_rejoins_the_story(
    two_outlets, django_capture_on_commit_callbacks
):
    from articles.services import documents_reparse

    original, reprint = two_outlets
    with django_capture_on_commit_callbacks(execute=True):
        documents_reparse(document_ids=[original.document_id])
    new = Article.objects.get(document=original.document_id)
    reprint.refresh_from_db()
    assert new.pk != original.pk
    assert reprint.story_id and reprint.story_id == new.story_id
    assert set(reprint.story.articles.all()) == {new, reprint}
    assert reprint.story.main == reprint  # same date as the new version, and stored first


committing = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@committing
def test_on_the_samples_no_story_holds_two_items_of_one_issue(client, keywords_2013):
    from django.core.management import call_command

    from articles.selectors import one_per_story

    call_command("import", "--samples", "--publish")
    for story in Story.objects.all():
        issues = [a.publication_id for a in story.articles.all() if a.publication_id]
        assert len(issues) == len(set(issues))
        assert len({a.kind for a in story.articles.all()}) == 1
    notice = Article.objects.get(title__startswith="商务部办公厅关于印发《2015年电子商务工作要点》")
    page = client.get(notice.get_absolute_url()).content.decode()
    assert "同时报道" not in page
    listed = set(one_per_story(Article.objects.published()))  # what every list shows
    assert set(notice.publication.articles.all()) <= listed


def test_regroup_undoes_a_story_the_rule_forbids(import_seed):
    from django.core.management import call_command

    from articles.models import Publication

    issue = Publication.objects.create(kind="newsletter", title="会刊")
    items = [
        report("会刊", title, body, "2015-03-01T00:00:00+08:00")
        for title, body in [
            ("商务部办公厅关于印发《2015年电子商务工作要点》的通知",
             "各省、自治区、直辖市商务主管部门：现将2015年电子商务工作要点印发给你们。"),
            ("国务院办公厅关于印发《2015年打击侵权假冒工作要点》的通知",
             "各省、自治区、直辖市人民政府：现将2015年工作要点印发给你们。"),
        ]
    ]
    Article.objects.filter(pk__in=[a.pk for a in items]).update(publication=issue)
    wrong = Story.objects.create(main=items[0])
    Article.objects.filter(pk__in=[a.pk for a in items]).update(story=wrong)
    call_command("regroup")
    assert not Story.objects.exists()
    assert not Article.objects.exclude(story=None).exists()
