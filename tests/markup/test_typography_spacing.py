"""The spacing rule for the text the site writes itself (docs/guide/reference.md, 排版): a space between
Chinese and half-width digits or Latin letters (中文文案排版指北) — "列出 18 项", "2018 年" — applied to
the site's labels, counts, year headings and breadcrumbs, never to what an original says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_checks import Page
from zhengxie.markup.typography import missing_spaces, site_text, year_label


@pytest.mark.parametrize(
    ("written", "spaced"),
    [
        ("列出18项协商活动", "列出 18 项协商活动"),
        ("2018年", "2018 年"),
        ("第2页", "第 2 页"),
        ("问题代码ZX301", "问题代码 ZX301"),
        ("列出 18 项", "列出 18 项"),  # already spaced: unchanged
        ("完成率 50.0%", "完成率 50.0%"),  # no space between a number and %
        ("（第 2 页）", "（第 2 页）"),  # none beside full-width punctuation
        ("数据（3 项）", "数据（3 项）"),
        ("calendar.ics", "calendar.ics"),
    ],
)
def test_site_text_spaces_chinese_from_digits_and_latin(written: str, spaced: str):
    assert site_text(written) == spaced
    assert missing_spaces(spaced) == []
    assert site_text(spaced) == spaced


def test_year_label_and_the_places_a_text_breaks_the_rule():
    assert year_label(2016) == "2016 年"
    assert missing_spaces("列出18项") == ["出1", "8项"]


# What the original says, shown as printed inside a sentence of the site's: 本计划所述：10项左右；…
QUOTED = re.compile(r"本计划所述：[^；]*；")


def _pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        parts = path.relative_to(site).parts
        if parts[0] not in ("admin", "pagefind", "guide"):
            yield "/".join(parts[:-1]), Page(path.read_text(encoding="utf-8"))


def test_the_site_spaces_its_own_counts_years_and_breadcrumbs(built_site: Path):
    problems, seen = [], 0
    for url, page in _pages(built_site):
        texts = [text for _, _, text in page.find(cls="zx-index__count")]
        texts += [QUOTED.sub("", text) for _, _, text in page.find(cls="zx-items__count")]
        texts += [text for _, a, text in page.find("h2") if re.fullmatch(r"y\d+", a.get("id", ""))]
        crumbs = [text for _, _, text in page.find("li", inside="zx-breadcrumbs")]
        texts += crumbs[:-1]  # the last is the page's own title (a document's as the original prints it)
        if url.startswith("years/"):
            texts += [text for _, _, text in page.find("h1")]
            texts += [text.split(" - ")[0] for _, _, text in page.find("title")]
        seen += len(texts)
        problems += [f"{url}: {text!r} at {missing_spaces(text)}" for text in texts if missing_spaces(text)]
    assert seen > 100  # the fixture site has them on every index page
    assert problems == []


def test_year_pages_and_breadcrumbs_name_the_year_alike(built_site: Path):
    year_page = Page((built_site / "years" / "2016" / "index.html").read_text(encoding="utf-8"))
    assert [text for _, _, text in year_page.find("h1")] == ["2016 年"]
    plan = Page((built_site / "plans" / "2016-minghu-consultation-plan" / "index.html").read_text(encoding="utf-8"))
    crumbs = [text for _, _, text in plan.find("li", inside="zx-breadcrumbs")]
    assert "2016 年" in crumbs
    # The document's own title keeps the original's writing.
    assert crumbs[-1] == "明湖市政协2016年度协商计划"
