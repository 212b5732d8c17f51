"""The date readers see for an article or a publication, at the precision it is known to.

An article's date is its own, else its publication's (a newsletter item dated by its
issue); a date never known is absent, never the time it was imported. One label
(`chinese_text.dates.date_label`) and one ISO form per precision, so pages, feeds and
the API say the same thing: 2015年3月 is a month (ISO `2015-03`), never 3月1日.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

from chinese_text.dates import date_label


def date_iso(when: date, precision: str) -> str:
    """ISO 8601 cut to the precision: `2015`, `2015-03`, `2015-03-01` or a full time
    with its offset (valid in HTML's `<time datetime>` and in JSON)."""
    if precision in ("year", "quarter"):
        return f"{when.year:04d}"
    if precision == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if precision == "minute" and isinstance(when, datetime):
        return when.isoformat(timespec="minutes")
    return f"{when.year:04d}-{when.month:02d}-{when.day:02d}"


@dataclass(frozen=True)
class KnownDate:
    """A date and how precisely it is known; `when` is in China's time zone."""

    when: date
    precision: str

    @property
    def label(self) -> str:
        return date_label(self.when, self.precision)

    @property
    def iso(self) -> str:
        return date_iso(self.when, self.precision)

    def as_datetime(self) -> datetime:
        """The start of the known period as an aware time (what RSS and Atom require)."""
        if isinstance(self.when, datetime):
            return self.when
        return timezone.make_aware(datetime.combine(self.when, time()))


def _known(value: date | datetime | None, precision: str) -> KnownDate | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = timezone.localtime(value)
        if precision != "minute":
            value = value.date()
    return KnownDate(value, precision or "day")


def publication_date(publication) -> KnownDate | None:
    return _known(publication.published_on, publication.date_precision)


def article_date(article) -> KnownDate | None:
    """The article's own date, else its publication's (`publication` is loaded with the
    article by the selectors, so this costs no query)."""
    own = _known(article.published_at, article.date_precision)
    if own or not article.publication_id:
        return own
    return publication_date(article.publication)
