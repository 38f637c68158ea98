"""Language: simplified Chinese unless the user picked English with the switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an office PC with
an English browser would get an English interface. We follow only the user's own choice
(the language cookie set by the switch), then the site default.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class PreferredLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
