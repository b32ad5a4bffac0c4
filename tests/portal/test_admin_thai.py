"""The Wagtail admin speaks Thai on every screen an editor or a contributor works in.

Wagtail's own Thai catalogue leaves most of the admin in English; the project completes it in
locale/th/LC_MESSAGES/django.po (README, "The admin in Thai"). Each screen below is rendered
as the editor meets it and its visible text — text nodes outside script/style/code, and the
attributes people see or hear (placeholder, title, aria-label, tooltips, button values) — must
hold no English word beyond a short list of proper names and codes."""

import json
import re

import pytest
from bs4 import BeautifulSoup, Comment

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images.tests.utils import get_test_image_file

from learning_centres.roles import add_contributor
from tests.conftest import publish

User = get_user_model()

# Names and codes editors see as they are, whatever the language.
ALLOWED_WORDS = {
    "wagtail",
    "csv",
    "pdf",
    "url",
    "html",
    "gif",
    "jpeg",
    "jpg",
    "png",
    "webp",
    "avif",
    "svg",
    "heic",
    "ico",
    "xlsx",
    "ods",
    "json",
    "api",
    "id",
    "rss",
    "atom",
    "line",
    "facebook",
    "youtube",
    "google",
    "openstreetmap",
    "thaihealth",
    "dla",
    "sarabun",
    "javascript",
    "mb",
    "kb",
    "utf",
    "zip",
    "english",  # the language's own name in the language menus
}


def code_words() -> set[str]:
    """Codes editors type into import files: column names, choice values, and the English
    section names the import's column guide shows beside the Thai ones on purpose."""
    from learning_centres.models import CaseStudyPage, CentreType, LAOType
    from open_data.columns import CASE_STUDY_COLUMNS, LAO_COLUMNS

    words = {column.name for column in (*CASE_STUDY_COLUMNS, *LAO_COLUMNS)}
    words |= set(CentreType.values) | set(LAOType.values)
    for _name, _th, english in CaseStudyPage.SECTIONS:
        words |= set(english.lower().split())
    return {word.lower() for code in words for word in re.split(r"[^A-Za-z']+", code) if word} | words


