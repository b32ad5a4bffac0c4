"""The Wagtail admin login, rate-limited per username and per client address.

Failed attempts count; a username that failed too often, or an address that tried too many
usernames, is refused with 429 and a clear message until the window ends — even with the
right password, so guessing gains nothing. A successful login clears its username's count.
"""

from __future__ import annotations

from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from wagtail.admin.views.account import LoginView

from portal.ratelimit import Limit, client_address, hit, is_limited, reset

PER_USERNAME = Limit(scope="admin-login-username", count=5, seconds=15 * 60)
PER_ADDRESS = Limit(scope="admin-login-address", count=20, seconds=15 * 60)


def _username(request: HttpRequest) -> str:
    return (request.POST.get("username") or "").strip().casefold()


class RateLimitedLoginView(LoginView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if is_limited(PER_USERNAME, _username(request)) or is_limited(PER_ADDRESS, client_address(request)):
            return self.refuse()
        return super().post(request, *args, **kwargs)

    def refuse(self) -> HttpResponse:
        form = self.get_form()
        # The errors are set directly so that the form never checks the password.
        form._errors = ErrorDict({"__all__": form.error_class([self.limited_message()], error_class="nonfield")})
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        response["Retry-After"] = str(PER_USERNAME.seconds)
        return response

    @staticmethod
    def limited_message() -> str:
        return _("เข้าสู่ระบบผิดหลายครั้งเกินไป กรุณารอ 15 นาทีแล้วลองใหม่")

    def form_invalid(self, form):
        hit(PER_USERNAME, _username(self.request))
        hit(PER_ADDRESS, client_address(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        reset(PER_USERNAME, _username(self.request))
        return super().form_valid(form)
