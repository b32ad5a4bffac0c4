"""`{% alert_link %}`: the "แจ้งเตือนทางอีเมล" link of a search, listing or centre page, to the
subscribe form for the search the page shows (its parameters, or the centre)."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from search.params import FACET_PARAMS

register = template.Library()


@register.inclusion_tag("alerts/link.html", takes_context=True)
def alert_link(context, centre=None) -> dict:
    request = context.get("request")
    if centre is not None:
        params = [("centre", centre.pk)]
    elif request is not None:
        params = [(key, value) for key in ("q", *FACET_PARAMS) for value in request.GET.getlist(key) if value.strip()]
    else:
        params = []
    query = urlencode(params)
    return {"url": reverse("alerts:subscribe") + (f"?{query}" if query else "")}
