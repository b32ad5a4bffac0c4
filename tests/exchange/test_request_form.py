"""A visitor requests a study visit from a centre's page; every mistake gets a Thai message
on the field, nothing is saved, and spam is turned away."""

import pytest

from django.core import mail
from django.urls import reverse

from exchange.models import BlackoutPeriod, VisitRequest, VisitStatus
from learning_centres.models import FocusArea, Province
from tests.learning_centres.factories import LAOFactory

from .conftest import in_days, make_request

pytestmark = pytest.mark.django_db


def url(centre) -> str:
    return reverse("exchange:request", args=[centre.pk])


@pytest.fixture
def post(committed):
    def submit(client, centre, data, **changes):
        with committed():
            return client.post(url(centre), {**data, **changes})

    return submit


def field_errors(response, field: str) -> list[str]:
    return response.context["form"].errors.get(field, [])


class TestValidRequest:
    def test_the_form_page_shows_the_centres_rules_and_the_privacy_link(self, client, centre, policy):
        response = client.get(url(centre))
        html = response.content.decode()
        assert response.status_code == 200
        assert "รับคณะละไม่เกิน 40 คน" in html
        assert reverse("exchange:privacy") in html

    def test_a_valid_request_is_saved_and_both_sides_are_emailed(self, post, client, centre, form_data):
        response = post(client, centre, form_data, topics=[FocusArea.objects.originals().get(slug="community-health-care").pk])
        visit = VisitRequest.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("exchange:submitted", args=[visit.token])
        assert visit.status == VisitStatus.PENDING
        assert visit.group_size == 25  # Thai digits
        assert visit.phone == "081-234-5678"
        assert visit.preferred_date == in_days(30)
        assert [t.slug for t in visit.topics.all()] == ["community-health-care"]
        assert visit.consent_at is not None
        to_requester, to_centre = mail.outbox
        assert to_requester.to == ["somying@example.go.th"]
        assert reverse("exchange:status", args=[visit.token]) in to_requester.body
        assert "ได้รับคำขอศึกษาดูงาน" in to_requester.subject
        assert "เรียน คุณสมหญิง ใจดี" in to_requester.body
        assert to_centre.to == ["centre@example.go.th"]
        assert "เทศบาลตำบลทดสอบ" in to_centre.subject

    def test_a_requester_with_a_title_is_not_called_khun_title(self, post, client, centre, form_data):
        post(client, centre, form_data, contact_name="นายสมชาย ใจดี")
        to_requester, _to_centre = mail.outbox
        assert "เรียน นายสมชาย ใจดี" in to_requester.body and "คุณนาย" not in to_requester.body

    def test_the_confirmation_page_links_to_the_private_status_page(self, post, client, centre, form_data):
        response = client.post(url(centre), form_data, follow=True)
        visit = VisitRequest.objects.get()
        assert "ส่งคำขอศึกษาดูงานเรียบร้อยแล้ว" in response.content.decode()
        assert reverse("exchange:status", args=[visit.token]) in response.content.decode()
        assert response.headers["X-Robots-Tag"].startswith("noindex")

    def test_the_status_token_is_long_and_unguessable(self, post, client, centre, form_data):
        post(client, centre, form_data)
        post(client, centre, form_data, preferred_date=in_days(31).isoformat())
        first, second = VisitRequest.objects.values_list("token", flat=True)
        assert len(first) >= 40 and first != second

    def test_a_typed_buddhist_era_date_is_accepted(self, post, client, centre, form_data):
        day = in_days(40)
        typed = f"{day.day}/{day.month}/{day.year + 543}"
        assert post(client, centre, form_data, preferred_date=typed).status_code == 302
        assert VisitRequest.objects.get().preferred_date == day

    def test_the_organisation_is_linked_to_the_registry_when_it_is_an_lao(self, post, client, centre, form_data):
        lao = LAOFactory(name_th="องค์การบริหารส่วนตำบลแม่แฝก")
        post(client, centre, form_data, organisation="อบต.แม่แฝก")
        visit = VisitRequest.objects.get()
        assert visit.lao == lao
        assert visit.organisation == "องค์การบริหารส่วนตำบลแม่แฝก"

    def test_a_name_shared_by_two_laos_asks_which_one(self, post, client, centre, form_data):
        chiang_mai = LAOFactory(name_th="เทศบาลตำบลบ้านใหม่")
        LAOFactory(name_th="เทศบาลตำบลบ้านใหม่", province=Province.objects.get(code="90"))
        response = post(client, centre, form_data, organisation="เทศบาลตำบลบ้านใหม่")
        assert response.status_code == 400
        assert field_errors(response, "lao") == ["มี อปท. ชื่อนี้มากกว่าหนึ่งแห่ง กรุณาเลือกจังหวัดของท่าน"]
        assert 'type="radio" name="lao"' in response.content.decode()
        response = post(client, centre, form_data, organisation="เทศบาลตำบลบ้านใหม่", lao=chiang_mai.pk)
        assert response.status_code == 302
        assert VisitRequest.objects.get().lao == chiang_mai

    def test_the_suggestion_label_of_an_lao_is_read_back(self, post, client, centre, form_data):
        lao = LAOFactory(name_th="เทศบาลตำบลบ้านใหม่")
        LAOFactory(name_th="เทศบาลตำบลบ้านใหม่", province=Province.objects.get(code="90"))
        suggestions = client.get(reverse("exchange:organisations"), {"q": "ทต.บ้านใหม่"}).json()["options"]
        assert "เทศบาลตำบลบ้านใหม่ (จ.เชียงใหม่)" in suggestions
        post(client, centre, form_data, organisation="เทศบาลตำบลบ้านใหม่ (จ.เชียงใหม่)")
        assert VisitRequest.objects.get().lao == lao

    def test_another_organisation_is_kept_as_free_text(self, post, client, centre, form_data):
        post(client, centre, form_data, organisation="โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านทดสอบ")
        visit = VisitRequest.objects.get()
        assert visit.lao is None
        assert visit.organisation == "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านทดสอบ"


