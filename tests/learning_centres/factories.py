import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from learning_centres.models import (
    CaseStudyPage,
    CentreIndexPage,
    CentreType,
    FocusArea,
    LearningCentrePage,
    LocalAdministrativeOrganisation,
    Province,
)


class LAOFactory(DjangoModelFactory):
    class Meta:
        model = LocalAdministrativeOrganisation

    name_th = factory.Sequence(lambda n: f"องค์การบริหารส่วนตำบลทดสอบ{n}")
    name_en = factory.Sequence(lambda n: f"Test SAO {n}")
    lao_type = "sao"
    province = factory.LazyFunction(lambda: Province.objects.get(code="50"))


class CentreIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CentreIndexPage

    title = "ศูนย์เรียนรู้"
    slug = "centres"


class LearningCentrePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LearningCentrePage

    title = factory.Sequence(lambda n: f"ศูนย์เรียนรู้ด้านการดูแลผู้สูงอายุ แห่งที่ {n}")
    slug = factory.Sequence(lambda n: f"centre-{n}")
    centre_type = CentreType.ELDERLY_CARE
    lao = factory.SubFactory(LAOFactory)
    province = factory.SelfAttribute("lao.province")


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseStudyPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"กรณีศึกษาการดูแลผู้สูงอายุติดเตียง {n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    summary = "อาสาสมัครในชุมชนเยี่ยมบ้านผู้สูงอายุติดเตียงทุกสัปดาห์"
    year = 2023
    context_and_problem = "<p>ผู้สูงอายุติดเตียงในตำบลไม่มีผู้ดูแลในเวลากลางวัน</p>"

    @factory.post_generation
    def focus_areas(self, create, extracted, **kwargs):
        slugs = extracted or ["community-health-care"]
        self.focus_areas.set(FocusArea.objects.originals().filter(slug__in=slugs))
        if create:
            self.save()
