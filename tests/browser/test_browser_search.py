"""The search dialog in Chromium at desktop and phone width, on the fixture site: filters combine (OR
within a filter, AND across), the 类别 filter shows each kind above its types, result rows show body and
date beside an excerpt of the body text, and on a phone the filters fold into one row of buttons so the
first result is near the top. Screenshots in tests/artifacts/."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

TITLE = ".pagefind-ui__result-inner > .pagefind-ui__result-title > a.pagefind-ui__result-link"
SUMMARY = "/summaries/2016-minghu-annual-summary/"
REPORT = "/summaries/2016-minghu-proposal-report/"
HALF_YEAR = "/summaries/2016-qingxi-half-year-summary/"


def search(page: Page, query: str):
    page.goto(page.base_url + "plans/")
    page.locator("[data-zx-search-open]").click()
    dialog = page.locator("#zx-search")
    dialog.locator(".pagefind-ui__search-input").fill(query)
    expect(dialog.locator(".pagefind-ui__message")).to_contain_text(query)
    expect(dialog.locator(TITLE).first).to_be_visible()
    return dialog


def block(dialog, name: str):
    return dialog.locator(f'.pagefind-ui__filter-block[data-zx-filter-name="{name}"]')


def option(dialog, name: str, value: str):
    """A filter value's row; its block is opened first when folded (on a phone)."""
    rows = (
        block(dialog, name)
        .locator(".pagefind-ui__filter-value")
        .filter(
            has=dialog.page.locator(".pagefind-ui__filter-label", has_text=re.compile(rf"^{re.escape(value)} \(\d+\)$"))
        )
    )
    if not rows.first.is_visible():
        block(dialog, name).locator(".pagefind-ui__filter-name").click()
    expect(rows).to_have_count(1)
    expect(rows).to_be_visible()
    return rows


def shown_urls(dialog) -> list[str]:
    links = dialog.locator(TITLE)
    return sorted(links.nth(i).get_attribute("href").split("?")[0] for i in range(links.count()))


def count(dialog) -> int:
    return int(re.search(r"找到 (\d+) 个", dialog.locator(".pagefind-ui__message").inner_text()).group(1))


def test_filters_combine_or_within_and_across_with_kinds_above_types(page: Page):
    dialog = search(page, "提案")
    total = count(dialog)
    # 类别: the kind 工作总结 above its types, indented under it.
    kind, annual = option(dialog, "类别", "工作总结"), option(dialog, "类别", "年度工作总结")
    assert kind.bounding_box()["y"] < annual.bounding_box()["y"]
    assert kind.locator("label").bounding_box()["x"] < annual.locator("label").bounding_box()["x"]
    # OR within a filter: two types give the documents of either.
    annual.locator("input").check()
    expect(dialog.locator(TITLE)).to_have_count(1)
    option(dialog, "类别", "半年工作总结").locator("input").check()
    expect(dialog.locator(TITLE)).to_have_count(2)
    assert shown_urls(dialog) == sorted([SUMMARY, HALF_YEAR])
    # The kind ticks all of its types: every summary holding 提案.
    option(dialog, "类别", "工作总结").locator("input").check()
    expect(dialog.locator(TITLE)).to_have_count(3)
    assert shown_urls(dialog) == sorted([SUMMARY, HALF_YEAR, REPORT])
    assert count(dialog) == 3 < total
    # AND across filters: the summaries of 明湖市政协.
    option(dialog, "单位", "明湖市政协").locator("input").check()
    expect(dialog.locator(TITLE)).to_have_count(2)
    assert shown_urls(dialog) == sorted([SUMMARY, REPORT])
    page.shot("search-filters-combined")
    # 清除筛选: back to every result.
    dialog.locator(".zx-search__reset").click()
    expect(dialog.locator(".pagefind-ui__message")).to_contain_text(f"找到 {total} 个")


def test_result_rows_show_body_date_and_an_excerpt_of_the_body(page: Page):
    dialog = search(page, "社情民意")
    results = dialog.locator(".pagefind-ui__result")
    expect(results).to_have_count(1)
    row = results.first
    expect(row.locator(TITLE.split(" > ", 1)[1])).to_have_attribute("href", re.compile(re.escape(SUMMARY)))
    expect(row.locator(".zx-search__facts")).to_contain_text("明湖市政协")
    expect(row.locator(".zx-search__facts")).to_contain_text("2016年12月26日")
    expect(row.locator(".zx-search__sample")).to_have_text("示例")  # a sample document says so, as its page does
    excerpt = row.locator(".pagefind-ui__result-excerpt")
    expect(excerpt.locator("mark").first).to_have_text("社情民意")
    assert "类别" not in excerpt.inner_text() and ". " not in excerpt.inner_text()
    page.shot("search-result-row")


def test_on_a_phone_the_filters_fold_and_the_first_result_is_near_the_top(page: Page):
    dialog = search(page, "提案")
    first = dialog.locator(".pagefind-ui__result").first
    names = dialog.locator(".pagefind-ui__filter-name")
    expect(names.first).to_be_visible()
    values = dialog.locator(".pagefind-ui__filter-value")
    viewport = page.viewport_size
    if page.width_name == "phone":
        # Folded: the filters are one or two rows of buttons, no value shows until one is opened.
        expect(values.first).to_be_hidden()
        assert first.bounding_box()["y"] < viewport["height"] * 0.4
        tops = {round(names.nth(i).bounding_box()["y"]) for i in range(names.count())}
        assert len(tops) <= 2, tops
        names.first.click()
        expect(values.first).to_be_visible()
    else:
        # Beside the results, 类别 open.
        expect(block(dialog, "类别").locator(".pagefind-ui__filter-value").first).to_be_visible()
        assert dialog.locator(".zx-search__filters").bounding_box()["x"] < first.bounding_box()["x"]
        assert first.bounding_box()["y"] < viewport["height"] * 0.4
    page.shot("search-phone-folded" if page.width_name == "phone" else "search-desktop-filters")


def test_a_cleared_then_new_query_lists_its_own_results_and_filters(page: Page):
    dialog = search(page, "社情民意")
    expect(dialog.locator(TITLE)).to_have_count(1)
    dialog.locator(".pagefind-ui__search-clear").click()
    expect(dialog.locator(".pagefind-ui__result")).to_have_count(0)
    expect(dialog.locator(".pagefind-ui__filter-block")).to_have_count(0)
    dialog.locator(".pagefind-ui__search-input").fill("和美乡村")
    expect(dialog.locator(".pagefind-ui__message")).to_have_text("没有找到“和美乡村”的相关结果")
    dialog.locator(".pagefind-ui__search-input").fill("营商环境")
    expect(dialog.locator(TITLE)).to_have_count(2)
    expect(block(dialog, "类别")).to_be_attached()
