"""Readable Latin page addresses from Thai titles (learning_centres.slugs, #20 item 11)."""

import pytest

from django.core.management import call_command
from django.utils.text import slugify

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page

from home.models import StandardPage
from learning_centres.models import Province
from learning_centres.models.pages import CENTRE_TYPE_NAMES_EN, CentreType
from learning_centres.slugs import is_thai_stripped_default, readable_slug
from portal.locales import mirror_page_tree
from tests.conftest import publish
from tests.learning_centres.factories import LAOFactory


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("แพร่", "phrae"),  # provinces: their official English names
        ("สมุทรสาคร", "samut-sakhon"),
        ("เชียงใหม่", "chiang-mai"),
        ("อบจ.แพร่", "provincial-administrative-organisation-phrae"),  # LAO kind from its abbreviation
        ("ด้านการจัดการภัยพิบัติโดยชุมชนท้องถิ่น", "community-based-disaster-management"),  # an area
        ("ด้านเกษตรกรรมยั่งยืน", "sustainable-agriculture"),
        ("ผู้สูงอายุ", "elderly"),
        ("ศูนย์พัฒนาเด็กเล็ก", "child-development-centre"),
        ("ยาสามัญประจำหมู่บ้าน", "household-remedies-village"),
        ("ธงเขียว ธงเหลือง ธงแดง", "thong-khiao-thong-lueang-thong-daeng"),  # RTGS where no word fits
    ],
)
def test_a_thai_title_gives_a_latin_slug_from_curated_words_and_rtgs(db, title, slug):
    assert readable_slug(title) == slug


def test_an_lao_name_from_the_registry_becomes_its_official_english_name(db):
    LAOFactory(name_th="เทศบาลตำบลบ้านกลาง", name_en="Ban Klang Subdistrict Municipality", province=Province.objects.get(code="51"))
    assert readable_slug("ศูนย์พัฒนาเด็กเล็ก เทศบาลตำบลบ้านกลาง") == "child-development-centre-ban-klang-subdistrict-municipality"


def test_every_centre_type_reads_as_its_english_name(db):
    for value, english in CENTRE_TYPE_NAMES_EN.items():
        assert readable_slug(CentreType(value).label) == slugify(english)


def test_a_long_title_is_cut_at_a_word_boundary(db):
    slug = readable_slug("ตามเก็บวัคซีนและคัดกรองพัฒนาการเด็กทุกคน ไม่ว่าจะมีสัญชาติใด " * 3)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.isascii()


def test_wagtails_thai_stripped_default_is_recognised_and_a_chosen_slug_is_not():
    title = "ยาสามัญประจำหมู่บ้าน"
    assert is_thai_stripped_default(slugify(title, allow_unicode=True), title)
    assert is_thai_stripped_default("ตยาสามญประจำหมบาน"[1:], title)
    assert not is_thai_stripped_default("household-remedies", title)
    assert not is_thai_stripped_default("about", "About")


def test_a_new_page_with_the_thai_stripped_default_gets_a_latin_slug_unique_among_siblings(home_page):
    title = "ยาสามัญประจำหมู่บ้าน"
    first = home_page.add_child(instance=StandardPage(title=title, slug=slugify(title, allow_unicode=True)))
    second = home_page.add_child(instance=StandardPage(title=title))  # slug left empty
    chosen = home_page.add_child(instance=StandardPage(title=title, slug="remedies"))
    assert (first.slug, second.slug, chosen.slug) == ("household-remedies-village", "household-remedies-village-2", "remedies")


def test_an_existing_page_keeps_its_slug_when_edited(home_page):
    page = home_page.add_child(instance=StandardPage(title="เกี่ยวกับ", slug="about"))
    page.slug = slugify("ยาสามัญ", allow_unicode=True)
    page.title = "ยาสามัญ"
    page.save()
    assert page.slug == slugify("ยาสามัญ", allow_unicode=True)