REQUIRED = {
    "organisation": "กรุณากรอกชื่อหน่วยงาน",
    "contact_name": "กรุณากรอกชื่อผู้ประสานงาน",
    "email": "กรุณากรอกอีเมล",
    "phone": "กรุณากรอกหมายเลขโทรศัพท์",
    "group_size": "กรุณากรอกจำนวนผู้ศึกษาดูงาน",
    "preferred_date": "กรุณากรอกวันที่ต้องการศึกษาดูงาน",
    "purpose": "กรุณากรอกวัตถุประสงค์",
    "consent": "กรุณาให้ความยินยอมก่อนส่งคำขอ",
}

INVALID = [
    ("email", "somying@", "รูปแบบอีเมลไม่ถูกต้อง เช่น name@example.go.th"),
    ("phone", "12345", "หมายเลขโทรศัพท์ไม่ถูกต้อง เช่น 081-234-5678 หรือ 053-123-456"),
    ("phone", "081-234-567a", "หมายเลขโทรศัพท์ไม่ถูกต้อง เช่น 081-234-5678 หรือ 053-123-456"),
    ("phone", "+1 415 555 0100", "รับเฉพาะหมายเลขโทรศัพท์ในประเทศไทย"),
    ("group_size", "ยี่สิบ", "กรุณากรอกจำนวนคนเป็นตัวเลข"),
    ("group_size", "0", "จำนวนผู้ศึกษาดูงานต้องมีอย่างน้อย 1 คน"),
    ("group_size", "501", "จำนวนผู้ศึกษาดูงานต้องไม่เกิน 500 คน"),
    ("preferred_date", "31/2/2569", "วันที่ไม่ถูกต้อง กรุณาพิมพ์ วัน/เดือน/ปี พ.ศ. เช่น 15/3/2569"),
    ("preferred_date", "พรุ่งนี้", "วันที่ไม่ถูกต้อง กรุณาพิมพ์ วัน/เดือน/ปี พ.ศ. เช่น 15/3/2569"),
    ("purpose", "ดูงาน", "กรุณาอธิบายวัตถุประสงค์อย่างน้อย 10 ตัวอักษร"),
    ("purpose", "ก" * 2001, "วัตถุประสงค์ยาวเกิน 2,000 ตัวอักษร"),
    ("topics", ["999999"], "กรุณาเลือกประเด็นจากรายการ"),
    ("topics", ["abc"], "กรุณาเลือกประเด็นจากรายการ"),
    ("lao", "999999", "กรุณาเลือก อปท. จากรายการ"),
]


