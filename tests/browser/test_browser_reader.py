"""The reader's site in Chromium at desktop (1280) and phone (390) width, on the fixture corpus served
under its sub-path (/zx/): the 404 page, breadcrumbs, related and 上一篇/下一篇, tables on phones,
search quality and keys (printing: test_browser_print.py). Screenshots in tests/artifacts/."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

import fixture_site
from reader_support import ECOLOGY, LUOYANG_2018, YEAR_2018, YUNXI_2018

SUMMARY = "summaries/2019-test-annual-summary/"
PLAN_2019 = "plans/2019-test-consultation-plan/"


# ---- 1/2. deploy anywhere, Chinese 404 ------------------------------------------------------------


def test_404_under_the_sub_path_is_chinese_styled_and_searchable(reader_page: Page):
    page = reader_page
    response = page.goto(page.base_url + "no/such/page/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("找不到这个页面")
    # Material's stylesheet and our own loaded from /zx/: the header is laid out, the footer is Chinese.
    assert page.evaluate("getComputedStyle(document.querySelector('header.md-header')).position") == "sticky"
    expect(page.locator(".md-footer")).not_to_contain_text("Made with")
    page.shot("reader-404")
    page.locator("article [data-zx-search-open]").click()
    field = page.locator("#zx-search .pagefind-ui__search-input")
    expect(field).to_be_focused()
    field.fill("云溪市政协")
    first = page.locator("#zx-search .pagefind-ui__result-link").first
    expect(first).to_have_attribute("href", re.compile(rf"^/zx/plans/{YUNXI_2018}/"))
    page.keyboard.press("Escape")
    page.locator("article").get_by_role("link", name="协商计划").click()
    expect(page).to_have_url(page.base_url + "plans/")


# ---- 4. wayfinding --------------------------------------------------------------------------------


def test_breadcrumbs_related_and_series_at_both_widths(reader_page: Page):
    page = reader_page
    page.goto(page.base_url + PLAN_2019)
    crumbs = page.locator(".zx-breadcrumbs")
    expect(crumbs).to_be_visible()
    expect(crumbs.locator("li")).to_have_text(
        ["首页", "协商计划", "洛阳市政协", "2019 年", "洛阳市政协2019年度协商计划"]
    )
    box = crumbs.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 1  # on screen, phones too
    page.shot("reader-breadcrumbs")
    related = page.locator(".zx-related")
    related.scroll_into_view_if_needed()
    expect(related.get_by_role("link", name="洛阳市政协2019年工作总结")).to_be_visible()
    previous = page.locator(".zx-series a[rel=prev]")
    expect(previous).to_contain_text("上一篇")
    expect(previous).to_contain_text("洛阳市政协2018年度协商计划")
    previous.scroll_into_view_if_needed()
    page.shot("reader-related-and-series")
    previous.click()
    expect(page).to_have_url(page.base_url + f"plans/{LUOYANG_2018}/")
    page.locator(".zx-breadcrumbs").get_by_role("link", name="洛阳市政协").click()
    expect(page).to_have_url(page.base_url + "bodies/luoyang-city/")


# ---- 3. tables ------------------------------------------------------------------------------------


def test_follow_through_table_is_a_table_on_desktop_and_cards_on_phones(reader_page: Page):
    page = reader_page
    page.goto(page.base_url + SUMMARY)
    table = page.locator("table.zx-reports")
    table.scroll_into_view_if_needed()
    cell = table.locator("tbody tr").first.locator("td").first
    borders = page.evaluate(
        "(el) => getComputedStyle(el).borderTopWidth", table.locator("thead th").first.element_handle()
    )
    if page.width_name == "desktop":
        assert cell.evaluate("el => getComputedStyle(el).display") == "table-cell"
        assert borders != "0px"  # styled: borders and padding
    else:
        assert cell.evaluate("el => getComputedStyle(el).display") == "block"
        row = table.locator("tbody tr").first.bounding_box()
        assert row["width"] > 300  # one card per row across the screen, not 4-character columns
        label = cell.evaluate("el => getComputedStyle(el, '::before').content")
        assert "计划项目" in label
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.shot("reader-table")


# ---- 5. search quality --------------------------------------------------------------------------


def _top(page: Page, query: str, n: int) -> list[str]:
    """URLs of the first n results of Pagefind's own API for the query (the ranking the UI shows)."""
    return page.evaluate(
        """async ([query, n]) => {
            const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI + "../".repeat(0)).href);
            await pagefind.options({ baseUrl: "/zx/" });
            const search = await pagefind.search(query);
            const data = await Promise.all(search.results.slice(0, n).map(r => r.data()));
            return data.map(d => d.url);
        }""",
        [query, n],
    )


