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
