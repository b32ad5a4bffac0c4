"""Years and dates in the reader's era: Buddhist era in Thai, CE in English."""

import datetime

from django import template

from portal.locales import english_active
from thai.dates import english_date, thai_date, thai_year, to_ce_year

register = template.Library()


def year_label(ce_year: int | None) -> str:
    """A year as the reader counts: "พ.ศ. 2567" in Thai, "2024" in English."""
    if ce_year is None:
        return ""
    return str(ce_year) if english_active() else thai_year(ce_year)


@register.filter
def ce_year(value) -> str:
    """A CE year (as stored): {{ page.year|ce_year }} → "พ.ศ. 2567" / "2024"."""
    return year_label(int(value)) if value not in (None, "") else ""


@register.filter
def be_year(value) -> str:
    """A Buddhist-era year (as the search index holds it): {{ result.year|be_year }}."""
    return year_label(to_ce_year(int(value))) if value not in (None, "") else ""


@register.filter
def era_date(value: datetime.date | None) -> str:
    """{{ update.date|era_date }} → "5 มีนาคม พ.ศ. 2567" / "5 March 2024"."""
    if value is None:
        return ""
    return english_date(value) if english_active() else thai_date(value)
