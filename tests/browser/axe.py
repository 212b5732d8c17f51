"""axe-core, the accessibility checker, run in a page that Playwright drives.

axe comes from the npm registry, pinned in package.json and package-lock.json, and is
installed by `make install` (`npm ci`). It is added as an init script: Chromium runs those
before the page's own scripts and outside its Content-Security-Policy, so the page is
checked as a reader gets it, under the same policy, without an inline script the policy
would refuse.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import services_required

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# What the browser itself adds to a page, which the site neither writes nor can change:
# Chromium's notice that XSLT is going away, put above a feed styled by feed.xsl.
BROWSER_OWN = ["xslt-warning-banner"]
# WCAG 2.1 A and AA, and axe's best practices (landmarks, one h1, a skip link that works).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_source() -> Path:
    if not AXE.exists():
        message = f"axe-core is not installed at {AXE} (make install runs npm ci)"
        if services_required():
            pytest.fail(message)
        pytest.skip(message)
    return AXE


def axe_violations(page) -> list[dict]:
    """Every rule the site's part of the page breaks, whatever its impact: its id, impact,
    help text and up to three elements."""
    result = page.evaluate(
        """async ([tags, browserOwn]) => {
            const context = {exclude: browserOwn.map(selector => [selector])};
            const r = await axe.run(context, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
                                           count: v.nodes.length}));
        }""",
        [TAGS, BROWSER_OWN],
    )
    return result
