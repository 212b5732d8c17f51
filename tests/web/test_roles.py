"""The roles the migration creates: 编辑 may do an editor's daily work and nothing more;
主编 may also keep the keyword side, unpublish and delete; neither sees the scheduler or
the accounts. Every refusal is checked twice: the answer (403, or no button/field) and
the database, unchanged after the POST."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from articles.models import Article, Channel, Document, Job, Publication, Source
from keywords.models import KeywordYear, Organisation, Topic, TopicAlias
from tests.conftest import LATEST_ROLES

pytestmark = pytest.mark.django_db

EDITOR, CHIEF = "编辑", "主编"


def member_of(group: str, django_user_model) -> Client:
    user = django_user_model.objects.create_user(f"{group}甲", password="a-long-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(django_user_model):
    return member_of(EDITOR, django_user_model)


@pytest.fixture
def chief(django_user_model):
    return member_of(CHIEF, django_user_model)


def make_issue(*, published: bool) -> Publication:
    publication = Publication.objects.create(kind="newsletter", title="电子商务资讯", issue_label="第2期",
                                             is_published=published)
    for position in (1, 2):
        Article.objects.create(publication=publication, title=f"条目{position}", body="第一段。\n第二段。",
                               position=position, is_published=published)
    return publication


def review_url(publication: Publication) -> str:
    return reverse("admin:articles_publication_review", args=[publication.pk])


def change_form_data(response) -> dict:
    """What the admin change form would post back unchanged: every editable field's
    current value and each inline's management form."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else ([str(v) for v in value] if isinstance(value, list) else value)
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
    return data


# What they share: the admin's front page, without scheduler or accounts.


@pytest.mark.parametrize("role", [EDITOR, CHIEF])
def test_neither_role_sees_the_scheduler_nor_grants_itself_more(role, django_user_model):
    """The chief editor keeps editors' accounts (tests/web/test_accounts.py), the editor
    none; neither reaches the scheduler or makes anyone a superuser."""
    client = member_of(role, django_user_model)
    index = client.get(reverse("admin:index")).content.decode()
    assert "文章与文档" in index
    assert "周期任务" not in index and "django_celery_beat" not in index
    assert ("auth/user" in index) == (role == CHIEF)
    interval = IntervalSchedule.objects.create(every=10, period=IntervalSchedule.SECONDS)
    task = PeriodicTask.objects.create(name="测试", task="articles.tasks.recovery_sweep", interval=interval)
    assert client.get(reverse("admin:django_celery_beat_periodictask_changelist")).status_code == 403
    url = reverse("admin:django_celery_beat_periodictask_change", args=[task.pk])
    assert client.post(url, {"name": "改名", "task": task.task, "interval": interval.pk}).status_code == 403
    assert PeriodicTask.objects.get(pk=task.pk).name == "测试"
    user = django_user_model.objects.get(username=f"{role}甲")
    assert client.get(reverse("admin:auth_user_changelist")).status_code == (200 if role == CHIEF else 403)
    grab = {"username": user.username, "is_superuser": "on", "is_staff": "on", "is_active": "on"}
    assert client.post(reverse("admin:auth_user_change", args=[user.pk]), grab).status_code in (302, 403)
    user.refresh_from_db()
    assert not user.is_superuser and not user.user_permissions.exists()


# The editor's work.


def test_an_editor_uploads_reviews_and_publishes(editor):
    upload = SimpleUploadedFile("a.txt", "---\ntitle: 标题\n---\n正文。\n".encode(), content_type="text/plain")
    assert editor.post(reverse("admin:articles_document_upload"), {"files": [upload]}).status_code == 302
    assert Document.objects.count() == 1
    issue = make_issue(published=False)
    page = editor.get(review_url(issue)).content.decode()
    assert 'value="publish"' in page and 'value="drop"' in page and 'value="merge"' in page
    first = issue.articles.get(position=1)
    rename = {"action": "rename", "article": first.pk, "title": "新标题"}
    assert editor.post(review_url(issue), rename).status_code == 302
    assert editor.post(review_url(issue), {"action": "drop", "article": first.pk}).status_code == 302
    assert editor.post(review_url(issue), {"action": "undo"}).status_code == 302
    assert editor.post(review_url(issue), {"action": "publish"}).status_code == 302
    issue.refresh_from_db()
    assert issue.is_published and issue.articles.filter(is_published=True).count() == 2
    assert Article.objects.get(pk=first.pk).title == "新标题"


