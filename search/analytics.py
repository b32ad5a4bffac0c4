"""What visitors look for and do not find, for the editors.

Wagtail's search promotions app already counts every query per day (its "Search terms"
report lists the most frequent); this adds the queries that found nothing, which tell
editors what content or synonyms are missing.
"""

from django.db.models import F
from django.utils import timezone

from .models import ZeroResultQuery


def record_zero_result(text: str) -> None:
    text = text[:255]
    updated = ZeroResultQuery.objects.filter(query_string=text).update(hits=F("hits") + 1, last_seen=timezone.now())
    if not updated:
        ZeroResultQuery.objects.get_or_create(query_string=text)
