"""One GET, safely: every hop checked, a hard deadline, a size cap, conditional requests.

httpx does the HTTP; two pieces of ours sit under it. A network backend resolves each
host itself, refuses blocked addresses (see `safety`) and connects to the very address it
checked, so redirects and DNS rebinding are covered on every connection. The same
backend gives every connect, read and write only the time left before the fetch's
deadline: httpx's own timeouts apply per operation, so a server that trickles one byte a
second would otherwise never time out.

Redirects are followed here rather than by httpx so that each hop is checked, counted
and compared with the hops before it (a loop is reported as a loop, not as "too many").
"""
from __future__ import annotations

import math
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urldefrag

import httpcore
import httpx

from . import safety
from .decoding import EncodingRefused, Inflater
from .errors import FetchError

VERSION = "0.1"
DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def make_user_agent(site_url: str = DEFAULT_SITE_URL) -> str:
    """`b2bwatch/0.1 (+https://site)`: who we are and where a webmaster can find out more."""
    return f"b2bwatch/{VERSION} (+{site_url})"


DEFAULT_USER_AGENT = make_user_agent()
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.8"
_CHUNK = 64 * 1024
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass
class FetchResult:
    status: int
    final_url: str
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes
    etag: str | None = None  # to send back as If-None-Match next time
    last_modified: str | None = None  # to send back as If-Modified-Since next time
    not_modified: bool = False  # 304: nothing new since the validators we sent
    redirects: list[str] = field(default_factory=list)  # the URLs that redirected, in order

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = 10,
    max_bytes: int = 5_000_000,
    max_redirects: int = 5,
    user_agent: str = DEFAULT_USER_AGENT,
    allow_loopback: bool = False,
) -> FetchResult:
    """GET `url`; raise `FetchError` for anything but a 2xx body or a 304.

    `timeout` bounds the whole fetch, redirects and body included.
    """
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    transport = _GuardedTransport(_GuardedBackend(deadline, allow_loopback))
    visited: list[str] = []
    current = urldefrag(url).url
    with httpx.Client(transport=transport, headers=headers, timeout=timeout, trust_env=False) as client:
        while True:
            safety.check_url_resolved(current, allow_loopback=allow_loopback, timeout=deadline - time.monotonic())
            visited.append(current)
            try:
                with client.stream("GET", current) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        current = _next_hop(response, visited, max_redirects)
                        continue
                    return _result(response, visited, etag, last_modified, max_bytes, deadline)
            except FetchError as exc:
                exc.url = exc.url or current
                raise
            except (httpx.TimeoutException, httpcore.TimeoutException) as exc:
                raise FetchError("timeout", f"请求 {current} 超过 {timeout:g} 秒未完成。", url=current) from exc
            except (httpx.HTTPError, httpcore.NetworkError, httpcore.ProtocolError, OSError) as exc:
                detail = str(exc) or type(exc).__name__
                raise FetchError("network", f"请求 {current} 时网络出错：{detail}", url=current) from exc


def _next_hop(response: httpx.Response, visited: list[str], max_redirects: int) -> str:
    target = urldefrag(str(response.url.join(response.headers["location"]))).url
    if target in visited:
        raise FetchError("redirects", f"重定向形成循环：{' → '.join([*visited, target])}", url=visited[0])
    if len(visited) > max_redirects:
        raise FetchError("redirects", f"重定向超过 {max_redirects} 次，已停止（最后指向 {target}）。", url=visited[0])
    return target


def _result(
    response: httpx.Response, visited: list[str], etag: str | None, last_modified: str | None, max_bytes: int,
    deadline: float,
) -> FetchResult:
    url = visited[-1]
    status = response.status_code
    headers = {name: value for name, value in response.headers.items()}
    if status == 304:
        return FetchResult(
            status=status,
            final_url=url,
            headers=headers,
            body=b"",
            etag=headers.get("etag") or etag,
            last_modified=headers.get("last-modified") or last_modified,
            not_modified=True,
            redirects=visited[:-1],
        )
    if not 200 <= status < 300:
        raise FetchError("http_status", f"{url} 返回 HTTP {status} {response.reason_phrase}。", url=url, status=status)
    body = _read_capped(response, max_bytes, url, deadline)
    return FetchResult(
        status=status,
        final_url=url,
        headers=headers,
        body=body,
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        redirects=visited[:-1],
    )


def _read_capped(response: httpx.Response, max_bytes: int, url: str, deadline: float) -> bytes:
    """Read and decompress the body, giving up as soon as it passes `max_bytes` decoded.

    The raw bytes are inflated here in 64 KB steps (see `decoding`), so the cap and the
    deadline are checked while decompressing, not after httpx has inflated a chunk whole.
    """
    too_large = FetchError("too_large", f"{url} 的内容超过 {max_bytes / 1e6:g} MB 上限，已停止下载。", url=url)
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes and "content-encoding" not in response.headers:
        raise too_large
    try:
        inflater = Inflater(response.headers.get("content-encoding", ""), _CHUNK)
    except EncodingRefused as exc:
        raise FetchError("encoding", f"{url} 的{exc}。", url=url) from None
    chunks, size = [], 0
    try:
        for piece in inflater.inflate(response.iter_raw(_CHUNK)):
            size += len(piece)
            if size > max_bytes:
                raise too_large
            if time.monotonic() > deadline:
                raise httpcore.ReadTimeout("the fetch's total time limit has passed")
            chunks.append(piece)
    except zlib.error as exc:
        raise FetchError("encoding", f"{url} 的压缩内容已损坏，无法解压：{exc}", url=url) from None
    return b"".join(chunks)


class _GuardedBackend(httpcore.NetworkBackend):
    """Connect only to checked addresses, and never past the deadline."""

    def __init__(self, deadline: float, allow_loopback: bool):
        self._inner = httpcore.SyncBackend()
        self._deadline = deadline
        self._allow_loopback = allow_loopback

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = safety.resolve(host, port, allow_loopback=self._allow_loopback,
                                   timeout=_time_left(self._deadline, timeout))
        error: Exception | None = None
        for address in addresses:
            try:
                stream = self._inner.connect_tcp(
                    address, port, _time_left(self._deadline, timeout), local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return _DeadlineStream(stream, self._deadline)
        raise error or httpcore.ConnectError(f"cannot connect to {host}")

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise FetchError("blocked_address", "不允许通过 Unix 套接字访问。")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: float):
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _time_left(self._deadline, timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _time_left(self._deadline, timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        inner = self._inner.start_tls(ssl_context, server_hostname, _time_left(self._deadline, timeout))
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str):
        return self._inner.get_extra_info(info)


def _time_left(deadline: float, timeout: float | None) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the fetch's total time limit has passed")
    return min(left, timeout if timeout is not None else math.inf)


class _GuardedTransport(httpx.BaseTransport):
    """httpx's HTTPTransport, minus proxies, over our backend (httpx takes no backend argument)."""

    def __init__(self, backend: httpcore.NetworkBackend):
        self._pool = httpcore.ConnectionPool(network_backend=backend, max_connections=4)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        core_response = self._pool.handle_request(core_request)
        return httpx.Response(
            status_code=core_response.status,
            headers=core_response.headers,
            stream=_ResponseStream(core_response.stream),
            extensions=core_response.extensions,
        )

    def close(self) -> None:
        self._pool.close()


class _ResponseStream(httpx.SyncByteStream):
    def __init__(self, stream):
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        yield from self._stream

    def close(self) -> None:
        if hasattr(self._stream, "close"):
            self._stream.close()
