"""A clerk in the browser editor (`make edit`, Decap CMS against its local backend) in Debian's Chromium:
a plan with two items, forms and topics chosen by their Chinese names; a body; a summary with
figures. No id is typed and no YAML is opened; the files written pass the project's check, and the
plan's page with its items is in the strictly built site. Screenshots land in tests/artifacts/."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path

import editor_support
import pytest
import yaml
from editor_support import Editor, wait_for
from playwright.sync_api import Browser, Page, expect

import fixture_site
from conftest import ARTIFACTS

PLAN = "2017-minghu-city-consultation-plan"  # made on saving from 时期 2017, 明湖市政协 and 年度协商计划
PLAN_TITLE = "明湖市政协2017年度协商计划"
SUMMARY = "2017-minghu-city-annual-summary"
editor = editor_support.editor  # the fixture (node_modules is conftest.py's)
SAVE_TIMEOUT = 30  # s: a save goes through decap-server to the disk


@pytest.fixture
def clerk(browser: Browser, editor: Editor) -> Iterator[Page]:
    """A page logged in to the editor (the local backend needs no account)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    # the editor's own errors (the site's pages in the preview pane have their own tests)
    page.on(
        "pageerror",
        lambda error: errors.append(f"{error}\n{error.stack}") if "/admin/" in (error.stack or "") else None,
    )
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


def not_stated(control):
    """The 原文未载 choice beside a field's input."""
    return control.locator("xpath=..").get_by_role("checkbox", name=re.compile("^原文未载"))


def write_text(page: Page, text: str) -> None:
    """Replace the 正文 (the Markdown body) with text."""
    editor = page.locator("[contenteditable=true]").last
    editor.click()

    def cleared() -> bool:  # the rich editor may select one block at first: select all again
        if not editor.inner_text().replace("\ufeff", "").strip():
            return True
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        return False

    wait_for(cleared, 10, "the 正文 to be cleared")
    page.keyboard.insert_text(text)
    expect(editor).to_have_text(re.compile(re.escape(text.splitlines()[-1]) + r"\s*$"))


def publish(page: Page, name: str, path: Path) -> None:
    """Save (发布 → 立即发布: the local backend writes the file at once) and wait for the file."""
    before = path.read_bytes() if path.exists() else None
    page.get_by_role("button", name="发布").click()
    page.get_by_text("立即发布").click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        wait_for(lambda: path.exists() and path.read_bytes() != before, SAVE_TIMEOUT, f"{path} to be saved")
    finally:
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
    write_text(
        page,
        "## 一、指导思想\n\n围绕市委中心工作开展协商。\n\n## 二、协商议题\n\n{{ plan_items() }}\n\n"
        "## 三、组织实施\n\n各专门委员会牵头组织。",
    )
    publish(page, "plan", editor.root / "docs" / "plans" / f"{PLAN}.md")


def write_items(page: Page, editor: Editor) -> None:
    new_entry(page, editor, "plan-items")
    choose(page, "所属协商计划", PLAN_TITLE)
    items = [
        ("推进乡村振兴战略", "双月协商座谈会", "乡村振兴", "3月"),
        ("优化营商环境", "专题协商会", "营商环境", None),
    ]
    for index, (title, form, topic, time) in enumerate(items):
        page.get_by_role("button", name="新增项目").click()
        field(page, "协商议题").nth(index).fill(title)
        choose(page, "协商形式", form, nth=index)
        choose(page, "专题", topic, nth=index)
        if time:
            field(page, "时间").nth(index).fill(time)
        else:  # the original gives no time: 原文未载, chosen, not typed
            not_stated(field(page, "时间").nth(index)).check()
        field(page, "牵头单位").nth(index).fill("市政协办公室")
    publish(page, "items", editor.root / "data" / "plans" / f"{PLAN}.yml")