class TestInvalidInput:
    @pytest.mark.parametrize("field", REQUIRED)
    def test_a_missing_field_is_named_in_thai(self, post, client, centre, form_data, field):
        response = post(client, centre, form_data, **{field: ""})
        assert response.status_code == 400
        assert field_errors(response, field) == [REQUIRED[field]]
        assert REQUIRED[field] in response.content.decode()
        assert not VisitRequest.objects.exists()
        assert mail.outbox == []

    @pytest.mark.parametrize(("field", "value", "message"), INVALID)
    def test_an_invalid_value_gets_a_thai_message(self, post, client, centre, form_data, field, value, message):
        response = post(client, centre, form_data, **{field: value})
        assert response.status_code == 400
        assert field_errors(response, field) == [message]
        assert not VisitRequest.objects.exists()

    def test_a_redisplayed_form_shows_the_date_as_typed_and_reads_it_back_in_words(self, post, client, centre, form_data):
        from thai.dates import thai_date_in_full

        day = in_days(30)
        typed = f"{day.day:02}{day.month:02}{day.year + 543}"  # a phone's number pad: no slashes
        html = post(client, centre, form_data, preferred_date=typed, consent="").content.decode()
        assert f"อ่านว่า: {thai_date_in_full(day)}" in html
        assert f'value="{typed}"' in html  # what the person typed, not a reformatted value

    def test_a_date_typed_the_thai_way_is_saved_as_exactly_that_day(self, post, client, centre, form_data):
        import datetime

        post(client, centre, form_data, preferred_date="15032570")  # 15 March 2570 BE
        assert VisitRequest.objects.get().preferred_date == datetime.date(2027, 3, 15)

    def test_the_date_field_is_text_for_day_month_buddhist_year_not_the_browsers_calendar(self, client, centre):
        html = client.get(url(centre)).content.decode()
        assert 'type="date"' not in html
        assert 'placeholder="วว/ดด/ปปปป"' in html and 'inputmode="numeric"' in html

    def test_the_field_with_an_error_is_marked_for_screen_readers(self, post, client, centre, form_data):
        html = post(client, centre, form_data, email="x").content.decode()
        assert 'aria-invalid="true"' in html
        assert 'aria-describedby="id_email_error"' in html
        assert 'href="#id_email"' in html  # the error summary links to the field

    def test_a_date_in_the_past_is_refused(self, post, client, centre, form_data):
        response = post(client, centre, form_data, preferred_date=in_days(-1).isoformat())
        assert field_errors(response, "preferred_date") == ["วันที่นี้ผ่านมาแล้ว กรุณาเลือกวันในอนาคต"]

    def test_a_date_more_than_a_year_ahead_is_refused(self, post, client, centre, form_data):
        response = post(client, centre, form_data, preferred_date=in_days(400).isoformat())
        assert field_errors(response, "preferred_date") == ["รับคำขอล่วงหน้าได้ไม่เกิน 1 ปี"]

    def test_the_alternative_date_must_differ_from_the_preferred_one(self, post, client, centre, form_data):
        response = post(client, centre, form_data, alternative_date=form_data["preferred_date"])
        assert field_errors(response, "alternative_date") == ["วันที่สำรองต้องไม่ซ้ำกับวันที่ต้องการ"]

    def test_an_unknown_centre_is_not_found(self, client, db):
        assert client.get(reverse("exchange:request", args=[999999])).status_code == 404


