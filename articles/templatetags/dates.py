"""`{{ article|dated }}`: the one way a page shows a date (see articles.dates)."""
from django import template
from django.utils.html import format_html

from articles.dates import article_date, publication_date
from articles.models import Publication

register = template.Library()


@register.filter
def dated(item) -> str:
    """An article's or a publication's date as `<time>`, or nothing when it is unknown."""
    known = publication_date(item) if isinstance(item, Publication) else article_date(item)
    if known is None:
        return ""
    return format_html('<time datetime="{}">{}</time>', known.iso, known.label)
