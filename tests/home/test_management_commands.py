"""The development accounts `make run` prints, and the English page tree kept in step."""

import io

import pytest

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from home.models import StandardPage
from learning_centres.roles import CENTRE_GROUP_PREFIX, EDITORS

pytestmark = pytest.mark.django_db


def run(command: str) -> str:
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


@pytest.fixture
def debug(settings, tmp_path):
    settings.DEBUG = True
    settings.BASE_DIR = tmp_path  # the password file goes to tmp_path/var, not the checkout's
    return tmp_path


def test_dev_accounts_are_an_administrator_an_editor_and_a_contributor_of_the_first_centre(debug, centre):
    output = run("ensure_dev_accounts")
    password = (debug / "var" / "dev-password.txt").read_text().strip()
    users = {user.username: user for user in get_user_model().objects.all()}

    assert users["admin"].is_superuser and users["admin"].check_password(password)
    assert users["editor"].groups.filter(name=EDITORS).exists() and users["editor"].check_password(password)
    assert users["contributor"].groups.filter(name=f"{CENTRE_GROUP_PREFIX}{centre.title}").exists()
    assert not users["contributor"].is_superuser and not users["editor"].is_superuser
    assert f"admin / {password}" in output and f"contributor / {password}  (writes for: {centre.title})" in output


def test_dev_accounts_keep_their_password_and_an_editors_change(debug, centre):
    run("ensure_dev_accounts")
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("changed-in-the-admin")
    admin.save()

    output = run("ensure_dev_accounts")

    assert get_user_model().objects.filter(username__in=["admin", "editor", "contributor"]).count() == 3
    admin.refresh_from_db()
    assert admin.check_password("changed-in-the-admin")  # never reset behind the user's back
    assert (debug / "var" / "dev-password.txt").read_text().strip() in output


def test_dev_accounts_are_refused_outside_debug(settings, tmp_path):
    settings.DEBUG = False
    settings.BASE_DIR = tmp_path
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("ensure_dev_accounts")
    assert not get_user_model().objects.exists()


def test_sync_page_trees_gives_new_thai_pages_an_english_alias_once(site_tree, home_page):
    page = home_page.add_child(instance=StandardPage(title="ติดต่อเรา", slug="contact-us"))
    page.save_revision().publish()
    assert not page.get_translations().exists()

    assert run("sync_page_trees").strip() == "1 aliases created"
    english = page.get_translations().get()
    assert english.locale.language_code == "en" and english.alias_of_id == page.pk
    assert run("sync_page_trees").strip() == "0 aliases created"
