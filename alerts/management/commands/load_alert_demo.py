"""Demo alerts for `make demo`: a few confirmed saved searches (example.org addresses, which
no mail can reach) and one waiting for confirmation. Idempotent."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from alerts.models import Frequency, Subscription
from alerts.services import describe
from learning_centres.models import LearningCentrePage

DEMO_ALERTS = [
    ("napa@example.org", {"area": ["community-welfare"]}, Frequency.WEEKLY, "th", True),
    ("somchai@example.org", {"q": ["ผู้สูงอายุ"]}, Frequency.DAILY, "th", True),
    ("anna@example.org", {"q": ["waste bank"]}, Frequency.WEEKLY, "en", True),
    ("kanya@example.org", {"province": ["50"]}, Frequency.WEEKLY, "th", False),
]


class Command(BaseCommand):
    help = "Add a few demo e-mail alerts (confirmed and unconfirmed)."

    def handle(self, *args, **options):
        now = timezone.now()
        for email, query, frequency, language, confirmed in DEMO_ALERTS:
            subscription = Subscription(email=email, query=query)
            if Subscription.objects.filter(email=email, query_key=subscription.compute_key()).exists():
                continue
            Subscription.objects.create(
                email=email,
                query=query,
                frequency=frequency,
                language=language,
                label=describe(query, None)[:300],
                consent_at=now,
                confirmed_at=now if confirmed else None,
                covered_until=now if confirmed else None,
            )
        centre = LearningCentrePage.objects.live().filter(locale__language_code="th").first()
        if centre and not Subscription.objects.filter(centre=centre).exists():
            Subscription.objects.create(
                email="napa@example.org",
                query={},
                centre=centre,
                frequency=Frequency.WEEKLY,
                label=describe({}, centre)[:300],
                consent_at=now,
                confirmed_at=now,
                covered_until=now,
            )
        self.stdout.write(f"Alerts demo: {Subscription.objects.filter(email__endswith='@example.org').count()} demo alerts.")
