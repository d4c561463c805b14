"""`mkdocs build --strict` refuses a broken internal link or anchor, naming the page."""

import pytest

from fixture_site import PLAN, build


@pytest.mark.parametrize(
    "link",
    ["[去向](../plans/no-such-plan.md)", f"[去向](../plans/{PLAN}.md#没有这一节)"],
    ids=["missing-page", "missing-anchor"],
)
def test_broken_link_fails_the_strict_build(fixture_copy, link):
    page = fixture_copy / "docs" / "guide" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n参见{link}。\n", encoding="utf-8")
    result = build(fixture_copy, fixture_copy / "out")
    assert result.returncode != 0
    assert "guide/index.md" in result.stdout + result.stderr


def test_the_same_link_with_a_real_anchor_builds(fixture_copy):
    page = fixture_copy / "docs" / "guide" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8") + f"\n\n参见[去向](../plans/{PLAN}.md#item-p01)。\n", encoding="utf-8"
    )
    result = build(fixture_copy, fixture_copy / "out")
    assert result.returncode == 0, result.stderr
