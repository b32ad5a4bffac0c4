"""Public pages of the alerts: subscribe to the search a page shows, confirm from the mail,
manage from the private link, and unsubscribe with one click (RFC 8058)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from learning_centres.models import LearningCentrePage
from portal import ratelimit

from . import services
from .forms import FrequencyForm, SubscribeForm
from .models import Subscription


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store, private"
    return response


def per_client() -> ratelimit.Limit:
    return ratelimit.Limit(scope="alert-subscribe", count=settings.ALERTS_RATE_LIMIT, seconds=3600)


def per_address() -> ratelimit.Limit:
    """Nobody can use the form to flood someone else's mailbox with confirmation mails."""
    return ratelimit.Limit(scope="alert-address", count=settings.ALERTS_ADDRESS_LIMIT, seconds=24 * 3600)


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    params = request.GET if request.method == "GET" else request.POST
    query, errors = services.saved_query(params)
    centre = None
    if params.get("centre"):
        centre_id = params["centre"]
        centre = (
            LearningCentrePage.objects.live().public().filter(pk=int(centre_id)).first()
            if centre_id.isdigit() and len(centre_id) < 10
            else None
        )
        if centre is None:
            errors.append("centre: unknown")
        elif centre.locale.language_code != "th":  # an English alias: its Thai original holds the case studies
            centre = LearningCentrePage.objects.filter(translation_key=centre.translation_key, locale__language_code="th").first() or centre
    context = {
        "query": query,
        "centre": centre,
        "description": services.describe(query, centre),
        "retention_days": settings.ALERTS_UNCONFIRMED_DAYS,
    }
    if errors:
        return _private(render(request, "alerts/subscribe.html", {**context, "errors": errors}, status=400))
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_spam():
            return _private(render(request, "alerts/sent.html", context))
        if form.is_valid():
            email = form.cleaned_data["email"].strip().lower()
            if not ratelimit.hit(per_client(), ratelimit.client_address(request)) or not ratelimit.hit(per_address(), email):
                return _private(render(request, "alerts/too_many_requests.html", status=429))
            services.subscribe(email, query, centre, form.cleaned_data["frequency"], translation.get_language() or "th")
            return _private(render(request, "alerts/sent.html", {**context, "email": email}))
    return _private(render(request, "alerts/subscribe.html", {**context, "form": form}, status=400 if form.is_bound else 200))


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, signed: str) -> HttpResponse:
    """GET shows a button (mail scanners open links; only a person confirms), POST confirms."""
    token = services.token_from_confirm_link(signed)
    subscription = Subscription.objects.filter(token=token).select_related("centre").first() if token else None
    if subscription is None:
        return _private(render(request, "alerts/link_expired.html", status=404))
    if request.method == "POST":
        services.confirm(subscription)
        return redirect("alerts:manage", token=subscription.token)
    return _private(
        render(
            request,
            "alerts/confirm.html",
            {"subscription": subscription, "description": services.describe(subscription.query, subscription.centre)},
        )
    )


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    subscription = get_object_or_404(Subscription, token=token, confirmed_at__isnull=False)
    if request.method == "POST":
        if request.POST.get("action") == "delete_all":
            Subscription.objects.filter(email=subscription.email).delete()
            return _private(render(request, "alerts/deleted.html"))
        target = get_object_or_404(services.same_address(subscription), token=request.POST.get("subscription", ""))
        if request.POST.get("action") == "delete":
            target.delete()
            remaining = services.same_address(subscription).first()
            return redirect("alerts:manage", token=remaining.token) if remaining else _private(render(request, "alerts/deleted.html"))
        form = FrequencyForm(request.POST)
        if not form.is_valid():
            return _private(render(request, "alerts/manage.html", _manage_context(subscription), status=400))
        Subscription.objects.filter(pk=target.pk).update(frequency=form.cleaned_data["frequency"])
        return redirect("alerts:manage", token=token)
    return _private(render(request, "alerts/manage.html", _manage_context(subscription)))


def _manage_context(subscription: Subscription) -> dict:
    rows = [{"subscription": s, "description": services.describe(s.query, s.centre)} for s in services.same_address(subscription)]
    return {"subscription": subscription, "rows": rows, "frequencies": FrequencyForm.base_fields["frequency"].choices}


@never_cache
@csrf_exempt  # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" without a form of ours
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscription = Subscription.objects.filter(token=token).select_related("centre").first()
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
        return _private(render(request, "alerts/unsubscribed.html"))
    if subscription is None:
        return _private(render(request, "alerts/unsubscribed.html"))
    return _private(
        render(
            request,
            "alerts/unsubscribe.html",
            {"subscription": subscription, "description": services.describe(subscription.query, subscription.centre)},
        )
    )
