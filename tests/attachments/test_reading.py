"""The worker reads a document's text in a child process with limits: every format it knows
gives its text per page, every bad file gives a status and an error for editors (never an
exception), and an unchanged file is never read twice."""

import pytest

from django.core.files.base import ContentFile

from attachments import samples
from attachments.models import DocumentText
from attachments.reading import read_document

from . import files

pytestmark = pytest.mark.django_db

Status = DocumentText.Status


def test_a_pdf_gives_the_text_of_each_page(make_document):
    document = make_document("report.pdf", samples.text_pdf(["ชมรมจักสานไม้ไผ่ของผู้สูงอายุ", "งบประมาณปี 2566"]))
    record = read_document(document.pk)
    assert record.status == Status.DONE, record.error_message()
    assert record.kind == "pdf" and record.paged
    assert "ชมรมจักสานไม้ไผ่" in record.pages[0]
    assert "งบประมาณ" in record.pages[1]
    assert "\u200b" in record.marked  # cut into words once, by the worker


def test_docx_xlsx_odt_and_plain_text_give_their_text(make_document):
    texts = {
        "minutes.docx": samples.docx_file(["บันทึกการประชุมคณะกรรมการหมู่บ้าน", "วาระที่ ๒"]),
        "budget.xlsx": samples.xlsx_file([["รายการ", "บาท"], ["ค่าผ้าห่มกันหนาว", 4500]]),
        "notes.txt": "ข้อความธรรมดาเรื่องโรงเรียนผู้สูงอายุ".encode("cp874"),
    }
    found = {name: read_document(make_document(name, content).pk) for name, content in texts.items()}
    assert all(record.status == Status.DONE for record in found.values()), {n: r.error_message() for n, r in found.items()}
    assert "บันทึกการประชุม" in found["minutes.docx"].pages[0]
    assert "ค่าผ้าห่มกันหนาว 4500" in found["budget.xlsx"].pages[0]
    assert found["notes.txt"].pages == ["ข้อความธรรมดาเรื่องโรงเรียนผู้สูงอายุ"]
    assert not found["minutes.docx"].paged


@pytest.mark.parametrize(
    ("name", "content", "status", "error"),
    [
        ("secret.pdf", files.encrypted_pdf(), Status.FAILED, "encrypted"),
        ("broken.pdf", files.corrupt_pdf(), Status.FAILED, "corrupt"),
        ("broken.docx", b"PK\x03\x04 not really a zip", Status.FAILED, "corrupt"),
        ("bomb.docx", files.docx_zip_bomb(), Status.FAILED, "bomb"),
        ("huge.pdf", files.many_pages_pdf(), Status.FAILED, "too_many_pages"),
        ("picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, Status.UNSUPPORTED, "unsupported"),
    ],
    ids=["encrypted", "corrupt-pdf", "corrupt-docx", "zip-bomb", "100000-pages", "unsupported"],
)
def test_a_bad_file_is_a_status_and_a_message_never_an_exception(make_document, name, content, status, error):
    record = read_document(make_document(name, content).pk)
    assert (record.status, record.error) == (status, error)
    assert record.pages == []
    assert record.error_message()  # a sentence for editors


def test_a_file_over_the_size_limit_is_never_read(make_document, settings):
    settings.ATTACHMENTS_MAX_BYTES = 1000
    record = read_document(make_document("big.txt", "ก".encode() * 1000).pk)
    assert (record.status, record.error) == (Status.FAILED, "too_large")


def test_reading_stops_at_the_time_limit(make_document, settings):
    settings.ATTACHMENTS_MAX_PAGES = 1_000_000
    settings.ATTACHMENTS_MAX_SECONDS = 0.3  # the 60,000 pages take about a second to read
    record = read_document(make_document("slow.pdf", files.many_pages_pdf(60_000)).pk)
    assert (record.status, record.error) == (Status.FAILED, "timeout")


def test_reading_stops_at_the_memory_limit(make_document, settings):
    settings.ATTACHMENTS_MAX_MEMORY_MB = 30  # less than the reader needs to start
    record = read_document(make_document("report.pdf", samples.text_pdf(["ข้อความ"])).pk)
    assert (record.status, record.error) == (Status.FAILED, "memory")


def test_an_unchanged_file_is_not_read_again_a_changed_one_is(make_document, monkeypatch):
    document = make_document("report.txt", "ฉบับแรก".encode())
    first = read_document(document.pk)
    from attachments import reading

    calls = []
    monkeypatch.setattr(reading, "run_child", lambda *args: calls.append(args) or {"kind": "txt", "pages": ["x"]})
    assert read_document(document.pk).extracted_at == first.extracted_at
    assert calls == []
    document.file = ContentFile("ฉบับแก้ไข".encode(), name="report.txt")
    document.save()
    read_document(document.pk)
    assert len(calls) == 1


def test_saving_a_document_has_the_worker_read_it_after_the_commit(make_document, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("minutes.docx", samples.docx_file(["การประชุมประจำเดือน"]))
    record = DocumentText.objects.get(document=document)
    assert record.status == Status.DONE
    assert "การประชุมประจำเดือน" in record.pages[0]


def test_the_editor_sees_the_status_and_error_on_the_document(make_document, admin_client):
    document = make_document("secret.pdf", files.encrypted_pdf())
    read_document(document.pk)
    response = admin_client.get(f"/admin/documents/edit/{document.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "อ่านข้อความไม่ได้" in page
    assert "ไฟล์ถูกเข้ารหัสด้วยรหัสผ่าน" in page