def test_search_ranks_documents_for_a_year_a_body_and_a_topic(reader_page: Page):
    page = reader_page
    page.goto(page.base_url)
    assert {u.split("/")[-2] for u in _top(page, "2018", 2)} == YEAR_2018
    assert _top(page, "云溪市政协", 1)[0].endswith(f"/plans/{YUNXI_2018}/")
    assert {u.split("/")[-2] for u in _top(page, "生态环境", 2)} == ECOLOGY
    for url in _top(page, "协商", 20):  # only documents: no topic, year or body pages
        assert re.search(r"/zx/(plans|summaries|rules|notes)/[^/]+/$", url), url


def test_search_keys_query_memory_sort_and_highlight(reader_page: Page):
    page = reader_page
    page.goto(page.base_url + "plans/")
    page.locator("[data-zx-search-open]").first.click()
    dialog = page.locator("#zx-search")
    field = dialog.locator(".pagefind-ui__search-input")
    field.fill("协商计划")
    links = dialog.locator(".pagefind-ui__result-link")
    expect(links.nth(1)).to_be_visible()
    # Closing and reopening keeps the query and its results.
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.locator("[data-zx-search-open]").first.click()
    expect(field).to_have_value("协商计划")
    # Sorting by date: the newest matching document (the summary of 2019-12-20) first, then the oldest.
    dialog.locator("[data-zx-search-sort]").select_option("desc")
    titles = dialog.locator(".pagefind-ui__result-inner > .pagefind-ui__result-title > a")
    expect(titles.first).to_have_attribute("href", re.compile(r"/summaries/2019-test-annual-summary/"))
    dialog.locator("[data-zx-search-sort]").select_option("asc")
    expect(titles.first).to_have_attribute("href", re.compile(r"/plans/2018-"))
    dialog.locator("[data-zx-search-sort]").select_option("")
    # ↓ from the field to the first result, ↓ to the next, ↑ back, Enter opens it.
    field = dialog.locator(".pagefind-ui__search-input")
    field.focus()
    expect(links.first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(links.first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(links.first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(field).to_be_focused()
    page.keyboard.press("ArrowDown")
    target = links.first.get_attribute("href")
    page.shot("reader-search-keys")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"highlight="))
    assert target.split("?")[0].split("#")[0] in page.url
    # The landing page marks the query (Pagefind's highlight script).
    expect(page.locator("[data-pagefind-body] mark.pagefind-highlight").first).to_be_visible()
    page.shot("reader-search-highlight")
    # Another page: the query is still there when the search opens.
    page.locator("[data-zx-search-open]").first.click()
    expect(page.locator("#zx-search .pagefind-ui__search-input")).to_have_value("协商计划")
    expect(page.locator("#zx-search .pagefind-ui__result-link").first).to_be_visible()


# ---- 8. reading: 字号, 长者模式, 目录 on phones, Chinese type (issue 27, items 5–7) ------------------------

FIXTURE_PLAN = f"plans/{fixture_site.PLAN}/"  # four parts, two of them with sub-headings: a long document
FIXTURE_NOTE = f"notes/{fixture_site.NOTE}/"  # a short one
TEXT = "[data-pagefind-body] > p"


def _px(page: Page, selector: str, prop: str = "fontSize") -> float:
    return float(page.evaluate(f"getComputedStyle(document.querySelector({selector!r})).{prop}").rstrip("px"))


def _reader_controls(page: Page):
    """The header's 字号 button, opened: the panel with 大/中/小 and 长者模式."""
    toggle = page.locator("header").get_by_role("button", name="字号")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    panel = page.locator("#zx-reader-panel")
    expect(panel).to_be_visible()
    return toggle, panel


def test_font_size_and_elder_mode_are_remembered_across_pages(page: Page):
    page.goto(page.base_url + FIXTURE_PLAN)
    normal, root = _px(page, TEXT), _px(page, "html")
    toggle, panel = _reader_controls(page)
    sizes = panel.get_by_role("group", name="字号")
    big, middle, small = (sizes.get_by_role("button", name=n, exact=True) for n in ("大", "中", "小"))
    elder = panel.get_by_role("button", name="长者模式")
    expect(middle).to_have_attribute("aria-pressed", "true")
    for button in (big, small, elder):
        expect(button).to_have_attribute("aria-pressed", "false")
    big.click()
    expect(big).to_have_attribute("aria-pressed", "true")
    expect(middle).to_have_attribute("aria-pressed", "false")
    larger = _px(page, TEXT)
    assert larger > normal * 1.1
    elder.click()
    expect(elder).to_have_attribute("aria-pressed", "true")
    assert _px(page, "html") > root * 1.1  # everything larger, header and navigation too
    assert page.evaluate(f"getComputedStyle(document.querySelector({TEXT!r})).color") == "rgb(0, 0, 0)"
    page.keyboard.press("Escape")  # closes the panel, back on its button
    expect(panel).to_be_hidden()
    expect(toggle).to_be_focused()
    page.shot("reader-elder-mode")
    # Another page, and the same page loaded again: the reader's choice holds.
    for path in (FIXTURE_NOTE, FIXTURE_PLAN):
        page.goto(page.base_url + path)
        assert _px(page, "html") > root * 1.1
        _, panel = _reader_controls(page)
        expect(panel.get_by_role("button", name="大", exact=True)).to_have_attribute("aria-pressed", "true")
        expect(panel.get_by_role("button", name="长者模式")).to_have_attribute("aria-pressed", "true")
    assert _px(page, TEXT) > larger  # 大 within 长者模式
    panel.get_by_role("button", name="小", exact=True).click()
    panel.get_by_role("button", name="长者模式").click()
    page.reload()
    assert _px(page, "html") == root
    assert _px(page, TEXT) < normal
    _, panel = _reader_controls(page)
    panel.get_by_role("button", name="中", exact=True).click()
    page.reload()
    assert _px(page, TEXT) == normal


def test_a_long_document_has_folded_contents_on_phones(page: Page):
    page.goto(page.base_url + FIXTURE_PLAN)
    contents = page.locator("details.zx-toc-phone")
    if page.width_name == "desktop":  # the contents sidebar is there; no second 目录
        expect(contents).to_be_hidden()
        expect(page.locator(".md-sidebar--secondary").get_by_role("link", name="二、基本原则")).to_be_visible()
        return
    expect(contents).to_be_visible()
    # Below the title and the document's header, above the text; folded.
    assert page.evaluate(
        "document.querySelector('.zx-doc-header').compareDocumentPosition(document.querySelector('details.zx-toc-phone'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    heading = page.locator("h2", has_text="二、基本原则")
    assert contents.bounding_box()["y"] < heading.bounding_box()["y"]
    entry = contents.get_by_role("link", name="二、基本原则")
    expect(entry).to_be_hidden()
    contents.locator("summary").click()
    expect(contents.get_by_role("link", name="（一）选题少而精")).to_be_visible()
    page.shot("reader-phone-contents")
    entry.click()
    expect(page).to_have_url(re.compile("#"))
    assert abs(heading.bounding_box()["y"]) < page.viewport_size["height"] / 2  # scrolled to the part
    page.goto(page.base_url + FIXTURE_NOTE)  # a short document: no 目录
    expect(page.locator("h1")).to_be_visible()
    assert page.locator("details.zx-toc-phone").count() == 0


def test_chinese_type_punctuation_tooltips_and_title(page: Page):
    page.goto(page.base_url + FIXTURE_PLAN)
    text = page.locator(TEXT).first
    # “ ” and …… set in a CJK face: as wide as a 汉字 (a Latin face makes “ a third of it).
    widths = text.evaluate(
        """(el) => {
            const probe = document.createElement("span");
            probe.style.whiteSpace = "nowrap";
            el.append(probe);
            const width = (s) => { probe.textContent = s; return probe.getBoundingClientRect().width; };
            const han = width("协商");  // each mark between two 汉字 (not at a line start, where CSS trims it)
            const result = [han / 2, width("协“商") - han, width("协”商") - han, (width("协……商") - han) / 2];
            probe.remove();
            return result;
        }"""
    )
    han = widths[0]
    assert all(abs(w - han) < 0.5 for w in widths[1:]), widths
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    for font in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC"):
        assert font in family
    # Heading links say what they are in Chinese; no English tooltip anywhere on the page.
    anchor = page.locator("h2 a.headerlink").first
    expect(anchor).to_have_attribute("title", "本节链接")
    assert page.locator("[title*='Permanent'], [aria-label*='Permanent']").count() == 0
    # The title is 政协 red and bold, not Material's light grey.
    red, green, blue = map(
        int, re.findall(r"\d+", page.evaluate("getComputedStyle(document.querySelector('h1')).color"))[:3]
    )
    assert red > 120 and green < 40 and blue < 40
    assert int(page.evaluate("getComputedStyle(document.querySelector('h1')).fontWeight")) >= 700