def test_an_editor_keeps_web_sources_and_channels(editor):
    assert editor.post(reverse("admin:articles_source_add"), {
        "name": "某网", "slug": "mou", "kind": Source._meta.get_field("kind").default or "web",
        "channels-TOTAL_FORMS": "0", "channels-INITIAL_FORMS": "0",
    }).status_code == 302
    source = Source.objects.get(name="某网")
    channel = Channel.objects.create(source=source, url="http://127.0.0.1:9/feed.xml")
    assert 'value="poll_now"' in editor.get(reverse("admin:articles_channel_changelist")).content.decode()
    delete = reverse("admin:articles_channel_delete", args=[channel.pk])
    assert editor.post(delete, {"post": "yes"}).status_code == 302
    assert not Channel.objects.exists()


def test_an_editor_follows_and_retries_jobs(editor):
    job = Job.objects.create(kind=Job.Kind.CHANNEL_POLL, status=Job.Status.FAILED, error="超时")
    assert editor.get(reverse("admin:articles_job_changelist")).status_code == 200
    status = editor.get(reverse("admin:articles_job_status"), {"id": job.pk})
    assert status.json()["jobs"][0]["status"] == Job.Status.FAILED
    response = editor.post(reverse("admin:articles_job_changelist"), {"action": "retry", "_selected_action": [job.pk]})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED


def test_an_editor_reads_topics_but_cannot_change_them(editor):
    topic = Topic.objects.create(term="测试词甲", slug="ceshi-jia")
    TopicAlias.objects.create(topic=topic, text="测试词甲乙")
    url = reverse("admin:keywords_topic_change", args=[topic.pk])
    page = editor.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert editor.post(url, {"term": "改名", "slug": "ceshi-jia", "aliases-TOTAL_FORMS": "0"}).status_code == 403
    assert editor.post(reverse("admin:keywords_topic_add"), {"term": "测试新词", "slug": "xinci"}).status_code == 403
    assert editor.post(reverse("admin:keywords_topic_delete", args=[topic.pk]), {"post": "yes"}).status_code == 403
    assert Topic.objects.get(pk=topic.pk).term == "测试词甲" and not Topic.objects.filter(term="测试新词").exists()
    assert list(topic.aliases.values_list("text", flat=True)) == ["测试词甲乙"]


def test_an_editor_cannot_change_the_keyword_lists(editor):
    year = KeywordYear.objects.create(year=2098)
    topics = Topic.objects.count()
    assert editor.post(reverse("admin:keywords_keywordyear_add"), {"year": 2099}).status_code == 403
    discover = reverse("admin:keywords_keywordyear_discover", args=[year.pk])
    assert editor.post(discover, {"term": "新词"}).status_code == 403
    assert editor.post(reverse("admin:keywords_keywordyear_delete", args=[year.pk]), {"post": "yes"}).status_code == 403
    assert KeywordYear.objects.filter(pk=year.pk).exists() and not KeywordYear.objects.filter(year=2099).exists()
    assert not year.entries.exists() and Topic.objects.count() == topics


def test_an_editor_cannot_change_organisations(editor):
    organisation = Organisation.objects.create(name="测试机构甲", status=Organisation.Status.CANDIDATE)
    changelist = editor.get(reverse("admin:keywords_organisation_changelist")).content.decode()
    assert 'value="accept"' not in changelist
    response = editor.post(reverse("admin:keywords_organisation_changelist"),
                           {"action": "accept", "_selected_action": [organisation.pk]})
    assert response.status_code in (200, 302)
    url = reverse("admin:keywords_organisation_change", args=[organisation.pk])
    assert editor.post(url, {"name": "改名", "kind": "company", "status": "reviewed"}).status_code == 403
    assert editor.post(reverse("admin:keywords_organisation_discover")).status_code == 403
    organisation.refresh_from_db()
    assert organisation.name == "测试机构甲" and organisation.status == Organisation.Status.CANDIDATE
    assert not Job.objects.exists()


def test_an_editor_cannot_unpublish_an_issue_or_take_its_items_down(editor):
    issue = make_issue(published=True)
    page = editor.get(review_url(issue)).content.decode()
    assert 'value="unpublish"' not in page and 'value="drop"' not in page and 'value="merge"' not in page
    second = issue.articles.get(position=2)
    for data in ({"action": "unpublish"}, {"action": "drop", "article": second.pk},
                 {"action": "merge", "article": second.pk}):
        assert editor.post(review_url(issue), data).status_code == 403, data
    issue.refresh_from_db()
    assert issue.is_published and issue.articles.filter(is_published=True, review_state="active").count() == 2


