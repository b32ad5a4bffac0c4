"""The centre side, through the real admin views: a centre's contributors see and answer
only their own centre's requests, editors see every centre's and export them."""

import csv
import io

import openpyxl
import pytest

from django.core import mail
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from exchange.models import BlackoutPeriod, VisitFeedback, VisitPolicy, VisitStatus

from .conftest import in_days, make_request

pytestmark = pytest.mark.django_db

INDEX = "visit_requests:index"


def detail(visit) -> str:
    return reverse("visit_requests:inspect", args=[visit.pk])


def listed(client, **params) -> set[str]:
    response = client.get(reverse(INDEX), params)
    assert response.status_code == 200
    return {visit.organisation for visit in response.context["object_list"]}


@pytest.fixture
def requests(centre, other_centre):
    return (
        make_request(centre, organisation="อบต.ของศูนย์เรา"),
        make_request(other_centre, organisation="อบต.ของศูนย์อื่น"),
    )


class TestWhoSeesWhat:
    def test_a_contributor_lists_only_their_own_centres_requests(self, client, contributor, requests):
        client.force_login(contributor)
        assert listed(client) == {"อบต.ของศูนย์เรา"}

    def test_a_contributor_cannot_open_another_centres_request(self, client, contributor, requests):
        client.force_login(contributor)
        assert client.get(detail(requests[0])).status_code == 200
        assert client.get(detail(requests[1])).status_code == 404

    def test_a_contributor_cannot_answer_another_centres_request(self, client, contributor, requests, committed):
        client.force_login(contributor)
        with committed():
            response = client.post(detail(requests[1]), {"status": "approved", "message": ""})
        assert response.status_code == 404
        requests[1].refresh_from_db()
        assert requests[1].status == VisitStatus.PENDING
        assert mail.outbox == []

    def test_an_editor_lists_every_centres_requests(self, client, editor, requests):
        client.force_login(editor)
        assert listed(client) == {"อบต.ของศูนย์เรา", "อบต.ของศูนย์อื่น"}

    def test_a_user_without_a_centre_sees_nothing(self, client, requests, django_user_model):
        from django.contrib.auth.models import Group, Permission

        user = django_user_model.objects.create_user("nobody", password="pw")
        user.groups.add(Group.objects.get(name="Contributors"))
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)
        assert client.get(reverse(INDEX)).status_code in (302, 403)

    def test_the_list_filters_by_status_centre_and_date(self, client, editor, centre, requests):
        make_request(centre, organisation="ตอบรับแล้ว", status=VisitStatus.APPROVED, preferred_date=in_days(60))
        client.force_login(editor)
        assert listed(client, status="approved") == {"ตอบรับแล้ว"}
        assert listed(client, centre=centre.pk) == {"อบต.ของศูนย์เรา", "ตอบรับแล้ว"}
        assert listed(client, preferred_date_from=in_days(45).isoformat()) == {"ตอบรับแล้ว"}

    def test_the_detail_shows_the_request_in_full(self, client, contributor, requests):
        client.force_login(contributor)
        html = client.get(detail(requests[0])).content.decode()
        assert "somying@example.go.th" in html and "081-234-5678" in html
        assert "บันทึกและส่งอีเมลถึงผู้ขอ" in html

    def test_the_edit_url_leads_to_the_detail_and_never_edits_fields(self, client, contributor, requests):
        client.force_login(contributor)
        url = reverse("visit_requests:edit", args=[requests[0].pk])
        assert client.post(url, {"status": "completed"})["Location"] == detail(requests[0])
        requests[0].refresh_from_db()
        assert requests[0].status == VisitStatus.PENDING
        assert client.get(reverse("visit_requests:edit", args=[requests[1].pk])).status_code == 404


