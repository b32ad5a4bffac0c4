"""Demo figures for `make demo`: believable daily reads of the demo's case studies and centres
over the last 60 days, a few downloads, result clicks and visit requests. Idempotent: the
demo's counter rows are replaced each time."""

import datetime
import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from learning_centres.models import CaseStudyPage, LearningCentrePage
from usage.models import DailyCount, Kind

DAYS = 60


class Command(BaseCommand):
    help = "Fill the usage figures with believable demo numbers (last 60 days)."

    @transaction.atomic
    def handle(self, *args, **options):
        rng = random.Random(22)  # noqa: S311 - demo figures, the same on every machine
        today = timezone.localdate()
        cases = list(CaseStudyPage.objects.live().filter(locale__language_code="th").values_list("pk", flat=True))
        centres = list(LearningCentrePage.objects.live().filter(locale__language_code="th").values_list("pk", flat=True))
        DailyCount.objects.filter(day__gt=today - datetime.timedelta(days=DAYS)).delete()
        rows = []
        popularity = {pk: rng.uniform(0.3, 6) for pk in cases + centres}
        for offset in range(DAYS):
            day = today - datetime.timedelta(days=offset)
            weekday = 0.4 if day.weekday() >= 5 else 1.0  # LAO staff read on working days
            for pk in cases:
                if views := int(rng.expovariate(1 / popularity[pk]) * weekday * 3):
                    rows.append(DailyCount(day=day, kind=Kind.CASE_STUDY, object_id=pk, count=views))
                if clicks := int(rng.expovariate(1 / popularity[pk]) * weekday * 0.6):
                    rows.append(
                        DailyCount(
                            day=day, kind=Kind.CLICK, object_id=pk, query=rng.choice(["ผู้สูงอายุ", "ขยะ", "ศพด.", "สวัสดิการชุมชน"]), count=clicks
                        )
                    )
            for pk in centres:
                if views := int(rng.expovariate(1 / popularity[pk]) * weekday * 2):
                    rows.append(DailyCount(day=day, kind=Kind.CENTRE, object_id=pk, count=views))
                if rng.random() < 0.04 * weekday:
                    rows.append(DailyCount(day=day, kind=Kind.VISIT_REQUEST, object_id=pk, count=1))
        DailyCount.objects.bulk_create(rows, batch_size=1000)
        self.stdout.write(f"Usage demo: {len(rows)} daily counter rows over {DAYS} days.")
