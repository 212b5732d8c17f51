"""Exports as jobs: an editor exports an issue's, a source's, a selection's or a search's
articles with their topics; the file is complete or absent, and only whoever started it
downloads it."""
from __future__ import annotations

import csv
import io
import json
import os
import resource
import signal
from datetime import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import exports
from articles.exports import export_path, export_start, export_step, exports_dir
from articles.models import Article, Job, Publication, ReviewState, Source
from keywords.models import ArticleTopic, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def editor_client(django_user_model, name: str = "编辑丙") -> Client:
    user = django_user_model.objects.create_user(name, password="a-long-password", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def issue() -> Publication:
    """An issue under review: Chinese text, commas, quotes, newlines and formula-like cells,
    a dropped item, and topics an item is about or only mentions."""
    source = Source.objects.create(name="上海市电子商务行业协会", slug="shec", kind="association")
    publication = Publication.objects.create(kind="newsletter", title="电子商务资讯", issue_label="第2期",
                                             source=source, published_on=datetime(2015, 3, 1).date(),
                                             date_precision="month")
    crossborder, _ = Topic.objects.get_or_create(term="跨境电商", defaults={"slug": "kuajing-dianshang"})
    bigdata, _ = Topic.objects.get_or_create(term="大数据", defaults={"slug": "da-shuju"})
    items = [
        ("=SUM(A1:A9)", "跨境电商试点城市扩大到十个，商务部称, \"进展顺利\"。\n第二段：数据、物流。", "+重要消息"),
        ("李克强：制定“互联网+”计划", "-10% 的下降并非全部。\n大数据，也在其中。", "重要消息"),
        ("@会员动态", "会员企业一家，二家。", "会员风采"),
    ]
    for position, (title, body, section) in enumerate(items, start=1):
        Article.objects.create(publication=publication, source=source, title=title, body=body, section=section,
                               position=position)
    Article.objects.create(publication=publication, source=source, title="删掉的条目", body="不导出。", position=4,
                           review_state=ReviewState.DROPPED)
    first, second = publication.articles.order_by("position")[:2]
    ArticleTopic.objects.create(article=first, topic=crossborder, mentions=2, strength="about")
    ArticleTopic.objects.create(article=first, topic=bigdata, mentions=1, strength="mentions")
    ArticleTopic.objects.create(article=second, topic=bigdata, mentions=1, strength="mentions")
    return publication


def run_action(client: Client, model: str, action: str, ids: list[int], capture) -> Job:
    with capture(execute=True):
        response = client.post(reverse(f"admin:articles_{model}_changelist"),
                               {"action": action, "_selected_action": ids}, follow=True)
    assert "已开始导出" in response.content.decode()
    return Job.objects.filter(kind=Job.Kind.EXPORT).latest("pk")


def download(client: Client, job: Job):
    return client.get(reverse("admin:articles_job_download", args=[job.pk]))


def test_an_editor_exports_an_issue_as_csv_that_excel_reads(issue, django_user_model,
                                                             django_capture_on_commit_callbacks):
    editor = editor_client(django_user_model)
    job = run_action(editor, "publication", "export_csv", [issue.pk], django_capture_on_commit_callbacks)
    assert (job.status, job.done, job.total, job.created_by) == (Job.Status.DONE, 3, 3, editor.user)
    assert "3 篇" in job.message
    job_page = editor.get(reverse("admin:articles_job_change", args=[job.pk])).content.decode()
    assert reverse("admin:articles_job_download", args=[job.pk]) in job_page
    response = download(editor, job)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert f'filename="b2bwatch-export-{job.pk}.csv"' in response["Content-Disposition"]
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["标题"] for r in rows] == ["'=SUM(A1:A9)", "李克强：制定“互联网+”计划", "'@会员动态"]
    first, second, _ = rows
    assert first["正文"] == "跨境电商试点城市扩大到十个，商务部称, \"进展顺利\"。\n第二段：数据、物流。"
    assert second["正文"] == "'-10% 的下降并非全部。\n大数据，也在其中。"
    assert (first["主题关键词"], first["提及关键词"], second["主题关键词"], second["提及关键词"]) == (
        "跨境电商", "大数据", "", "大数据")
    assert (first["栏目"], first["出版物"], first["期号"], first["日期"], first["已发布"]) == (
        "'+重要消息", "电子商务资讯", "第2期", "2015年3月", "否")


