"""Contributors write only for their own centre and cannot publish; editors review and
publish through the workflow. Exercised through the real admin views."""

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from learning_centres.models import CaseStudyPage, FocusArea
from learning_centres.roles import REVIEW_WORKFLOW, add_contributor

from .factories import CaseStudyPageFactory

User = get_user_model()


@pytest.fixture
def contributor(centre):
    user = User.objects.create_user("somsri", password="pw")
    add_contributor(user, centre)
    return user


def case_study_form(title: str, slug: str = "new-case-study", **extra) -> dict:
    areas = FocusArea.objects.originals().filter(slug__in=["community-health-care", "community-welfare"])
    data = {
        "title": title,
        "slug": slug,
        "summary": "ชุมชนจัดอาสาสมัครดูแลผู้สูงอายุติดเตียงร่วมกับ รพ.สต.",
        "year": "๒๕๖๖",  # Buddhist era in Thai digits, as editors type it
        "budget_baht": "",
        "keywords": "ธนาคารเวลา, อสม.",
        "target_groups": [],
        "funding_sources": [],
        "indicators": inline_formset([{"label": "ผู้สูงอายุที่ได้รับการเยี่ยมบ้าน", "baseline": "20 คน", "result": "85 คน"}]),
        "gallery_images": inline_formset([]),
        "documents": inline_formset([]),
        "follow_ups": inline_formset([]),
        "readings": inline_formset([]),
        "evidence_level": "2",
        "go_live_at": "",
        "expire_at": "",
    }
    for name, _th, _en in CaseStudyPage.SECTIONS:
        data[name] = rich_text("<p>เนื้อหาส่วนนี้</p>")
    data.update(extra)
    form = nested_form_data(data)
    form["focus_areas"] = [str(area.pk) for area in areas]  # a multi-value field
    return form


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=["learning_centres", "casestudypage", parent.pk])


@pytest.mark.django_db
class TestContributorPermissions:
    def test_each_new_centre_gets_its_own_contributor_group(self, centre, other_centre):
        assert centre.access.group != other_centre.access.group
        assert centre.access.group.name.startswith("ผู้เขียน: ")

    def test_contributor_can_edit_own_centre_case_study(self, contributor, case_study):
        permissions = case_study.permissions_for_user(contributor)
        assert permissions.can_edit()
        assert not permissions.can_publish()

    def test_contributor_cannot_edit_another_centres_case_study(self, contributor, other_centre, client):
        others_case = CaseStudyPageFactory(parent=other_centre)
        assert not others_case.permissions_for_user(contributor).can_edit()
        client.force_login(contributor)
        response = client.get(reverse("wagtailadmin_pages:edit", args=[others_case.pk]))
        assert response.status_code in (302, 403)

    def test_contributor_cannot_add_case_studies_to_another_centre(self, contributor, other_centre, client):
        client.force_login(contributor)
        response = client.post(add_url(other_centre), case_study_form("แอบเพิ่มให้ศูนย์อื่น", **{"action-submit": "1"}))
        assert response.status_code in (302, 403)
        assert not CaseStudyPage.objects.filter(title="แอบเพิ่มให้ศูนย์อื่น").exists()

    def test_contributor_publish_attempt_leaves_the_page_unpublished(self, contributor, centre, client):
        client.force_login(contributor)
        client.post(add_url(centre), case_study_form("ลองกดเผยแพร่เอง", **{"action-publish": "1"}))
        page = CaseStudyPage.objects.get(locale__language_code="th", title="ลองกดเผยแพร่เอง")
        assert not page.live

    def test_year_is_entered_in_buddhist_era_and_stored_in_ce(self, contributor, centre, client):
        client.force_login(contributor)
        client.post(add_url(centre), case_study_form("ปี พ.ศ."))
        assert CaseStudyPage.objects.get(locale__language_code="th", title="ปี พ.ศ.").year == 2023

    def test_an_invalid_year_gets_a_thai_message(self, contributor, centre, client):
        client.force_login(contributor)
        response = client.post(add_url(centre), case_study_form("ปีผิด", year="สองพัน"))
        assert response.status_code == 200
        assert "ไม่ใช่ปี" in response.content.decode()
        assert not CaseStudyPage.objects.filter(title="ปีผิด").exists()


