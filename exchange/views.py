"""Public pages of the exchange: request a study visit, follow it by its private link,
withdraw or delete it, rate the visit afterwards, and write to a centre."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from learning_centres.models import LearningCentrePage, LocalAdministrativeOrganisation
from portal import ratelimit
from thai.names import expand_lao_abbreviation

from . import services
from .fields import parse_thai_date
from .forms import ContactForm, FeedbackForm, VisitRequestForm, lao_option_label
from .models import VisitFeedback, VisitRequest, VisitStatus
from .rules import policy_for
from .templatetags.exchange_tags import date_in_full


def _limit(scope: str) -> ratelimit.Limit:
    return ratelimit.Limit(scope=scope, count=getattr(settings, "EXCHANGE_FORM_RATE_LIMIT", 10), seconds=3600)


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "exchange/too_many_requests.html", status=429)


def _private(response: HttpResponse) -> HttpResponse:
    """Pages behind a status link are nobody else's business: no caching, no indexing."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store, private"
    return response


def _centre(centre_id: int) -> LearningCentrePage:
    return get_object_or_404(LearningCentrePage.objects.live().public().select_related("province"), pk=centre_id)


@require_http_methods(["GET", "POST"])
def request_visit(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = _centre(centre_id)
    policy = policy_for(centre)
    form = VisitRequestForm(request.POST or None, policy=policy)
    if request.method == "POST":
        if form.is_spam():
            return render(request, "exchange/rejected.html", status=400)
        if form.is_valid():
            # Only what would be stored counts: junk and typos never close the form for an office.
            if not ratelimit.hit(_limit("visit-request"), ratelimit.client_address(request)):
                return _too_many(request)
            visit = services.submit_request(form.request_data(), centre, request)
            return redirect("exchange:submitted", token=visit.token)
    status = 400 if form.is_bound else 200
    return render(request, "exchange/request_form.html", {"centre": centre, "policy": policy, "form": form}, status=status)


@never_cache
def submitted(request: HttpRequest, token: str) -> HttpResponse:
    visit = get_object_or_404(VisitRequest.objects.select_related("centre"), token=token)
    return _private(render(request, "exchange/submitted.html", {"visit": visit, "status_url": services.status_url(visit, request)}))


@never_cache
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest, token: str) -> HttpResponse:
    visit = get_object_or_404(VisitRequest.objects.select_related("centre", "lao"), token=token)
    can_rate = visit.status == VisitStatus.COMPLETED and not VisitFeedback.objects.filter(request=visit).exists()
    feedback_form = FeedbackForm(request.POST or None, visit=visit) if can_rate else None
    if request.method == "POST":
        if feedback_form is None:
            return _private(render(request, "exchange/status.html", {"visit": visit}, status=400))
        if feedback_form.is_valid():
            data = feedback_form.cleaned_data
            services.leave_feedback(visit, data["rating"], data["comment"], adopted=data.get("adopted") or ())
            return redirect("exchange:status", token=token)
    context = {"visit": visit, "feedback_form": feedback_form, "changes": visit.changes.exclude(message="")}
    return _private(render(request, "exchange/status.html", context, status=400 if request.method == "POST" else 200))


@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    visit = get_object_or_404(VisitRequest.objects.select_related("centre"), token=token)
    if not visit.is_open:
        return redirect("exchange:status", token=token)
    if request.method == "POST":
        services.withdraw(visit, request)
        return redirect("exchange:status", token=token)
    return _private(render(request, "exchange/confirm.html", {"visit": visit, "action": "withdraw"}))


@never_cache
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, token: str) -> HttpResponse:
    visit = get_object_or_404(VisitRequest.objects.select_related("centre"), token=token)
    if request.method == "POST":
        if visit.is_open:
            services.withdraw(visit, request)
        centre = visit.centre
        services.delete_personal_data(visit)
        return _private(render(request, "exchange/deleted.html", {"centre": centre}))
    return _private(render(request, "exchange/confirm.html", {"visit": visit, "action": "delete"}))


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "exchange/privacy.html", {"retention_days": settings.EXCHANGE_RETENTION_DAYS})


@require_GET
def organisations(request: HttpRequest) -> JsonResponse:
    """Suggestions for the organisation field (progressive enhancement; the form works without)."""
    query = expand_lao_abbreviation(request.GET.get("q", "")[:100])
    if len(query) < 2:
        return JsonResponse({"options": []})
    laos = LocalAdministrativeOrganisation.objects.filter(name_th__contains=query).select_related("province")[:15]
    return JsonResponse({"options": [lao_option_label(lao) for lao in laos]})


@require_GET
def date_in_words(request: HttpRequest) -> JsonResponse:
    """A typed date read back in words as the form will read it (the same parser), for the
    line under each date field: {"date": "2027-03-15", "words": "วันจันทร์ที่ 15 มีนาคม พ.ศ. 2570"}."""
    value = request.GET.get("value", "")[:40]
    try:
        day = parse_thai_date(value)
    except ValidationError as error:
        return JsonResponse({"error": str(error.messages[0])}, status=400, json_dumps_params={"ensure_ascii": False})
    return JsonResponse({"date": day.isoformat(), "words": date_in_full(day)}, json_dumps_params={"ensure_ascii": False})


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = _centre(centre_id)
    form = ContactForm(request.POST or None)
    if request.method == "POST":
        if form.is_spam():
            return render(request, "exchange/rejected.html", status=400)
        if form.is_valid():
            if not ratelimit.hit(_limit("contact"), ratelimit.client_address(request)):
                return _too_many(request)
            data = form.cleaned_data
            services.send_contact_message(centre, data["name"], data["email"], data["message"])
            return redirect("exchange:contact_sent", centre_id=centre.pk)
    return render(request, "exchange/contact_form.html", {"centre": centre, "form": form}, status=400 if form.is_bound else 200)


def contact_sent(request: HttpRequest, centre_id: int) -> HttpResponse:
    return render(request, "exchange/contact_sent.html", {"centre": _centre(centre_id)})
