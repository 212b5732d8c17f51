"""Review actions keep every item's identity and data, are recorded, and undo in order."""
from datetime import datetime

import pytest
from django.urls import reverse

from articles import review
from articles.models import Article, Publication, ReviewAction, ReviewState
from chinese_text.dates import CHINA

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("编辑甲", "a@example.com", "pw")


@pytest.fixture
def issue():
    publication = Publication.objects.create(kind="newsletter", title="电子商务资讯", issue_label="第2期")
    rows = [
        ("跨境电商试点扩大", "跨境电商综合试点扩大。\n海关出台配套措施。\n第三段。\n第四段。\n第五段", "网易科技",
         "http://tech.163.com/15/0301/a.html", datetime(2015, 3, 1, tzinfo=CHINA)),
        ("产业带上线", "多个产业带频道上线。", "亿邦动力网", "http://www.ebrun.com/2015/b.html",
         datetime(2015, 3, 2, tzinfo=CHINA)),
        ("半篇文章", "被误拆出来的后半段。", "中国电子商务研究中心", "http://www.100ec.cn/c.html",
         datetime(2015, 3, 3, tzinfo=CHINA)),
    ]
    for position, (title, body, outlet, url, when) in enumerate(rows, start=1):
        Article.objects.create(publication=publication, title=title, body=body, position=position, section="行业动态",
                               outlet=outlet, url=url, published_at=when)
    return publication


def item(issue, title):
    return issue.articles.get(title=title)


def titles(issue):
    return [a.title for a in review.publication_items(issue)]


def test_merge_keeps_the_first_items_source_and_lists_the_others(issue):
    first, second, third = (item(issue, t) for t in ("跨境电商试点扩大", "产业带上线", "半篇文章"))
    review.publication_item_merge_previous(article=second)
    review.publication_item_merge_previous(article=third)
    first.refresh_from_db()
    assert first.outlet == "网易科技" and first.url == "http://tech.163.com/15/0301/a.html"
    assert [(s["outlet"], s["url"], s["date"]) for s in first.extra_sources] == [
        ("亿邦动力网", "http://www.ebrun.com/2015/b.html", "2015-03-02"),
        ("中国电子商务研究中心", "http://www.100ec.cn/c.html", "2015-03-03"),
    ]
    assert titles(issue) == ["跨境电商试点扩大"]


def test_merged_source_is_shown_on_the_published_article(client, issue):
    review.publication_item_merge_previous(article=item(issue, "产业带上线"))
    review.publication_publish(publication=issue)
    page = client.get(item(issue, "跨境电商试点扩大").get_absolute_url()).content.decode()
    assert "其他出处" in page and "亿邦动力网" in page and "http://www.ebrun.com/2015/b.html" in page


def test_split_between_paragraphs_four_and_five_keeps_the_items_around_it(issue):
    first, second = item(issue, "跨境电商试点扩大"), item(issue, "产业带上线")
    new = review.publication_item_split(article=first, paragraph=5)
    first.refresh_from_db()
    assert first.paragraphs == ["跨境电商综合试点扩大。", "海关出台配套措施。", "第三段。", "第四段。"]
    assert new.title == "第五段" and new.outlet == "网易科技" and new.url == first.url
    assert titles(issue) == ["跨境电商试点扩大", "第五段", "产业带上线", "半篇文章"]
    assert Article.objects.get(pk=second.pk).title == "产业带上线"


def test_actions_address_items_not_positions(issue):
    """Dropping the item after a split drops that item, whatever its number became."""
    target = item(issue, "半篇文章")
    review.publication_item_split(article=item(issue, "跨境电商试点扩大"), paragraph=2)
    review.publication_item_drop(article=Article.objects.get(pk=target.pk))
    assert "半篇文章" not in titles(issue) and len(titles(issue)) == 3


def test_a_dropped_item_is_kept_but_never_published(client, issue):
    dropped = item(issue, "产业带上线")
    review.publication_item_drop(article=dropped)
    assert review.publication_publish(publication=issue) == 2
    dropped.refresh_from_db()
    assert dropped.review_state == ReviewState.DROPPED and not dropped.is_published
    assert client.get(dropped.get_absolute_url()).status_code == 404
    assert "产业带上线" not in client.get(issue.get_absolute_url()).content.decode()


