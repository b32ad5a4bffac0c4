"""Wagtail's sign-in form in Thai (settings: WAGTAILADMIN_USER_LOGIN_FORM)."""

from django.contrib.auth.forms import AuthenticationForm

from wagtail.admin.forms.auth import LoginForm


class ThaiLoginForm(LoginForm):
    """Wagtail's form leaves the password field without a label, so Django shows the field's
    English name; give it Django's own translated label."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = AuthenticationForm.base_fields["password"].label
