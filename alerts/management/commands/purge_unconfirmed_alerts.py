import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from alerts.models import Subscription


class Command(BaseCommand):
    help = "Delete alerts whose address was never confirmed within ALERTS_UNCONFIRMED_DAYS (PDPA retention)."

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS)
        deleted, _ = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
        self.stdout.write(f"{deleted} unconfirmed alert(s) deleted")