class TestAnswering:
    def answer(self, client, committed, visit, **data):
        with committed():
            return client.post(detail(visit), {"status": "", "visit_date": "", "message": "", **data})

    def test_approving_emails_the_requester_with_the_message(self, client, contributor, requests, committed):
        client.force_login(contributor)
        visit = requests[0]
        response = self.answer(client, committed, visit, status="approved", message="พบกันที่ศาลาประชาคม 9 โมง")
        assert response.status_code == 302
        visit.refresh_from_db()
        assert visit.status == VisitStatus.APPROVED
        assert visit.scheduled_date == visit.preferred_date
        [email] = mail.outbox
        assert email.to == ["somying@example.go.th"]
        assert "ตอบรับ" in email.subject
        assert "พบกันที่ศาลาประชาคม 9 โมง" in email.body
        assert reverse("exchange:status", args=[visit.token]) in email.body
        change = visit.changes.get()
        assert (change.from_status, change.to_status, change.changed_by) == ("pending", "approved", contributor)

    def test_rescheduling_needs_a_date_and_emails_it_in_buddhist_era(self, client, contributor, requests, committed):
        client.force_login(contributor)
        visit = requests[0]
        response = self.answer(client, committed, visit, status="rescheduled")
        assert response.status_code == 400
        assert response.context["form"].errors["visit_date"] == ["กรุณาระบุวันที่ที่เสนอใหม่"]
        day = in_days(45)
        self.answer(client, committed, visit, status="rescheduled", visit_date=f"{day.day}/{day.month}/{day.year + 543}")
        visit.refresh_from_db()
        assert (visit.status, visit.scheduled_date) == ("rescheduled", day)
        assert f"พ.ศ. {day.year + 543}" in mail.outbox[-1].body

    def test_declining_needs_a_reason(self, client, contributor, requests, committed):
        client.force_login(contributor)
        response = self.answer(client, committed, requests[0], status="declined")
        assert response.context["form"].errors["message"] == ["กรุณาแจ้งเหตุผลที่ไม่สามารถรับได้"]
        assert mail.outbox == []

    def test_only_the_allowed_next_statuses_are_offered(self, client, contributor, requests, committed):
        client.force_login(contributor)
        response = self.answer(client, committed, requests[0], status="completed")
        assert response.status_code == 400
        assert "status" in response.context["form"].errors

    def test_a_centre_cannot_approve_a_visit_in_its_own_blackout(self, client, contributor, centre, requests, committed):
        policy = VisitPolicy.objects.create(centre=centre)
        BlackoutPeriod.objects.create(policy=policy, start_date=in_days(29), end_date=in_days(31))
        client.force_login(contributor)
        response = self.answer(client, committed, requests[0], status="approved")
        assert response.status_code == 400
        assert response.context["form"].errors["status"][0].startswith("ศูนย์งดรับศึกษาดูงานระหว่าง")

    def test_a_centre_cannot_approve_beyond_its_monthly_limit(self, client, contributor, centre, requests, committed):
        VisitPolicy.objects.create(centre=centre, max_visits_per_month=1)
        make_request(centre, status=VisitStatus.APPROVED)
        client.force_login(contributor)
        response = self.answer(client, committed, requests[0], status="approved")
        assert response.context["form"].errors["status"] == ["ศูนย์รับคณะศึกษาดูงานในเดือนนี้ครบ 1 คณะแล้ว กรุณาเลือกเดือนอื่น"]


