"""How many rows a list holds, as a reader is told it: exact while counting is cheap, the
database's estimate (said to be one: 约 1,000,000 篇) past ESTIMATE_FROM rows.

An exact count reads every matching entry of an index on each cold request: 79 ms for
the API's list of 1,000,000 articles (BENCHMARKS.md), growing with the archive, while
the page itself reads twenty rows. PostgreSQL's planner knows the size of a large list
to within a few per cent from its statistics, without reading it; SQLite has no such
estimate and always counts (an embedded site is small).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet

ESTIMATE_FROM = 200_000  # below, an exact count takes a few milliseconds


def rounded(n: int) -> int:
    """An estimate to two significant figures (38,612 → 39,000): its last digits mean nothing."""
    if n < 100:
        return n
    step = 10 ** (len(str(n)) - 2)
    return (n + step // 2) // step * step


def estimated_rows(queryset) -> int:
    """The planner's row estimate for a queryset, without running it (PostgreSQL)."""
    sql, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


@dataclass(frozen=True)
class Total:
    value: int
    estimated: bool = False

    def __str__(self) -> str:
        return f"约 {rounded(self.value):,}" if self.estimated else str(self.value)


def total(rows) -> Total:
    """The size of a queryset: counted, or past ESTIMATE_FROM the planner's estimate; of
    anything else (a list, a sequence that keeps its own count), as Django's Paginator
    counts it."""
    if not isinstance(rows, QuerySet):
        return Total(Paginator(rows, 1).count)
    if connection.vendor == "postgresql":
        expected = estimated_rows(rows)
        if expected >= ESTIMATE_FROM:
            return Total(expected, estimated=True)
    return Total(rows.count())


class TotalPaginator(Paginator):
    """Django's Paginator over `total`: a page past the estimated end is empty, not an error."""

    @cached_property
    def total(self) -> Total:
        return total(self.object_list)

    @cached_property
    def count(self) -> int:
        return self.total.value
