"""Publication dates as captures and newsletters write them, in China's time zone."""
from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")

_NUMERIC = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*(?:[-/.月]\s*(?P<d>\d{1,2})日?)?"
    r"(?:[\sT]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
)


def parse_published(value: str) -> tuple[datetime | None, str]:
    """Parse a date or date-time; return it (aware, Asia/Shanghai) and its precision.

    An ISO value with its own offset keeps that offset; anything else is taken as
    Chinese local time, which is what Chinese outlets print.
    """
    value = (value or "").strip()
    if not value:
        return None, "day"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.tzinfo is not None:
        return parsed, "minute"
    m = _NUMERIC.search(value)
    if not m:
        return None, "day"
    try:
        year, month = int(m["y"]), int(m["m"])
        day = int(m["d"]) if m["d"] else 1
        hour, minute = (int(m["H"]), int(m["M"])) if m["H"] else (0, 0)
        second = int(m["S"]) if m["S"] else 0
        when = datetime(year, month, day, hour, minute, second, tzinfo=CHINA)
    except ValueError:
        return None, "day"
    precision = "minute" if m["H"] else "day" if m["d"] else "month"
    return when, precision
