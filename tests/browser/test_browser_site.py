"""The site in Debian's Chromium (Playwright), at desktop and phone width, served over local HTTP:
home → 协商计划 → a plan, and the Pagefind search in the header (提案 → the annual summary, the 类别
filter, 振兴, 营商环境, keyboard, phone overlay), plus what one query downloads. The site is the fixture
site (tests/fixtures/corpus), so what is searched for is known whatever samples the repository holds.
Screenshots land in tests/artifacts/ (page.shot)."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

import fixture_site
from conftest import ARTIFACTS, ROOT, VIEWPORTS
from serving import root_url, serve
from site_checks import header_fields

PLAN = f"plans/{fixture_site.PLAN}/"
PLAN_TITLE = fixture_site.front_matter(fixture_site.FIXTURE / "docs" / f"{PLAN.rstrip('/')}.md")["title"]
TITLE = ".pagefind-ui__result-inner > .pagefind-ui__result-title > a.pagefind-ui__result-link"  # not sub-results
SUMMARY = f"summaries/{fixture_site.SUMMARY}/"  # the one annual summary that mentions 提案
SUMMARY_TITLE = fixture_site.front_matter(fixture_site.FIXTURE / "docs" / f"{SUMMARY.rstrip('/')}.md")["title"]


# ---- helpers -----------------------------------------------------------------------------------------


def open_search(page: Page):
    page.locator("[data-zx-search-open]").click()
    dialog = page.locator("#zx-search")
    expect(dialog).to_be_visible()
    field = dialog.locator(".pagefind-ui__search-input")
    expect(field).to_be_focused()
    return dialog, field


def search(page: Page, query: str):
    dialog, field = open_search(page)
    field.fill(query)
    expect(dialog.locator(".pagefind-ui__message")).to_contain_text(query)
    return dialog


def result_count(dialog) -> int:
    """The number in Pagefind's message, e.g. 找到 7 个 提案 的相关结果."""
    message = dialog.locator(".pagefind-ui__message")
    expect(message).to_have_text(re.compile(r"\d+"))
    return int(re.search(r"\d+", message.inner_text()).group())


def result_link(dialog, url: str):
    """The result title linking to url; pages through 加载更多结果 until it is shown."""
    # Result links carry ?highlight=<query> (the landing page marks it), so match the path.
    link = dialog.locator(f'{TITLE}[href$="/{url}"], {TITLE}[href*="/{url}?"]')
    more = dialog.locator(".pagefind-ui__button")
    results = dialog.locator(".pagefind-ui__result")
    expect(results.first).to_be_visible()
    for _ in range(20):
        if link.count() or not more.count():
            break
        shown = results.count()
        more.click()
        expect(results).not_to_have_count(shown)
    return link


def result_urls(dialog) -> list[str]:
    links = dialog.locator(TITLE)
    expect(links.first).to_be_visible()
    return [links.nth(i).get_attribute("href") for i in range(links.count())]


# ---- browsing ----------------------------------------------------------------------------------------


