import pytest

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model


@pytest.fixture
def make_document(db):
    """A Wagtail document holding `content` under `name`, saved without the after-commit
    reading (tests read it themselves, or capture the commit to see the worker do it)."""

    def make(name: str, content: bytes, title: str = "") -> object:
        return get_document_model().objects.create(title=title or name, file=ContentFile(content, name=name))

    return make
