"""A clerk in the browser editor (`make edit`, Decap CMS against its local backend) in Debian's Chromium:
a plan with two items, forms and topics chosen by their Chinese names; a body; a summary with
figures. No id is typed and no YAML is opened; the files written pass the project's check, and the
plan's page with its items is in the strictly built site. Screenshots land in tests/artifacts/."""
from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

import fixture_site
from conftest import ARTIFACTS
from editor_support import Editor, editor, node_modules  # noqa: F401 (fixtures)

PLAN = "2017-minghu-city-consultation-plan"  # made on saving from 时期 2017, 明湖市政协 and 年度协商计划
PLAN_TITLE = "明湖市政协2017年度协商计划"
SUMMARY = "2017-minghu-city-annual-summary"
SAVE_TIMEOUT = 30_000  # ms: a save goes through decap-server to the disk


@pytest.fixture
def clerk(browser: Browser, editor: Editor) -> Iterator[Page]:
    """A page logged in to the editor (the local backend needs no account)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    # the editor's own errors (the site's pages in the preview pane have their own tests)
    page.on("pageerror", lambda error: errors.append(f"{error}\n{error.stack}") if "/admin/" in (error.stack or "") else None)
    page.goto(editor.url)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("link", name="协商计划", exact=True)).to_be_visible()
    yield page
    context.close()
    assert not errors, errors


def field(page: Page, label: str):  # the control of a field, by its Chinese label ("(可选)" when optional)
    return page.get_by_label(re.compile("^" + re.escape(label) + r"( \(可选\))?$"))


def choose(page: Page, label: str, name: str, nth: int = 0) -> None:
    """Pick an option of a select box by its Chinese name, as a clerk does: click, type, choose."""
    box = field(page, label).nth(nth)
    box.click()
    box.press_sequentially(name)
    page.get_by_role("option", name=name, exact=True).click()


def write_text(page: Page, text: str) -> None:
    """Replace the 正文 (the Markdown body) with text."""
    editor = page.locator("[contenteditable=true]").last
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


def publish(page: Page, name: str) -> None:
    page.get_by_role("button", name="发布").click()
    page.get_by_text("立即发布").click()
    expect(page.get_by_text("内容已保存")).to_be_visible(timeout=SAVE_TIMEOUT)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"cms-{name}.png"))


def new_entry(page: Page, editor: Editor, collection: str) -> None:
    page.goto(f"{editor.url}#/collections/{collection}/new")
    expect(page.get_by_text("正在集合")).to_be_visible()


def write_plan(page: Page, editor: Editor) -> None:
    new_entry(page, editor, "plans")
    field(page, "标题").fill(PLAN_TITLE)
    choose(page, "所属机构", "明湖市政协")
    field(page, "成文日期").fill("2017-02-20")
    field(page, "时期").fill("2017")
    choose(page, "专题", "乡村振兴")
    choose(page, "专题", "营商环境")
    write_text(page, "## 一、指导思想\n\n围绕市委中心工作开展协商。\n\n## 二、协商议题\n\n{{ plan_items() }}\n\n"
                     "## 三、组织实施\n\n各专门委员会牵头组织。")
    publish(page, "plan")


def write_items(page: Page, editor: Editor) -> None:
    new_entry(page, editor, "plan-items")
    choose(page, "所属协商计划", PLAN_TITLE)
    items = [("推进乡村振兴战略", "双月协商座谈会", "乡村振兴", "3月"), ("优化营商环境", "专题协商会", "营商环境", None)]
    for index, (title, form, topic, time) in enumerate(items):
        page.get_by_role("button", name="新增项目").click()
        field(page, "协商议题").nth(index).fill(title)
        choose(page, "协商形式", form, nth=index)
        choose(page, "专题", topic, nth=index)
        if time:
            field(page, "时间").nth(index).fill(time)
        else:  # the original gives no time: 原文未载, chosen, not typed
            page.locator('[data-zx-not-stated="time"]').nth(index).check()
        field(page, "牵头单位").nth(index).fill("市政协办公室")
    publish(page, "items")


def test_a_plan_with_two_items_passes_the_check_and_is_built(clerk: Page, editor: Editor, tmp_path) -> None:
    write_plan(clerk, editor)
    write_items(clerk, editor)
    root = editor.root
    front = fixture_site.front_matter(root / "docs" / "plans" / f"{PLAN}.md")
    assert front == {"title": PLAN_TITLE, "kind": "plan", "type": "consultation", "body": "minghu-city",
                     "date": datetime.date(2017, 2, 20), "period": "2017",
                     "topics": ["rural-revitalization", "business-environment"]}
    data = yaml.safe_load((root / "data" / "plans" / f"{PLAN}.yml").read_text(encoding="utf-8"))
    assert data["items"] == [
        {"id": "p01", "title": "推进乡村振兴战略", "form": "bimonthly-forum", "time": "3月",
         "roles": {"lead-unit": "市政协办公室"}, "topics": ["rural-revitalization"]},
        {"id": "p02", "title": "优化营商环境", "form": "thematic", "time": "原文未载",
         "roles": {"lead-unit": "市政协办公室"}, "topics": ["business-environment"]},
    ]
    checked = fixture_site.check(root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = fixture_site.build(root, tmp_path / "built")
    assert built.returncode == 0, built.stdout + built.stderr
    page = (tmp_path / "built" / "plans" / PLAN / "index.html").read_text(encoding="utf-8")
    assert PLAN_TITLE in page and "推进乡村振兴战略" in page and "优化营商环境" in page
    assert 'id="item-p01"' in page and 'id="item-p02"' in page
