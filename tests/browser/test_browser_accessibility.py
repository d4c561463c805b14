"""Accessibility: axe-core (npm, the version package.json pins) checks every page type of the fixture site
against WCAG 2.1 A and AA at desktop (1280) and phone (390) width and finds nothing — contrast of the
政协 red header, tabs, links and chips, names of the header's buttons, links told apart from the text,
code that scrolls. Also the search results, the 字号 panel open and 长者模式 (docs/assets/zx-reader.js)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import fixture_site
from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# One page of each type the site publishes (the fixture site: tests/fixtures/corpus).
PAGE_TYPES = [
    ("home", ""),
    ("rules section", "rules/"),
    ("plans section", "plans/"),
    ("summaries section", "summaries/"),
    ("notes section", "notes/"),
    ("rule", f"rules/{fixture_site.RULE}/"),
    ("plan", f"plans/{fixture_site.PLAN}/"),
    ("summary", f"summaries/{fixture_site.SUMMARY}/"),
    ("half-year summary", f"summaries/{fixture_site.HALF_YEAR}/"),
    ("note", f"notes/{fixture_site.NOTE}/"),
    ("topics", "topics/"),
    ("topic", "topics/ecology/"),
    ("years", "years/"),
    ("year", "years/2016/"),
    ("bodies", "bodies/"),
    ("body", "bodies/minghu-city/"),
    ("figures", "figures/"),
    ("body figures", "figures/minghu-city/"),
    ("follow-through", "follow-through/"),
    ("follow-through year", "follow-through/2016/"),
    ("open data", "opendata/"),
    ("data check", "data-check/"),
    ("waivers", "waivers/"),
    ("404", "404.html"),
    ("guide", "guide/"),
    ("guide reference", "guide/reference/"),
    ("problem codes", "guide/problems/"),
]


@pytest.fixture(scope="session")
def axe_script(node_modules: Path) -> str:
    """axe-core as package.json pins it (package-lock.json, installed by `npm ci`)."""
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]
    installed = node_modules / "axe-core" / "package.json"
    assert json.loads(installed.read_text(encoding="utf-8"))["version"] == pinned
    return str(AXE)


def axe_violations(page: Page, axe_script: str) -> list[str]:
    """What axe-core finds on the page as it is now (WCAG 2.1 A/AA), one line per rule and element."""
    page.add_script_tag(path=axe_script)
    found = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.flatMap((v) => v.nodes.map((n) =>
                `${v.id}: ${n.target.join(" ")} — ${n.failureSummary.replace(/\\s+/g, " ")}`));
        }""",
        WCAG,
    )
    return list(found)


def test_axe_core_is_pinned_to_one_version_with_an_integrity_hash():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    version = package["devDependencies"]["axe-core"]
    assert version[0].isdigit() and all(part.isdigit() for part in version.split("."))
    entry = lock["packages"]["node_modules/axe-core"]
    assert entry["version"] == version and entry["integrity"].startswith("sha512-")


@pytest.mark.parametrize(("kind", "path"), PAGE_TYPES, ids=[kind for kind, _ in PAGE_TYPES])
def test_axe_finds_nothing_on_each_page_type(page: Page, axe_script: str, kind: str, path: str):
    page.goto(page.base_url + path)
    expect(page.locator("h1").first).to_be_visible()
    assert axe_violations(page, axe_script) == [], f"{kind} ({path}) at {page.width_name} width"


def test_axe_finds_nothing_in_the_search_results(page: Page, axe_script: str):
    page.goto(page.base_url)
    page.locator("[data-zx-search-open]").first.click()
    dialog = page.locator("#zx-search")
    expect(dialog).to_be_visible()
    field = dialog.get_by_role("textbox").first  # the search UI loads on first use, then takes the focus
    expect(field).to_be_focused()
    field.fill("协商")
    expect(dialog.locator('a[href*="/plans/"]').first).to_be_visible()
    page.shot("accessibility-search")
    assert axe_violations(page, axe_script) == []


def test_axe_finds_nothing_in_elder_mode_with_the_settings_and_contents_open(page: Page, axe_script: str):
    """长者模式 and 大 chosen, the 字号 panel open, a long document's 目录 (phones) unfolded."""
    page.goto(page.base_url + f"plans/{fixture_site.PLAN}/")
    toggle = page.locator("header").get_by_role("button", name="字号")
    toggle.click()
    panel = page.locator("#zx-reader-panel")
    panel.get_by_role("button", name="长者模式").click()
    panel.get_by_role("button", name="大", exact=True).click()
    expect(panel.get_by_role("button", name="长者模式")).to_have_attribute("aria-pressed", "true")
    if page.width_name == "phone":
        page.locator("details.zx-toc-phone summary").click()
    page.shot("accessibility-elder-mode")
    assert axe_violations(page, axe_script) == []
    page.goto(page.base_url + f"summaries/{fixture_site.SUMMARY}/")  # the setting holds; tables and figures
    expect(page.locator("html")).to_have_attribute("data-zx-elder", "")
    assert axe_violations(page, axe_script) == []
    # Larger text reflows: nothing runs past the right edge of the screen (WCAG 1.4.10).
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