def test_the_same_issue_as_json_lines_keeps_every_value_as_it_is(issue, django_user_model,
                                                                 django_capture_on_commit_callbacks):
    editor = editor_client(django_user_model)
    job = run_action(editor, "publication", "export_jsonl", [issue.pk], django_capture_on_commit_callbacks)
    lines = b"".join(download(editor, job).streaming_content).decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["title"] for r in records] == ["=SUM(A1:A9)", "李克强：制定“互联网+”计划", "@会员动态"]
    slugs = dict(Topic.objects.values_list("term", "slug"))
    assert records[0]["topics"] == [
        {"term": "跨境电商", "slug": slugs["跨境电商"], "strength": "about"},
        {"term": "大数据", "slug": slugs["大数据"], "strength": "mentions"},
    ]
    assert records[1]["body"].startswith("-10%") and records[2]["topics"] == []
    assert records[0]["date"] == {"value": "2015-03", "precision": "month", "label": "2015年3月"}
    assert records[0]["section"] == "+重要消息" and records[0]["publication"] == "电子商务资讯"


def test_a_source_or_a_selection_of_articles_is_exported_the_same_way(issue, django_user_model,
                                                                       django_capture_on_commit_callbacks):
    editor = editor_client(django_user_model)
    by_source = run_action(editor, "source", "export_jsonl", [issue.source_id], django_capture_on_commit_callbacks)
    assert by_source.result["rows"] == 3
    chosen = list(issue.articles.filter(position__in=[2, 3]).values_list("pk", flat=True))
    selection = run_action(editor, "article", "export_csv", chosen, django_capture_on_commit_callbacks)
    assert (selection.status, selection.result["rows"]) == (Job.Status.DONE, 2)


def test_the_export_reports_its_progress_chunk_by_chunk(issue, monkeypatch, admin_user,
                                                        django_capture_on_commit_callbacks):
    monkeypatch.setattr(exports, "CHUNK", 2)
    with django_capture_on_commit_callbacks(execute=False):
        job = export_start(user=admin_user, format="csv", scope="publications", ids=[issue.pk],
                           description="出版物")
    seen: list[tuple[int, int]] = []
    assert export_step(job, lambda done, total=None: seen.append((done, total)))
    assert seen == [(0, 3), (2, 3), (3, 3)]
    assert export_path(job) is None  # the file exists, but the job is not done yet: nothing offered


def test_a_search_is_exported_from_its_admin_form(django_user_model, django_capture_on_commit_callbacks,
                                                  import_seed):
    import_seed()  # a published web article on the ten keywords of 2013
    editor = editor_client(django_user_model)
    url = reverse("admin:articles_article_export_search")
    page = editor.get(url, {"q": "跨境电商"}).content.decode()
    assert 'value="跨境电商"' in page
    assert "请输入搜索词" in editor.post(url, {"q": "  ", "order": "relevance", "format": "csv"}).content.decode()
    assert not Job.objects.filter(kind=Job.Kind.EXPORT).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, {"q": "跨境电商", "order": "relevance", "format": "jsonl"})
    job = Job.objects.get(kind=Job.Kind.EXPORT)
    assert response.status_code == 302 and response["Location"].endswith(f"/{job.pk}/change/")
    assert job.status == Job.Status.DONE and job.result["rows"] >= 1
    records = [json.loads(line) for line in b"".join(download(editor, job).streaming_content).splitlines()]
    assert all(r["published"] for r in records)
    assert any(t["term"] == "跨境电商" for r in records for t in r["topics"])


def test_a_failed_export_leaves_a_failed_job_with_its_message_and_no_file(issue, settings, tmp_path, admin_user,
                                                                          django_capture_on_commit_callbacks):
    (tmp_path / "exports").write_text("不是目录")  # the exports folder cannot be made
    with django_capture_on_commit_callbacks(execute=True):
        job = export_start(user=admin_user, format="csv", scope="publications", ids=[issue.pk],
                           description="出版物")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "导出文件无法写入" in job.error and "未生成文件" in job.error
    assert export_path(job) is None and job.result == {}


