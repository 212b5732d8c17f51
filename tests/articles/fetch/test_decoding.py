"""Compressed bodies: one Content-Encoding, inflated in bounded steps, capped on decoded bytes."""
import gzip
import tracemalloc
import zlib

import pytest

from articles.fetch import FetchError, fetch

from .server import respond

PAGE = "<html><body><p>跨境电商试点扩大到更多城市。</p></body></html>".encode() * 50


def get(url, **kwargs):
    return fetch(url, allow_loopback=True, timeout=10, **kwargs)


def gzip_of_zeros(megabytes: int) -> bytes:
    packer, zeros = zlib.compressobj(9, zlib.DEFLATED, 31), b"\0" * (1 << 20)
    return b"".join(packer.compress(zeros) for _ in range(megabytes)) + packer.flush()


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("deflate", zlib.compress),  # as the RFC says: a zlib stream
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # as many servers send it: raw deflate
        ("identity", lambda data: data),
    ],
)
def test_a_compressed_page_is_read_whole(server, encoding, encode):
    server.routes["/page"] = respond(encode(PAGE), Content_Encoding=encoding)
    assert get(server.url("/page")).body == PAGE


def test_stacked_content_encodings_are_refused(server):
    bomb = gzip.compress(gzip_of_zeros(50))  # 50 MB of zeros in a few hundred bytes
    server.routes["/bomb"] = respond(bomb, Content_Encoding="gzip, gzip")
    with pytest.raises(FetchError, match="压缩了 2 层") as caught:
        get(server.url("/bomb"), max_bytes=1_000_000)
    assert caught.value.kind == "encoding"


def test_an_encoding_we_did_not_ask_for_is_refused(server):
    server.routes["/br"] = respond(b"\x8b\x02\x80hello\x03", Content_Encoding="br")
    with pytest.raises(FetchError, match="不支持的内容编码") as caught:
        get(server.url("/br"))
    assert caught.value.kind == "encoding"


def test_a_gzip_bomb_stops_at_the_cap_without_being_inflated_whole(server):
    server.routes["/bomb"] = respond(gzip_of_zeros(200), Content_Encoding="gzip")  # ~200 KB on the wire
    tracemalloc.start()
    try:
        with pytest.raises(FetchError) as caught:
            get(server.url("/bomb"), max_bytes=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.kind == "too_large"
    assert peak < 16 * 1024 * 1024  # inflating one 64 KB chunk of it at once took 64 MB


def test_a_damaged_gzip_body_is_an_error_with_a_message(server):
    server.routes["/broken"] = respond(gzip.compress(PAGE)[:40] + b"garbage" * 10, Content_Encoding="gzip")
    with pytest.raises(FetchError, match="压缩内容已损坏") as caught:
        get(server.url("/broken"))
    assert caught.value.kind == "encoding"
