"""Admin logins are throttled: after LOGIN_FAILURE_LIMIT wrong passwords for one username
from one address, even the right password is refused for the cool-off period."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password"


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    """Dozens of logins: a fast hasher keeps the test about throttling, not hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", PASSWORD)


def login(client: Client, password: str, *, username: str = "editor", ip: str = "10.0.0.1"):
    return client.post(reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"},
                       REMOTE_ADDR=ip)


def logged_in(client: Client) -> bool:
    return client.get(reverse("admin:index")).status_code == 200


def test_the_right_password_fails_once_the_account_is_locked(client, editor):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == 200  # the form again, with its error
    locked = login(client, "wrong")
    assert locked.status_code == 429
    assert "登录已暂时锁定" in locked.content.decode() and "15 分钟" in locked.content.decode()
    right = login(client, PASSWORD)
    assert right.status_code == 429 and "即使密码正确也无法登录" in right.content.decode()
    assert not logged_in(client)


def test_fewer_failures_than_the_limit_still_let_the_editor_in(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "wrong")
    assert login(client, PASSWORD).status_code == 302
    assert logged_in(client)


def test_the_lock_is_per_username_and_address(client, editor, django_user_model):
    django_user_model.objects.create_superuser("other", "o@example.com", PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong")
    assert login(Client(), PASSWORD, ip="10.0.0.2").status_code == 302  # same user, another address
    assert login(Client(), PASSWORD, username="other").status_code == 302  # same address, another user


def test_the_lock_ends_after_the_cool_off(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong")
    assert login(client, PASSWORD).status_code == 429
    settings.AXES_COOLOFF_TIME = timedelta(seconds=0)
    assert login(client, PASSWORD).status_code == 302
