"""The one error a fetch raises, with a `kind` the source's health record can store."""
from __future__ import annotations

KINDS = ("timeout", "too_large", "encoding", "redirects", "blocked_address", "http_status", "network", "robots")


class FetchError(Exception):
    """A fetch failed; `str(error)` is the message an editor sees in the admin."""

    def __init__(self, kind: str, message: str, *, url: str = "", status: int | None = None):
        if kind not in KINDS:
            raise ValueError(f"unknown fetch error kind {kind!r}")
        super().__init__(message)
        self.kind = kind
        self.url = url
        self.status = status

    @property
    def message(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"FetchError({self.kind!r}, {str(self)!r}, url={self.url!r}, status={self.status!r})"
