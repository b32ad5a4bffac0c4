"""A visitor on a phone requests a study visit from a centre's page; the centre sees it in
the admin and answers it."""

import datetime
import re
from pathlib import Path

import pytest

from thai.dates import THAI_MONTHS, THAI_WEEKDAYS

from .conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_visitor_requests_a_study_visit_and_the_centre_answers(phone, page, portal_url):
    phone.goto(portal_url + "/centres/")
    phone.locator(".card-title a").first.click()
    centre_name = phone.locator("h1").inner_text()
    lao_name = phone.locator(".facts dd").first.inner_text()
    phone.get_by_role("link", name="ขอศึกษาดูงาน").first.click()  # the call to action near the top
    phone.wait_for_url(re.compile(r"/visits/request/\d+/"))
    assert no_horizontal_overflow(phone)

    # The organisation field suggests LAOs from the registry as one types.
    phone.get_by_label("หน่วยงาน / อปท. ที่ขอศึกษาดูงาน").fill(lao_name[:-2])
    phone.locator("#lao-options option").first.wait_for(state="attached")  # wait_for_function would need eval, which the CSP forbids
    suggestion = phone.locator("#lao-options option").first.get_attribute("value")
    assert suggestion.startswith(lao_name)
    phone.get_by_label("หน่วยงาน / อปท. ที่ขอศึกษาดูงาน").fill(suggestion)

    phone.get_by_label("ชื่อผู้ประสานงาน").fill("สมหญิง ใจดี")
    phone.get_by_label("อีเมล").fill("somying@example.go.th")
    phone.get_by_label("โทรศัพท์").fill("๐๘๑ ๒๓๔ ๕๖๗๘")
    phone.get_by_label("จำนวนผู้ศึกษาดูงาน (คน)").fill("๑๐")
    day = datetime.date.today() + datetime.timedelta(days=30)
    # Typed on the number pad as day, month, Buddhist year; read back in words before sending.
    phone.get_by_label("วันที่ต้องการศึกษาดูงาน").press_sequentially(f"{day.day:02}{day.month:02}{day.year + 543}")
    words = phone.locator("output[data-date-words=id_preferred_date]")
    expected = f"{THAI_MONTHS[day.month - 1]} พ.ศ. {day.year + 543}"
    words.filter(has_text=expected).wait_for()
    assert f"วัน{THAI_WEEKDAYS[day.weekday()]}ที่ {day.day} {expected}" in words.inner_text()
    phone.get_by_label("วัตถุประสงค์ของการศึกษาดูงาน").fill("เรียนรู้การดูแลผู้สูงอายุติดเตียงโดยชุมชน")
    phone.get_by_label("ด้านการดูแลสุขภาพโดยชุมชน").check()

    # Forgetting the consent gets a Thai message and keeps what was typed.
    phone.get_by_role("button", name="ส่งคำขอศึกษาดูงาน").click()
    assert "กรุณาให้ความยินยอมก่อนส่งคำขอ" in phone.locator(".form-errors").inner_text()
    assert phone.get_by_label("ชื่อผู้ประสานงาน").input_value() == "สมหญิง ใจดี"
    assert no_horizontal_overflow(phone)
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "visit-request-form-errors.png"), full_page=True)
    phone.get_by_label(re.compile("ข้าพเจ้ายินยอม")).check()
    phone.get_by_role("button", name="ส่งคำขอศึกษาดูงาน").click()

    phone.wait_for_url(re.compile(r"/visits/[\w-]+/sent/"))
    assert "ส่งคำขอศึกษาดูงานเรียบร้อยแล้ว" in phone.locator("h1").inner_text()
    assert f"{day.day} {expected}" in phone.locator("main").inner_text()  # saved as the day read back
    phone.get_by_role("link", name="ดูสถานะคำขอ").click()
    assert phone.locator(".status-badge").inner_text() == "รอพิจารณา"
    status_url = phone.url
    phone.screenshot(path=str(ARTIFACTS / "visit-request-status.png"), full_page=True)

    # The centre (here an administrator) finds the request in the admin and approves it.
    page.goto(portal_url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto(portal_url + "/admin/visit_requests/?status=pending")
    page.get_by_role("link", name=re.compile(lao_name)).first.click()
    page.wait_for_url(re.compile(r"/admin/visit_requests/inspect/\d+/"))
    assert centre_name in page.locator("main").inner_text()
    page.get_by_label("ตอบรับแล้ว").check()
    page.get_by_label("ข้อความถึงผู้ขอ (ส่งทางอีเมล)").fill("พบกันที่ศาลาประชาคม เวลา 9.00 น.")
    page.get_by_role("button", name="บันทึกและส่งอีเมลถึงผู้ขอ").click()
    page.wait_for_url(re.compile(r"/admin/visit_requests/inspect/\d+/"))

    phone.goto(status_url)
    assert phone.locator(".status-badge").inner_text() == "ตอบรับแล้ว"
    assert "พบกันที่ศาลาประชาคม" in phone.locator("main").inner_text()
