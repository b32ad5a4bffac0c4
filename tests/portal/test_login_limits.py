"""Password guessing is cut off on every form that checks a password, per login name and per
client address: the admin login, Wagtail's private-page login in both languages, and page
passwords."""

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

from portal.login_limits import PAGE_PASSWORD_PER_ADDRESS, PER_ADDRESS, PER_USERNAME

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-editor-password"
LOGIN_PATHS = ["/admin/login/", "/_util/login/", "/en/_util/login/"]


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)


def login(client, username: str, password: str, address: str = "10.1.1.1", path: str = "/admin/login/"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("path", LOGIN_PATHS)
def test_every_login_form_still_logs_in(client, editor, path):
    assert login(client, "editor", PASSWORD, path=path).status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.parametrize("path", LOGIN_PATHS)
def test_a_username_is_locked_after_repeated_failures_even_with_the_right_password(client, editor, path):
    for attempt in range(PER_USERNAME.count):
        assert login(client, "editor", f"wrong-{attempt}", address=f"10.2.0.{attempt}", path=path).status_code == 200
    response = login(client, "Editor", PASSWORD, address="10.2.1.1", path=path)  # another address, same user
    assert response.status_code == 429
    message = "Too many failed sign-in attempts" if path.startswith("/en/") else "เข้าสู่ระบบผิดหลายครั้งเกินไป"
    assert message in response.content.decode()
    assert response.headers["Retry-After"] == str(PER_USERNAME.seconds)
    assert "_auth_user_id" not in client.session


def test_failures_on_one_login_form_count_on_the_others(client, editor):
    for attempt, path in zip(range(PER_USERNAME.count), LOGIN_PATHS * 2, strict=False):
        login(client, "editor", f"wrong-{attempt}", path=path)
    assert login(client, "editor", PASSWORD, path="/admin/login/").status_code == 429


def test_an_address_trying_many_usernames_is_locked(client, editor):
    for attempt in range(PER_ADDRESS.count):
        login(client, f"guess-{attempt}", "wrong", address="10.3.0.1")
    assert login(client, "editor", PASSWORD, address="10.3.0.1").status_code == 429
    assert login(client, "editor", PASSWORD, address="10.3.0.2").status_code == 302  # others are not punished


def test_ipv6_addresses_in_one_slash_64_count_together(client, editor):
    for attempt in range(PER_ADDRESS.count):
        login(client, f"guess-{attempt}", "wrong", address=f"2001:db8:1:2::{attempt + 1:x}")
    assert login(client, "editor", PASSWORD, address="2001:db8:1:2:ffff::1").status_code == 429
    assert login(client, "editor", PASSWORD, address="2001:db8:1:3::1").status_code == 302


def test_a_successful_login_clears_the_username_count(client, editor):
    for attempt in range(PER_USERNAME.count - 1):
        login(client, "editor", f"wrong-{attempt}")
    assert login(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for attempt in range(PER_USERNAME.count - 1):
        login(client, "editor", f"wrong-again-{attempt}")
    assert login(client, "editor", PASSWORD).status_code == 302


def test_page_passwords_cannot_be_guessed_endlessly(client):
    page = Page.objects.get(depth=2)
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="right-one")
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    for attempt in range(PAGE_PASSWORD_PER_ADDRESS.count):
        response = client.post(url, {"password": f"wrong-{attempt}", "return_url": "/"}, REMOTE_ADDR="10.4.0.1")
        assert response.status_code == 200
    refused = client.post(url, {"password": "right-one", "return_url": "/"}, REMOTE_ADDR="10.4.0.1")
    assert refused.status_code == 429
    assert client.post(url, {"password": "right-one", "return_url": "/"}, REMOTE_ADDR="10.4.0.2").status_code == 302
