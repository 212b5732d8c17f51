"""A local HTTP server on 127.0.0.1 for fetch tests: routes are plain functions.

Each route gets the request handler and answers through `send`. The server records every
request (path and headers) so tests can check what was sent, e.g. the validators of a
conditional GET. Nothing here ever talks to any address but 127.0.0.1.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[["Handler"], None]


@dataclass
class Served:
    base_url: str
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base_url + path

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


class Handler(BaseHTTPRequestHandler):
    served: Served
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.served.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = self.served.routes.get(self.path.split("?")[0])
        if route is None:
            self.send(b"not found", status=404)
            return
        route(self)

    def send(self, body: bytes = b"", *, status: int = 200, headers: dict[str, str] | None = None):
        self.send_response(status)
        headers = dict(headers or {})
        headers.setdefault("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def log_message(self, format, *args):  # keep test output quiet
        pass


def respond(body: bytes, *, status: int = 200, content_type: str | None = "text/html", **headers: str) -> Route:
    extra = {k.replace("_", "-"): v for k, v in headers.items()}
    if content_type:
        extra["Content-Type"] = content_type
    return lambda h: h.send(body, status=status, headers=extra)


def redirect(location: str, status: int = 302) -> Route:
    return lambda h: h.send(status=status, headers={"Location": location})


def conditional(body: bytes, *, etag: str | None = None, last_modified: str | None = None,
                content_type: str = "application/rss+xml") -> Route:
    """200 with validators, then 304 when the client sends one of them back."""

    def route(h: Handler):
        headers = {"Content-Type": content_type}
        if etag:
            headers["ETag"] = etag
        if last_modified:
            headers["Last-Modified"] = last_modified
        if (etag and h.headers.get("If-None-Match") == etag) or (
            last_modified and h.headers.get("If-Modified-Since") == last_modified
        ):
            h.send(status=304, headers=headers)
        else:
            h.send(body, headers=headers)

    return route


def endless(chunk: bytes = b"x" * 65536) -> Route:
    """A body with no declared length that goes on until the client gives up."""

    def route(h: Handler):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")
        h.end_headers()
        try:
            while not h.served.stop.is_set():
                h.wfile.write(chunk)
        except OSError:
            pass

    return route


def hang(after_headers: bool = True) -> Route:
    """Send headers and part of a body (or nothing), then hold the connection open."""

    def route(h: Handler):
        if after_headers:
            h.send_response(200)
            h.send_header("Content-Length", "100000")
            h.end_headers()
            h.wfile.write(b"<html><body>the beginning")
            h.wfile.flush()
        h.served.stop.wait(30)

    return route


def trickle(interval: float = 0.3) -> Route:
    """One byte at a time, each well inside a per-read timeout: only a total deadline stops it."""

    def route(h: Handler):
        h.send_response(200)
        h.send_header("Content-Length", "100000")
        h.end_headers()
        try:
            while not h.served.stop.wait(interval):
                h.wfile.write(b"x")
                h.wfile.flush()
        except OSError:
            pass

    return route


def failing_then(route: Route, failures: int, status: int = 503) -> Route:
    """Fail `failures` times, then answer like `route`: a source that recovers."""
    count = {"n": 0}

    def wrapped(h: Handler):
        count["n"] += 1
        if count["n"] <= failures:
            h.send(b"unavailable", status=status)
        else:
            route(h)

    return wrapped


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address):
        """Clients that hang up early (the point of several tests) are not errors here."""


@contextmanager
def serve(routes: dict[str, Route] | None = None) -> Iterator[Served]:
    served = Served(base_url="", routes=dict(routes or {}))
    handler = type("BoundHandler", (Handler,), {"served": served})
    server = _QuietServer(("127.0.0.1", 0), handler)
    served.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        served.stop.set()
        time.sleep(0.01)
        server.shutdown()
        server.server_close()
