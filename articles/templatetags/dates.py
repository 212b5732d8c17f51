"""`{{ when|date_at:precision }}`: a date as precisely as its source wrote it.

The words come from `chinese_text.dates.date_label`, which the timeline uses too; the
time is shown in the site's zone (China), as Django's own `date` filter would.
"""
from datetime import datetime

from django import template
from django.utils import timezone

from chinese_text.dates import date_label

register = template.Library()


@register.filter
def date_at(when, precision: str) -> str:
    if not when:
        return ""
    if isinstance(when, datetime) and timezone.is_aware(when):
        when = timezone.localtime(when)
    return date_label(when, precision or "day")