def test_home_to_a_plan_in_two_clicks(page):
    page.goto(page.base_url)
    expect(page).to_have_title(re.compile("协商知识库"))
    page.shot("home")
    page.locator("article").get_by_role("link", name="协商计划", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/plans/$"))
    page.locator("article").get_by_role("link", name=PLAN_TITLE).click()
    expect(page).to_have_url(re.compile(re.escape(PLAN) + "$"))
    expect(page.locator("h1")).to_have_text(PLAN_TITLE)
    header = page.locator(".zx-doc-header")
    expect(header).to_be_visible()
    fields = header_fields(ROOT)  # the header's labels come from the registry (data/fields.yml)
    expect(header).to_contain_text(fields["type"]["label"])
    expect(header).to_contain_text("年度协商计划")
    expect(header).to_contain_text(fields["body"]["label"])
    expect(header).to_contain_text("明湖市政协")
    expect(header).to_contain_text("专题")
    expect(header.locator(".zx-sample__badge")).to_have_text("示例")
    item = page.locator("#item-p01")
    item.scroll_into_view_if_needed()
    expect(item).to_be_visible()
    expect(item).to_contain_text("形式")
    expect(item).to_contain_text("牵头")
    page.shot("plan")
    page.goto(page.base_url + PLAN)
    page.shot("plan-top")


# ---- search ------------------------------------------------------------------------------------------


def test_search_proposals_finds_the_annual_summary_then_filters_by_kind(page):
    page.goto(page.base_url)
    dialog = search(page, "提案")
    link = result_link(dialog, SUMMARY)
    expect(link).to_have_text(SUMMARY_TITLE)
    total = result_count(dialog)
    assert total >= 2
    page.shot("search-proposals")

    kind = dialog.locator(".pagefind-ui__filter-block").filter(
        has=page.locator(".pagefind-ui__filter-name", has_text=re.compile("^类别$"))
    )
    option = kind.locator(".pagefind-ui__filter-value").filter(has_text="年度工作总结")
    if not option.is_visible():  # folded on phones: open the 类别 block
        kind.locator(".pagefind-ui__filter-name").click()
    expect(option).to_be_visible()
    expected = int(re.search(r"\((\d+)\)", option.inner_text()).group(1))
    assert 0 < expected < total, "the 类别 filter should narrow the results"
    option.locator("input[type=checkbox]").check()
    expect(dialog.locator(".pagefind-ui__message")).to_have_text(re.compile(rf"\b{expected}\b"))
    assert result_count(dialog) == expected
    expect(result_link(dialog, SUMMARY)).to_be_visible()
    expect(dialog.locator(TITLE)).to_have_count(min(expected, 5))
    assert all("/summaries/" in url for url in result_urls(dialog))
    page.shot("search-proposals-filtered")

    result_link(dialog, SUMMARY).click()
    expect(page).to_have_url(re.compile(re.escape(SUMMARY) + r"(\?highlight=[^#]*)?$"))
    expect(page.locator("#zx-search")).to_be_hidden()


@pytest.mark.parametrize("query, expected", [("振兴", PLAN), ("营商环境", PLAN)])
def test_search_matches_chinese_words(page, query, expected):
    page.goto(page.base_url + "rules/")
    dialog = search(page, query)
    expect(result_link(dialog, expected)).to_be_visible()
    expect(dialog.locator(".pagefind-ui__result-excerpt mark").first).to_be_visible()


def test_search_keyboard(page):
    page.goto(page.base_url + PLAN)
    dialog = page.locator("#zx-search")
    expect(dialog).to_be_hidden()
    page.keyboard.press("/")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".pagefind-ui__search-input")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.keyboard.press("Control+k")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".pagefind-ui__search-input")).to_be_focused()
    page.keyboard.type("提案")
    expect(dialog.locator(".pagefind-ui__result").first).to_be_visible()
    page.keyboard.type("np")  # Material's page keys stay out of the search field
    expect(dialog.locator(".pagefind-ui__search-input")).to_have_value("提案np")
    expect(page).to_have_url(re.compile(re.escape(PLAN) + "$"))
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    dialog.page.locator("[data-zx-search-open]").click()
    dialog.locator("[data-zx-search-close]").click()
    expect(dialog).to_be_hidden()


def test_search_overlay_is_usable(page):
    page.goto(page.base_url + PLAN)
    dialog = search(page, "提案")
    field = dialog.locator(".pagefind-ui__search-input")
    expect(field).to_be_in_viewport()
    first = dialog.locator(".pagefind-ui__result").first
    first.scroll_into_view_if_needed()
    expect(first).to_be_in_viewport()
    box, viewport = dialog.bounding_box(), VIEWPORTS[page.width_name]
    if page.width_name == "phone":  # a full-screen overlay
        assert box["x"] <= 1 and box["y"] <= 1
        assert box["width"] >= viewport["width"] - 1 and box["height"] >= viewport["height"] - 1
    else:  # a panel under the header, the page still around it
        assert box["width"] < viewport["width"]
    page.shot("search-overlay")


# ---- what a query downloads --------------------------------------------------------------------------


def _pagefind_downloads(context, run) -> dict[str, int]:
    """Bytes of every response under /pagefind/ while `run` searches (the dedicated worker included)."""
    seen: dict[str, int] = {}

    def record(response):
        if "/pagefind/" in response.url and response.ok:
            seen[response.url.split("?")[0]] = int(response.headers.get("content-length", "0"))

    context.on("response", record)
    run()
    context.remove_listener("response", record)
    return seen


def _is_index_data(url: str) -> bool:
    name = url.rsplit("/", 1)[-1]
    return ".pf_" in name or name.startswith("wasm.") or name == "pagefind-entry.json"


