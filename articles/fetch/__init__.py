"""Fetching web sources safely and politely. Pure library code: no Django here.

`http.fetch` gets one URL (checked against `safety` on every hop), `robots` says whether a
URL may be fetched, `politeness` says when to fetch next. The Django side stores what
these return (validators, health, the next due time) on the Source row.
"""
from .errors import FetchError
from .http import FetchResult, fetch

__all__ = ["FetchError", "FetchResult", "fetch"]
