"""The digest through the search engine (the production path), and a lagging index: a case
study still waiting in the search outbox is not lost, it comes in the next digest."""

import pytest

from django.utils import timezone

from alerts.digest import send_digests
from tests.conftest import publish, run_task_worker
from tests.learning_centres.factories import CaseStudyPageFactory
from tests.search.conftest import index_now, search_engine  # noqa: F401 - the engine fixture

from .test_digest import TOMORROW, body, confirmed, inbox, messages, subscribe  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def test_a_case_waiting_for_the_index_comes_in_the_next_digest_not_never(client, subscribe, centre, inbox, search_engine):  # noqa: F811
    confirmed(client, subscribe, inbox)
    first = publish(CaseStudyPageFactory(parent=centre, title="ธนาคารขยะสร้างสวัสดิการ", focus_areas=["community-welfare"]))
    other = publish(CaseStudyPageFactory(parent=centre, title="เยี่ยมบ้านผู้ป่วยติดเตียง"))
    assert send_digests(timezone.now() + TOMORROW) == 0  # not in the index yet: the window stays open
    index_now(search_engine)
    assert send_digests(timezone.now() + TOMORROW) == 1
    run_task_worker()
    (mail,) = messages(inbox)
    assert first.title in body(mail) and other.title not in body(mail)
