"""A word only inside a case study's attached document finds the case, on the engine and the
database fallback alike: with a snippet from the document, its file name and (for a PDF) the
page, in the page's results and the API; the page's own words still rank first; a "has
documents" filter; and the index follows a document whose file changes."""

# ruff: noqa: F811 - pytest passes imported fixtures to the tests as arguments of the same name

import shutil

import pytest

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

from attachments import samples
from attachments.reading import read_document
from learning_centres.models import CaseStudyDocument
from search import service
from search.contract import SearchQuery
from search.indexing import rebuild
from tests.learning_centres.factories import LearningCentrePageFactory

from .conftest import index_now, search_engine, skip_locally_fail_in_ci  # noqa: F401
from .corpus import publish_case

pytestmark = pytest.mark.django_db


def attach(page, name: str, content: bytes, title: str = ""):
    document = get_document_model().objects.create(title=title or name, file=ContentFile(content, name=name))
    read_document(document.pk)  # the worker's part, done here (no commit inside a test)
    CaseStudyDocument.objects.create(page=page, document=document, title=title)
    page.save_revision().publish()
    return document


@pytest.fixture(params=["engine", "fallback"])
def backend(request, settings, centre_index):
    if request.param == "engine":
        engine = request.getfixturevalue("search_engine")
    else:
        settings.SEARCH_URL = ""
        engine = None
    centre = LearningCentrePageFactory(parent=centre_index, title="ศูนย์ทดลองเอกสารแนบ")
    centre.save_revision().publish()
    # Published first: were the two equal, the newer case (the DOCX's) would rank first.
    own_words = publish_case(centre, "สวนผักของชุมชน", "ชุมชนปลูกต้นมะรุมรอบโรงเรียน")
    pdf_case = publish_case(centre, "รายงานกองทุนผ้าห่ม", "ชาวบ้านช่วยกันทำผ้าห่มแจกผู้สูงอายุ")
    pdf = attach(
        pdf_case,
        "blanket-report.pdf",
        samples.text_pdf(["สรุปโครงการ", "หน้าที่สองกล่าวถึงการย้อมครามด้วยใบหูกวาง และงบประมาณ"]),
        title="รายงานผลโครงการ",
    )
    docx_case = publish_case(centre, "บันทึกการประชุมสภาเด็ก", "เด็กและเยาวชนประชุมทุกเดือน")
    docx = attach(docx_case, "minutes.docx", samples.docx_file(["ที่ประชุมเห็นชอบให้ปลูกต้นมะรุมรอบโรงเรียน"]))
    publish_case(centre, "ไม่มีเอกสาร", "เรื่องที่ไม่มีเอกสารแนบ")
    if engine is not None:
        rebuild(engine)
        index_now(engine)
    # Storage may add a suffix to a name already taken (test media persists between runs).
    return {"engine": engine, "pdf": pdf_case, "docx": docx_case, "own": own_words, "pdf_name": pdf.filename, "docx_name": docx.filename}


def results(text: str, **filters):
    return service.search(SearchQuery(text=text, filters=filters)).result


def test_a_word_only_in_an_attached_pdf_finds_its_case_with_the_page(backend):
    result = results("ย้อมคราม")
    assert [hit.page_id for hit in result.hits] == [backend["pdf"].pk]
    (place,) = result.hits[0].matched_in
    assert place["document"] == backend["pdf_name"]
    assert place["page"] == 2
    assert place["title"] == "รายงานผลโครงการ"
    assert place["url"].endswith(backend["pdf_name"])
    assert "<mark>ย้อมคราม</mark>" in place["highlight"]


def test_a_word_only_in_an_attached_docx_finds_its_case_without_a_page(backend):
    result = results("ที่ประชุมเห็นชอบ")
    assert [hit.page_id for hit in result.hits] == [backend["docx"].pk]
    assert result.hits[0].matched_in[0]["document"] == backend["docx_name"]
    assert result.hits[0].matched_in[0]["page"] is None


def test_the_pages_own_words_rank_above_an_attachments(backend):
    assert [hit.page_id for hit in results("มะรุม").hits] == [backend["own"].pk, backend["docx"].pk]


def test_hits_that_attach_nothing_cost_no_query_for_their_documents(backend, django_assert_num_queries):
    found = results("ต้นมะรุม").hits  # a case with a DOCX and one with nothing attached
    assert {hit.page_id for hit in found} == {backend["own"].pk, backend["docx"].pk}
    from search.attachments import add_document_matches

    without = [hit for hit in found if hit.page_id == backend["own"].pk]
    with django_assert_num_queries(0):
        add_document_matches(without, "ต้นมะรุม")
    with_docx = [hit for hit in found if hit.page_id == backend["docx"].pk]
    add_document_matches(with_docx, "ต้นมะรุม")
    assert with_docx[0].matched_in and with_docx[0].matched_in[0]["document"] == backend["docx_name"]


