"""Password guessing at the admin login is cut off per username and per client address."""

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.admin_login import PER_ADDRESS, PER_USERNAME

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-editor-password"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)


def login(client, username: str, password: str, address: str = "10.1.1.1"):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_the_admin_login_still_works(client, editor):
    response = login(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_a_username_is_locked_after_repeated_failures_even_with_the_right_password(client, editor):
    for attempt in range(PER_USERNAME.count):
        assert login(client, "editor", f"wrong-{attempt}", address=f"10.2.0.{attempt}").status_code == 200
    response = login(client, "Editor", PASSWORD, address="10.2.1.1")  # another address, same user
    assert response.status_code == 429
    assert "เข้าสู่ระบบผิดหลายครั้งเกินไป" in response.content.decode()
    assert response.headers["Retry-After"] == str(PER_USERNAME.seconds)
    assert "_auth_user_id" not in client.session


def test_an_address_trying_many_usernames_is_locked(client, editor):
    for attempt in range(PER_ADDRESS.count):
        login(client, f"guess-{attempt}", "wrong", address="10.3.0.1")
    assert login(client, "editor", PASSWORD, address="10.3.0.1").status_code == 429
    assert login(client, "editor", PASSWORD, address="10.3.0.2").status_code == 302  # others are not punished


def test_a_successful_login_clears_the_username_count(client, editor):
    for attempt in range(PER_USERNAME.count - 1):
        login(client, "editor", f"wrong-{attempt}")
    assert login(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for attempt in range(PER_USERNAME.count - 1):
        login(client, "editor", f"wrong-again-{attempt}")
    assert login(client, "editor", PASSWORD).status_code == 302
