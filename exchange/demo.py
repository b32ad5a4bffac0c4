"""Demo adoption reports: for each demo case study at the "adopted by other LAOs" level, one
or two other LAOs' completed study visits with approved feedback saying they adopted it.
Run after home's demo content (`make demo`); idempotent. Lives here, not in home/demo.py,
because home sits below exchange in the import layers (pyproject.toml)."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from learning_centres.models import CaseStudyPage, EvidenceLevel, LocalAdministrativeOrganisation

from .models import VisitFeedback, VisitRequest, VisitStatus

DEMO_PURPOSE = "demo: ศึกษาดูงานเพื่อนำแนวปฏิบัติไปปรับใช้"


@transaction.atomic
def load_demo_adoptions() -> int:
    """Create the demo reports that are missing; returns how many were created."""
    created = 0
    laos = list(LocalAdministrativeOrganisation.objects.order_by("pk"))
    for case in CaseStudyPage.objects.live().filter(evidence_level=EvidenceLevel.ADOPTED).order_by("pk"):
        if case.adoption_reports.exists():
            continue
        centre = case.get_parent().specific
        rng = random.Random(f"{case.slug}:adoption")  # noqa: S311 - deterministic demo data
        others = [lao for lao in laos if lao.pk != centre.lao_id]
        for lao in rng.sample(others, k=min(len(others), rng.randint(1, 2))):
            visited = datetime.date(2024, rng.randint(1, 12), rng.randint(1, 28))
            visit = VisitRequest.objects.create(
                centre=centre,
                lao=lao,
                organisation=lao.name_th,
                contact_name="—",
                group_size=rng.randint(10, 30),
                preferred_date=visited,
                scheduled_date=visited,
                purpose=DEMO_PURPOSE,
                status=VisitStatus.COMPLETED,
                consent_at=timezone.now(),
            )
            feedback = VisitFeedback.objects.create(request=visit, rating=rng.randint(4, 5), approved=True)
            feedback.adopted_case_studies.add(case)
            created += 1
    return created
