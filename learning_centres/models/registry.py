"""The LAO registry: regions, provinces and districts (official DOPA codes from geothai),
and the Local Administrative Organisations that run the centres."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from thai.names import LAO_KINDS

from .bilingual import BilingualNameMixin


class Region(models.TextChoices):
    """The six-region grouping of the National Geographical Committee."""

    NORTH = "north", "ภาคเหนือ"
    NORTHEAST = "northeast", "ภาคตะวันออกเฉียงเหนือ"
    CENTRAL = "central", "ภาคกลาง"
    EAST = "east", "ภาคตะวันออก"
    WEST = "west", "ภาคตะวันตก"
    SOUTH = "south", "ภาคใต้"


REGION_NAMES_EN = {
    Region.NORTH: "Northern",
    Region.NORTHEAST: "Northeastern",
    Region.CENTRAL: "Central",
    Region.EAST: "Eastern",
    Region.WEST: "Western",
    Region.SOUTH: "Southern",
}


class LAOType(models.TextChoices):
    """The stored values of thai.names.LAO_KINDS (tests check they agree); the labels are
    the migrations' own, so they stay written out here."""

    PAO = "pao", "องค์การบริหารส่วนจังหวัด (อบจ.)"
    CITY_MUNICIPALITY = "city_municipality", "เทศบาลนคร"
    TOWN_MUNICIPALITY = "town_municipality", "เทศบาลเมือง"
    SUBDISTRICT_MUNICIPALITY = "subdistrict_municipality", "เทศบาลตำบล"
    SAO = "sao", "องค์การบริหารส่วนตำบล (อบต.)"
    BANGKOK = "bangkok", "กรุงเทพมหานคร"
    PATTAYA = "pattaya", "เมืองพัทยา"


# The English names live with the Thai ones and the abbreviations in thai.names.
LAO_TYPE_NAMES_EN = {LAOType(kind.value): kind.name_en for kind in LAO_KINDS}


class Province(BilingualNameMixin):
    code = models.CharField(_("รหัสจังหวัด"), max_length=2, primary_key=True)
    region = models.CharField(_("ภาค"), max_length=16, choices=Region.choices)

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("จังหวัด")
        verbose_name_plural = _("จังหวัด")


class District(BilingualNameMixin):
    code = models.CharField(_("รหัสอำเภอ"), max_length=4, primary_key=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")

    class Meta:
        ordering = ["province__name_th", "name_th"]
        verbose_name = _("อำเภอ")
        verbose_name_plural = _("อำเภอ")


class LocalAdministrativeOrganisation(index.Indexed, BilingualNameMixin):
    """An LAO (อปท.). The DLA code is optional because demo and imported rows may lack it."""

    code = models.CharField(
        _("รหัส อปท."),
        max_length=16,
        unique=True,
        null=True,
        blank=True,
        help_text=_("รหัสหน่วยงานของกรมส่งเสริมการปกครองท้องถิ่น (ถ้ามี)"),
    )
    lao_type = models.CharField(_("ประเภท อปท."), max_length=32, choices=LAOType.choices)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, verbose_name=_("จังหวัด"))
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("อำเภอ"))

    panels = [
        FieldPanel("name_th"),
        FieldPanel("name_en"),
        FieldPanel("lao_type"),
        FieldPanel("code"),
        FieldPanel("province"),
        FieldPanel("district"),
    ]
    search_fields = [
        index.SearchField("name_th"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_th"),
        index.FilterField("lao_type"),
    ]

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("องค์กรปกครองส่วนท้องถิ่น")
        verbose_name_plural = _("องค์กรปกครองส่วนท้องถิ่น")
        constraints = [models.UniqueConstraint(fields=["name_th", "province"], name="unique_lao_name_per_province")]

    def clean(self) -> None:
        if self.district_id and self.province_id and self.district.province_id != self.province_id:
            raise ValidationError({"district": _("อำเภอที่เลือกไม่อยู่ในจังหวัดนี้")})

    @property
    def lao_type_label_en(self) -> str:
        return LAO_TYPE_NAMES_EN[LAOType(self.lao_type)]
