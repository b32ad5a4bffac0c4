"""Study visits (ศึกษาดูงาน) to a learning centre, feedback after them, and messages to a centre.

Personal data (names, emails, phones, free text) lives only on VisitRequest and
ContactMessage and is erased by `anonymise()`; counts and figures survive it.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

MAX_GROUP_SIZE = 500  # no centre hosts more in one visit; also caps typos like 3000


def new_token() -> str:
    # 256 random bits: the status link is the requester's only key to their request.
    return secrets.token_urlsafe(32)


class VisitStatus(models.TextChoices):
    PENDING = "pending", _("รอพิจารณา")
    APPROVED = "approved", _("ตอบรับแล้ว")
    RESCHEDULED = "rescheduled", _("เสนอวันใหม่")
    DECLINED = "declined", _("ไม่สามารถรับได้")
    COMPLETED = "completed", _("ศึกษาดูงานแล้ว")
    WITHDRAWN = "withdrawn", _("ผู้ขอถอนคำขอ")


# Which status the centre may move a request to from each status.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    VisitStatus.PENDING: (VisitStatus.APPROVED, VisitStatus.RESCHEDULED, VisitStatus.DECLINED),
    VisitStatus.APPROVED: (VisitStatus.COMPLETED, VisitStatus.RESCHEDULED, VisitStatus.DECLINED),
    VisitStatus.RESCHEDULED: (VisitStatus.APPROVED, VisitStatus.COMPLETED, VisitStatus.RESCHEDULED, VisitStatus.DECLINED),
}
# Requests that hold a slot in the centre's calendar.
BOOKED_STATUSES = (VisitStatus.APPROVED, VisitStatus.RESCHEDULED, VisitStatus.COMPLETED)
OPEN_STATUSES = (VisitStatus.PENDING, VisitStatus.APPROVED, VisitStatus.RESCHEDULED)


class VisitPolicy(ClusterableModel):
    """How many visitors a centre receives and when it does not; set by the centre's
    contributors and the editors in the admin, without going through page review."""

    centre = models.OneToOneField(
        "learning_centres.LearningCentrePage", on_delete=models.CASCADE, related_name="visit_policy", verbose_name=_("ศูนย์เรียนรู้")
    )
    accepting_requests = models.BooleanField(_("เปิดรับคำขอศึกษาดูงาน"), default=True)
    max_group_size = models.PositiveSmallIntegerField(
        _("จำนวนผู้ศึกษาดูงานสูงสุดต่อครั้ง (คน)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_GROUP_SIZE)],
        help_text=_("เว้นว่างเพื่อใช้ค่าในหน้าศูนย์"),
    )
    max_visits_per_month = models.PositiveSmallIntegerField(
        _("จำนวนคณะสูงสุดต่อเดือน"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    min_notice_days = models.PositiveSmallIntegerField(_("ต้องแจ้งล่วงหน้าอย่างน้อย (วัน)"), default=7, validators=[MaxValueValidator(365)])

    panels = [
        FieldPanel("centre", read_only=True),
        FieldPanel("accepting_requests"),
        FieldRowPanel([FieldPanel("max_group_size"), FieldPanel("max_visits_per_month"), FieldPanel("min_notice_days")]),
        InlinePanel("blackout_periods", label=_("ช่วงงดรับศึกษาดูงาน")),
    ]

    class Meta:
        verbose_name = _("เงื่อนไขการรับศึกษาดูงาน")
        verbose_name_plural = _("เงื่อนไขการรับศึกษาดูงาน")

    def __str__(self) -> str:
        return self.centre.title

    @property
    def group_size_limit(self) -> int | None:
        return self.max_group_size or self.centre.visiting_capacity


class BlackoutPeriod(models.Model):
    policy = ParentalKey(VisitPolicy, on_delete=models.CASCADE, related_name="blackout_periods")
    start_date = models.DateField(_("ตั้งแต่วันที่"))
    end_date = models.DateField(_("ถึงวันที่"))
    reason = models.CharField(_("เหตุผล (แสดงต่อผู้ขอ)"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]), FieldPanel("reason")]

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("ช่วงงดรับศึกษาดูงาน")

    def __str__(self) -> str:
        return f"{self.start_date} – {self.end_date}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น")})


class VisitRequest(models.Model):
    centre = models.ForeignKey(
        "learning_centres.LearningCentrePage", on_delete=models.CASCADE, related_name="visit_requests", verbose_name=_("ศูนย์เรียนรู้")
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    lao = models.ForeignKey(
        "learning_centres.LocalAdministrativeOrganisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visit_requests",
        verbose_name=_("อปท. ที่ขอศึกษาดูงาน"),
    )
    organisation = models.CharField(_("หน่วยงานที่ขอศึกษาดูงาน"), max_length=255)
    contact_name = models.CharField(_("ผู้ประสานงาน"), max_length=200)
    email = models.EmailField(_("อีเมล"), blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=32, blank=True)
    group_size = models.PositiveSmallIntegerField(_("จำนวนผู้ศึกษาดูงาน (คน)"))
    preferred_date = models.DateField(_("วันที่ต้องการ"))
    alternative_date = models.DateField(_("วันที่สำรอง"), null=True, blank=True)
    scheduled_date = models.DateField(_("วันที่นัดหมาย"), null=True, blank=True)
    purpose = models.TextField(_("วัตถุประสงค์"))
    topics = models.ManyToManyField("learning_centres.FocusArea", blank=True, related_name="+", verbose_name=_("ประเด็นที่สนใจ"))
    status = models.CharField(_("สถานะ"), max_length=16, choices=VisitStatus.choices, default=VisitStatus.PENDING)
    consent_at = models.DateTimeField(_("ยินยอมให้ใช้ข้อมูลเมื่อ"))
    created_at = models.DateTimeField(_("ส่งคำขอเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ปรับปรุงล่าสุด"), auto_now=True)
    anonymised_at = models.DateTimeField(_("ลบข้อมูลส่วนบุคคลเมื่อ"), null=True, blank=True)
    # The language the request was made in: the requester's e-mails are written in it.
    language = models.CharField(_("ภาษา"), max_length=8, default="th", editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("คำขอศึกษาดูงาน")
        verbose_name_plural = _("คำขอศึกษาดูงาน")
        indexes = [models.Index(fields=["centre", "status"]), models.Index(fields=["updated_at"])]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.centre.title}"

    @property
    def visit_date(self):
        return self.scheduled_date or self.preferred_date

    @property
    def topic_names(self) -> str:
        return ", ".join(topic.name_th for topic in self.topics.all())

    @property
    def status_label(self) -> str:
        return self.get_status_display()

    @property
    def allowed_transitions(self) -> tuple[str, ...]:
        return TRANSITIONS.get(self.status, ())

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def anonymise(self) -> None:
        """Erase who asked and what they wrote; keep the centre, organisation, size, dates
        and status, which the "visits hosted" figures count."""
        self.contact_name = "—"
        self.email = ""
        self.phone = ""
        self.purpose = ""
        self.token = new_token()  # the old status link stops working
        self.anonymised_at = timezone.now()
        self.save()
        self.changes.update(message="")
        VisitFeedback.objects.filter(request=self).update(comment="")


class VisitStatusChange(models.Model):
    """One step of a request's history, with the message emailed to the requester."""

    request = models.ForeignKey(VisitRequest, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=16, choices=VisitStatus.choices)
    to_status = models.CharField(max_length=16, choices=VisitStatus.choices)
    visit_date = models.DateField(null=True, blank=True)
    message = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class VisitFeedback(models.Model):
    request = models.OneToOneField(VisitRequest, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("คำขอศึกษาดูงาน"))
    rating = models.PositiveSmallIntegerField(_("คะแนน (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("ความเห็น"), blank=True)
    approved = models.BooleanField(_("แสดงบนหน้าศูนย์"), default=False)
    # "Did your LAO adopt this?": the centre's case studies the visiting LAO reports having
    # taken up. Shown on those cases ("adopted by") once the feedback is approved.
    adopted_case_studies = models.ManyToManyField(
        "learning_centres.CaseStudyPage", blank=True, related_name="adoption_reports", verbose_name=_("แนวปฏิบัติที่ อปท. นำไปใช้")
    )
    created_at = models.DateTimeField(_("ส่งเมื่อ"), auto_now_add=True)

    panels = [
        FieldPanel("rating", read_only=True),
        FieldPanel("comment", read_only=True),
        FieldPanel("adopted_case_studies", read_only=True),
        FieldPanel("approved"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ความเห็นหลังศึกษาดูงาน")
        verbose_name_plural = _("ความเห็นหลังศึกษาดูงาน")

    def __str__(self) -> str:
        return f"{self.request.organisation}: {self.rating}/5"

    @property
    def centre(self):
        return self.request.centre


class ContactMessage(models.Model):
    """A visitor's message to a centre, emailed to the centre's private address."""

    centre = models.ForeignKey("learning_centres.LearningCentrePage", on_delete=models.CASCADE, related_name="contact_messages")
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} → {self.centre_id}"

    def anonymise(self) -> None:
        self.name, self.email, self.message = "—", "", ""
        self.anonymised_at = timezone.now()
        self.save()
