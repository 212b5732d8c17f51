"""Which URLs and addresses a fetch may reach.

Editors type source URLs and pages redirect where they like, so a fetch could be aimed at
the machine itself, the private network or a cloud metadata service (SSRF). The rule is
applied to the addresses a host name resolves to, not to the name: `internal.example`
may resolve to 10.0.0.5 and `2130706433` is 127.0.0.1. The HTTP layer applies it again
to the exact address it connects to, on every hop, so a DNS answer that changes between
the check and the connection (rebinding) cannot slip through.

Only globally routable unicast addresses pass. `allow_loopback` lets the tests reach
their server on 127.0.0.1 and nothing else.
"""
from __future__ import annotations

import ipaddress
import socket
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from urllib.parse import urlsplit

from .errors import FetchError

ALLOWED_SCHEMES = ("http", "https")
_IP = ipaddress.IPv4Address | ipaddress.IPv6Address

# Metadata services, named even where the general rule already refuses them, so that a
# later change to that rule cannot quietly let them through.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack
        "fd00:ec2::254",  # AWS over IPv6
        "100.100.100.200",  # Alibaba Cloud
        "169.254.170.2",  # AWS ECS task metadata
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

# getaddrinfo has no timeout of its own and the system resolver may retry for tens of
# seconds. Lookups run on a few threads so a caller can stop waiting; a lookup that hangs
# ties up one of them until the resolver gives up, never the poll that asked.
_LOOKUPS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="dns")
DNS_TIMEOUT = 5.0


def check_url(url: str) -> tuple[str, str, int]:
    """Refuse what is not an http(s) URL with a host; return (scheme, host, port)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError("blocked_address", f"网址无效：{url}（{exc}）", url=url) from exc
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise FetchError("blocked_address", f"只允许 http 和 https 网址，拒绝 {scheme or '无协议'}：{url}", url=url)
    if not parts.hostname:
        raise FetchError("blocked_address", f"网址缺少主机名：{url}", url=url)
    if parts.username or parts.password:
        raise FetchError("blocked_address", f"网址不得包含用户名或密码：{url}", url=url)
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


def blocked_reason(address: str | _IP, *, allow_loopback: bool = False) -> str | None:
    """Why an address may not be fetched, or None when it may."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address) and ip.scope_id:
        ip = ipaddress.ip_address(str(ip).split("%")[0])
    if ip in METADATA_ADDRESSES:
        return "云服务元数据地址"
    embedded = _embedded_ipv4(ip)
    if embedded is not None:
        return blocked_reason(embedded, allow_loopback=allow_loopback)
    if ip.is_loopback:
        return None if allow_loopback else "本机回环地址"
    if ip.is_link_local:
        return "链路本地地址"
    if ip.is_multicast:
        return "组播地址"
    if ip.is_unspecified or ip.is_reserved:
        return "保留地址"
    if ip.is_private or not ip.is_global:
        return "内网或非公网地址"
    return None


def resolve(host: str, port: int, *, allow_loopback: bool = False, timeout: float = DNS_TIMEOUT) -> list[str]:
    """Resolve `host` within `timeout` seconds and return its addresses, refusing them all
    if any one is blocked.

    One bad address poisons the answer: a name that resolves to both a public and a
    private address is a rebinding setup, not a misconfiguration worth working around.
    """
    lookup = _LOOKUPS.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = lookup.result(timeout=max(timeout, 0))
    except FutureTimeout as exc:
        lookup.cancel()
        raise FetchError("timeout", f"解析主机名 {host} 超过 {timeout:g} 秒未完成。") from exc
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError("network", f"无法解析主机名 {host}：{exc}") from exc
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    for address in addresses:
        reason = blocked_reason(address, allow_loopback=allow_loopback)
        if reason:
            raise FetchError("blocked_address", f"拒绝访问 {host}（{address}）：{reason}。")
    if not addresses:
        raise FetchError("network", f"主机名 {host} 没有可用地址。")
    return addresses


def check_url_resolved(url: str, *, allow_loopback: bool = False, timeout: float = DNS_TIMEOUT) -> list[str]:
    """Both checks for one URL: scheme and host, then every address the host resolves to."""
    _, host, port = check_url(url)
    try:
        return resolve(host, port, allow_loopback=allow_loopback, timeout=timeout)
    except FetchError as exc:
        exc.url = url
        raise


def _embedded_ipv4(ip: _IP) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo, NAT64), if any."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None
