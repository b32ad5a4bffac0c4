"""A small, known corpus for search behaviour tests (engine and fallback alike)."""

import pytest

from learning_centres.models import CentreType, Province
from search.indexing import rebuild
from search.spelling import build_vocabulary
from tests.learning_centres.factories import CaseStudyPageFactory, LAOFactory, LearningCentrePageFactory

# Short texts that test Thai segmentation: compounds (องค์กรปกครองส่วนท้องถิ่น), letters inside
# other words (นา in นาฬิกา, ยา in พยาบาล), Thai digits and a hidden word mark. Both backends'
# query tests search them.
THAI_TEXTS = {
    "เยี่ยมบ้าน": "อาสาสมัครเยี่ยมบ้านผู้สูงอายุที่ติดเตียงทุกสัปดาห์",
    "ซ้อมอพยพ": "ชุมชนซ้อมรับมือภัยพิบัติน้ำป่าไหลหลากก่อนฤดูฝน",
    "สภาองค์กร": "บทบาทขององค์กรปกครองส่วนท้องถิ่นในการวางแผนร่วมกับประชาชน",
    "พยาบาลชุมชน": "พยาบาลวิชาชีพออกตรวจนาฬิกาชีวิตของผู้ป่วยเบาหวาน",
    "ปีงบประมาณ": "เริ่มดำเนินการในปีงบประมาณ ๒๕๖๗ ด้วยงบของตำบล",
    "ตำบลต้นแบบ": "องค์การบริหารส่วนตำบลจัดตั้งศูนย์พัฒนาเด็กเล็กแห่งใหม่",
    "ช่องว่างซ่อน": "ผู้ดูแล\u200bผู้สูงวัย\u200bในชุมชน",
}


def publish_case(centre, title, text="", *, summary="สรุป", published=None, **kwargs):
    """A published case study whose first section is `text`."""
    page = CaseStudyPageFactory(parent=centre, title=title, summary=summary, context_and_problem=f"<p>{text}</p>", **kwargs)
    if published:
        page.first_published_at = published
    page.save_revision().publish()
    return page


def publish_thai_texts(centre) -> None:
    for title, text in THAI_TEXTS.items():
        publish_case(centre, title, text)


def build_corpus(centre_index) -> dict:
    chiang_mai = LAOFactory(province=Province.objects.get(code="50"), lao_type="sao", name_th="องค์การบริหารส่วนตำบลแม่ริม")
    songkhla = LAOFactory(province=Province.objects.get(code="90"), lao_type="city_municipality", name_th="เทศบาลนครหาดใหญ่")
    elderly = LearningCentrePageFactory(
        parent=centre_index, centre_type=CentreType.ELDERLY_CARE, lao=chiang_mai, title="ศูนย์เรียนรู้ผู้สูงอายุแม่ริม"
    )
    child = LearningCentrePageFactory(
        parent=centre_index, centre_type=CentreType.CHILD_DEVELOPMENT, lao=songkhla, title="ศูนย์พัฒนาเด็กเล็กต้นแบบหาดใหญ่"
    )
    pages = {
        "bedridden": CaseStudyPageFactory(
            parent=elderly,
            title="เยี่ยมบ้านผู้สูงอายุติดเตียง",
            year=2023,
            focus_areas=["community-health-care"],
            summary="อาสาสมัครเยี่ยมบ้านผู้สูงอายุติดเตียงทุกสัปดาห์ร่วมกับ รพ.สต.",
            context_and_problem="<p>ผู้สูงอายุติดเตียงไม่มีผู้ดูแลในเวลากลางวัน</p>",
        ),
        "time_bank": CaseStudyPageFactory(
            parent=elderly,
            title="ธนาคารเวลาดูแลกัน",
            year=2021,
            focus_areas=["community-welfare", "community-health-care"],
            summary="สมาชิกฝากชั่วโมงช่วยเหลือผู้สูงอายุไว้ใช้ยามแก่",
            context_and_problem="<p>ชุมชนต้องการระบบช่วยเหลือผู้สูงอายุที่อยู่ลำพัง</p>",
        ),
        "flood": CaseStudyPageFactory(
            parent=child,
            title="ซ้อมอพยพน้ำท่วมในศูนย์พัฒนาเด็กเล็ก",
            year=2024,
            focus_areas=["disaster-management"],
            summary="ครูและผู้ปกครองซ้อมอพยพเด็กเล็กก่อนฤดูน้ำหลาก",
            context_and_problem="<p>ภัยพิบัติน้ำท่วมเกิดซ้ำทุกปีในเขตเทศบาล</p>",
        ),
        "garden": CaseStudyPageFactory(
            parent=child,
            title="แปลงผักปลอดสารของเด็กเล็ก",
            year=2024,
            focus_areas=["sustainable-agriculture", "child-youth-learning"],
            summary="เด็กปลูกผักปลอดสารสำหรับอาหารกลางวัน",
            context_and_problem="<p>ศูนย์ต้องการผักปลอดภัยสำหรับอาหารกลางวันของเด็ก</p>",
        ),
    }
    pages["garden"].keywords.add("อาหารกลางวัน")
    for page in [elderly, child, *pages.values()]:
        page.save_revision().publish()
    return {"elderly": elderly, "child": child, **pages}


@pytest.fixture(params=["engine", "fallback"])
def backend_corpus(request, settings, centre_index) -> dict:
    """The corpus, answered by the real engine and by the database fallback in turn. Tests
    elsewhere import it together with `search_engine` from tests.search.conftest."""
    if request.param == "engine":
        engine = request.getfixturevalue("search_engine")
        pages = build_corpus(centre_index)
        rebuild(engine)
    else:
        settings.SEARCH_URL = ""
        pages = build_corpus(centre_index)
    build_vocabulary()  # "did you mean" reads a precomputed vocabulary (search.spelling)
    pages["backend"] = request.param
    return pages
