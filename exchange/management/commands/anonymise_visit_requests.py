"""Erase personal data from visit requests and contact messages older than the retention
period (EXCHANGE_RETENTION_DAYS after their last change). Rows stay, so the centres'
"visits hosted" figures and request counts do not change. Run it daily (cron/systemd)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from exchange.models import ContactMessage, VisitRequest


class Command(BaseCommand):
    help = "Anonymise visit requests and contact messages older than EXCHANGE_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="override EXCHANGE_RETENTION_DAYS")
        parser.add_argument("--dry-run", action="store_true", help="count what would be anonymised, change nothing")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.EXCHANGE_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - datetime.timedelta(days=days)
        requests = VisitRequest.objects.filter(anonymised_at__isnull=True, updated_at__lt=cutoff)
        messages = ContactMessage.objects.filter(anonymised_at__isnull=True, created_at__lt=cutoff)
        if dry_run:
            self.stdout.write(f"Would anonymise {requests.count()} visit requests and {messages.count()} contact messages.")
            return
        with transaction.atomic():
            visit_count = 0
            for visit in requests.select_for_update():
                visit.anonymise()
                visit_count += 1
            message_count = 0
            for message in messages.select_for_update():
                message.anonymise()
                message_count += 1
        self.stdout.write(f"Anonymised {visit_count} visit requests and {message_count} contact messages older than {days} days.")
