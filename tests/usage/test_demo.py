"""`make demo` shows the features with figures: believable usage numbers and a few alerts."""

import pytest

from django.core.management import call_command

from alerts.models import Subscription
from usage.models import DailyCount, Kind
from usage.templatetags.usage_tags import most_read

pytestmark = pytest.mark.django_db


def test_the_demo_fills_figures_and_alerts_and_can_run_twice(site_tree):
    for _ in range(2):
        call_command("load_usage_demo", stdout=open("/dev/null", "w"))
        call_command("load_alert_demo", stdout=open("/dev/null", "w"))
    assert DailyCount.objects.filter(kind=Kind.CASE_STUDY).exists()
    assert [page.pk for page, _views in most_read()] == [site_tree["case_study"].pk]
    assert Subscription.objects.filter(confirmed_at__isnull=False).count() >= 3
    assert Subscription.objects.filter(confirmed_at__isnull=True).count() == 1
