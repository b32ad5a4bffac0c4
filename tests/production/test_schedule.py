"""The stack's schedule process (manage.py run_schedule --loop) publishes a page whose go-live
time has come, with no command run by hand (the stack runs publish_scheduled every 2 s)."""

import time


def test_a_page_scheduled_for_the_future_is_published_once_its_time_comes(running_stack):
    stack = running_stack
    url = stack.shell(
        "import datetime; from django.utils import timezone; from home.models import HomePage, StandardPage; "
        "home = HomePage.objects.get(locale__language_code='th'); "
        "page = home.add_child(instance=StandardPage(title='ประกาศตามกำหนดเวลา', slug='scheduled-notice', live=False)); "
        # Time enough to see it unpublished first, even on a busy machine.
        "page.go_live_at = timezone.now() + datetime.timedelta(seconds=20); "
        "page.save_revision().publish(); page.refresh_from_db(); assert not page.live; print(page.url)"
    )
    client = stack.session()
    assert client.get(stack.url + url, timeout=10).status_code == 404  # not before its time

    deadline = time.monotonic() + 90
    while (response := client.get(stack.url + url, timeout=10)).status_code != 200:
        assert time.monotonic() < deadline, f"the scheduled page was not published: {response.status_code}"
        time.sleep(1)
    assert "ประกาศตามกำหนดเวลา" in response.text
