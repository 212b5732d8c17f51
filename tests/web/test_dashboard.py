"""The admin's front page leads with the desk's dashboard: what waits for review, what
failed and why, failing channels, open jobs and this week's articles per source; each
panel bounded, escaped, and only for who may view it."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.dashboard import PANEL_ROWS
from articles.models import Article, Channel, Document, Job, Publication, Source

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert("x")</script>'


@pytest.fixture
def editor(django_user_model) -> Client:
    user = django_user_model.objects.create_user("编辑甲", password="a-long-password", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    client = Client()
    client.force_login(user)
    return client


def failed_document(n: int, error: str = "不是 PDF 文件") -> Document:
    return Document.objects.create(sha256=f"{n:064d}", filename=f"坏文件{n}.pdf", size=1, content=b"x",
                                   status=Document.Status.FAILED, error=error)


def dashboard(client) -> tuple[dict, str]:
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.context["dashboard"], response.content.decode()


def test_the_front_page_shows_the_work_waiting_and_what_is_broken(editor):
    source = Source.objects.create(name="亿邦动力网", slug="ebrun", kind="web")
    issue = Publication.objects.create(kind="newsletter", title="电子商务资讯", issue_label="第2期")
    Article.objects.create(publication=issue, title="条目", body="正文。", position=1, source=source)
    Article.objects.create(title="另一篇", body="正文。", source=source)
    failed_document(1, error=f"无法读取：{HOSTILE}")
    Channel.objects.create(source=source, url="http://127.0.0.1:9/feed.xml", consecutive_failures=3,
                           last_error="连接被拒绝")
    Channel.objects.create(source=source, url="http://127.0.0.1:9/ok.xml")
    Job.objects.create(kind=Job.Kind.RETAG, status=Job.Status.RUNNING, total=10, done=4)
    Job.objects.create(kind=Job.Kind.RETAG, status=Job.Status.DONE)
    panels, page = dashboard(editor)
    assert [p.title for p in panels["waiting"]["rows"]] == ["电子商务资讯"]
    assert panels["waiting"]["rows"][0].kept == 1
    assert reverse("admin:articles_publication_review", args=[issue.pk]) in page
    assert "坏文件1.pdf" in page and "无法读取" in page
    assert HOSTILE not in page and "&lt;script&gt;" in page
    assert [c.url for c in panels["channels"]["rows"]] == ["http://127.0.0.1:9/feed.xml"]
    assert "连续 3 次" in page and "连接被拒绝" in page
    assert [j.status for j in panels["jobs"]["rows"]] == [Job.Status.RUNNING]
    assert 'data-job-id="' in page  # the job cell updates itself (static/js/jobs.js)
    assert panels["sources"]["rows"] == [{"source__name": "亿邦动力网", "source__slug": "ebrun", "count": 2}]


def test_only_this_weeks_articles_are_counted(editor):
    source = Source.objects.create(name="网易科技", slug="163", kind="web")
    old = Article.objects.create(title="旧文", body="正文。", source=source)
    Article.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    Article.objects.create(title="新文", body="正文。", source=source)
    panels, _ = dashboard(editor)
    assert panels["sources"]["count"] == 1 and panels["sources"]["rows"][0]["count"] == 1


def test_each_panel_is_bounded_and_costs_the_same_whatever_the_archive_holds(editor, django_assert_max_num_queries):
    for n in range(PANEL_ROWS + 5):
        failed_document(n)
    panels, page = dashboard(editor)
    assert panels["failed"]["count"] == PANEL_ROWS + 5 and len(panels["failed"]["rows"]) == PANEL_ROWS
    assert f"全部 {PANEL_ROWS + 5} 个" in page
    with django_assert_max_num_queries(30) as few:
        dashboard(editor)
    for n in range(PANEL_ROWS + 5, 3 * PANEL_ROWS):
        failed_document(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        dashboard(editor)


def test_a_user_sees_only_the_panels_of_what_they_may_view(django_user_model):
    clerk = django_user_model.objects.create_user("只读", password="a-long-password", is_staff=True)
    client = Client()
    client.force_login(clerk)
    failed_document(1)
    panels, page = dashboard(client)
    assert panels == {} and "坏文件1.pdf" not in page
