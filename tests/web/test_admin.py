import pytest
from django.contrib import admin
from django.urls import reverse

from articles.models import Document

pytestmark = pytest.mark.django_db


def test_every_model_has_a_working_admin_list_in_chinese(admin_client, import_seed):
    import_seed()
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = admin_client.get(url)
        assert response.status_code == 200, url
    assert "内容管理" in admin_client.get(reverse("admin:index")).content.decode()


def test_the_original_file_can_be_downloaded(admin_client, import_seed):
    document = import_seed()
    response = admin_client.get(reverse("admin:articles_document_download", args=[document.pk]))
    assert response.status_code == 200
    assert response.content == bytes(Document.objects.get().content)
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''000_")


def test_downloads_need_a_staff_login(client, import_seed):
    document = import_seed()
    response = client.get(reverse("admin:articles_document_download", args=[document.pk]))
    assert response.status_code == 302


def test_a_given_up_page_can_be_tried_again_from_the_admin(admin_client):
    from articles.models import Channel, FailedEntry, Source

    source = Source.objects.create(name="示例网", slug="example")
    channel = Channel.objects.create(source=source, url="http://example.com/feed.xml", kind=Channel.Kind.FEED)
    entry = FailedEntry.objects.create(channel=channel, url="http://example.com/a.html", attempts=5, next_try_at=None)
    changelist = reverse("admin:articles_failedentry_changelist")
    assert "http://example.com/a.html" in admin_client.get(changelist).content.decode()
    response = admin_client.post(changelist, {"action": "retry_soon", "_selected_action": [entry.pk]}, follow=True)
    assert "1 个条目将在其来源下次抓取时重试" in response.content.decode()
    entry.refresh_from_db()
    assert entry.next_try_at is not None and not entry.given_up