def test_dropping_from_a_published_issue_takes_the_item_down(client, issue):
    review.publication_publish(publication=issue)
    dropped = item(issue, "产业带上线")
    review.publication_item_drop(article=dropped)
    assert client.get(dropped.get_absolute_url()).status_code == 404


def test_a_dropped_item_cannot_be_edited_again(issue):
    dropped = item(issue, "产业带上线")
    review.publication_item_drop(article=dropped)
    with pytest.raises(review.ReviewError, match="《产业带上线》已删除"):
        review.publication_item_drop(article=dropped)


def test_every_action_is_recorded_with_who_did_it(issue, editor):
    review.publication_item_rename(article=item(issue, "半篇文章"), title="后半段", by=editor)
    review.publication_item_drop(article=item(issue, "后半段"), by=editor)
    actions = list(issue.review_actions.order_by("pk"))
    assert [(a.kind, a.summary, a.user) for a in actions] == [
        (ReviewAction.Kind.RENAME, "改标题《半篇文章》为《后半段》", editor),
        (ReviewAction.Kind.DROP, "删除《后半段》", editor),
    ]


def test_undo_takes_changes_back_last_first(issue, editor):
    before = {a.pk: (a.title, a.body, a.position, a.extra_sources) for a in issue.articles.all()}
    review.publication_item_merge_previous(article=item(issue, "产业带上线"), by=editor)
    review.publication_item_split(article=item(issue, "跨境电商试点扩大"), paragraph=5, by=editor)
    review.publication_item_drop(article=item(issue, "半篇文章"), by=editor)
    review.publication_item_rename(article=item(issue, "第五段"), title="新的一篇", by=editor)

    undone = [review.publication_undo(publication=issue, by=editor).kind for _ in range(4)]

    assert undone == ["rename", "drop", "split", "merge"]
    after = {a.pk: (a.title, a.body, a.position, a.extra_sources) for a in issue.articles.all()}
    assert after == before
    assert titles(issue) == ["跨境电商试点扩大", "产业带上线", "半篇文章"]
    with pytest.raises(review.ReviewError, match="没有可以撤销的操作"):
        review.publication_undo(publication=issue, by=editor)
    assert issue.review_actions.filter(undone_by=editor).count() == 4


def test_undo_waits_until_the_issue_is_taken_down(issue):
    review.publication_item_drop(article=item(issue, "产业带上线"))
    review.publication_publish(publication=issue)
    with pytest.raises(review.ReviewError, match="请先撤下"):
        review.publication_undo(publication=issue)
    review.publication_publish(publication=issue, published=False)
    assert review.publication_undo(publication=issue).kind == "drop"
    assert "产业带上线" in titles(issue)


def test_review_page_shows_every_paragraph_with_a_split_point_between_each(admin_client, issue):
    page = admin_client.get(reverse("admin:articles_publication_review", args=[issue.pk])).content.decode()
    assert "第四段。" in page and "<details>" in page
    assert page.count('form="split-') == 4  # five paragraphs, four places to cut
    assert 'data-confirm="删除《产业带上线》？' in page


def test_review_page_splits_drops_and_undoes_by_item_id(admin_client, issue):
    url = reverse("admin:articles_publication_review", args=[issue.pk])
    first = item(issue, "跨境电商试点扩大")
    response = admin_client.post(url, {"action": "split", "article": first.pk, "paragraph": 5}, follow=True)
    assert "《跨境电商试点扩大》：已拆分" in response.content.decode()
    admin_client.post(url, {"action": "drop", "article": item(issue, "半篇文章").pk})
    page = admin_client.get(url).content.decode()
    assert "撤销上一步：删除《半篇文章》" in page and "已删除的条目" in page
    response = admin_client.post(url, {"action": "undo"}, follow=True)
    assert "已撤销：删除《半篇文章》" in response.content.decode()
    assert titles(issue) == ["跨境电商试点扩大", "第五段", "产业带上线", "半篇文章"]
