"""Saved searches that send an e-mail digest, without an account (README: "E-mail alerts").

An address receives nothing but the confirmation mail until its owner follows the signed
link in it (double opt-in). The `token` is the private link to manage and unsubscribe.
"""

from __future__ import annotations

import hashlib
import json
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Frequency(models.TextChoices):
    DAILY = "daily", _("รายวัน")
    WEEKLY = "weekly", _("รายสัปดาห์")


def query_key(query: dict[str, list[str]], centre_id: int | None) -> str:
    """The same saved search whatever the order of its parameters: what editors' counts group by."""
    canonical = json.dumps(
        {"query": {key: sorted(values) for key, values in sorted(query.items())}, "centre": centre_id}, ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


class Subscription(models.Model):
    email = models.EmailField(_("อีเมล"), db_index=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    language = models.CharField(_("ภาษา"), max_length=8, default="th")
    frequency = models.CharField(_("ความถี่"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY)
    # The public search parameters (search.params: q, area, province, …), each a list of values.
    query = models.JSONField(default=dict, blank=True)
    # A centre's page: its own case studies, whatever they are about.
    centre = models.ForeignKey("learning_centres.LearningCentrePage", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    label = models.CharField(_("การค้นหา"), max_length=300)
    query_key = models.CharField(max_length=32, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    consent_at = models.DateTimeField(_("ยินยอมเมื่อ"))
    confirmed_at = models.DateTimeField(_("ยืนยันเมื่อ"), null=True, blank=True, db_index=True)
    # Changes published up to this moment have been considered for a digest.
    covered_until = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("การแจ้งเตือนทางอีเมล")
        verbose_name_plural = _("การแจ้งเตือนทางอีเมล")
        constraints = [models.UniqueConstraint(fields=["email", "query_key"], name="alerts_one_subscription_per_search")]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        self.query_key = self.compute_key()
        super().save(*args, **kwargs)

    def compute_key(self) -> str:
        return query_key(self.query, self.centre_id)
