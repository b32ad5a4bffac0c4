"""A request from submission to feedback on the centre's page, with every email on the way,
and what the requester can do with their private status link."""

import pytest

from django.core import mail
from django.urls import reverse

from exchange.models import VisitFeedback, VisitRequest, VisitStatus

from .conftest import in_days, make_request

pytestmark = pytest.mark.django_db


def status_url(visit) -> str:
    return reverse("exchange:status", args=[visit.token])


def test_the_whole_lifecycle_with_its_emails(client, centre, contributor, editor, form_data, committed):
    # The requester asks from the centre's page.
    page = client.get(centre.url).content.decode()
    assert reverse("exchange:request", args=[centre.pk]) in page
    with committed():
        client.post(reverse("exchange:request", args=[centre.pk]), form_data)
    visit = VisitRequest.objects.get()
    assert [m.to for m in mail.outbox] == [["somying@example.go.th"], ["centre@example.go.th"]]

    # The centre proposes another date, then approves it, then marks the visit done.
    staff = client_for(contributor)
    new_day = in_days(35)
    for data in (
        {"status": "rescheduled", "visit_date": new_day.isoformat(), "message": "วันที่ 30 ติดประชุม"},
        {"status": "approved", "visit_date": "", "message": "ยืนยันวันใหม่"},
        {"status": "completed", "visit_date": "", "message": "ขอบคุณที่มาเยี่ยม"},
    ):
        with committed():
            assert staff.post(reverse("visit_requests:inspect", args=[visit.pk]), data).status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.COMPLETED and visit.scheduled_date == new_day
    subjects = [m.subject for m in mail.outbox[2:]]
    assert len(subjects) == 3 and all(m.to == ["somying@example.go.th"] for m in mail.outbox[2:])
    assert "เสนอวันศึกษาดูงานใหม่" in subjects[0]
    assert "ตอบรับ" in subjects[1]
    assert "ขอความเห็น" in subjects[2]  # the feedback request
    assert status_url(visit) in mail.outbox[-1].body

    # The status page shows the centre's messages and asks for a rating.
    html = client.get(status_url(visit)).content.decode()
    assert "วันที่ 30 ติดประชุม" in html and "ยืนยันวันใหม่" in html
    assert 'name="rating"' in html
    response = client.post(status_url(visit), {"rating": "5", "comment": "ได้แนวทางไปใช้ที่ตำบลเรา"})
    assert response.status_code == 302
    feedback = VisitFeedback.objects.get()
    assert (feedback.rating, feedback.approved) == (5, False)

    # Nothing appears on the centre's page until the centre approves the feedback.
    page = client.get(centre.url).content.decode()
    assert "ได้แนวทางไปใช้ที่ตำบลเรา" not in page
    assert "ต้อนรับคณะศึกษาดูงานแล้ว 1 คณะ รวม 25 คน" in page
    staff.post(reverse("visit_feedback:edit", args=[feedback.pk]), {"approved": "on"})
    page = client.get(centre.url).content.decode()
    assert "ได้แนวทางไปใช้ที่ตำบลเรา" in page
    assert "ความพึงพอใจเฉลี่ย 5.0 จาก 5" in page
    assert "สมหญิง" not in page  # feedback is anonymous
    assert "centre@example.go.th" not in page  # and no address is ever published


def client_for(user):
    from django.test import Client

    staff = Client()
    staff.force_login(user)
    return staff


class TestStatusPage:
    def test_an_unknown_token_is_not_found(self, client, db):
        assert client.get(reverse("exchange:status", args=["not-a-real-token"])).status_code == 404

    def test_the_page_is_private(self, client, centre):
        response = client.get(status_url(make_request(centre)))
        assert response.headers["X-Robots-Tag"].startswith("noindex")
        assert "no-store" in response.headers["Cache-Control"]

    def test_feedback_is_only_asked_after_the_visit(self, client, centre):
        visit = make_request(centre, status=VisitStatus.APPROVED)
        assert 'name="rating"' not in client.get(status_url(visit)).content.decode()
        assert client.post(status_url(visit), {"rating": "5"}).status_code == 400
        assert not VisitFeedback.objects.exists()

    def test_feedback_needs_a_rating_from_1_to_5(self, client, centre):
        visit = make_request(centre, status=VisitStatus.COMPLETED)
        response = client.post(status_url(visit), {"rating": "9", "comment": ""})
        assert response.status_code == 400
        assert "กรุณาเลือกคะแนน 1–5" in response.content.decode()
        assert not VisitFeedback.objects.exists()

    def test_feedback_is_given_once(self, client, centre):
        visit = make_request(centre, status=VisitStatus.COMPLETED)
        VisitFeedback.objects.create(request=visit, rating=4)
        assert client.post(status_url(visit), {"rating": "1"}).status_code == 400
        assert VisitFeedback.objects.get().rating == 4


