""" "Did your LAO adopt this?": the visit feedback reports adoptions, which the case study
shows (with the evidence level) once the feedback is approved."""

import pytest

from django.urls import reverse

from exchange.models import VisitFeedback, VisitStatus
from learning_centres.models import EvidenceLevel
from tests.learning_centres.factories import CaseStudyPageFactory, LAOFactory

from .conftest import make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(centre, other_centre):
    mine = CaseStudyPageFactory(parent=centre, title="ธนาคารขยะรีไซเคิล", evidence_level=EvidenceLevel.ADOPTED)
    theirs = CaseStudyPageFactory(parent=other_centre, title="กรณีของศูนย์อื่น")
    for page in (mine, theirs):
        page.save_revision().publish()
    return mine, theirs


@pytest.fixture
def visit(centre):
    return make_request(centre, lao=LAOFactory(name_th="เทศบาลตำบลบ้านใหม่"), status=VisitStatus.COMPLETED)


def status_url(visit) -> str:
    return reverse("exchange:status", args=[visit.token])


def test_feedback_asks_about_the_visited_centres_cases_only(client, visit, cases):
    html = client.get(status_url(visit)).content.decode()
    assert "อปท. ของท่านนำแนวปฏิบัติใดของศูนย์นี้ไปใช้แล้วบ้าง" in html
    assert "ธนาคารขยะรีไซเคิล" in html and "กรณีของศูนย์อื่น" not in html


def test_another_centres_case_is_a_400_and_nothing_is_saved(client, visit, cases):
    response = client.post(status_url(visit), {"rating": "4", "adopted": [str(cases[1].pk)]})
    assert response.status_code == 400
    assert "กรุณาเลือกจากกรณีศึกษาของศูนย์นี้" in response.content.decode()
    assert not VisitFeedback.objects.exists()


def test_an_approved_adoption_shows_on_the_case_with_the_badge(client, visit, cases, editor):
    mine = cases[0]
    assert client.post(status_url(visit), {"rating": "5", "adopted": [str(mine.pk)]}).status_code == 302
    feedback = VisitFeedback.objects.get()
    assert feedback.adopted_case_studies.get().pk == mine.pk

    html = client.get(mine.url).content.decode()
    assert 'class="evidence-badge level-5"' in html and "5/5 อปท. อื่นนำไปใช้" in html
    assert "เทศบาลตำบลบ้านใหม่" not in html  # not until an editor approves the feedback

    feedback.approved = True
    feedback.save()
    html = client.get(mine.url).content.decode()
    assert "อปท. ที่นำไปใช้" in html and "เทศบาลตำบลบ้านใหม่" in html


def test_demo_adoptions_back_the_demo_cases_at_level_five_once(cases, other_centre):
    from exchange.demo import load_demo_adoptions

    LAOFactory(name_th="องค์การบริหารส่วนตำบลอื่น")
    created = load_demo_adoptions()
    assert created >= 1 and load_demo_adoptions() == 0  # idempotent
    mine = cases[0]
    assert mine.adoptions() and all(item["lao"].pk != mine.get_parent().specific.lao_id for item in mine.adoptions())
    assert not cases[1].adoption_reports.exists()  # not at level 5