VISIBLE_ATTRIBUTES = ("placeholder", "title", "aria-label", "aria-description", "alt", "data-w-tooltip-content-value")
HIDDEN_TAGS = {"script", "style", "code", "pre", "kbd", "samp", "svg", "template"}
# Addresses, e-mail addresses, file names and identifiers (app_label.model, snake_case) are
# shown as they are.
NOT_WORDS = re.compile(
    "|".join(
        (
            r'"[a-z_]+"',  # keys of the JSON the import guide describes
            r"YYYY-MM-DD",
            r"JSON Lines",
            r"https?://\S+",
            r"\S+@\S+",
            r"\S*/\S*",
            r"[\w.-]+\.(?:png|jpe?g|gif|pdf|docx?|xlsx?|csv|txt|webp|svg)\b",
            r"\b[a-z_]+\.[a-z_]+\b",
            r"\b\w+_\w+\b",
        )
    ),
    re.I,
)
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}(?:'[A-Za-z]+)*|[A-Za-z]'[A-Za-z]+")


# Editor widgets (Draftail, StreamField) get their labels as JSON in data-* attributes.
WIDGET_TEXT_KEYS = {"description", "label", "placeholder", "title", "helpText", "help_text"}


def _widget_texts(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in WIDGET_TEXT_KEYS and isinstance(item, str):
                yield item
            else:
                yield from _widget_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _widget_texts(item)


def _unseen(element) -> bool:
    # Hidden tabs, panels and menus are shown on a click, so their text counts; only the side
    # panel's counter is left out: JavaScript fills it in, Wagtail leaves "None" in it until then.
    return element.name in HIDDEN_TAGS or element.has_attr("data-side-panel-toggle-counter")


def visible_texts(html: str, names: set[str]) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    texts = []
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or any(_unseen(parent) for parent in node.parents):
            continue
        texts.append(str(node))
    for element in soup.find_all(True):
        if _unseen(element) or any(_unseen(parent) for parent in element.parents):
            continue
        for attribute in VISIBLE_ATTRIBUTES:
            if element.get(attribute):
                texts.append(element[attribute])
        if element.name == "input" and element.get("type") in ("submit", "button") and element.get("value"):
            texts.append(element["value"])
        for attribute, value in element.attrs.items():
            if attribute.startswith("data-") and isinstance(value, str) and value[:1] in "{[":
                try:
                    texts.extend(_widget_texts(json.loads(value)))
                except ValueError:
                    pass
    found = []
    for text in texts:
        for word in ENGLISH_WORD.findall(NOT_WORDS.sub(" ", text)):
            if word.lower() not in ALLOWED_WORDS and word.lower() not in names:
                found.append(text.strip())
                break
    return found


@pytest.fixture
def contributor(centre):
    user = User.objects.create_user("somsri", password="pw", email="somsri@example.org")
    add_contributor(user, centre)
    return user


@pytest.fixture
def admin_site(editor, contributor, centre_index, centre, case_study, other_centre):
    """A centre with a published case study, a second one submitted for review by the
    contributor, an image and a document — so listings, histories and the review queue
    all have something in them."""
    for page in (centre_index, centre, case_study, other_centre):
        publish(page)
    case_study.title = case_study.title + " (แก้ไข)"
    case_study.save_revision(user=editor)
    submitted = type(case_study)(title="ธนาคารเวลาเพื่อผู้สูงอายุ", slug="time-bank", summary="สรุป", year=2024)
    centre.add_child(instance=submitted)
    submitted.save_revision(user=contributor)
    submitted.get_workflow().start(submitted, contributor)
    image = get_test_image_file(filename="ภาพกิจกรรม.png")
    from wagtail.images import get_image_model

    image = get_image_model().objects.create(title="ภาพกิจกรรมเยี่ยมบ้าน", file=image)
    from django.core.files.base import ContentFile

    document = get_document_model().objects.create(title="รายงานประจำปี", file=ContentFile(b"%PDF-1.4", name="report.pdf"))
    return {
        "centre_index": centre_index,
        "centre": centre,
        "case_study": case_study,
        "submitted": submitted,
        "image": image,
        "document": document,
    }


def editor_screens(site) -> dict[str, str]:
    from learning_centres.models import LocalAdministrativeOrganisation
    from search.models import SearchSynonym

    case_study, centre, submitted = site["case_study"], site["centre"], site["submitted"]
    revision = case_study.latest_revision
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer of the centre index": reverse("wagtailadmin_explore", args=[site["centre_index"].pk]),
        "explorer of a centre": reverse("wagtailadmin_explore", args=[centre.pk]),
        "edit a case study": reverse("wagtailadmin_pages:edit", args=[case_study.pk]),
        "edit a case study in review": reverse("wagtailadmin_pages:edit", args=[submitted.pk]),
        "edit a centre": reverse("wagtailadmin_pages:edit", args=[centre.pk]),
        "add a case study": reverse("wagtailadmin_pages:add", args=["learning_centres", "casestudypage", centre.pk]),
        "choose the page type": reverse("wagtailadmin_pages:add_subpage", args=[site["centre_index"].get_parent().pk]),
        "page history": reverse("wagtailadmin_pages:history", args=[case_study.pk]),
        "compare revisions": reverse("wagtailadmin_pages:revisions_compare", args=[case_study.pk, "live", revision.pk]),
        "workflow history": reverse("wagtailadmin_pages:workflow_history", args=[submitted.pk]),
        "images": reverse("wagtailimages:index"),
        "upload images": reverse("wagtailimages:add_multiple"),
        "documents": reverse("wagtaildocs:index"),
        "upload documents": reverse("wagtaildocs:add_multiple"),
        "frequent queries report": reverse("frequent_queries"),
        "zero-result queries report": reverse("zero_result_queries"),
        "search index failures report": reverse("search_index_failures"),
        "page types report": reverse("page_types_usage_for_editors"),
        "open data import": reverse("open_data_import"),
        "workflow report": reverse("wagtailadmin_reports:workflow"),
        "workflow tasks report": reverse("wagtailadmin_reports:workflow_tasks"),
        "locked pages report": reverse("wagtailadmin_reports:locked_pages"),
        "site history report": reverse("wagtailadmin_reports:site_history"),
        "account": reverse("wagtailadmin_account"),
        "delete a page": reverse("wagtailadmin_pages:delete", args=[case_study.pk]),
        "unpublish a page": reverse("wagtailadmin_pages:unpublish", args=[case_study.pk]),
        "copy a page": reverse("wagtailadmin_pages:copy", args=[case_study.pk]),
        "move a page": reverse("wagtailadmin_pages:move", args=[case_study.pk]),
        "edit an image": reverse("wagtailimages:edit", args=[site["image"].pk]),
        "edit a document": reverse("wagtaildocs:edit", args=[site["document"].pk]),
        "search pages": reverse("wagtailadmin_pages:search") + "?q=ผู้สูงอายุ",
        "case study listing": reverse("case_studies:index"),
        "local administrations": reverse(LocalAdministrativeOrganisation.snippet_viewset.get_url_name("list")),
        "add a local administration": reverse(LocalAdministrativeOrganisation.snippet_viewset.get_url_name("add")),
        "search synonyms": reverse(SearchSynonym.snippet_viewset.get_url_name("list")),
        "add a search synonym": reverse(SearchSynonym.snippet_viewset.get_url_name("add")),
        "promoted search results": reverse("wagtailsearchpromotions:index"),
        "visit requests": reverse("visit_requests:index"),
    }


def contributor_screens(site) -> dict[str, str]:
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer of a centre": reverse("wagtailadmin_explore", args=[site["centre"].pk]),
        "edit own case study": reverse("wagtailadmin_pages:edit", args=[site["case_study"].pk]),
        "edit own case study in review": reverse("wagtailadmin_pages:edit", args=[site["submitted"].pk]),
        "add a case study": reverse("wagtailadmin_pages:add", args=["learning_centres", "casestudypage", site["centre"].pk]),
        "images": reverse("wagtailimages:index"),
        "upload images": reverse("wagtailimages:add_multiple"),
        "documents": reverse("wagtaildocs:index"),
        "upload documents": reverse("wagtaildocs:add_multiple"),
        "page history": reverse("wagtailadmin_pages:history", args=[site["case_study"].pk]),
        "case study listing": reverse("case_studies:index"),
        "account": reverse("wagtailadmin_account"),
    }