class TestWithdrawAndDelete:
    def test_withdrawing_tells_the_centre_and_keeps_the_page(self, client, centre, committed):
        visit = make_request(centre)
        assert "ยืนยันถอนคำขอ" in client.get(reverse("exchange:withdraw", args=[visit.token])).content.decode()
        with committed():
            response = client.post(reverse("exchange:withdraw", args=[visit.token]))
        assert response.status_code == 302
        visit.refresh_from_db()
        assert visit.status == VisitStatus.WITHDRAWN
        [email] = mail.outbox
        assert email.to == ["centre@example.go.th"] and "ถอนคำขอ" in email.subject

    def test_a_closed_request_cannot_be_withdrawn(self, client, centre):
        visit = make_request(centre, status=VisitStatus.DECLINED)
        client.post(reverse("exchange:withdraw", args=[visit.token]))
        visit.refresh_from_db()
        assert visit.status == VisitStatus.DECLINED

    def test_deleting_an_open_request_removes_it_and_tells_the_centre(self, client, centre, committed):
        visit = make_request(centre)
        with committed():
            response = client.post(reverse("exchange:delete", args=[visit.token]))
        assert response.status_code == 200
        assert "ลบคำขอและข้อมูลส่วนบุคคลของท่านแล้ว" in response.content.decode()
        assert not VisitRequest.objects.exists()
        assert "ถอนคำขอ" in mail.outbox[0].subject
        assert client.get(status_url(visit)).status_code == 404

    def test_deleting_a_completed_visit_erases_the_person_but_keeps_the_figures(self, client, centre):
        visit = make_request(centre, status=VisitStatus.COMPLETED, group_size=30)
        VisitFeedback.objects.create(request=visit, rating=5, comment="ขอบคุณครับ คุณสมหญิง", approved=True)
        client.post(reverse("exchange:delete", args=[visit.token]))
        visit = VisitRequest.objects.get()
        assert (visit.contact_name, visit.email, visit.phone, visit.purpose) == ("—", "", "", "")
        assert visit.anonymised_at is not None
        assert VisitFeedback.objects.get().comment == ""
        assert client.get(status_url(visit)).status_code == 200  # the new token, not the old one
        assert "ต้อนรับคณะศึกษาดูงานแล้ว 1 คณะ รวม 30 คน" in client.get(centre.url).content.decode()


class TestCentrePage:
    def test_an_open_centre_offers_a_request_and_a_message(self, client, centre):
        html = client.get(centre.url).content.decode()
        assert reverse("exchange:request", args=[centre.pk]) in html
        assert reverse("exchange:contact", args=[centre.pk]) in html
        assert "ต้อนรับคณะศึกษาดูงานแล้ว" not in html  # no figures before the first visit

    def test_a_closed_centre_says_so_and_still_takes_messages(self, client, centre):
        from exchange.models import VisitPolicy

        VisitPolicy.objects.create(centre=centre, accepting_requests=False)
        html = client.get(centre.url).content.decode()
        assert reverse("exchange:request", args=[centre.pk]) not in html
        assert "ขณะนี้ศูนย์ปิดรับคำขอศึกษาดูงาน" in html
        assert reverse("exchange:contact", args=[centre.pk]) in html

    def test_only_completed_visits_count_as_hosted(self, client, centre):
        make_request(centre, status=VisitStatus.COMPLETED, group_size=10)
        make_request(centre, status=VisitStatus.COMPLETED, group_size=15)
        make_request(centre, status=VisitStatus.APPROVED, group_size=99)
        assert "ต้อนรับคณะศึกษาดูงานแล้ว 2 คณะ รวม 25 คน" in client.get(centre.url).content.decode()