@pytest.mark.slow
def test_a_plan_with_two_items_passes_the_check_and_is_built(clerk: Page, editor: Editor, tmp_path) -> None:
    write_plan(clerk, editor)
    write_items(clerk, editor)
    root = editor.root
    front = fixture_site.front_matter(root / "docs" / "plans" / f"{PLAN}.md")
    assert front == {
        "title": PLAN_TITLE,
        "kind": "plan",
        "type": "consultation",
        "body": "minghu-city",
        "date": datetime.date(2017, 2, 20),
        "period": "2017",
        "topics": ["rural-revitalization", "business-environment"],
    }
    data = yaml.safe_load((root / "data" / "plans" / f"{PLAN}.yml").read_text(encoding="utf-8"))
    assert data["items"] == [
        {
            "id": "p01",
            "title": "推进乡村振兴战略",
            "form": "bimonthly-forum",
            "time": "3月",
            "roles": {"lead-unit": "市政协办公室"},
            "topics": ["rural-revitalization"],
        },
        {
            "id": "p02",
            "title": "优化营商环境",
            "form": "thematic",
            "time": "原文未载",
            "roles": {"lead-unit": "市政协办公室"},
            "topics": ["business-environment"],
        },
    ]
    checked = fixture_site.check(root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = fixture_site.build(root, tmp_path / "built")
    assert built.returncode == 0, built.stdout + built.stderr
    page = (tmp_path / "built" / "plans" / PLAN / "index.html").read_text(encoding="utf-8")
    assert PLAN_TITLE in page and "推进乡村振兴战略" in page and "优化营商环境" in page
    assert 'id="item-p01"' in page and 'id="item-p02"' in page


@pytest.mark.slow
def test_a_body_and_a_summary_with_figures_pass_the_check(clerk: Page, editor: Editor, tmp_path) -> None:
    clerk.goto(f"{editor.url}#/collections/bodies/entries/bodies")
    clerk.get_by_role("button", name="新增机构").click()
    field(clerk, "全称").last.fill("中国人民政治协商会议云河市委员会")
    field(clerk, "简称").last.fill("云河市政协")
    choose(clerk, "层级", "市", nth=-1)
    root = editor.root
    publish(clerk, "body", root / "data" / "bodies.yml")
    bodies_text = (root / "data" / "bodies.yml").read_text(encoding="utf-8")
    assert bodies_text.startswith("# yaml-language-server: $schema=schemas/bodies.schema.json\n")  # comments kept
    bodies = yaml.safe_load(bodies_text)
    assert bodies[-1] == {
        "id": "yunhe-city",
        "name": "中国人民政治协商会议云河市委员会",
        "short": "云河市政协",
        "level": "city",
    }

    new_entry(clerk, editor, "summaries")
    field(clerk, "标题").fill("云河市政协2017年工作总结")
    choose(clerk, "所属机构", "云河市政协")  # the body added a moment ago
    not_stated(field(clerk, "成文日期")).check()  # the original gives no date: 原文未载, chosen
    field(clerk, "时期").fill("2017")
    write_text(
        clerk,
        "## 一、主要工作\n\n{{ summary_figures() }}\n\n全年立案提案一百二十件。\n\n"
        "## 二、存在问题\n\n调研深度不够。\n\n## 三、下一步工作\n\n继续做好提案工作。",
    )
    summary = "2017-yunhe-city-annual-summary"
    publish(clerk, "summary", root / "docs" / "summaries" / f"{summary}.md")
    assert fixture_site.front_matter(root / "docs" / "summaries" / f"{summary}.md")["date"] == "原文未载"

    new_entry(clerk, editor, "summary-figures")
    choose(clerk, "所属工作总结", "云河市政协2017年工作总结")
    clerk.get_by_role("button", name="新增数字").click()
    choose(clerk, "数据项", "立案（提案）", nth=0)
    field(clerk, "数值").nth(0).fill("120")
    clerk.get_by_role("button", name="新增数字").click()
    field(clerk, "名称").nth(1).fill("开展专题视察")
    field(clerk, "数值").nth(1).fill("20余")
    choose(clerk, "单位", "次", nth=1)
    publish(clerk, "figures", root / "data" / "summaries" / f"{summary}.yml")
    data = yaml.safe_load((root / "data" / "summaries" / f"{summary}.yml").read_text(encoding="utf-8"))
    assert data == {
        "figures": [
            {"measure": "proposals-filed", "value": 120},
            {"label": "开展专题视察", "value": "20余", "unit": "次"},
        ]
    }

    checked = fixture_site.check(root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = fixture_site.build(root, tmp_path / "built")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "开展专题视察" in (tmp_path / "built" / "summaries" / summary / "index.html").read_text(encoding="utf-8")
