"""The folded 目录 for phones (overrides/partials/zx/toc-phone.html) on the built fixture site: a long
document has one, listing its headings; a short one has none; pages that are not documents have none.
How it looks and folds in Chromium: tests/browser/test_browser_reader.py."""

from __future__ import annotations

from pathlib import Path

import pytest

import fixture_site
from site_checks import Page

RULE = Path("docs/rules") / f"{fixture_site.RULE}.md"
LONG = "承办科室提出意见时，应当写明依据、办理时限和联系人，并抄送办公室备查。" * 60


def contents(site: Path, url: str) -> list[str] | None:
    """The entries of the page's phone 目录, or None when it has none."""
    page = Page((site / url / "index.html").read_text(encoding="utf-8"))
    boxes = list(page.find("details", cls="zx-toc-phone"))
    assert len(boxes) <= 1
    return [text for _, _, text in page.find("a", inside="zx-toc-phone")] if boxes else None


@pytest.fixture(scope="module")
def site(fixture_root: Path, tmp_path_factory) -> Path:
    """The fixture site with its office rules (three chapters) made long."""
    import shutil

    root = Path(shutil.copytree(fixture_root, tmp_path_factory.mktemp("phone") / "site"))
    path = root / RULE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("提出意见。", "提出意见。" + LONG, 1), encoding="utf-8")
    out = root.parent / "out"
    result = fixture_site.build(root, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_long_documents_have_a_phone_contents_and_short_ones_none(site: Path, built_site: Path):
    # The plan: four parts, two sub-headings.
    assert contents(site, f"plans/{fixture_site.PLAN}")[:3] == ["一、指导思想", "二、基本原则", "（一）选题少而精"]
    # The rules: three chapters only, but long (the contents, like the sidebar's, show the full-width space as one).
    assert contents(site, f"rules/{fixture_site.RULE}") == ["第一章 总则", "第二章 文件办理", "第三章 附则"]
    assert contents(built_site, f"rules/{fixture_site.RULE}") is None  # the same rules, short
    assert contents(site, f"notes/{fixture_site.NOTE}") is None
    for url in ("", "plans", "years/2016", "topics"):  # not documents
        assert contents(site, url) is None