def content_words() -> set[str]:
    """English that editors wrote themselves: the search synonyms (Thai and English terms)."""
    from search.models import SearchSynonym

    return {word.lower() for synonym in SearchSynonym.objects.all() for word in ENGLISH_WORD.findall(synonym.terms)}


def english_on(client, user, screens: dict[str, str]) -> dict[str, list[str]]:
    client.force_login(user)
    names = {user.username.lower(), "editor", "somsri"} | code_words() | content_words()
    english = {}
    for name, url in screens.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        found = visible_texts(response.content.decode(), names)
        if found:
            english[name] = sorted(set(found))
    return english


@pytest.mark.django_db
def test_the_editors_screens_have_no_english(client, admin_site, editor):
    assert english_on(client, editor, editor_screens(admin_site)) == {}


@pytest.mark.django_db
def test_the_sign_in_page_has_no_english(client):
    response = client.get(reverse("wagtailadmin_login"))
    assert visible_texts(response.content.decode(), set()) == []


@pytest.mark.django_db
def test_the_contributors_screens_have_no_english(client, admin_site, contributor):
    assert english_on(client, contributor, contributor_screens(admin_site)) == {}


def test_the_checker_sees_english_in_text_and_attributes_but_not_in_code_or_names():
    html = """<p>เผยแพร่</p><button aria-label="Publish">x</button><input placeholder="Search">
    <script>var a = "Hello";</script><code>slug-name</code><p>Wagtail CSV somsri@example.org /th/centres/</p>
    <div data-side-panel-toggle-counter hidden>None</div><section hidden><p>Tab</p></section><input type="submit" value="Go">
    <input data-w-init-detail-value='{"blockTypes": [{"type": "header-three", "description": "Heading 3"}]}'>"""
    assert visible_texts(html, set()) == ["Tab", "Publish", "Search", "Go", "Heading 3"]


