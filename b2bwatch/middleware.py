"""Request and response hardening that applies to every view.

- Control characters never reach a view: PostgreSQL refuses NUL in text (a 500 on
  `/topics/%00/`) and XML 1.0 refuses every C0 control but tab and newlines (a 500 in a
  search feed for `q=%01`). They are stripped from the path and every query parameter,
  so each view and the API see clean text, on both databases.
- Every response, static files included, carries the Content-Security-Policy,
  Permissions-Policy and X-Frame-Options from the settings (Django's SecurityMiddleware
  adds nosniff, Referrer-Policy, Cross-Origin-Opener-Policy and, over HTTPS, HSTS).
"""
from __future__ import annotations

from django.conf import settings
from django.http import QueryDict

from articles.ingest.safe import CONTROL_CHARS, strip_control_chars


def _dirty(query: QueryDict) -> bool:
    return any(CONTROL_CHARS.search(key) or any(CONTROL_CHARS.search(v) for v in values)
               for key, values in query.lists())


def _cleaned(query: QueryDict) -> QueryDict:
    clean = QueryDict(mutable=True)
    for key, values in query.lists():
        clean.setlist(strip_control_chars(key), [strip_control_chars(v) for v in values])
    clean._mutable = False
    return clean


class StripControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if CONTROL_CHARS.search(request.path_info):
            request.path_info = strip_control_chars(request.path_info)
            request.path = strip_control_chars(request.path)
        if request.META.get("QUERY_STRING") and _dirty(request.GET):
            request.GET = _cleaned(request.GET)
            request.META["QUERY_STRING"] = request.GET.urlencode()
        return self.get_response(request)


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