def test_an_export_that_fails_half_way_leaves_no_half_file(issue, admin_client, admin_user, monkeypatch,
                                                           django_capture_on_commit_callbacks):
    """The disk fills up after the first lines: simulated with the process's own file size
    limit, so the failure is the operating system's, in the middle of the writing."""
    for n in range(40):
        Article.objects.create(publication=issue, title=f"长文{n}", body="跨境电商的长篇报道。" * 400, position=10 + n)
    monkeypatch.setattr(exports, "CHUNK", 2)  # progress after every two lines of about 12 KB
    previous_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, previous_limit[1]))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = export_start(user=admin_user, format="csv", scope="publications", ids=[issue.pk],
                               description="出版物")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, previous_limit)
        signal.signal(signal.SIGXFSZ, previous_handler)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "未生成文件" in job.error
    assert 0 < job.done < job.total == 43  # it failed while writing, not before
    assert list(exports_dir().iterdir()) == []
    assert download(admin_client, job).status_code == 404


def test_only_whoever_started_an_export_downloads_it(issue, django_user_model, client,
                                                     django_capture_on_commit_callbacks):
    owner = editor_client(django_user_model)
    job = run_action(owner, "publication", "export_csv", [issue.pk], django_capture_on_commit_callbacks)
    assert download(owner, job).status_code == 200
    other = editor_client(django_user_model, "编辑丁")
    assert download(other, job).status_code == 403
    staff_without_rights = django_user_model.objects.create_user("访客", password="a-long-password", is_staff=True)
    client.force_login(staff_without_rights)
    assert download(client, job).status_code == 403
    client.logout()
    assert download(client, job).status_code == 302  # to the login page
    superuser = django_user_model.objects.create_superuser("站长", password="a-long-password")
    client.force_login(superuser)
    assert download(client, job).status_code == 200
    owner.user.groups.clear()  # no longer an editor
    assert download(owner, job).status_code == 403


def test_a_file_name_from_the_job_row_never_leaves_the_exports_folder(issue, admin_client, settings, tmp_path,
                                                                      django_capture_on_commit_callbacks, admin_user):
    (tmp_path / "secret_key").write_text("secret")
    with django_capture_on_commit_callbacks(execute=True):
        job = export_start(user=admin_user, format="csv", scope="publications", ids=[issue.pk],
                           description="出版物")
    job.refresh_from_db()
    for name in ("../secret_key", "../../etc/passwd", "/etc/passwd", "secret_key", job.result["file"] + "/.."):
        Job.objects.filter(pk=job.pk).update(result={**job.result, "file": name})
        assert download(admin_client, job).status_code == 404, name
    other_kind = Job.objects.create(kind=Job.Kind.RETAG, status=Job.Status.DONE, result={"file": job.result["file"]},
                                    created_by=admin_user, finished_at=timezone.now())
    assert download(admin_client, other_kind).status_code == 404


def test_an_export_file_is_deleted_after_its_keep_days_and_the_job_says_so(issue, admin_client, admin_user, settings,
                                                                         django_capture_on_commit_callbacks):
    settings.EXPORT_KEEP_DAYS = 7
    with django_capture_on_commit_callbacks(execute=True):
        job = export_start(user=admin_user, format="csv", scope="publications", ids=[issue.pk],
                           description="出版物")
    job.refresh_from_db()
    path = export_path(job)
    written = path.stat().st_mtime
    assert exports.exports_expire(now=written + 6 * 86400) == 0 and path.is_file()

    assert exports.exports_expire(now=written + 8 * 86400) == 1
    assert not path.exists() and exports.export_expired(job)
    response = download(admin_client, job)
    assert response.status_code == 404
    page = admin_client.get(reverse("admin:articles_job_change", args=[job.pk])).content.decode()
    assert "已过期删除（保留 7 天）" in page
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result["rows"] == 3  # the record stays


def test_expiry_removes_half_files_a_killed_worker_left_and_nothing_that_is_not_an_export(settings):
    folder = exports_dir()
    folder.mkdir(parents=True)
    left = folder / "AbCdEfGhIjKlMnOpQrStUvWx.csv.part"
    live = folder / "ZyXwVuTsRqPoNmLkJiHgFeDc.csv.part"
    stranger = folder / "notes.txt"
    for path in (left, live, stranger):
        path.write_text("x")
    now = left.stat().st_mtime
    os.utime(left, (now - settings.TASK_TIME_LIMIT_SECONDS - 120,) * 2)
    os.utime(stranger, (now - 365 * 86400,) * 2)
    assert exports.exports_expire(now=now) == 1
    assert not left.exists() and live.exists() and stranger.exists()


def test_expiry_with_no_exports_folder_yet_does_nothing():
    assert exports.exports_expire() == 0
