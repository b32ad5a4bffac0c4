"""Accessibility checks with axe-core in the real browser.

axe-core comes from npm (pinned in package.json, installed by `make install`) and is read
from node_modules and injected only by the tests: the portal itself never ships it.
"""

from __future__ import annotations

import contextlib
import json
from functools import lru_cache
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The WCAG 2.1 A and AA success criteria (axe tags them by the version that introduced them).
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@lru_cache(maxsize=1)
def axe_source() -> str:
    if not AXE_SCRIPT.is_file():
        raise AssertionError(f"{AXE_SCRIPT.relative_to(ROOT)} is missing: run `make install` (npm ci installs axe-core).")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(page, tags: list[str] | None = None) -> list[dict]:
    """Run axe on the page as it is now; return its violations."""
    if not page.evaluate("typeof window.axe === 'object'"):
        with contextlib.suppress(PlaywrightError):  # a Content-Security-Policy may refuse the tag
            page.add_script_tag(content=axe_source())
        if not page.evaluate("typeof window.axe === 'object'"):
            # The DevTools protocol is not bound by the page's CSP.
            page.evaluate(axe_source() + "\n;undefined")
    options = {"runOnly": {"type": "tag", "values": tags or WCAG_21_AA}, "resultTypes": ["violations"]}
    return page.evaluate("options => axe.run(document, options).then(result => result.violations)", options)


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"][:5]:
            summary = (node.get("failureSummary") or "").strip().splitlines()
            lines.append(f"    {json.dumps(node['target'], ensure_ascii=False)}: {summary[-1].strip() if summary else ''}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def assert_no_axe_violations(page, tags: list[str] | None = None) -> None:
    """Fail with a readable list (rule, impact, elements) if axe finds any WCAG 2.1 A/AA
    violation on the page."""
    violations = axe_violations(page, tags)
    assert not violations, f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url}:\n{describe(violations)}"
