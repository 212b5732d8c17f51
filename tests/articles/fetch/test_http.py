"""fetch() against a local server: validators, redirects, caps, deadlines, blocked hops."""
import pytest

from articles.fetch import FetchError, fetch
from articles.fetch.http import make_user_agent

from .server import conditional, endless, failing_then, hang, redirect, respond, trickle

RSS = b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title></channel></rss>'
ETAG = '"v1-abc"'
LAST_MODIFIED = "Thu, 19 Dec 2013 09:44:00 GMT"


def get(url, **kwargs):
    kwargs.setdefault("allow_loopback", True)
    kwargs.setdefault("timeout", 5)
    return fetch(url, **kwargs)


def test_body_headers_and_validators_are_returned(server):
    server.routes["/feed"] = conditional(RSS, etag=ETAG, last_modified=LAST_MODIFIED)
    result = get(server.url("/feed"))
    assert result.status == 200
    assert result.body == RSS
    assert result.etag == ETAG
    assert result.last_modified == LAST_MODIFIED
    assert result.content_type == "application/rss+xml"
    assert not result.not_modified
    assert result.final_url == server.url("/feed")


def test_second_poll_with_etag_is_not_modified(server):
    server.routes["/feed"] = conditional(RSS, etag=ETAG)
    first = get(server.url("/feed"))
    second = get(server.url("/feed"), etag=first.etag)
    assert second.not_modified and second.status == 304
    assert second.body == b""
    assert second.etag == ETAG
    assert server.requests[-1][1]["if-none-match"] == ETAG


def test_second_poll_with_last_modified_is_not_modified(server):
    server.routes["/feed"] = conditional(RSS, last_modified=LAST_MODIFIED)
    first = get(server.url("/feed"))
    second = get(server.url("/feed"), last_modified=first.last_modified)
    assert second.not_modified
    assert second.last_modified == LAST_MODIFIED
    assert server.requests[-1][1]["if-modified-since"] == LAST_MODIFIED


def test_first_poll_sends_no_validators(server):
    server.routes["/feed"] = conditional(RSS, etag=ETAG)
    get(server.url("/feed"))
    headers = server.requests[0][1]
    assert "if-none-match" not in headers and "if-modified-since" not in headers


def test_user_agent_names_the_site(server):
    server.routes["/"] = respond(b"ok")
    get(server.url("/"), user_agent=make_user_agent("https://b2bwatch.example"))
    assert server.requests[0][1]["user-agent"] == "b2bwatch/0.1 (+https://b2bwatch.example)"


def test_relative_redirect_is_followed_and_reported(server):
    server.routes["/old"] = redirect("/new", status=301)
    server.routes["/new"] = respond(b"moved here")
    result = get(server.url("/old"))
    assert result.body == b"moved here"
    assert result.final_url == server.url("/new")
    assert result.redirects == [server.url("/old")]


def test_redirect_loop_is_reported_as_a_loop(server):
    server.routes["/a"] = redirect("/b")
    server.routes["/b"] = redirect("/a")
    with pytest.raises(FetchError) as caught:
        get(server.url("/a"))
    assert caught.value.kind == "redirects"
    assert "循环" in str(caught.value)
    assert server.hits("/a") == 1 and server.hits("/b") == 1


def test_too_many_redirects_stop_at_the_cap(server):
    for i in range(10):
        server.routes[f"/r{i}"] = redirect(f"/r{i + 1}")
    with pytest.raises(FetchError) as caught:
        get(server.url("/r0"), max_redirects=3)
    assert caught.value.kind == "redirects"
    assert len(server.requests) == 4  # the first request and three redirects


def test_declared_length_over_the_cap_is_refused(server):
    server.routes["/big"] = respond(b"x" * 20_000)
    with pytest.raises(FetchError) as caught:
        get(server.url("/big"), max_bytes=10_000)
    assert caught.value.kind == "too_large"


def test_endless_body_is_cut_at_the_cap(server):
    server.routes["/endless"] = endless()
    with pytest.raises(FetchError) as caught:
        get(server.url("/endless"), max_bytes=1_000_000)
    assert caught.value.kind == "too_large"
    assert "1 MB" in str(caught.value)


def test_server_that_hangs_mid_body_times_out(server):
    server.routes["/hang"] = hang(after_headers=True)
    with pytest.raises(FetchError) as caught:
        get(server.url("/hang"), timeout=1)
    assert caught.value.kind == "timeout"


def test_server_that_never_answers_times_out(server):
    server.routes["/silent"] = hang(after_headers=False)
    with pytest.raises(FetchError) as caught:
        get(server.url("/silent"), timeout=1)
    assert caught.value.kind == "timeout"


def test_trickling_server_is_stopped_by_the_total_deadline(server):
    server.routes["/slow"] = trickle(interval=0.2)
    with pytest.raises(FetchError) as caught:
        get(server.url("/slow"), timeout=1.5)
    assert caught.value.kind == "timeout"


def test_error_status_carries_the_status(server):
    server.routes["/gone"] = respond(b"gone", status=410)
    with pytest.raises(FetchError) as caught:
        get(server.url("/gone"))
    assert caught.value.kind == "http_status"
    assert caught.value.status == 410
    assert "410" in str(caught.value)


def test_loopback_is_refused_unless_allowed(server):
    server.routes["/"] = respond(b"ok")
    with pytest.raises(FetchError) as caught:
        fetch(server.url("/"), timeout=2)
    assert caught.value.kind == "blocked_address"
    assert server.requests == []


def test_localhost_by_name_is_refused_after_resolution(server):
    server.routes["/"] = respond(b"ok")
    port = server.base_url.rsplit(":", 1)[1]
    with pytest.raises(FetchError) as caught:
        fetch(f"http://localhost:{port}/", timeout=2)
    assert caught.value.kind == "blocked_address"
    assert server.requests == []


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://100.100.100.200/latest/meta-data/",
        "http://10.0.0.1/admin",
        "http://192.168.1.1/",
        "http://[::ffff:169.254.169.254]/",
        "http://0.0.0.0/",
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_INFO",
    ],
)
def test_redirect_to_a_blocked_address_is_refused(server, target):
    server.routes["/go"] = redirect(target)
    with pytest.raises(FetchError) as caught:
        get(server.url("/go"))
    assert caught.value.kind == "blocked_address"


def test_source_that_fails_then_recovers(server):
    from articles.fetch.politeness import Bounds, next_delay

    server.routes["/feed"] = failing_then(respond(RSS, content_type="application/rss+xml"), failures=3)
    bounds, interval, failures, delays = Bounds(60, 86_400), 600.0, 0, []
    for _ in range(5):
        try:
            get(server.url("/feed"))
        except FetchError as exc:
            assert exc.kind == "http_status" and exc.status == 503
            failures += 1
        else:
            failures = 0
        delays.append(next_delay(interval, failures, bounds))
    assert delays == [1200, 2400, 4800, 600, 600]


def test_connection_layer_refuses_blocked_addresses_even_if_the_url_check_is_skipped(server, monkeypatch):
    """The address actually connected to is checked too: a DNS answer that changes after the
    URL check (rebinding) meets the same rule at connect time."""
    from articles.fetch import http

    monkeypatch.setattr(http.safety, "check_url_resolved", lambda url, **options: [])
    server.routes["/go"] = redirect("http://10.0.0.1/internal")
    with pytest.raises(FetchError) as caught:
        get(server.url("/go"))
    assert caught.value.kind == "blocked_address"
    assert "10.0.0.1" in str(caught.value)