def test_an_editor_cannot_unpublish_through_the_change_forms(editor):
    issue = make_issue(published=True)
    article = issue.articles.get(position=1)
    for model, obj in (("article", article), ("publication", issue)):
        url = reverse(f"admin:articles_{model}_change", args=[obj.pk])
        page = editor.get(url)
        assert 'name="is_published"' not in page.content.decode()
        data = change_form_data(page)
        data.pop("is_published", None)  # unticked, as a browser posts it
        assert editor.post(url, data).status_code == 302
        obj.refresh_from_db()
        assert obj.is_published, model


def test_an_editor_cannot_reparse_what_is_published(editor):
    issue = make_issue(published=True)
    issue.document = Document.objects.create(sha256="0" * 64, filename="a.txt", size=1, content=b"x",
                                             status=Document.Status.PARSED)
    issue.save()
    response = editor.post(reverse("admin:articles_document_changelist"),
                           {"action": "reparse", "_selected_action": [issue.document.pk]})
    assert response.status_code == 302
    assert Document.objects.get(pk=issue.document.pk).status == Document.Status.PARSED
    assert not Job.objects.exists()


def test_an_editor_cannot_delete_articles_publications_or_documents(editor):
    issue = make_issue(published=False)
    issue.document = Document.objects.create(sha256="0" * 64, filename="a.txt", size=1, content=b"x")
    issue.save()
    article = issue.articles.get(position=1)
    for model, obj in (("article", article), ("publication", issue), ("document", issue.document)):
        changelist = editor.get(reverse(f"admin:articles_{model}_changelist")).content.decode()
        assert 'value="delete_selected"' not in changelist, model
        assert editor.post(reverse(f"admin:articles_{model}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
    assert Article.objects.count() == 2 and Publication.objects.count() == 1 and Document.objects.count() == 1


# What only the chief editor may do.


def test_a_chief_editor_unpublishes_and_takes_items_down(chief):
    issue = make_issue(published=True)
    page = chief.get(review_url(issue)).content.decode()
    assert 'value="unpublish"' in page and 'value="drop"' in page
    second = issue.articles.get(position=2)
    assert chief.post(review_url(issue), {"action": "drop", "article": second.pk}).status_code == 302
    assert not Article.objects.get(pk=second.pk).is_published
    assert chief.post(review_url(issue), {"action": "unpublish"}).status_code == 302
    issue.refresh_from_db()
    assert not issue.is_published and not issue.articles.filter(is_published=True).exists()


def test_a_chief_editor_deletes_articles_and_publications(chief):
    issue = make_issue(published=True)
    article = issue.articles.get(position=1)
    assert chief.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert chief.post(reverse("admin:articles_publication_delete", args=[issue.pk]), {"post": "yes"}).status_code == 302
    assert not Publication.objects.exists() and not Article.objects.exists()


def test_a_chief_editor_keeps_topics_lists_and_organisations(chief):
    assert chief.post(reverse("admin:keywords_topic_add"), {
        "term": "测试词丙", "slug": "ceshi-bing", "aliases-TOTAL_FORMS": "1", "aliases-INITIAL_FORMS": "0",
        "aliases-0-text": "测试词丙丁", "not_phrases-TOTAL_FORMS": "0", "not_phrases-INITIAL_FORMS": "0",
    }).status_code == 302
    topic = Topic.objects.get(term="测试词丙")
    assert list(topic.aliases.values_list("text", flat=True)) == ["测试词丙丁"]
    year = KeywordYear.objects.create(year=2098)
    discover = reverse("admin:keywords_keywordyear_discover", args=[year.pk])
    assert chief.post(discover, {"term": "测试词丙"}).status_code == 302
    assert year.entries.filter(topic=topic).exists()
    organisation = Organisation.objects.create(name="测试机构甲", status=Organisation.Status.CANDIDATE)
    response = chief.post(reverse("admin:keywords_organisation_changelist"),
                          {"action": "accept", "_selected_action": [organisation.pk]})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.REVIEWED


def test_the_roles_migration_can_run_again_and_keeps_each_role_exact():
    """Running the latest one on a database that has the groups (edited by hand since)
    sets them back."""
    from importlib import import_module

    roles = import_module(f"articles.migrations.{LATEST_ROLES}")
    editors = Group.objects.get(name=EDITOR)
    before = set(editors.permissions.values_list("codename", flat=True))
    editors.permissions.add(*Group.objects.get(name=CHIEF).permissions.filter(codename="delete_article"))
    state = MigrationExecutor(connection).loader.project_state(("articles", LATEST_ROLES))
    roles.roles_create(state.apps, SimpleNamespace(connection=connection))  # it only asks for the alias
    assert set(editors.permissions.values_list("codename", flat=True)) == before
    assert Group.objects.filter(name__in=[EDITOR, CHIEF]).count() == 2
    assert "publish_publication" in before and "unpublish_publication" not in before
