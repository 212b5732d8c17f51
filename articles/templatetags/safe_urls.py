"""`{{ url|http_url }}`: a link target from outside, or "" when it is not http(s).

Stored URLs are checked when saved; rows saved before that check, or typed into the
admin, are checked again here, where a URL becomes a link.
"""
from django import template

from articles.ingest.safe import safe_http_url

register = template.Library()


@register.filter
def http_url(value) -> str:
    return safe_http_url(value)
