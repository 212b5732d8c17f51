"""An article's pictures shown in its page, and the Content-Security-Policy that lets
exactly those load.

Pictures are stored as links (`Article.images`, from fetched pages); the page shows them
only when the article's source allows hot-linking (`Source.show_images`), else it lists
the links. A picture is shown only from a host that can be named safely in a policy: a
DNS name (no IP address, no `localhost`, no character that could end the directive), so
a hostile page cannot make readers' browsers load images from their own network, nor
write into the policy. The others stay links. Pure: no Django.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .ingest.safe import safe_http_url

# A few hosts at most in one page's policy; pictures from further hosts stay links.
MAX_HOSTS = 8
MAX_PICTURES = 40
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
# At least two labels, the last a word (a TLD, or its punycode form): never an IP address.
_HOST = re.compile(rf"^(?:{_LABEL}\.)+(?:[a-z]{{2,63}}|xn--[a-z0-9-]{{1,59}})$")


@dataclass(frozen=True)
class Picture:
    src: str
    caption: str
    origin: str  # scheme://host[:port], as the policy names it


def _origin(src: str) -> str:
    parts = urlsplit(src)
    host = (parts.hostname or "").rstrip(".")
    if not _HOST.match(host):
        return ""
    try:
        port = parts.port
    except ValueError:
        return ""
    return f"{parts.scheme.lower()}://{host}" + (f":{port}" if port else "")


def pictures_to_show(images: list[dict]) -> tuple[list[Picture], list[dict]]:
    """The stored images split into pictures to show and the rest (kept as links).

    `images` is what `Article.images` holds: `[{"src": …, "alt": …}]`, read as hostile.
    """
    shown: list[Picture] = []
    links: list[dict] = []
    hosts: set[str] = set()
    for image in images or []:
        if not isinstance(image, dict):
            continue
        src = safe_http_url(image.get("src"))
        caption = str(image.get("alt") or "").strip()
        origin = _origin(src) if src else ""
        fits = origin and len(shown) < MAX_PICTURES and (origin in hosts or len(hosts) < MAX_HOSTS)
        if fits:
            hosts.add(origin)
            shown.append(Picture(src=src, caption=caption, origin=origin))
        else:
            links.append({"src": src, "alt": caption})
    return shown, links


def policy_allowing(policy: str, origins: list[str]) -> str:
    """The policy with the given origins added to its `img-src` (one added if absent)."""
    if not origins:
        return policy
    extra = " ".join(sorted(set(origins)))
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    for index, directive in enumerate(directives):
        if directive.split()[0].lower() == "img-src":
            directives[index] = f"{directive} {extra}"
            break
    else:
        directives.append(f"img-src 'self' {extra}")
    return "; ".join(directives)
