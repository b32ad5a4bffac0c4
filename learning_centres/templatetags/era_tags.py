"""Years and dates in the reader's era: Buddhist era in Thai, CE in English."""

from django import template

from learning_centres.buddhist_era import BUDDHIST_ERA_OFFSET, date_label, year_label

register = template.Library()


@register.filter
def ce_year(value) -> str:
    """A CE year (as stored): {{ page.year|ce_year }} → "พ.ศ. 2567" / "2024"."""
    return year_label(int(value)) if value not in (None, "") else ""


@register.filter
def be_year(value) -> str:
    """A Buddhist-era year (as the search index holds it): {{ result.year|be_year }}."""
    return year_label(int(value) - BUDDHIST_ERA_OFFSET) if value not in (None, "") else ""


@register.filter
def era_date(value) -> str:
    """{{ update.date|era_date }} → "5/3/2567" / "5 Mar 2024"."""
    return date_label(value)
