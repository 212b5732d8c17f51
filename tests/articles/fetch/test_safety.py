"""Which addresses and URLs a fetch may reach; no network traffic here."""
import socket
import threading

import pytest

from articles.fetch import FetchError, safety
from articles.fetch.safety import blocked_reason, check_url, check_url_resolved


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.8.8",
        "::1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.0.10",
        "169.254.169.254",
        "169.254.1.1",
        "fe80::1",
        "fd00:ec2::254",
        "fc00::1",
        "100.100.100.200",
        "100.64.0.1",
        "224.0.0.1",
        "ff02::1",
        "0.0.0.0",
        "::",
        "240.0.0.1",
        "255.255.255.255",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "2002:a00:1::",  # 6to4 carrying 10.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 carrying 169.254.169.254
    ],
)
def test_non_public_addresses_are_blocked(address):
    assert blocked_reason(address) is not None


@pytest.mark.parametrize("address", ["8.8.8.8", "114.114.114.114", "2001:4860:4860::8888", "2400:3200::1"])
def test_public_addresses_pass(address):
    assert blocked_reason(address) is None


def test_allow_loopback_opens_loopback_only():
    assert blocked_reason("127.0.0.1", allow_loopback=True) is None
    assert blocked_reason("::1", allow_loopback=True) is None
    assert blocked_reason("::ffff:127.0.0.1", allow_loopback=True) is None
    assert blocked_reason("10.0.0.1", allow_loopback=True) is not None
    assert blocked_reason("169.254.169.254", allow_loopback=True) is not None


def test_metadata_address_is_named_as_such():
    assert "元数据" in blocked_reason("169.254.169.254")
    assert "元数据" in blocked_reason("fd00:ec2::254")


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/feed", "file:///etc/passwd", "javascript:alert(1)", "http:///nohost", "//example.com/x",
     "http://user:secret@example.com/", "http://example.com:99999/"],
)
def test_unfetchable_urls_are_refused(url):
    with pytest.raises(FetchError) as caught:
        check_url(url)
    assert caught.value.kind == "blocked_address"


def test_http_and_https_urls_pass_with_default_ports():
    assert check_url("https://www.ebrun.com/20131219/1.shtml") == ("https", "www.ebrun.com", 443)
    assert check_url("HTTP://Example.com:8080/") == ("http", "example.com", 8080)


@pytest.mark.parametrize("url", ["http://2130706433/", "http://0x7f.1/", "http://localhost/", "http://[::1]/"])
def test_loopback_in_disguise_is_caught_after_resolution(url):
    with pytest.raises(FetchError) as caught:
        check_url_resolved(url)
    assert caught.value.kind == "blocked_address"


def test_a_host_name_that_never_resolves_fails_as_a_timeout(monkeypatch):
    """The system resolver has no deadline of its own; the fetch stops waiting for it."""
    answered = threading.Event()

    def hanging_lookup(*args, **kwargs):
        answered.wait(10)
        raise socket.gaierror("no answer")

    monkeypatch.setattr(safety.socket, "getaddrinfo", hanging_lookup)
    try:
        with pytest.raises(FetchError) as caught:
            check_url_resolved("http://slow-dns.example.cn/feed.xml", timeout=0.2)
    finally:
        answered.set()
    assert caught.value.kind == "timeout"
    assert "slow-dns.example.cn" in caught.value.message and caught.value.url.endswith("/feed.xml")
