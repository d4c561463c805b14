"""Government-portal conventions in Chromium at desktop (1280) and phone (390) width, on a committed
mini-repository (tests/support/portal_support.py): the footer's site information marked 示例, the 附件
list, the print button (it prints), copy-link (the clipboard holds the page's address), 索引号 and the
git dates in the header, and the description and Open Graph tags a shared link's preview reads."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import ARTIFACTS, VIEWPORTS
from portal_support import NOTE_ID, PLAN_ID, PLAN_INTRO, PORTAL_SITE_URL, build_portal_site
from serving import root_url, serve

PLAN_URL = f"plans/{PLAN_ID}/"


@pytest.fixture(scope="module")
def portal_url(tmp_path_factory):
    _repo, out = build_portal_site(tmp_path_factory.mktemp("portal-browser"))
    server = serve(out)
    yield root_url(server)
    server.shutdown()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def portal_page(request, browser, portal_url):
    is_phone = request.param == "phone"
    context = browser.new_context(viewport=VIEWPORTS[request.param], is_mobile=is_phone, has_touch=is_phone)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=portal_url.rstrip("/"))
    page = context.new_page()
    page.base_url = portal_url
    page.width_name = request.param
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.shot = lambda name, full=False: page.screenshot(
        path=str(ARTIFACTS / f"{name}-{request.param}.png"), full_page=full
    )
    yield page
    context.close()


def test_footer_shows_the_site_information_marked_sample(portal_page: Page):
    page = portal_page
    page.goto(page.base_url + PLAN_URL)
    info = page.locator(".zx-site-info")
    info.scroll_into_view_if_needed()
    expect(info).to_be_visible()
    expect(info.locator(".zx-sample__badge")).to_have_text("示例")
    for label, value in (
        ("主办单位", "测试主办单位（示例）"),
        ("承办单位", "测试承办单位（示例）"),
        ("联系方式", "电话 0000-0000000（示例）"),
        ("网站标识码", "0000000000（示例）"),
        ("ICP备案号", "示ICP备00000000号（示例）"),
        ("公安备案号", "示公网安备00000000000000号（示例）"),
        ("纠错", "jiucuo@example.org（示例）"),
    ):
        item = info.locator(".zx-site-info__item", has=page.locator("dt", has_text=label))
        expect(item.locator("dd")).to_have_text(value)
        box = item.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 1, label
    expect(info.get_by_role("link", name="示ICP备00000000号（示例）")).to_have_attribute(
        "href", "https://beian.miit.gov.cn/"
    )
    expect(info.get_by_role("link", name="示公网安备00000000000000号（示例）")).to_have_attribute(
        "href", "https://beian.mps.gov.cn/"
    )
    expect(info.get_by_role("link", name="jiucuo@example.org（示例）")).to_have_attribute(
        "href", "mailto:jiucuo@example.org"
    )
    # The series links and the outputs stay in the footer.
    expect(page.locator(".md-footer .zx-footer-links").get_by_role("link", name="开放数据")).to_be_visible()
    page.shot("portal-footer")


def test_header_has_index_number_dates_and_originals(portal_page: Page):
    page = portal_page
    page.goto(page.base_url + PLAN_URL)
    fields = page.locator(".zx-doc-header__fields")
    expect(fields.locator(".zx-field--index-number")).to_have_text("LYT-2019-0001")
    expect(fields.locator(".zx-field--site-published")).to_have_text("2024年3月5日")
    expect(fields.locator(".zx-field--site-updated")).to_have_text("2024年3月5日")
    originals = page.locator(".zx-originals")
    expect(originals).to_contain_text("附件")
    expect(originals.locator("li")).to_have_count(2)
    link = originals.get_by_role("link", name="2019-test-plan.pdf")
    expect(link).to_be_visible()
    expect(originals.locator("li").first).to_contain_text("（PDF，")
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.ok and response.body().startswith(b"%PDF-")
    page.shot("portal-header")


def test_print_button_prints(portal_page: Page):
    page = portal_page
    page.add_init_script("window.__zxPrinted = 0; window.print = () => { window.__zxPrinted += 1; };")
    page.goto(page.base_url + PLAN_URL)
    button = page.get_by_role("button", name="打印本页")
    expect(button).to_be_visible()
    button.click()
    page.wait_for_function("window.__zxPrinted === 1")


def test_copy_link_copies_the_page_address(portal_page: Page):
    page = portal_page
    page.goto(page.base_url + f"notes/{NOTE_ID}/")
    button = page.get_by_role("button", name="复制链接")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator(".zx-share__status")).to_have_text("链接已复制")
    assert page.evaluate("navigator.clipboard.readText()") == page.base_url + f"notes/{NOTE_ID}/"


def test_copy_link_without_the_clipboard_api_still_copies(portal_page: Page):
    page = portal_page
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});")
    page.goto(page.base_url + PLAN_URL)
    page.evaluate(
        "window.__zxCopied = null; document.addEventListener('copy', () => {"
        " window.__zxCopied = document.activeElement && document.activeElement.value; });"
    )
    page.get_by_role("button", name="复制链接").click()
    status = page.locator(".zx-share__status")
    expect(status).to_have_text("链接已复制")
    assert page.evaluate("window.__zxCopied") == page.base_url + PLAN_URL


def test_description_and_open_graph_tags(portal_page: Page):
    page = portal_page
    page.goto(page.base_url + PLAN_URL)

    def meta(key: str) -> str | None:
        found = page.locator(f'meta[name="{key}"], meta[property="{key}"]')
        return found.first.get_attribute("content") if found.count() else None

    assert meta("description") == PLAN_INTRO
    assert meta("og:description") == PLAN_INTRO
    assert meta("og:title") == "洛阳市政协2019年度协商计划"
    assert meta("og:type") == "article"
    assert meta("og:url") == f"{PORTAL_SITE_URL}{PLAN_URL}"
    assert meta("og:site_name") == "协商知识库"
    page.goto(page.base_url + "years/")
    assert meta("og:type") == "website"
    assert meta("og:title") and meta("og:description")