class TestCentreRules:
    def test_a_group_larger_than_the_policy_allows_is_refused(self, post, client, centre, policy, form_data):
        policy.max_group_size = 20
        policy.save()
        response = post(client, centre, form_data, group_size="21")
        assert field_errors(response, "group_size") == ["ศูนย์รับผู้ศึกษาดูงานได้ครั้งละไม่เกิน 20 คน กรุณาลดจำนวนหรือแบ่งเป็นหลายคณะ"]

    def test_without_a_policy_limit_the_centre_pages_capacity_applies(self, post, client, centre, form_data):
        response = post(client, centre, form_data, group_size="41")
        assert field_errors(response, "group_size") == ["ศูนย์รับผู้ศึกษาดูงานได้ครั้งละไม่เกิน 40 คน กรุณาลดจำนวนหรือแบ่งเป็นหลายคณะ"]
        assert post(client, centre, form_data, group_size="40").status_code == 302

    def test_a_date_inside_the_notice_period_is_refused(self, post, client, centre, policy, form_data):
        response = post(client, centre, form_data, preferred_date=in_days(3).isoformat())
        [message] = field_errors(response, "preferred_date")
        assert message.startswith("ศูนย์ขอให้แจ้งล่วงหน้าอย่างน้อย 7 วัน")

    def test_a_date_in_a_blackout_period_is_refused_with_its_reason(self, post, client, centre, policy, form_data):
        BlackoutPeriod.objects.create(policy=policy, start_date=in_days(28), end_date=in_days(32), reason="ช่วงสงกรานต์")
        response = post(client, centre, form_data)
        [message] = field_errors(response, "preferred_date")
        assert message.startswith("ศูนย์งดรับศึกษาดูงานระหว่าง")
        assert "(ช่วงสงกรานต์)" in message
        assert post(client, centre, form_data, preferred_date=in_days(33).isoformat()).status_code == 302

    def test_an_alternative_date_in_a_blackout_is_refused_too(self, post, client, centre, policy, form_data):
        BlackoutPeriod.objects.create(policy=policy, start_date=in_days(50), end_date=in_days(50))
        response = post(client, centre, form_data, alternative_date=in_days(50).isoformat())
        assert field_errors(response, "alternative_date")[0].startswith("วันที่สำรอง: ศูนย์งดรับศึกษาดูงาน")

    def test_a_month_with_all_visits_booked_is_refused(self, post, client, centre, policy, form_data):
        policy.max_visits_per_month = 1
        policy.save()
        day = in_days(30)
        make_request(centre, preferred_date=day, status=VisitStatus.APPROVED)
        response = post(client, centre, form_data)
        assert field_errors(response, "preferred_date") == ["ศูนย์รับคณะศึกษาดูงานในเดือนนี้ครบ 1 คณะแล้ว กรุณาเลือกเดือนอื่น"]

    def test_pending_and_declined_requests_do_not_fill_the_month(self, post, client, centre, policy, form_data):
        policy.max_visits_per_month = 1
        policy.save()
        make_request(centre, preferred_date=in_days(30), status=VisitStatus.PENDING)
        make_request(centre, preferred_date=in_days(30), status=VisitStatus.DECLINED)
        assert post(client, centre, form_data).status_code == 302

    def test_a_centre_that_is_not_accepting_refuses_and_says_so(self, post, client, centre, policy, form_data):
        policy.accepting_requests = False
        policy.save()
        assert "ขณะนี้ศูนย์ปิดรับคำขอศึกษาดูงาน" in client.get(url(centre)).content.decode()
        response = post(client, centre, form_data)
        assert response.status_code == 400
        assert response.context["form"].non_field_errors() == ["ขณะนี้ศูนย์ปิดรับคำขอศึกษาดูงาน"]
        assert not VisitRequest.objects.exists()


class TestSpam:
    def test_a_filled_honeypot_saves_and_sends_nothing(self, post, client, centre, form_data):
        response = post(client, centre, form_data, website="http://spam.example")
        assert response.status_code == 400
        assert not VisitRequest.objects.exists()
        assert mail.outbox == []

    def test_too_many_submissions_from_one_address_answer_429_in_thai(self, post, client, centre, form_data, settings):
        settings.EXCHANGE_FORM_RATE_LIMIT = 2
        for _ in range(2):
            assert post(client, centre, form_data).status_code == 302
        response = post(client, centre, form_data)
        assert response.status_code == 429
        assert "ส่งแบบฟอร์มบ่อยเกินไป" in response.content.decode()
        assert VisitRequest.objects.count() == 2

    def test_junk_and_typos_do_not_use_up_the_limit(self, post, client, centre, form_data, settings):
        settings.EXCHANGE_FORM_RATE_LIMIT = 1
        for _ in range(5):
            assert post(client, centre, form_data, website="http://spam.example").status_code == 400  # honeypot
            assert post(client, centre, form_data, email="").status_code == 400  # invalid
        assert post(client, centre, form_data).status_code == 302

    def test_other_addresses_are_not_limited(self, post, client, centre, form_data, settings):
        settings.EXCHANGE_FORM_RATE_LIMIT = 1
        assert client.post(url(centre), form_data, REMOTE_ADDR="10.1.1.1").status_code == 302
        assert client.post(url(centre), form_data, REMOTE_ADDR="10.1.1.1").status_code == 429  # that one is limited
        assert client.post(url(centre), form_data, REMOTE_ADDR="10.1.1.2").status_code == 302
