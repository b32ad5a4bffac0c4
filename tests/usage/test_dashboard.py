"""The usage dashboard: editors see every case study and the zero-click queries, a centre's
contributors see their own centre only, the CSV is safe to open in a spreadsheet, and the case
study's editor shows its reads."""

import datetime

import pytest

from django.contrib.auth.models import Group, User
from django.utils import timezone

from learning_centres.roles import EDITORS, add_contributor
from search.models import SearchQueryDay
from tests.learning_centres.factories import CaseStudyPageFactory
from usage.models import DailyCount, Kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(centre, other_centre):
    mine = CaseStudyPageFactory(parent=centre, title="=HYPERLINK(กรณีของฉัน)")
    theirs = CaseStudyPageFactory(parent=other_centre, title="กรณีของศูนย์อื่น")
    today = timezone.localdate()
    for page, views in ((mine, 12), (theirs, 30)):
        DailyCount.objects.create(day=today, kind=Kind.CASE_STUDY, object_id=page.pk, count=views)
    DailyCount.objects.create(
        day=today - datetime.timedelta(days=45), kind=Kind.CASE_STUDY, object_id=mine.pk, count=999
    )  # outside the period
    SearchQueryDay.objects.create(query_string="ไม่มีใครคลิก", day=today, searches=4)
    return mine, theirs


def test_editors_see_every_case_and_the_zero_click_queries(client, figures):
    editor = User.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    page = client.get("/admin/reports/usage/").content.decode()
    assert "กรณีของศูนย์อื่น" in page and "ไม่มีใครคลิก" in page
    assert "999" not in page


def test_contributors_see_their_own_centre_only(client, figures, centre):
    contributor = User.objects.create_user("somsri", password="pw")
    add_contributor(contributor, centre)
    client.force_login(contributor)
    page = client.get("/admin/reports/usage/").content.decode()
    assert "กรณีของฉัน" in page and "กรณีของศูนย์อื่น" not in page and "ไม่มีใครคลิก" not in page
    csv = client.get("/admin/reports/usage/usage.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(กรณีของฉัน),12,0" in csv and "กรณีของศูนย์อื่น" not in csv


def test_someone_with_no_centre_sees_nothing(client, figures):
    nobody = User.objects.create_user("nobody", password="pw")
    client.force_login(nobody)
    assert client.get("/admin/reports/usage/").status_code in (302, 403)


def test_the_case_study_editor_shows_its_reads(client, figures):
    mine, _ = figures
    client.force_login(User.objects.create_superuser("admin", password="pw"))
    assert "เปิดอ่าน 12 ครั้งใน 30 วัน" in client.get(f"/admin/pages/{mine.pk}/edit/").content.decode()
