"""A response body's Content-Encoding undone in bounded steps.

httpx inflates each chunk it receives in one call, with no limit on what comes out, and
stacks one decoder per listed coding: with `Content-Encoding: gzip, gzip`, 6,784 bytes on
the wire became one 12 GB string inside httpx before our size cap could look at it.
Here the raw bytes are inflated at most `step` bytes at a time, so the caller counts
decoded bytes (and checks its deadline) as they come. Only one coding is accepted:
servers compress once; a body compressed twice is an attack or a broken proxy.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

SUPPORTED = ("gzip", "x-gzip", "deflate")  # what we ask for in Accept-Encoding


class EncodingRefused(ValueError):
    """The body's encoding is stacked or unknown; the message says which."""


def codings(header: str) -> list[str]:
    """The codings a Content-Encoding header lists, in the order they were applied."""
    return [c.strip().lower() for c in header.split(",") if c.strip() and c.strip().lower() != "identity"]


class Inflater:
    """Undo one Content-Encoding, yielding pieces of at most `step` bytes."""

    def __init__(self, header: str, step: int = 64 * 1024):
        listed = codings(header)
        if len(listed) > 1:
            raise EncodingRefused(
                f"内容被压缩了 {len(listed)} 层（Content-Encoding: {header}），正常网站只压缩一层，已拒绝"
            )
        if listed and listed[0] not in SUPPORTED:
            raise EncodingRefused(f"不支持的内容编码（Content-Encoding: {header}）")
        self._coding = listed[0] if listed else ""
        self._step = step
        self._started = False
        gzip = self._coding in ("gzip", "x-gzip")
        self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16 if gzip else zlib.MAX_WBITS) if self._coding else None

    def inflate(self, raw: Iterable[bytes]) -> Iterator[bytes]:
        """The decoded body of the raw chunks, in pieces of at most `step` bytes."""
        for data in raw:
            yield from self._feed(data)
        yield from self._finish()

    def _feed(self, data: bytes) -> Iterator[bytes]:
        if self._inflater is None:
            yield data
            return
        if not self._started and self._coding == "deflate" and data:
            self._started = True
            if not _is_zlib_stream(data):  # many servers send raw deflate under this name
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        while data and not self._inflater.eof:
            piece = self._inflater.decompress(data, self._step)
            data = self._inflater.unconsumed_tail
            if piece:
                yield piece

    def _finish(self) -> Iterator[bytes]:
        """What is left once the raw body has ended (nothing, for a complete stream)."""
        if self._inflater is not None and not self._inflater.eof:
            while piece := self._inflater.decompress(b"", self._step):
                yield piece


def _is_zlib_stream(data: bytes) -> bool:
    return len(data) >= 2 and (data[0] & 0x0F) == 8 and (data[0] << 8 | data[1]) % 31 == 0
