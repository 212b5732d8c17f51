"""Request and response hardening that applies to every view.

- Control characters never reach a view: PostgreSQL refuses NUL in text (a 500 on
  `/topics/%00/`) and XML 1.0 refuses every C0 control but tab and newlines (a 500 in a
  search feed for `q=%01`). In every query parameter and every path parameter each one
  becomes a space, so views, the API and the database see clean text on both databases,
  while lengths (and so the API's documented limits) and URL routing stay as sent.
- Every response, static files included, carries the Content-Security-Policy,
  Permissions-Policy and X-Frame-Options from the settings (Django's SecurityMiddleware
  adds nosniff, Referrer-Policy, Cross-Origin-Opener-Policy and, over HTTPS, HSTS).
"""
from __future__ import annotations

from django.conf import settings
from django.http import QueryDict

from articles.ingest.safe import CONTROL_CHARS


def _spaced(text: str) -> str:
    return CONTROL_CHARS.sub(" ", text)


def _dirty(query: QueryDict) -> bool:
    return any(CONTROL_CHARS.search(key) or any(CONTROL_CHARS.search(v) for v in values)
               for key, values in query.lists())


def _cleaned(query: QueryDict) -> QueryDict:
    clean = QueryDict(mutable=True)
    for key, values in query.lists():
        clean.setlist(_spaced(key), [_spaced(v) for v in values])
    clean._mutable = False
    return clean


class StripControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("QUERY_STRING") and _dirty(request.GET):
            request.GET = _cleaned(request.GET)
            request.META["QUERY_STRING"] = request.GET.urlencode()
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Path parameters (`<str:slug>`): Django passes this very dict to the view."""
        for name, value in view_kwargs.items():
            if isinstance(value, str) and CONTROL_CHARS.search(value):
                view_kwargs[name] = _spaced(value)
        return None


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for header, value in (
            ("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY),
            ("Permissions-Policy", settings.PERMISSIONS_POLICY),
            # Static files are answered by WhiteNoise before XFrameOptionsMiddleware runs.
            ("X-Frame-Options", settings.X_FRAME_OPTIONS),
        ):
            if value:
                response.headers.setdefault(header, value)
        return response
