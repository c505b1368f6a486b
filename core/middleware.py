from django.utils import translation


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the browser's; the browser decides otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # API clients say what they want with Accept-Language; it wins there.
        if request.path.startswith("/api/") and request.headers.get("Accept-Language"):
            return self.get_response(request)
        language = getattr(getattr(request, "user", None), "language", "")
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
