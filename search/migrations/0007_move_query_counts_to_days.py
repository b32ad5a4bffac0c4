"""The search counts so far, into the per-query-per-day counters (search.analytics): Wagtail's
daily hits per query as searches; the queries that found nothing as found-nothing counts on
the day they were last seen, in the portal's time zone (the old table kept no days). Strings the new analytics would not
record (no letter, longer than 100 characters, control characters) are left out."""

import unicodedata
from collections import Counter

from django.db import migrations
from django.utils import timezone

MAX_LENGTH = 100


def _kept(text: str) -> bool:
    return (
        0 < len(text) <= MAX_LENGTH
        and any(char.isalpha() for char in text)
        and not any(unicodedata.category(char) in ("Cc", "Cf") for char in text)
    )


def forward(apps, schema_editor):
    QueryDailyHits = apps.get_model("wagtailsearchpromotions", "QueryDailyHits")
    ZeroResultQuery = apps.get_model("portal_search", "ZeroResultQuery")
    SearchQueryDay = apps.get_model("portal_search", "SearchQueryDay")
    searches: Counter = Counter()
    nothing: Counter = Counter()
    for query_string, day, hits in QueryDailyHits.objects.values_list("query__query_string", "date", "hits").iterator():
        if _kept(query_string):
            searches[(query_string, day)] += hits
    for query_string, last_seen, hits in ZeroResultQuery.objects.values_list("query_string", "last_seen", "hits").iterator():
        if _kept(query_string):
            nothing[(query_string, timezone.localdate(last_seen))] += hits
    rows = [
        SearchQueryDay(query_string=query, day=day, searches=max(searches[key], nothing[key]), found_nothing=nothing[key])
        for key in searches.keys() | nothing.keys()
        for query, day in [key]
    ]
    SearchQueryDay.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0006_search_query_days_and_spelling_words"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
