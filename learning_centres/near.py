"""Centres near a point: "near me" (the browser's position, sent only when the visitor asks),
near a centre, or near a province (the middle of its centres that have coordinates). The
distance is computed in Python (learning_centres.models.profiles.distance_km): a few
thousand centres at most, and the same on SQLite and PostgreSQL without a GIS extension."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .models import CentreType, LearningCentrePage, Province
from .models.profiles import distance_km

MAX_RESULTS = 20
LAT_RANGE, LON_RANGE = (5.0, 21.0), (97.0, 106.0)  # Thailand with a margin


class BadOrigin(ValueError):
    pass


def _number(raw: str, bounds: tuple[float, float], name: str) -> float:
    try:
        value = float(Decimal(raw.strip()))
    except (InvalidOperation, ValueError) as error:
        raise BadOrigin(_("%(name)s ต้องเป็นตัวเลข") % {"name": name}) from error
    if not bounds[0] <= value <= bounds[1]:
        raise BadOrigin(_("%(name)s อยู่นอกประเทศไทย") % {"name": name})
    return value


def located_centres():
    return LearningCentrePage.objects.live().public().filter(latitude__isnull=False, longitude__isnull=False).select_related("province")


def origin(params) -> tuple[tuple[float, float] | None, str]:
    """The point to measure from and what it is called; (None, "") when none was asked for."""
    if params.get("lat") or params.get("lon"):
        return (_number(params.get("lat", ""), LAT_RANGE, "lat"), _number(params.get("lon", ""), LON_RANGE, "lon")), _("ตำแหน่งของท่าน")
    if raw := params.get("centre"):
        centre = located_centres().filter(pk=int(raw) if raw.isdigit() and len(raw) < 10 else -1).first()
        if centre is None:
            raise BadOrigin(_("ไม่พบศูนย์นี้ หรือศูนย์ยังไม่มีพิกัด"))
        return (float(centre.latitude), float(centre.longitude)), centre.title
    if raw := params.get("province"):
        province = Province.objects.filter(code=raw[:2]).first()
        if province is None:
            raise BadOrigin(_("ไม่รู้จักจังหวัดนี้"))
        points = [(float(c.latitude), float(c.longitude)) for c in located_centres().filter(province=province)]
        if not points:
            raise BadOrigin(_("ยังไม่มีศูนย์ที่มีพิกัดใน%(province)s") % {"province": province.name})
        middle = (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        return middle, province.name
    return None, ""


def nearest(point: tuple[float, float], centre_type: str | None = None, limit: int = MAX_RESULTS) -> list[tuple[LearningCentrePage, float]]:
    centres = located_centres()
    if centre_type:
        centres = centres.filter(centre_type=centre_type)
    ranked = [(centre, distance_km(*point, float(centre.latitude), float(centre.longitude))) for centre in centres]
    ranked.sort(key=lambda item: (item[1], item[0].pk))
    return ranked[:limit]


def centres_near(request: HttpRequest) -> HttpResponse:
    centre_type = request.GET.get("centre_type") or None
    error = ""
    try:
        if centre_type and centre_type not in CentreType.values:
            raise BadOrigin(_("ไม่รู้จักประเภทศูนย์นี้"))
        point, place = origin(request.GET)
    except BadOrigin as problem:
        point, place, error = None, "", str(problem)
    results = [{"centre": centre, "km": km} for centre, km in nearest(point, centre_type)] if point else []
    context = {
        "results": results,
        "place": place,
        "error": error,
        "provinces": Province.objects.order_by("name_th"),
        "selected_province": request.GET.get("province", ""),
    }
    return render(request, "pages/centres_near.html", context, status=400 if error else 200)
