"""Links from a listing to the feeds that follow it. Apart from learning_centres.feeds (which
imports the page models), so that the listing pages can link to their feeds without a cycle."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

# The listing filters a feed can follow: search index field → feed parameter.
FEED_FILTERS = {"focus_areas": "area", "centre_type": "centre_type", "province": "province"}


def feed_urls(filters: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """The RSS and Atom feeds of a listing's (already checked) search filters; filters a feed
    cannot follow (region, LAO type, year, keyword) widen it rather than fail."""
    query = urlencode([(FEED_FILTERS[name], value) for name, values in filters.items() if name in FEED_FILTERS for value in values])
    return {kind: f"{reverse(f'learning_centres:case_studies_{kind}')}{'?' + query if query else ''}" for kind in ("rss", "atom")}
