"""The merged 2-shard site in Debian's Chromium, desktop and phone: one search finds documents of both
shards (the hub's Pagefind bundle with shard 2's merged in, mergeIndex) and the 单位 filter, whose
values come from both bundles, narrows the results to one shard's body."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import VIEWPORTS, browser_page
from serving import root_url, serve
from shards_support import OTHER_TITLE

TITLE = ".pagefind-ui__result-inner > .pagefind-ui__result-title > a.pagefind-ui__result-link"
HUB_TITLE = "洛阳市政协工作规则"


@pytest.fixture(scope="module")
def merged_url(shard_sites):
    server = serve(shard_sites[2], not_found="404.html")
    yield root_url(server)
    server.shutdown()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def page(request, browser, merged_url):
    page = browser_page(browser, request.param, merged_url)
    yield page
    page.context.close()


def test_search_finds_both_shards_and_a_filter_narrows_them(page):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(page.base_url + "notes/2019-test-study-note/")
    page.locator("[data-zx-search-open]").click()
    dialog = page.locator("#zx-search")
    dialog.locator(".pagefind-ui__search-input").fill("规则")
    titles = dialog.locator(TITLE)
    expect(titles.filter(has_text=OTHER_TITLE)).to_have_count(1)  # shard 2's bundle
    expect(titles.filter(has_text=re.compile(f"^{HUB_TITLE}$"))).to_have_count(1)  # the hub's
    assert any("/pagefind-2/" in url for url in requested) and any("/pagefind/" in url for url in requested)
    page.shot("shards-search")

    body = dialog.locator(".pagefind-ui__filter-block").filter(
        has=page.locator(".pagefind-ui__filter-name", has_text=re.compile("^单位$"))
    )
    option = body.locator(".pagefind-ui__filter-value").filter(has_text="莒县政协")
    if not option.is_visible():  # folded on phones
        body.locator(".pagefind-ui__filter-name").click()
    expect(option).to_be_visible()
    option.locator("input[type=checkbox]").check()
    expect(titles).to_have_count(1)
    expect(titles.first).to_have_text(OTHER_TITLE)
    titles.first.click()
    expect(page).to_have_url(re.compile(r"/rules/2019-test-juxian-rules/"))
