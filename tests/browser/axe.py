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
# The impacts the site must never have; "moderate" and "minor" are reported, not failed.
BLOCKING = ("serious", "critical")
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
    """Every rule the page breaks: its id, impact, help text and up to three elements."""
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
                                           count: v.nodes.length}));
        }""",
        TAGS,
    )
    return result


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]