class TestExport:
    def test_editors_export_csv_with_a_bom_so_excel_reads_thai(self, client, editor, requests):
        client.force_login(editor)
        response = client.get(reverse(INDEX), {"export": "csv"})
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        assert body.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert rows[0][:3] == ["เลขที่", "ศูนย์เรียนรู้", "หน่วยงานที่ขอศึกษาดูงาน"]
        assert {row[2] for row in rows[1:]} == {"อบต.ของศูนย์เรา", "อบต.ของศูนย์อื่น"}
        assert "รอพิจารณา" in rows[1]

    def test_the_export_follows_the_filters(self, client, editor, centre, requests):
        client.force_login(editor)
        response = client.get(reverse(INDEX), {"export": "csv", "centre": centre.pk})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        assert [row[2] for row in rows[1:]] == ["อบต.ของศูนย์เรา"]

    def test_formulas_typed_by_visitors_are_exported_as_text(self, client, editor, centre):
        # A visitor's "=HYPERLINK(...)" must not run when an editor opens the file (portal.spreadsheets).
        make_request(centre, organisation='=HYPERLINK("http://evil.example","คลิก")', purpose="@SUM(1+1)")
        client.force_login(editor)
        body = b"".join(client.get(reverse(INDEX), {"export": "csv"}).streaming_content)
        row = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[1]
        assert row[2] == '\'=HYPERLINK("http://evil.example","คลิก")'
        assert "'@SUM(1+1)" in row
        workbook = openpyxl.load_workbook(io.BytesIO(b"".join(client.get(reverse(INDEX), {"export": "xlsx"}).streaming_content)))
        cells = [cell.value for cell in workbook.worksheets[0][2]]
        assert cells[0] == int(row[0])  # a number stays a number
        assert cells[2] == '\'=HYPERLINK("http://evil.example","คลิก")'

    def test_contributors_cannot_export(self, client, contributor, requests):
        client.force_login(contributor)
        response = client.get(reverse(INDEX), {"export": "csv"})
        assert response.status_code == 302  # Wagtail's "permission denied": back to the dashboard
        assert "text/csv" not in response.headers["Content-Type"]
        assert "export=csv" not in client.get(reverse(INDEX)).content.decode()


class TestFeedbackAndPolicies:
    def test_a_contributor_approves_feedback_for_their_centre_only(self, client, contributor, centre, other_centre):
        own = VisitFeedback.objects.create(request=make_request(centre, status=VisitStatus.COMPLETED), rating=5, comment="ดีมาก")
        other = VisitFeedback.objects.create(request=make_request(other_centre, status=VisitStatus.COMPLETED), rating=4)
        client.force_login(contributor)
        listing = client.get(reverse("visit_feedback:index"))
        assert list(listing.context["object_list"]) == [own]
        assert client.post(reverse("visit_feedback:edit", args=[other.pk]), {"approved": "on"}).status_code == 404
        response = client.post(reverse("visit_feedback:edit", args=[own.pk]), {"approved": "on"})
        assert response.status_code == 302
        own.refresh_from_db()
        assert own.approved and own.comment == "ดีมาก" and own.rating == 5

    def test_a_contributor_sets_their_centres_visiting_rules_and_blackouts(self, client, contributor, centre, other_centre):
        client.force_login(contributor)
        listing = client.get(reverse("visit_policies:index"))
        [policy] = listing.context["object_list"]
        assert policy.centre_id == centre.pk
        data = nested_form_data(
            {
                "accepting_requests": "on",
                "max_group_size": "30",
                "max_visits_per_month": "4",
                "min_notice_days": "14",
                "blackout_periods": inline_formset(
                    [{"start_date": in_days(10).isoformat(), "end_date": in_days(20).isoformat(), "reason": "ช่วงสงกรานต์"}]
                ),
            }
        )
        response = client.post(reverse("visit_policies:edit", args=[policy.pk]), data)
        assert response.status_code == 302
        policy.refresh_from_db()
        assert (policy.max_group_size, policy.max_visits_per_month, policy.min_notice_days) == (30, 4, 14)
        assert policy.blackout_periods.get().reason == "ช่วงสงกรานต์"
        other_policy = VisitPolicy.objects.get(centre=other_centre) if VisitPolicy.objects.filter(centre=other_centre).exists() else None
        if other_policy is None:
            other_policy = VisitPolicy.objects.create(centre=other_centre)
        assert client.get(reverse("visit_policies:edit", args=[other_policy.pk])).status_code == 404

    def test_a_blackout_that_ends_before_it_starts_is_refused(self, client, contributor, centre):
        client.force_login(contributor)
        policy = VisitPolicy.objects.create(centre=centre)
        data = nested_form_data(
            {
                "accepting_requests": "on",
                "max_group_size": "",
                "max_visits_per_month": "",
                "min_notice_days": "7",
                "blackout_periods": inline_formset([{"start_date": in_days(20).isoformat(), "end_date": in_days(10).isoformat()}]),
            }
        )
        response = client.post(reverse("visit_policies:edit", args=[policy.pk]), data)
        assert response.status_code == 200
        assert "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น" in response.content.decode()
        assert not policy.blackout_periods.exists()
