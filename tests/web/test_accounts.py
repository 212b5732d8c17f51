"""A chief editor (主编) creates and keeps editors' accounts, and cannot give anyone, their
own account included, more than a chief editor's rights. Each refusal is checked in the
answer (403, 404, a form error, or no such field) and in the database."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

EDITOR, CHIEF = "编辑", "主编"
PASSWORD = "a-long-password-1"


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def chief_user(django_user_model):
    user = django_user_model.objects.create_user("主编甲", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=CHIEF))
    return user


@pytest.fixture
def chief(chief_user) -> Client:
    return client_of(chief_user)


@pytest.fixture
def editor_user(django_user_model):
    user = django_user_model.objects.create_user("编辑乙", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


def change_url(user) -> str:
    return reverse("admin:auth_user_change", args=[user.pk])


def account_form(user, **changes) -> dict:
    """What the chief's change form posts for `user`, with `changes` on top."""
    data = {"username": user.username, "first_name": "", "last_name": "", "email": "",
            "is_active": "on", "is_staff": "on", "groups": [str(g.pk) for g in user.groups.all()]}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def rights(user) -> tuple:
    user.refresh_from_db()
    return (user.is_superuser, user.is_staff, sorted(user.groups.values_list("name", flat=True)),
            sorted(user.user_permissions.values_list("codename", flat=True)))


def test_a_chief_creates_an_editor_in_one_form(chief, django_user_model):
    page = chief.get(reverse("admin:auth_user_add")).content.decode()
    assert 'name="groups"' in page and 'name="is_superuser"' not in page
    editor_group = Group.objects.get(name=EDITOR)
    response = chief.post(reverse("admin:auth_user_add"), {
        "username": "新编辑", "usable_password": "true", "password1": "Xk7-long-secret", "password2": "Xk7-long-secret",
        "is_staff": "on", "groups": [editor_group.pk],
    })
    assert response.status_code == 302
    created = django_user_model.objects.get(username="新编辑")
    assert rights(created) == (False, True, [EDITOR], [])
    assert created.check_password("Xk7-long-secret")


def test_the_chiefs_form_has_no_superuser_box_and_no_single_permissions(chief, editor_user):
    page = chief.get(change_url(editor_user)).content.decode()
    assert 'name="groups"' in page
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
    assert "超级用户状态" not in page


def test_a_chief_makes_an_editor_a_chief_editor(chief, editor_user):
    both = [str(g.pk) for g in Group.objects.filter(name__in=[EDITOR, CHIEF])]
    assert chief.post(change_url(editor_user), account_form(editor_user, groups=both)).status_code == 302
    assert rights(editor_user) == (False, True, [CHIEF, EDITOR], [])


@pytest.mark.parametrize("whose", ["editor", "own"])
def test_a_chief_cannot_make_anyone_a_superuser(whose, chief, chief_user, editor_user):
    target = editor_user if whose == "editor" else chief_user
    before = rights(target)
    response = chief.post(change_url(target), account_form(target, is_superuser="on"))
    assert response.status_code == 302  # saved, without the field the form does not have
    assert rights(target) == before


@pytest.mark.parametrize("whose", ["editor", "own"])
def test_a_chief_cannot_grant_single_permissions(whose, chief, chief_user, editor_user):
    target = editor_user if whose == "editor" else chief_user
    before = rights(target)
    powers = [str(p.pk) for p in Permission.objects.filter(codename__in=["delete_user", "change_group", "add_group"])]
    chief.post(change_url(target), account_form(target, user_permissions=powers))
    assert rights(target) == before


@pytest.mark.parametrize("whose", ["editor", "own"])
def test_a_chief_cannot_put_anyone_in_a_group_beyond_the_roles(whose, chief, chief_user, editor_user):
    admins = Group.objects.create(name="管理员")
    admins.permissions.set(Permission.objects.filter(content_type__app_label="auth"))
    target = editor_user if whose == "editor" else chief_user
    before = rights(target)
    groups = [str(g.pk) for g in target.groups.all()] + [str(admins.pk)]
    response = chief.post(change_url(target), account_form(target, groups=groups))
    assert response.status_code == 200 and response.context["adminform"].form.errors["groups"]
    assert rights(target) == before


def test_a_chief_cannot_create_a_superuser(chief, django_user_model):
    chief.post(reverse("admin:auth_user_add"), {
        "username": "暗中的超级用户", "usable_password": "true", "password1": "Xk7-long-secret",
        "password2": "Xk7-long-secret", "is_staff": "on", "is_superuser": "on",
    })
    created = django_user_model.objects.filter(username="暗中的超级用户").first()
    assert created is None or not created.is_superuser


def test_a_chief_does_not_see_or_touch_a_superusers_account(chief, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com", PASSWORD)
    assert "root" not in chief.get(reverse("admin:auth_user_changelist")).content.decode()
    assert chief.get(change_url(root)).status_code == 302  # to the index: no such account for them
    chief.post(change_url(root), {"username": "root", "is_active": "", "is_staff": ""})
    password = reverse("admin:auth_user_password_change", args=[root.pk])
    assert chief.post(password, {"password1": "Taken-over-9", "password2": "Taken-over-9"}).status_code == 404
    root.refresh_from_db()
    assert root.is_active and root.is_superuser and root.check_password(PASSWORD)


def test_a_chief_cannot_delete_accounts_nor_change_what_a_role_may_do(chief, editor_user):
    delete = reverse("admin:auth_user_delete", args=[editor_user.pk])
    assert chief.post(delete, {"post": "yes"}).status_code == 403
    assert type(editor_user).objects.filter(pk=editor_user.pk).exists()
    role = Group.objects.get(name=CHIEF)
    before = set(role.permissions.values_list("pk", flat=True))
    everything = [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]
    url = reverse("admin:auth_group_change", args=[role.pk])
    assert chief.post(url, {"name": CHIEF, "permissions": everything}).status_code == 403
    assert set(role.permissions.values_list("pk", flat=True)) == before


def test_an_editor_keeps_no_accounts(editor_user, django_user_model):
    editor = client_of(editor_user)
    assert editor.get(reverse("admin:auth_user_changelist")).status_code == 403
    response = editor.post(reverse("admin:auth_user_add"), {
        "username": "冒名", "usable_password": "true", "password1": "Xk7-long-secret", "password2": "Xk7-long-secret",
    })
    assert response.status_code == 403 and not django_user_model.objects.filter(username="冒名").exists()


def test_a_chief_resets_an_editors_password_on_the_record(chief, editor_user):
    from articles.models import AuditEvent

    url = reverse("admin:auth_user_password_change", args=[editor_user.pk])
    response = chief.post(url, {"password1": "New-long-secret-7", "password2": "New-long-secret-7"})
    assert response.status_code == 302
    editor_user.refresh_from_db()
    assert editor_user.check_password("New-long-secret-7")
    event = AuditEvent.objects.get(object_type="auth.user", object_id=str(editor_user.pk))
    assert (event.username, event.action) == ("主编甲", AuditEvent.Action.CHANGE)
