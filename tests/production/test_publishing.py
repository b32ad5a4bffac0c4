"""Through the proxy over HTTPS, in a real browser: an editor publishes a case study in the
admin, the stack's outbox worker delivers it to the engine (no command run by hand), and a
visitor finds it in search."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_the_engine_answered

pytestmark = pytest.mark.browser

EDITOR_PASSWORD = "stack-editor-password-1"
# A word no demo case study has, so that finding it proves the new title reached the index.
NEW_WORD = "Zephyrquill"


@pytest.fixture(scope="module")
def case_study_id(stack):
    """An editor (members of Editors publish without review) and a demo case study."""
    return int(
        stack.shell(
            "from django.contrib.auth.models import Group, User; "
            "from learning_centres.models import CaseStudyPage; "
            f"user = User.objects.create_user('stack-editor', password='{EDITOR_PASSWORD}'); "
            "user.groups.add(Group.objects.get(name='Editors')); "
            "print(CaseStudyPage.objects.live().filter(locale__language_code='th').first().id)"
        )
    )


def engine_hits(stack, word: str) -> tuple[str, list[str]]:
    answer = stack.session().get(stack.url + "/api/search/", params={"q": word}, timeout=30).json()
    return answer["source"], [hit["title"] for hit in answer["results"]]


def test_an_editor_publishes_and_a_visitor_finds_it_through_the_engine(running_stack, browser, case_study_id):
    stack = running_stack
    assert engine_hits(stack, NEW_WORD) == ("engine", [])

    editor = browser.new_context(ignore_https_errors=True, locale="th-TH")
    editor.set_default_timeout(60_000)  # the stack shares the machine with the rest of the suite
    page = editor.new_page()
    page.goto(stack.url + "/admin/login/")
    page.fill("input[name=username]", "stack-editor")
    page.fill("input[name=password]", EDITOR_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto(f"{stack.url}/admin/pages/{case_study_id}/edit/")
    title = page.locator("#id_title")
    new_title = f"{title.input_value()} {NEW_WORD}"
    title.fill(new_title)
    publish = page.locator("button[name=action-publish]")
    if not publish.is_visible():  # behind the action menu's toggle while a workflow applies
        page.locator("footer .w-dropdown__toggle").first.click()
    publish.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    editor.close()

    deadline = time.monotonic() + 60
    while engine_hits(stack, NEW_WORD) != ("engine", [new_title]):
        assert time.monotonic() < deadline, f"the outbox worker did not deliver the edit: {engine_hits(stack, NEW_WORD)}"
        time.sleep(1)

    visitor = browser.new_context(ignore_https_errors=True, locale="th-TH")
    visitor.set_default_timeout(60_000)
    page = visitor.new_page()
    page.goto(f"{stack.url}/search/?q={NEW_WORD}")
    expect(page.get_by_role("link", name=new_title)).to_be_visible(timeout=30_000)
    assert_the_engine_answered(page)
    visitor.close()