@pytest.mark.django_db
class TestReviewWorkflow:
    def test_submission_to_publication(self, contributor, editor, centre, client):
        # The contributor writes a case study and submits it for review.
        client.force_login(contributor)
        response = client.post(add_url(centre), case_study_form("ธนาคารเวลาเพื่อผู้สูงอายุ", **{"action-submit": "1"}))
        assert response.status_code == 302
        page = CaseStudyPage.objects.get(locale__language_code="th", title="ธนาคารเวลาเพื่อผู้สูงอายุ")
        assert not page.live
        state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.workflow.name == REVIEW_WORKFLOW

        # The contributor cannot approve their own submission.
        task_state = state.current_task_state
        approve_url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
        client.post(approve_url)
        page.refresh_from_db()
        assert not page.live

        # An editor approves it and it goes live with its content intact.
        client.force_login(editor)
        response = client.post(approve_url, {"comment": "เรียบร้อย"})
        assert response.status_code in (200, 302)
        page.refresh_from_db()
        assert page.live
        state.refresh_from_db()
        assert state.status == WorkflowState.STATUS_APPROVED
        assert set(page.focus_areas.values_list("slug", flat=True)) == {"community-health-care", "community-welfare"}
        assert page.indicators.get().result == "85 คน"
        assert sorted(page.keywords.names()) == ["ธนาคารเวลา", "อสม."]

    def test_editor_can_reject_with_a_comment(self, contributor, editor, centre, client):
        client.force_login(contributor)
        client.post(add_url(centre), case_study_form("ยังไม่พร้อม", **{"action-submit": "1"}))
        page = CaseStudyPage.objects.get(locale__language_code="th", title="ยังไม่พร้อม")
        task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
        client.force_login(editor)
        client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]),
            {"comment": "กรุณาเพิ่มตัวชี้วัด"},
        )
        page.refresh_from_db()
        assert not page.live
        assert WorkflowState.objects.get(object_id=str(page.pk)).status == WorkflowState.STATUS_NEEDS_CHANGES

    def test_editors_can_publish_directly(self, editor, case_study):
        assert case_study.permissions_for_user(editor).can_publish()


@pytest.mark.django_db
class TestRevisionsAndScheduling:
    def test_every_save_keeps_a_revision(self, case_study):
        before = case_study.revisions.count()
        case_study.summary = "ฉบับแก้ไข"
        case_study.save_revision()
        assert case_study.revisions.count() == before + 1
        assert case_study.get_latest_revision_as_object().summary == "ฉบับแก้ไข"

    def test_scheduled_publishing(self, case_study):
        """A page scheduled for the future stays offline, and `publish_scheduled` publishes it
        once its time has come (the revision's times are moved into the past, as the clock would)."""
        import datetime

        from django.core.management import call_command
        from django.utils import timezone

        case_study.unpublish()
        case_study.go_live_at = timezone.now() + datetime.timedelta(days=1)
        revision = case_study.save_revision()
        revision.publish()  # a future go-live time: scheduled, not published
        case_study.refresh_from_db()
        revision.refresh_from_db()
        assert not case_study.live
        assert revision.approved_go_live_at == case_study.go_live_at

        call_command("publish_scheduled")  # not due yet
        case_study.refresh_from_db()
        assert not case_study.live

        due = timezone.now() - datetime.timedelta(minutes=1)
        revision.content["go_live_at"] = due.isoformat()
        revision.approved_go_live_at = due
        revision.save(update_fields=["content", "approved_go_live_at"])
        call_command("publish_scheduled")
        case_study.refresh_from_db()
        assert case_study.live
        assert case_study.live_revision_id == revision.pk