# Wagtail writes these few words straight into its templates, out of gettext's reach; the
# project's copies (templates/wagtailadmin/) differ from Wagtail's only by translating them.
TEMPLATE_OVERRIDES = {
    "wagtailadmin/home.html": [('value="Search"', 'value="{% trans "Search" %}"')],
    "wagtailadmin/shared/header.html": [('value="Search"', 'value="{% trans "Search" %}"')],
    "wagtailadmin/shared/headers/_actions.html": [
        ("", '{% load i18n %}{# The project translates the literal below (README, "The admin in Thai") #}\n'),
        ('aria-label="Actions"', 'aria-label="{% trans "Actions" %}"'),
    ],
}


@pytest.mark.parametrize("name", TEMPLATE_OVERRIDES)
def test_the_admin_template_copies_follow_wagtails_own(name, settings):
    """After a Wagtail upgrade this fails until the copy is taken again from Wagtail's."""
    from pathlib import Path

    import wagtail.admin

    original = (Path(wagtail.admin.__file__).parent / "templates" / name).read_text()
    expected = original
    for literal, translated in TEMPLATE_OVERRIDES[name]:
        expected = translated + expected if literal == "" else expected.replace(literal, translated)
    assert expected != original
    assert (settings.BASE_DIR / "templates" / name).read_text() == expected


@pytest.mark.django_db
def test_the_root_page_collection_and_default_workflow_have_thai_names():
    from wagtail.models import Collection, Page, Task, Workflow

    from portal.admin_thai import ROOT_COLLECTION_NAME, ROOT_PAGE_TITLE, WAGTAIL_DEFAULT_MODERATION

    assert Page.get_first_root_node().title == ROOT_PAGE_TITLE
    assert Collection.get_first_root_node().name == ROOT_COLLECTION_NAME
    assert not Workflow.objects.filter(name=WAGTAIL_DEFAULT_MODERATION).exists()
    assert not Task.objects.filter(name=WAGTAIL_DEFAULT_MODERATION).exists()


@pytest.mark.django_db
def test_an_editors_own_name_for_a_root_is_kept():
    from wagtail.models import Collection

    from portal.admin_thai import name_roots_in_thai

    Collection.objects.filter(depth=1).update(name="คลังภาพกลาง")
    name_roots_in_thai()
    assert Collection.get_first_root_node().name == "คลังภาพกลาง"


@pytest.mark.django_db
def test_what_the_admin_says_after_saving_is_thai(client, admin_site, contributor):
    """Messages after a submission, and the errors of a form sent incomplete."""
    from tests.learning_centres.test_editorial_roles import add_url, case_study_form

    client.force_login(contributor)
    names = {"somsri"} | code_words()
    submitted = client.post(
        add_url(admin_site["centre"]), case_study_form("ธนาคารขยะ", slug="waste-bank", **{"action-submit": "1"}), follow=True
    )
    assert submitted.status_code == 200
    assert visible_texts(submitted.content.decode(), names) == []
    invalid = client.post(add_url(admin_site["centre"]), case_study_form("", slug="", summary=""))
    assert invalid.status_code == 200
    assert "errorlist" in invalid.content.decode() or "error-message" in invalid.content.decode()
    assert visible_texts(invalid.content.decode(), names) == []


@pytest.mark.django_db
def test_the_admins_javascript_strings_are_thai(client, editor):
    """Buttons and messages drawn by the admin's JavaScript (StreamField, comments, the
    rich-text editor's placeholder) come from the JavaScript catalogue, locale/th's djangojs.po."""
    import json

    client.force_login(editor)
    script = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))
    for msgid in ("Write something or type ‘/’ to insert a block", "Insert a block", "Move up", "Duplicate", "Enter your comments..."):
        assert re.search(r"[\u0e00-\u0e7f]", catalog[msgid]), msgid
    placeholders = re.compile(r"%\(\w+\)[sd]")
    english = {msgid: text for msgid, text in catalog.items() if isinstance(text, str) and ENGLISH_WORD.search(placeholders.sub("", text))}
    assert english == {}
