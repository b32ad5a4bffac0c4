from django.conf import settings
from django.utils import translation


class ThaiFirstLocaleMiddleware:
    """Thai unless the visitor chose English with the language switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which on many
    phones and office PCs in Thailand says English; the portal is Thai first, so only an
    explicit choice (the language cookie set by /i18n/setlang/) switches it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
