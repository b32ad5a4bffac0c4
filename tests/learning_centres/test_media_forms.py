"""Replacing the file behind an image or document is an editor's right: a contributor's
new file would otherwise go public at once on every live page that shows it, with no review.
Contributors still edit titles and alt text, and upload new files."""

import io

import pytest
from PIL import Image as PILImage

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from learning_centres.models import CentreAccess
from learning_centres.roles import add_contributor

pytestmark = pytest.mark.django_db


def png(colour: str) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def contributor(centre):
    user = get_user_model().objects.create_user("somsri", password="pw")
    add_contributor(user, centre)
    return user


@pytest.fixture
def collection(centre, contributor):
    return CentreAccess.objects.get(centre=centre).collection


@pytest.fixture
def image(collection):
    picture = get_image_model()(title="ภาพเดิม", collection=collection, file=ContentFile(png("teal"), name="before.png"))
    picture._set_image_file_metadata()
    picture.save()
    yield picture
    picture.file.delete(save=False)


@pytest.fixture
def document(collection):
    file = get_document_model()(title="เอกสารเดิม", collection=collection, file=ContentFile(b"%PDF-1.4 before", name="before.pdf"))
    file.save()
    yield file
    file.file.delete(save=False)


def edit_image(client, image, **extra):
    data = {"title": extra.pop("title", image.title), "collection": image.collection_id, **extra}
    return client.post(reverse("wagtailimages:edit", args=[image.pk]), data)


def edit_document(client, document, **extra):
    data = {"title": extra.pop("title", document.title), "collection": document.collection_id, **extra}
    return client.post(reverse("wagtaildocs:edit", args=[document.pk]), data)


def test_a_contributor_cannot_replace_an_images_file(client, contributor, image):
    client.force_login(contributor)
    before = image.file.name
    response = edit_image(client, image, file=SimpleUploadedFile("after.png", png("red")))
    assert response.status_code == 200 and "เฉพาะบรรณาธิการ" in response.content.decode()
    image.refresh_from_db()
    assert image.file.name == before


def test_a_contributor_still_renames_an_image(client, contributor, image):
    client.force_login(contributor)
    assert edit_image(client, image, title="ชื่อใหม่").status_code == 302
    image.refresh_from_db()
    assert image.title == "ชื่อใหม่"


def test_an_editor_replaces_an_images_file(client, editor, image):
    client.force_login(editor)
    response = edit_image(client, image, file=SimpleUploadedFile("after.png", png("red")))
    assert response.status_code == 302
    image.refresh_from_db()
    assert "after" in image.file.name


def test_a_contributor_cannot_replace_a_documents_file(client, contributor, document):
    client.force_login(contributor)
    before = document.file.name
    response = edit_document(client, document, file=SimpleUploadedFile("after.pdf", b"%PDF-1.4 after"))
    assert response.status_code == 200 and "เฉพาะบรรณาธิการ" in response.content.decode()
    document.refresh_from_db()
    assert document.file.name == before


def test_an_editor_replaces_a_documents_file(client, editor, document):
    client.force_login(editor)
    assert edit_document(client, document, file=SimpleUploadedFile("after.pdf", b"%PDF-1.4 after")).status_code == 302
    document.refresh_from_db()
    assert "after" in document.file.name
