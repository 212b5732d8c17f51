"""Being staff only opens the admin: each custom admin page checks the model permission
for what it does, and answers 403 without it (unpublished review pages included)."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Channel, Document, Publication, Source
from keywords.models import KeywordYear, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue():
    publication = Publication.objects.create(kind="newsletter", title="电子商务资讯", issue_label="第2期")
    for position in (1, 2):
        Article.objects.create(publication=publication, title=f"条目{position}", body="第一段。\n第二段。",
                               position=position)
    return publication


@pytest.fixture
def staff(django_user_model, client):
    """A staff account with no permissions; `grant` adds some."""
    user = django_user_model.objects.create_user("staff", "s@example.com", "a-long-password", is_staff=True)
    client.force_login(user)

    def grant(*codenames: str):
        for codename in codenames:
            app, code = codename.split(".")
            user.user_permissions.add(Permission.objects.get(content_type__app_label=app, codename=code))
        # Permissions are cached on the user object the test client loads per request.
        return user

    client.grant = grant
    return client


def upload():
    return SimpleUploadedFile("a.txt", "---\ntitle: 标题\n---\n正文。\n".encode(), content_type="text/plain")


def test_upload_needs_the_add_document_permission(staff):
    url = reverse("admin:articles_document_upload")
    assert staff.get(url).status_code == 403
    assert staff.post(url, {"files": [upload()]}).status_code == 403
    assert not Document.objects.exists()
    staff.grant("articles.add_document", "articles.view_document")
    assert staff.get(url).status_code == 200
    assert staff.post(url, {"files": [upload()]}).status_code == 302
    assert Document.objects.count() == 1


def test_an_unpublished_review_page_needs_a_publication_permission(staff, issue):
    url = reverse("admin:articles_publication_review", args=[issue.pk])
    assert staff.get(url).status_code == 403
    staff.grant("articles.view_publication")
    page = staff.get(url)
    assert page.status_code == 200
    assert "条目1" in page.content.decode() and "发布全部" not in page.content.decode()


def test_publishing_needs_the_publish_permission(staff, issue):
    url = reverse("admin:articles_publication_review", args=[issue.pk])
    staff.grant("articles.view_publication", "articles.change_publication")
    assert staff.post(url, {"action": "publish"}).status_code == 403
    issue.refresh_from_db()
    assert not issue.is_published and not Article.objects.filter(is_published=True).exists()
    # Editing the split is a change, which this account may make.
    first = issue.articles.get(position=1)
    assert staff.post(url, {"action": "rename", "article": first.pk, "title": "新标题"}).status_code == 302
    assert Article.objects.get(pk=first.pk).title == "新标题"
    staff.grant("articles.publish_publication")
    assert staff.post(url, {"action": "publish"}).status_code == 302
    issue.refresh_from_db()
    assert issue.is_published and Article.objects.filter(is_published=True).count() == 2


def test_viewing_is_not_editing(staff, issue):
    url = reverse("admin:articles_publication_review", args=[issue.pk])
    staff.grant("articles.view_publication")
    first = issue.articles.get(position=1)
    for data in ({"action": "rename", "article": first.pk, "title": "x"}, {"action": "drop", "article": first.pk},
                 {"action": "metadata", "title": "改"}, {"action": "unpublish"}):
        assert staff.post(url, data).status_code == 403, data
    assert issue.articles.count() == 2 and Article.objects.get(pk=first.pk).title == "条目1"


def test_keyword_discovery_needs_view_to_read_and_change_to_promote(staff):
    year = KeywordYear.objects.create(year=2015)
    url = reverse("admin:keywords_keywordyear_discover", args=[year.pk])
    assert staff.get(url).status_code == 403
    staff.grant("keywords.view_keywordyear")
    assert staff.get(url).status_code == 200
    assert staff.post(url, {"term": "新词"}).status_code == 403
    assert not year.entries.exists()


def test_organisation_discovery_needs_the_add_permission(staff, django_capture_on_commit_callbacks):
    url = reverse("admin:keywords_organisation_discover")
    assert staff.post(url).status_code == 403
    staff.grant("keywords.add_organisation", "keywords.view_organisation")
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(url).status_code == 302


def test_bulk_actions_that_change_rows_need_the_change_permission(staff):
    source = Source.objects.create(name="某网", slug="mou")
    Channel.objects.create(source=source, url="http://127.0.0.1:9/feed.xml")
    Organisation.objects.create(name="测试机构甲")
    staff.grant("articles.view_channel", "keywords.view_organisation")
    channels = staff.get(reverse("admin:articles_channel_changelist")).content.decode()
    organisations = staff.get(reverse("admin:keywords_organisation_changelist")).content.decode()
    assert 'value="poll_now"' not in channels
    assert 'value="accept"' not in organisations and 'value="reject"' not in organisations
    staff.grant("articles.change_channel", "keywords.change_organisation")
    assert 'value="poll_now"' in staff.get(reverse("admin:articles_channel_changelist")).content.decode()
    assert 'value="accept"' in staff.get(reverse("admin:keywords_organisation_changelist")).content.decode()


def test_downloading_an_original_needs_the_view_permission(staff):
    document = Document.objects.create(sha256="0" * 64, filename="a.txt", size=1, content=b"x")
    url = reverse("admin:articles_document_download", args=[document.pk])
    assert staff.get(url).status_code == 403
    staff.grant("articles.view_document")
    assert staff.get(url).status_code == 200