def test_one_query_downloads_less_than_the_index(browser, site_url, built_site):
    from zhengxie.outputs.search import index_stats

    stats = index_stats(built_site)
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(site_url)

    def run():
        dialog = search(page, "提案")
        expect(dialog.locator(TITLE).first).to_be_visible()
        page.wait_for_load_state("networkidle")

    seen = _pagefind_downloads(context, run)
    context.close()
    downloaded = sum(seen.values())
    data = sum(size for url, size in seen.items() if _is_index_data(url))
    assert any(url.endswith(".pf_index") for url in seen), seen
    assert downloaded < stats.total_bytes
    assert data < stats.index_bytes
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "search-bytes.json").write_text(
        json.dumps(
            {
                "query": "提案",
                "pages_indexed": stats.pages,
                "index_total_bytes": stats.total_bytes,
                "index_data_bytes": stats.index_bytes,
                "index_chunks": stats.index_chunks,
                "downloaded_bytes": downloaded,
                "downloaded_index_data_bytes": data,
                "files": {url.split("/pagefind/")[1]: size for url, size in sorted(seen.items())},
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )


WORDS = [
    "提案",
    "振兴",
    "乡村",
    "营商",
    "环境",
    "协商",
    "计划",
    "委员",
    "调研",
    "视察",
    "民主",
    "监督",
    "社情",
    "民意",
    "产业",
    "文化",
    "旅游",
    "生态",
    "教育",
    "医疗",
    "养老",
    "就业",
    "交通",
    "水利",
    "农业",
    "科技",
    "创新",
    "社区",
    "治理",
    "法治",
    "改革",
    "招商",
    "财政",
    "金融",
    "人才",
    "住房",
    "应急",
    "食品",
    "环保",
    "森林",
    "湿地",
    "河流",
    "道路",
    "学校",
]


def test_query_downloads_do_not_grow_with_the_site(browser, tmp_path):
    """On a 400-page synthetic site the index is split into chunks and a query fetches few of them."""
    import random

    from zhengxie.outputs.search import index_site

    rng = random.Random(7)
    rare = [chr(c) + chr(c + 7) for c in range(0x4E00, 0x4E00 + 4000)]
    for i in range(400):
        text = "，".join(rng.choice(WORDS) + rng.choice(WORDS) + rng.choice(rare) for _ in range(300))
        folder = tmp_path / f"doc-{i}"
        folder.mkdir()
        (folder / "index.html").write_text(
            f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>文档{i}</title></head>'
            f"<body><h1>文档{i}</h1><main data-pagefind-body><p>{text}。</p></main></body></html>",
            encoding="utf-8",
        )
    stats = index_site(tmp_path)
    assert stats.pages == 400 and stats.index_chunks > 4, stats

    server = serve(tmp_path)
    url = root_url(server)
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "doc-0/")

    def run():
        count = page.evaluate("""async () => {
            const pagefind = await import("/pagefind/pagefind.js");
            const search = await pagefind.search("提案");
            await Promise.all(search.results.slice(0, 5).map(r => r.data()));
            return search.results.length;
        }""")
        assert count > 0

    seen = _pagefind_downloads(context, run)
    context.close()
    server.shutdown()
    chunks = [u for u in seen if u.endswith(".pf_index")]
    fragments = [u for u in seen if u.endswith(".pf_fragment")]
    data = sum(size for u, size in seen.items() if _is_index_data(u))
    assert 1 <= len(chunks) < stats.index_chunks / 2, chunks
    assert len(fragments) <= 5
    assert data < stats.index_bytes / 2


def test_results_link_under_any_base_path(browser, built_site):
    """Served from a sub-path (/<dir>/), the bundle loads and result links keep the sub-path."""
    server = serve(built_site.parent)
    url = root_url(server)
    prefix = f"/{built_site.name}/"
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(url.rstrip("/") + prefix + PLAN)
    dialog = search(page, "提案")
    link = result_link(dialog, SUMMARY)
    expect(link).to_have_attribute("href", re.compile("^" + re.escape(prefix + SUMMARY) + r"(\?|$)"))
    link.click()
    expect(page).to_have_url(re.compile(re.escape(prefix + SUMMARY) + r"(\?highlight=[^#]*)?$"))
    context.close()
    server.shutdown()