def test_the_admin_create_form_gives_a_latin_slug_when_the_slug_is_the_thai_default(client, admin_user, home_page):
    client.force_login(admin_user)
    title = "ยาสามัญประจำหมู่บ้าน"
    response = client.post(
        f"/admin/pages/add/home/standardpage/{home_page.pk}/",
        {"title": title, "slug": slugify(title, allow_unicode=True), "body-count": "0", "action-publish": "publish"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert StandardPage.objects.get(title=title, locale__language_code="th").slug == "household-remedies-village"


def _make_legacy(page):
    """Give `page` the address pages had before readable slugs: Wagtail's Thai-stripped default."""
    slug = slugify(page.title, allow_unicode=True)
    Page.objects.filter(pk=page.pk).update(slug=slug, url_path=f"{page.get_parent().url_path}{slug}/")
    page.refresh_from_db()
    return page


def _thai_slugged_page(parent, title):
    return publish(_make_legacy(parent.add_child(instance=StandardPage(title=title, slug="placeholder"))))


def test_the_command_is_a_dry_run_by_default(home_page):
    page = _thai_slugged_page(home_page, "ยาสามัญประจำหมู่บ้าน")
    call_command("readable_slugs")
    page.refresh_from_db()
    assert page.slug == slugify("ยาสามัญประจำหมู่บ้าน", allow_unicode=True)


def test_the_command_moves_thai_slugs_and_the_old_address_redirects_permanently(client, home_page, django_capture_on_commit_callbacks):
    page = _thai_slugged_page(home_page, "ยาสามัญประจำหมู่บ้าน")
    twin = _thai_slugged_page(home_page, "ยาสามัญ ประจำหมู่บ้าน")  # another Thai slug, the same Latin one
    old_url = page.url
    with django_capture_on_commit_callbacks(execute=True):
        call_command("readable_slugs", "--apply")
    page.refresh_from_db()
    twin.refresh_from_db()
    assert {page.slug, twin.slug} == {"household-remedies-village", "household-remedies-village-2"}
    assert page.get_latest_revision_as_object().slug == page.slug  # the next edit keeps it
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(page.url)
    assert client.get(page.url).status_code == 200
    assert Redirect.objects.filter(redirect_page=page).exists()


def test_english_addresses_mirror_the_new_thai_slug(client, site_tree, home_page, django_capture_on_commit_callbacks):
    page = _thai_slugged_page(home_page, "ยาสามัญประจำหมู่บ้าน")
    mirror_page_tree(home_page)
    english = _make_legacy(page.get_translation(Locale.objects.get(language_code="en")))
    assert english.alias_of_id == page.pk
    old_english_url = english.url
    with django_capture_on_commit_callbacks(execute=True):
        call_command("readable_slugs", "--apply")
    english.refresh_from_db()
    assert english.slug == "household-remedies-village"
    assert english.url.startswith("/en/") and english.url.endswith("/household-remedies-village/")
    assert client.get(english.url).status_code == 200
    assert client.get(old_english_url).status_code == 301
    # pages that already had Latin addresses keep them
    assert Page.objects.get(pk=site_tree["about"].pk).slug == "about"


def test_the_admin_suggests_the_slug_of_a_title_to_editors_only(client, admin_user, home_page):
    assert client.get("/admin/readable-slug/", {"title": "ผู้สูงอายุ"}).status_code == 302  # to the login
    client.force_login(admin_user)
    assert client.get("/admin/readable-slug/", {"title": "ศูนย์พัฒนาเด็กเล็ก"}).json() == {"slug": "child-development-centre"}
    assert client.get("/admin/readable-slug/", {"title": "ก" * 256}).status_code == 400
    editor = client.get(f"/admin/pages/add/home/standardpage/{home_page.pk}/").content.decode()
    assert 'data-readable-slug-url="/admin/readable-slug/"' in editor


def test_the_demo_content_has_readable_latin_addresses():
    """The demo loader's pages take the hand-written slugs of home/demo (readable Latin, as
    the rule above would give), never Wagtail's Thai-stripped default."""
    import json
    import re
    from pathlib import Path

    demo = Path(__file__).resolve().parents[2] / "home" / "demo"
    rows = json.loads((demo / "centres.json").read_text()) + [
        json.loads(path.read_text()) for path in (demo / "case_studies").glob("*.json")
    ]
    slugs = [row["slug"] for row in rows]
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) for slug in slugs)
    assert len(slugs) == len(set(slugs))


def test_an_editors_unpublished_draft_gets_the_new_slug_and_stays_unpublished(client, home_page, django_capture_on_commit_callbacks):
    page = _thai_slugged_page(home_page, "ยาสามัญประจำหมู่บ้าน")
    draft = page.get_latest_revision_as_object()
    draft.body = [("paragraph", "<p>ร่างที่ยังไม่เผยแพร่</p>")]
    draft.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("readable_slugs", "--apply")
    page.refresh_from_db()
    assert page.slug == "household-remedies-village" and page.has_unpublished_changes
    assert page.get_latest_revision_as_object().slug == "household-remedies-village"
    assert "ร่างที่ยังไม่เผยแพร่" not in client.get(page.url).content.decode()
