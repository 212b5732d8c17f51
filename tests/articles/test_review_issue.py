"""The issue's details on the review page: dates that round-trip, new sources, duplicates."""
from datetime import date

import pytest
from django.urls import reverse

from articles import review
from articles.dedup.fingerprint import exact_hash
from articles.issue_duplicates import publication_duplicates
from articles.models import Article, Publication, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def association():
    return Source.objects.create(name="上海市电子商务行业协会", slug="shanghai-ec", kind="association")


@pytest.fixture
def issue(association):
    return Publication.objects.create(kind="newsletter", title="电子商务资讯", source=association,
                                      issue_label="第2期 总第142期", published_on=date(2015, 3, 1))


def details(issue, **changes):
    values = {"title": issue.title, "source": issue.source_id or "", "issue_label": issue.issue_label,
              "published_on": issue.published_on.isoformat() if issue.published_on else "",
              "date_precision": issue.date_precision}
    return {"action": "metadata", **values, **changes}


def test_the_date_box_holds_the_date_in_the_inputs_own_format(admin_client, issue):
    page = admin_client.get(reverse("admin:articles_publication_review", args=[issue.pk])).content.decode()
    assert 'type="date"' in page and 'value="2015-03-01"' in page


def test_saving_the_details_twice_keeps_the_date(admin_client, issue):
    url = reverse("admin:articles_publication_review", args=[issue.pk])
    for _ in range(2):
        page = admin_client.get(url).content.decode()
        assert 'value="2015-03-01"' in page
        admin_client.post(url, details(issue, title="电子商务资讯（修订）"))
        issue.refresh_from_db()
    assert issue.published_on == date(2015, 3, 1) and issue.title == "电子商务资讯（修订）"


def test_a_month_is_stored_as_its_first_day_and_shown_as_the_month(admin_client, client, issue):
    url = reverse("admin:articles_publication_review", args=[issue.pk])
    admin_client.post(url, details(issue, published_on="2013-01-17", date_precision="month"))
    issue.refresh_from_db()
    assert (issue.published_on, issue.date_precision) == (date(2013, 1, 1), "month")
    review.publication_publish(publication=issue)
    assert "2013年1月" in client.get(issue.get_absolute_url()).content.decode()


def test_a_year_is_a_precision_too(issue):
    review.publication_metadata_update(publication=issue, published_on=date(2013, 6, 9), date_precision="year")
    issue.refresh_from_db()
    assert (issue.published_on, issue.date_precision) == (date(2013, 1, 1), "year")


def test_changing_the_details_is_recorded_and_can_be_undone(issue):
    review.publication_metadata_update(publication=issue, issue_label="第3期", published_on=None)
    review.publication_undo(publication=issue)
    issue.refresh_from_db()
    assert (issue.issue_label, issue.published_on) == ("第2期 总第142期", date(2015, 3, 1))


def test_saving_unchanged_details_records_nothing(issue):
    review.publication_metadata_update(publication=issue, title=issue.title)
    assert not issue.review_actions.exists()


def test_a_new_source_is_created_from_the_review_page_and_chosen(admin_client, issue):
    url = reverse("admin:articles_publication_review", args=[issue.pk])
    response = admin_client.post(url, {"action": "source", "source-name": "浙江省电子商务促进会",
                                       "source-kind": "association"}, follow=True)
    assert "已新建来源「浙江省电子商务促进会」" in response.content.decode()
    issue.refresh_from_db()
    assert issue.source.name == "浙江省电子商务促进会" and issue.source.kind == "association"


def test_a_source_that_exists_is_not_created_twice(issue, association):
    with pytest.raises(review.ReviewError, match="已存在"):
        review.publication_source_create(publication=issue, name=association.name, kind="association")


def test_creating_a_source_needs_the_right_to_add_sources(client, django_user_model, issue):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("编辑乙", password="pw", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_publication", "change_publication"]))
    client.force_login(user)
    url = reverse("admin:articles_publication_review", args=[issue.pk])
    response = client.post(url, {"action": "source", "source-name": "新协会", "source-kind": "association"})
    assert response.status_code == 403 and not Source.objects.filter(name="新协会").exists()


def published_copy(issue, **changes):
    values = {"kind": issue.kind, "title": issue.title, "source": issue.source, "issue_label": issue.issue_label,
              "published_on": issue.published_on, "is_published": True, **changes}
    return Publication.objects.create(**values)


def test_an_issue_with_the_same_source_label_and_date_is_flagged(admin_client, issue):
    earlier = published_copy(issue, issue_label="第２期  总第142期")  # the label folded is the same
    assert [d.publication for d in publication_duplicates(issue)] == [earlier]
    page = admin_client.get(reverse("admin:articles_publication_review", args=[issue.pk])).content.decode()
    assert "可能与已发布的出版物重复" in page
    assert reverse("admin:articles_publication_review", args=[earlier.pk]) in page


def test_another_issue_of_the_same_source_is_not_flagged(issue):
    published_copy(issue, issue_label="第3期", published_on=date(2015, 5, 1))
    published_copy(issue, is_published=False)  # not published: nothing to repeat yet
    assert publication_duplicates(issue) == []


def add_items(publication, texts, **fields):
    for position, text in enumerate(texts, start=1):
        Article.objects.create(publication=publication, title=text[:6], body=text, position=position,
                               content_hash=exact_hash(f"{text[:6]}\n{text}"), **fields)


def test_an_issue_whose_items_repeat_a_published_issue_is_flagged(issue):
    texts = ["跨境电商综合试点扩大到更多城市。", "多个产业带频道上线。", "互联网金融进入监管。"]
    other = published_copy(issue, source=None, issue_label="", published_on=None)
    add_items(other, texts, is_published=True)
    add_items(issue, texts[:2] + ["只在本期出现的一篇。"])
    [duplicate] = publication_duplicates(issue)
    assert duplicate.publication == other and duplicate.reason == "3 篇中有 2 篇正文相同"


def test_one_shared_reprint_does_not_flag_an_issue(issue):
    other = published_copy(issue, source=None, issue_label="", published_on=None)
    add_items(other, ["跨境电商综合试点扩大到更多城市。"], is_published=True)
    add_items(issue, ["跨境电商综合试点扩大到更多城市。", "第二篇。", "第三篇。", "第四篇。"])
    assert publication_duplicates(issue) == []