def test_has_documents_filters_and_counts(backend):
    result = results("", has_documents=("yes",))
    assert {hit.page_id for hit in result.hits} == {backend["pdf"].pk, backend["docx"].pk}
    assert dict(result.facets["has_documents"]) == {"yes": 2}


def test_a_changed_file_is_read_again_and_reindexed(backend, django_capture_on_commit_callbacks):
    document = backend["docx"].documents.get().document
    with django_capture_on_commit_callbacks(execute=True):
        document.file = ContentFile(samples.docx_file(["ฉบับแก้ไขเรื่องการเลี้ยงไส้เดือนดิน"]), name="minutes-v2.docx")
        document.save()
    if backend["engine"] is not None:
        index_now(backend["engine"])
    assert [hit.page_id for hit in results("ไส้เดือนดิน").hits] == [backend["docx"].pk]
    assert results("ที่ประชุมเห็นชอบ").hits == []


def test_the_result_page_and_the_api_say_where(backend, client):
    page = client.get("/search/", {"q": "ย้อมคราม"}).content.decode()
    assert backend["pdf_name"] in page
    assert "หน้า 2" in page
    payload = client.get("/api/search/", {"q": "ย้อมคราม"}).json()
    (place,) = payload["results"][0]["matched_in"]
    assert (place["document"], place["page"]) == (backend["pdf_name"], 2)
    assert "<mark>" in place["highlight"]


def ocr_installed() -> bool:
    return bool(shutil.which("tesseract") and shutil.which("pdftoppm"))


@pytest.mark.parametrize("engine_or_fallback", ["engine", "fallback"])
def test_a_word_only_in_a_scanned_pdf_finds_its_case(request, settings, centre_index, engine_or_fallback):
    if not ocr_installed():
        skip_locally_fail_in_ci("No OCR: install Debian's tesseract-ocr tesseract-ocr-tha poppler-utils (make ocr).")
    engine = request.getfixturevalue("search_engine") if engine_or_fallback == "engine" else None
    if engine is None:
        settings.SEARCH_URL = ""
    centre = LearningCentrePageFactory(parent=centre_index, title="ศูนย์ทดลองเอกสารสแกน")
    centre.save_revision().publish()
    case = publish_case(centre, "ตำบลต้นแบบ", "เรื่องเล่าของตำบล")
    document = attach(case, "scan.pdf", samples.scanned_pdf(["บันทึกการประชุม เรื่องธนาคารขยะรีไซเคิล"]))
    record = document.extracted_text
    assert record.ocr_pages == [1] and record.pages[0].strip(), record.error_message()
    if engine is not None:
        index_now(engine)
    result = results("ธนาคารขยะ")
    assert [hit.page_id for hit in result.hits] == [case.pk]
    assert result.hits[0].matched_in[0]["page"] == 1


def test_a_bad_file_leaves_its_page_published_and_found_with_an_error_for_editors(backend, admin_client, client):
    from tests.attachments import files

    page = publish_case(backend["pdf"].get_parent().specific, "ทะเบียนผู้ดูแล", "อาสาสมัครดูแลผู้ป่วยติดเตียงรายสัปดาห์")
    document = attach(page, "locked.pdf", files.encrypted_pdf())
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert client.get(page.url).status_code == 200
    if backend["engine"] is not None:
        index_now(backend["engine"])
    hits = results("ผู้ป่วยติดเตียง").hits
    assert [hit.page_id for hit in hits] == [page.pk]
    assert hits[0].matched_in == []
    editor_view = admin_client.get(f"/admin/documents/edit/{document.pk}/").content.decode()
    assert "ไฟล์ถูกเข้ารหัสด้วยรหัสผ่าน" in editor_view


def test_reconcile_finds_and_repairs_attachment_text_the_outbox_never_delivered(search_engine, centre_index):
    from django.utils import timezone

    from attachments.models import DocumentText
    from search.documents import CASE_STUDY, document_id
    from search.indexing import reconcile
    from search.models import PendingIndexUpdate
    from thai.text import mark_words

    centre = LearningCentrePageFactory(parent=centre_index, title="ศูนย์ทดลองกระทบยอด")
    centre.save_revision().publish()
    case = publish_case(centre, "แปลงสาธิตของตำบล", "ชาวบ้านทำแปลงสาธิต")
    document = attach(case, "plan.docx", samples.docx_file(["แผนงานฉบับแรก"]))
    index_now(search_engine)
    assert reconcile(search_engine).total == 0
    # The worker stored new text, but the reindex it asked for was lost (a crash after its commit).
    new_text = "ฉบับแก้ไขกล่าวถึงการปลูกหญ้าแฝก"
    DocumentText.objects.filter(document=document).update(pages=[new_text], marked=mark_words(new_text), extracted_at=timezone.now())
    PendingIndexUpdate.objects.all().delete()
    assert results("หญ้าแฝก").hits == []
    assert reconcile(search_engine, repair=True).stale == {document_id(CASE_STUDY, case.pk)}
    index_now(search_engine)
    assert [hit.page_id for hit in results("หญ้าแฝก").hits] == [case.pk]
    assert reconcile(search_engine).total == 0
