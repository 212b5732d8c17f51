"""A real browser: Debian's Chromium driven by Playwright, never a downloaded one."""
from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import services_required

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without these Chromium keeps trying to reach hosts this network does not have.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
# Screenshots of the reader's pages that the repository keeps (see `screens`), at the
# sizes the site is checked at: a common laptop and a common phone.
COMMITTED_SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
SCREENS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
SCREENS_PER_SCREENSHOT = 2  # two screens' height of a long page say enough, and keep the file small

# Playwright's sync API runs an event loop in the test's thread; the ORM calls the tests
# make around it are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if services_required():
            pytest.fail(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def stand_in_picture() -> bytes:
    """An 800×600 PNG (two bands of colour) that answers for any picture from outside."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 600), "#dbe7f3")
    ImageDraw.Draw(image).rectangle((0, 400, 800, 600), fill="#0b5cad")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _local_only(context, live_server):
    """Nothing leaves this machine: any address other than the test server is answered
    here, a picture by a stand-in picture, anything else by a stand-in page."""
    picture = stand_in_picture()

    def answer(route):
        if route.request.resource_type == "image":
            route.fulfill(status=200, content_type="image/png", body=picture)
        else:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body="<h1>原文（测试替身）</h1>")

    context.route(lambda url: not url.startswith(live_server.url), answer)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    _local_only(context, live_server)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def _small_png(path: Path) -> None:
    """A screenshot in at most 64 colours: text, flat colours and a chart's few survive,
    and the file shrinks (the repository keeps these)."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


@pytest.fixture
def screens(browser, live_server):
    """Open a page on a desktop and on a phone screen and keep a screenshot of each in
    tests/browser/screenshots/ (committed: what the reader's pages look like is seen in the
    repository). `ready(page)` waits for what must be drawn first (a chart). Returns, per
    screen, how far the page scrolls sideways (never, on a page that fits)."""
    COMMITTED_SCREENSHOTS.mkdir(exist_ok=True)

    def take(path: str, name: str, ready=None, start: str = "") -> dict[str, int]:
        """`start`: a selector for where the picture begins (the top of the page if empty)."""
        overflow = {}
        for screen, size in SCREENS.items():
            context = browser.new_context(locale="zh-CN", viewport=size, is_mobile=screen == "phone",
                                          has_touch=screen == "phone", device_scale_factor=1)
            _local_only(context, live_server)
            shown = context.new_page()
            shown.goto(live_server.url + path, wait_until="load")
            shown.evaluate("() => document.fonts.ready.then(() => true)")
            if ready:
                ready(shown)
            overflow[screen] = shown.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            top = 0
            if start:
                top = shown.locator(start).first.evaluate("e => e.getBoundingClientRect().top + scrollY - 16")
            height = min(shown.evaluate("document.documentElement.scrollHeight") - top,
                         SCREENS_PER_SCREENSHOT * size["height"])
            file = COMMITTED_SCREENSHOTS / f"{name}-{screen}.png"
            shown.screenshot(path=str(file), full_page=True,
                             clip={"x": 0, "y": max(top, 0), "width": size["width"], "height": height})
            _small_png(file)
            context.close()
        return overflow

    return take
