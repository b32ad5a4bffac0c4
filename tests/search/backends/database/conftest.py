"""Pages to search for the database backend's tests (the test settings configure no engine,
so the database answers), and the helpers that read its answers."""

import itertools

import pytest

from learning_centres.models import Province
from search.backends.database import query as database
from search.contract import SearchQuery
from tests.learning_centres.factories import CaseStudyPageFactory, LAOFactory, LearningCentrePageFactory
from thai.text import WORD_MARK


def publish_case(centre, title, text="", *, summary="สรุป", published=None, **kwargs):
    page = CaseStudyPageFactory(parent=centre, title=title, summary=summary, context_and_problem=f"<p>{text}</p>", **kwargs)
    if published:
        page.first_published_at = published
    page.save_revision().publish()
    return page


def plain(text: str) -> str:
    return text.replace(WORD_MARK, "")


def titles(text, **kwargs) -> set[str]:
    return {plain(hit.source["title"]) for hit in database.search(SearchQuery(text=text, **kwargs)).hits}


def ordered_titles(text="", **kwargs) -> list[str]:
    return [plain(hit.source["title"]) for hit in database.search(SearchQuery(text=text, **kwargs)).hits]


_numbers = itertools.count(1)


def make_centre(centre_index, province="50", lao_type="subdistrict_municipality", **kwargs):
    name = f"เทศบาลตำบลทดลอง{next(_numbers)}"
    lao = LAOFactory(province=Province.objects.get(code=province), lao_type=lao_type, name_th=name)
    return LearningCentrePageFactory(parent=centre_index, lao=lao, **kwargs)


@pytest.fixture
def town_centre(centre_index):
    # A municipality: its place names do not contain อบต. or องค์การบริหารส่วนตำบล, so only
    # synonyms can connect those to its case studies.
    return make_centre(centre_index, lao_type="subdistrict_municipality")


@pytest.fixture
def corpus(town_centre):
    publish_case(town_centre, "เยี่ยมบ้าน", "อาสาสมัครเยี่ยมบ้านผู้สูงอายุที่ติดเตียงทุกสัปดาห์")
    publish_case(town_centre, "ซ้อมอพยพ", "ชุมชนซ้อมรับมือภัยพิบัติน้ำป่าไหลหลากก่อนฤดูฝน")
    publish_case(town_centre, "สภาองค์กร", "บทบาทขององค์กรปกครองส่วนท้องถิ่นในการวางแผนร่วมกับประชาชน")
    publish_case(town_centre, "พยาบาลชุมชน", "พยาบาลวิชาชีพออกตรวจนาฬิกาชีวิตของผู้ป่วยเบาหวาน")
    publish_case(town_centre, "ปีงบประมาณ", "เริ่มดำเนินการในปีงบประมาณ ๒๕๖๗ ด้วยงบของตำบล")
    publish_case(town_centre, "ตำบลต้นแบบ", "องค์การบริหารส่วนตำบลจัดตั้งศูนย์พัฒนาเด็กเล็กแห่งใหม่")
    publish_case(town_centre, "ช่องว่างซ่อน", "ผู้ดูแล\u200bผู้สูงวัย\u200bในชุมชน")
    publish_case(town_centre, "ย่อชื่อ", "อบต.หนองบัวร่วมกับ รพ.สต. จัดอบรม")
    return town_centre
