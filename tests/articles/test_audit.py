"""The audit trail: every act of an editor is a row (who, when, what, on which object),
written in the transaction of the change, readable and filterable in the admin, and
never changed or deleted by anyone, superusers included."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import review
from articles.models import Article, AuditEvent, AuditTrailIsAppendOnly, Job, Publication, ReviewState
from keywords.discovery import keyword_year_promote
from keywords.models import KeywordYear

pytestmark = pytest.mark.django_db
Action = AuditEvent.Action


def member_of(group: str, name: str, django_user_model):
    user = django_user_model.objects.create_user(name, password="a-long-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(django_user_model):
    return member_of("编辑", "编辑小王", django_user_model)


@pytest.fixture
def chief(django_user_model):
    return member_of("主编", "主编老李", django_user_model)


@pytest.fixture
def issue():
    publication = Publication.objects.create(kind="newsletter", title="电子商务资讯", issue_label="第2期")
    for position, title in enumerate(["甲文", "乙文", "丙文"], start=1):
        Article.objects.create(publication=publication, title=title, body="一。\n二。\n三。\n四。\n五。",
                               position=position, outlet="网易科技")
    return publication


def trail(**filters) -> list[tuple]:
    return list(AuditEvent.objects.filter(**filters).order_by("pk").values_list("username", "action"))


def test_each_review_action_is_on_the_trail_with_its_editor(issue, editor):
    first, second, third = issue.articles.order_by("position")
    review.publication_item_rename(article=first, title="新甲文", by=editor)
    review.publication_item_merge_previous(article=second, by=editor)
    review.publication_item_split(article=third, paragraph=3, by=editor)
    review.publication_item_drop(article=third, by=editor)
    review.publication_undo(publication=issue, by=editor)
    review.publication_metadata_update(publication=issue, by=editor, issue_label="第3期")
    review.publication_publish(publication=issue, by=editor)
    kinds = [Action.RENAME, Action.MERGE, Action.SPLIT, Action.DROP, Action.UNDO, Action.METADATA, Action.PUBLISH]
    assert trail() == [("编辑小王", kind) for kind in kinds]
    events = AuditEvent.objects.order_by("pk")
    assert {(e.object_type, e.object_id) for e in events} == {("articles.publication", str(issue.pk))}
    assert events[1].summary == "将《乙文》并入《新甲文》" and events[1].details["article"] == second.pk
    assert events[4].summary == "撤销：删除《丙文》"


def test_a_source_created_on_the_review_page_is_on_the_trail(issue, editor):
    source = review.publication_source_create(publication=issue, name="某某电子商务协会", kind="association", by=editor)
    created, made_the_issues = AuditEvent.objects.order_by("pk")
    assert (created.action, created.object_type, created.object_id) == (Action.ADD, "articles.source", str(source.pk))
    assert made_the_issues.action == Action.METADATA


def test_a_change_that_rolls_back_leaves_no_trail(issue, editor):
    item = issue.articles.get(title="甲文")
    with pytest.raises(RuntimeError), transaction.atomic():
        review.publication_item_drop(article=item, by=editor)
        raise RuntimeError("the request failed after the drop")
    assert not AuditEvent.objects.exists()
    assert Article.objects.get(pk=item.pk).review_state == ReviewState.ACTIVE


def test_work_without_a_person_writes_no_trail(issue):
    review.publication_item_drop(article=issue.articles.first(), by=None)
    assert not AuditEvent.objects.exists()


def test_an_upload_and_its_parse_job_are_on_the_trail(editor):
    upload = SimpleUploadedFile("a.txt", "---\ntitle: 标题\n---\n正文。\n".encode(), content_type="text/plain")
    logged_in(editor).post(reverse("admin:articles_document_upload"), {"files": [upload]})
    upload_event, job_event = AuditEvent.objects.order_by("pk")
    assert (upload_event.username, upload_event.action, upload_event.object_type) == (
        "编辑小王", Action.UPLOAD, "articles.document")
    assert "a.txt" in upload_event.summary
    assert (job_event.action, job_event.details["kind"]) == (Action.JOB_START, Job.Kind.PARSE)


def test_admin_saves_and_deletes_are_on_the_trail(issue, chief):
    client = logged_in(chief)
    item = issue.articles.get(title="甲文")
    response = client.post(reverse("admin:articles_article_delete", args=[item.pk]), {"post": "yes"})
    assert response.status_code == 302
    others = list(issue.articles.values_list("pk", flat=True))
    client.post(reverse("admin:articles_article_changelist"),
                {"action": "delete_selected", "_selected_action": others, "post": "yes"})
    assert not Article.objects.exists()
    deleted = AuditEvent.objects.filter(action=Action.DELETE, object_type="articles.article")
    assert sorted(int(pk) for pk in deleted.values_list("object_id", flat=True)) == sorted([item.pk, *others])
    assert set(deleted.values_list("username", flat=True)) == {"主编老李"}


def test_a_promotion_of_an_account_records_its_new_rights(chief, django_user_model):
    newcomer = django_user_model.objects.create_user("新人", password="a-long-password")
    editors = Group.objects.get(name="编辑")
    form = {"username": "新人", "is_active": "on", "is_staff": "on", "groups": [editors.pk]}
    assert logged_in(chief).post(reverse("admin:auth_user_change", args=[newcomer.pk]), form).status_code == 302
    event = AuditEvent.objects.get(action=Action.CHANGE, object_type="auth.user")
    assert (event.username, event.object_label) == ("主编老李", "新人")
    assert event.details["groups"] == ["编辑"] and event.details["is_staff"] is True


def test_a_term_put_in_a_years_list_and_its_retag_are_on_the_trail(chief):
    year = KeywordYear.objects.create(year=2031)
    keyword_year_promote(keyword_year=year, term="产业带电商", user=chief)
    promote, retag = AuditEvent.objects.order_by("pk")
    assert (promote.action, promote.summary) == (Action.PROMOTE, "“产业带电商”加入2031年榜单，第 1 位")
    assert (retag.action, retag.details["kind"], retag.username) == (Action.JOB_START, Job.Kind.RETAG, "主编老李")


def test_nobody_can_change_or_delete_the_trail_not_even_a_superuser(issue, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "a-long-password")
    review.publication_item_drop(article=issue.articles.first(), by=root)
    event = AuditEvent.objects.get()
    client = logged_in(root)
    change = reverse("admin:articles_auditevent_change", args=[event.pk])
    page = client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(change, {"username": "someone else", "summary": "nothing"}).status_code == 403
    assert client.post(reverse("admin:articles_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:articles_auditevent_add")).status_code == 403
    changelist = reverse("admin:articles_auditevent_changelist")
    assert "delete_selected" not in client.get(changelist).content.decode()
    client.post(changelist, {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"})
    with pytest.raises(AuditTrailIsAppendOnly):
        event.delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEvent.objects.update(username="someone else")
    event.summary = "rewritten"
    with pytest.raises(AuditTrailIsAppendOnly):
        event.save()
    assert AuditEvent.objects.get().summary == f"删除《{issue.articles.first().title}》"


def test_the_trail_filters_by_user_action_object_and_date(issue, editor, chief):
    first, second, _ = issue.articles.order_by("position")
    review.publication_item_rename(article=first, title="<script>alert(1)</script>", by=editor)
    review.publication_item_drop(article=second, by=chief)
    other = Publication.objects.create(kind="newsletter", title="另一期")
    review.publication_metadata_update(publication=other, by=editor, issue_label="第9期")
    client = logged_in(chief)  # either role reads the trail
    url = reverse("admin:articles_auditevent_changelist")

    def rows(**query) -> list[str]:
        response = client.get(url, query)
        assert response.status_code == 200
        return [event.summary for event in response.context["cl"].result_list]

    assert rows(user__id__exact=editor.pk) == ["修改出版物信息：期号", "改标题《甲文》为《<script>alert(1)</script>》"]
    assert rows(action__exact=Action.DROP) == ["删除《乙文》"]
    assert len(rows(object_type="articles.publication", object_id=str(other.pk))) == 1
    today = timezone.localtime(AuditEvent.objects.first().created_at)  # the admin filters in China's time
    assert len(rows(**{"created_at__year": today.year, "created_at__month": today.month})) == 3
    page = client.get(url).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert logged_in(editor).get(url).status_code == 200
