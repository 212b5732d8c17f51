"""The scheduler's own tables (django-celery-beat) are for superusers only, and come after
the site's apps in the admin."""
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_celery_beat.models import IntervalSchedule, PeriodicTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model, client):
    """A staff account holding every permission, the scheduler's included, but not superuser."""
    user = django_user_model.objects.create_user("editor", password="a-long-password", is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    client.force_login(user)
    return client


def test_an_editor_does_not_see_the_scheduler_even_with_its_permissions(editor):
    index = editor.get(reverse("admin:index")).content.decode()
    assert "文章与文档" in index and "django_celery_beat" not in index and "周期任务" not in index
    assert editor.get(reverse("admin:django_celery_beat_periodictask_changelist")).status_code == 403
    interval = IntervalSchedule.objects.create(every=10, period=IntervalSchedule.SECONDS)
    task = PeriodicTask.objects.create(name="测试", task="articles.tasks.recovery_sweep", interval=interval)
    url = reverse("admin:django_celery_beat_periodictask_change", args=[task.pk])
    assert editor.post(url, {"name": "改名"}).status_code == 403
    assert PeriodicTask.objects.get(pk=task.pk).name == "测试"


def test_a_superuser_finds_the_scheduler_after_the_sites_own_apps(admin_client):
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert admin_client.get(reverse("admin:django_celery_beat_periodictask_changelist")).status_code == 200
    assert "周期任务" in index
    positions = [index.index(f'class="app-{label} module') for label in ("articles", "keywords", "django_celery_beat")]
    assert positions == sorted(positions)
