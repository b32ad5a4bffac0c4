"""Editors' page search in the Wagtail admin goes through the portal's search service:
Thai words inside unspaced text are found, on the engine and on the database fallback;
drafts and other pages by their title; images and documents stay on Wagtail's backend."""

import pytest

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from tests.conftest import publish
from tests.learning_centres.factories import CaseStudyPageFactory
from tests.search.conftest import index_now, search_engine  # noqa: F401

# The factory's summary: "อาสาสมัครในชุมชนเยี่ยมบ้านผู้สูงอายุติดเตียงทุกสัปดาห์" (no spaces).
INSIDE_UNSPACED_TEXT = "เยี่ยมบ้าน"


def admin_search(client, editor, text):
    client.force_login(editor)
    response = client.get("/admin/pages/search/", {"q": text})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def titled_case(centre):
    return publish(CaseStudyPageFactory(parent=centre, title="กรณีศึกษาแปลงผักรวมของหมู่บ้าน"))


@pytest.mark.django_db
def test_a_word_inside_unspaced_text_is_found_by_the_fallback(client, editor, titled_case):
    assert titled_case.title in admin_search(client, editor, INSIDE_UNSPACED_TEXT)


@pytest.mark.django_db
def test_a_word_inside_unspaced_text_is_found_by_the_engine(client, editor, titled_case, search_engine):  # noqa: F811
    index_now(search_engine)
    assert titled_case.title in admin_search(client, editor, INSIDE_UNSPACED_TEXT)


@pytest.mark.django_db
def test_the_backend_ranks_the_portals_hits_and_respects_the_queryset(titled_case, other_centre):
    other = publish(CaseStudyPageFactory(parent=other_centre, title="กรณีศึกษาอื่น"))
    backend = get_search_backend()
    everywhere = list(backend.search(INSIDE_UNSPACED_TEXT, Page.objects.all()))
    assert {titled_case.pk, other.pk} <= {page.pk for page in everywhere}
    under_one_centre = backend.search(INSIDE_UNSPACED_TEXT, Page.objects.descendant_of(other_centre))
    assert [page.pk for page in under_one_centre] == [other.pk]
    assert under_one_centre.count() == 1


@pytest.mark.django_db
def test_a_draft_is_found_by_its_draft_title(client, editor, centre):
    draft = CaseStudyPageFactory(parent=centre, title="ร่างกรณีศึกษาธนาคารขยะชุมชน", live=False)
    assert draft.title in admin_search(client, editor, "ธนาคารขยะ")


@pytest.mark.django_db
def test_slicing_and_counting_agree(centre):
    pages = [publish(CaseStudyPageFactory(parent=centre, title=f"กรณีศึกษาที่ {i}")) for i in range(5)]
    results = get_search_backend().search(INSIDE_UNSPACED_TEXT, Page.objects.all())
    assert results.count() == len(pages)
    assert len(list(results[1:3])) == 2
    assert results[1:3].count() == 2


@pytest.mark.django_db
def test_images_still_use_wagtails_database_backend():
    import wagtail_factories

    from wagtail.images import get_image_model

    image = wagtail_factories.ImageFactory(title="ภาพกิจกรรม")
    found = get_search_backend().search("ภาพกิจกรรม", get_image_model())
    assert image in list(found)


@pytest.mark.django_db
def test_pages_are_not_written_into_wagtails_index_other_models_are(centre):
    import wagtail_factories

    from wagtail.search.models import IndexEntry

    before = IndexEntry.objects.count()
    publish(CaseStudyPageFactory(parent=centre))
    assert IndexEntry.objects.count() == before
    wagtail_factories.ImageFactory(title="ภาพใหม่")
    assert IndexEntry.objects.count() == before + 1


@pytest.mark.django_db
def test_saving_a_page_queues_no_work_for_wagtails_index(centre, monkeypatch):
    import wagtail_factories
    from modelsearch import signal_handlers

    queued: list[tuple] = []

    class Recorder:
        def enqueue(self, *args):
            queued.append(args)

    monkeypatch.setattr(signal_handlers, "insert_or_update_object_task", Recorder())
    publish(CaseStudyPageFactory(parent=centre))
    assert queued == []
    wagtail_factories.ImageFactory(title="ภาพใหม่")
    assert [model for _app, model, _pk in queued] == ["image"]


@pytest.mark.django_db
def test_several_quoted_phrases_search_through_the_portal(client, editor, titled_case):
    assert titled_case.title in admin_search(client, editor, '"เยี่ยมบ้าน" "ผู้สูงอายุ"')


@pytest.mark.django_db
def test_an_empty_box_lists_pages(client, editor, titled_case):
    assert titled_case.title in admin_search(client, editor, "")
