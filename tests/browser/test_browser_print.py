"""Printing a document in Chromium (page.pdf and the print media), at desktop and phone width: the
printed page shows what the page shows and nothing it does not.

A mini-repository built once for this module: a 示例 plan of nine items issued jointly by three offices
under a 文号 (its issuers recorded, no 版头 recorded), a rule since amended by a newer one, the newer
rule whose front matter records its 版头 (masthead) and issuers, and a report with an editor's note.
Checked on the PDF's text and positions: 示例 and the editor's note print; a superseded rule says
已修订 and names its replacement; a 版头 prints only when recorded, a 落款 only from recorded issuers;
plan items are numbered and compact; every printout ends with the page's address and the print date.
On screen, at both widths, the same site's year and body pages show their documents on the first screen."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from checks_support import PLAN, PLAN_DATA, RULE, MiniRepo, make_buildable
from conftest import ARTIFACTS, VIEWPORTS
from reader_support import build
from serving import root_url, serve

SITE_URL = "https://example.org/print/"
MOUNT = "print"
NEW_RULE = "docs/rules/2021-test-rules.md"
REPORT = "docs/summaries/2010-test-proposal-report.md"
ISSUERS = ("中共洛阳市委办公室", "洛阳市人民政府办公室", "政协洛阳市委员会办公室")
PLAN_URL = "plans/2019-test-consultation-plan/"
RULE_URL = "rules/2019-test-rules/"
NEW_RULE_URL = "rules/2021-test-rules/"
REPORT_URL = "summaries/2010-test-proposal-report/"
SUMMARY_URL = "summaries/2019-test-annual-summary/"
NEW_RULE_TITLE = "洛阳市政协工作规则（2021年修订）"
MASTHEAD = "政协洛阳市委员会文件"
NEW_RULE_NUMBER = "洛政协〔2021〕2号"
SAMPLE_NOTE = "本计划的议题和时间为演示而编写。"
WAIVER_REASON = "原件只报告提案提出和立案情况，没有办理部分"
ITEM_TITLES = [
    "黄河流域生态保护",
    "推动制造业高质量发展",
    "城市更新中的历史街区保护",
    "县域医共体建设",
    "职业教育产教融合",
    "农村养老服务",
    "优化营商环境",
    "城乡供水一体化",
    "民主监督重点提案办理",
]


def make_repo(root: Path) -> MiniRepo:
    repo = MiniRepo(root)
    # The plan: 示例, issued jointly (issuers recorded) under a 文号, no 版头 recorded; nine items.
    repo.edit(
        PLAN,
        "date: 2019-02-01\n",
        f"issuers: [{', '.join(ISSUERS)}]\ndoc_number: 洛市办〔2019〕4号\ndate: 2019-02-01\n"
        f"sample: true\nsample_note: {SAMPLE_NOTE}\n",
    )
    repo.edit(PLAN, "全年安排协商活动2项。", "全年安排协商活动9项。")
    repo.edit(PLAN_DATA, "stated_count: 2\n", "stated_count: 9\n")
    more = "".join(
        f"  - id: p{n:02d}\n    title: {title}\n    form: thematic\n    time: {n}月\n"
        f"    roles:\n      lead-unit: 市政协有关专门委员会\n    summary: 组织委员调研，形成协商意见。\n"
        for n, title in enumerate(ITEM_TITLES[2:], 3)
    )
    repo.write(PLAN_DATA, repo.read(PLAN_DATA) + more)
    # The old rule, amended by the new one; the new one records its 版头, 文号 and issuers.
    repo.edit(RULE, "date: 2019-05-01\n", "date: 2019-05-01\nstatus: amended\nsuperseded_by: 2021-test-rules\n")
    repo.write(
        NEW_RULE,
        repo.read(RULE)
        .replace("title: 洛阳市政协工作规则", f"title: {NEW_RULE_TITLE}")
        .replace(
            "date: 2019-05-01\nstatus: amended\nsuperseded_by: 2021-test-rules\n",
            f"masthead: [{MASTHEAD}]\ndoc_number: {NEW_RULE_NUMBER}\nissuers: [政协洛阳市委员会]\n"
            "date: 2021-03-01\nsupersedes: [2019-test-rules]\n",
        ),
    )
    # A report whose original has no part on handling: an editor's note says so.
    repo.write(
        REPORT,
        f"""\
---
title: 洛阳市政协2004—2010年提案工作情况报告
kind: summary
type: proposal-report
body: luoyang-city
date: 2010-01-12
period: "2004-2010"
topics: [proposals]
waive: {{ZX301: {{reason: {WAIVER_REASON}, scope: 提案办理和落实情况}}}}
---

## 一、提案提出和立案情况

七年来共收到提案一千余件。
""",
    )
    return make_buildable(repo)


@pytest.fixture(scope="module")
def print_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("print")
    repo = make_repo(base / "repo")
    problems = repo.check()
    assert not problems, "\n".join(p.format() for p in problems)
    out = base / "www" / MOUNT
    result = build(repo, out, SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr

    server = serve(out.parent)
    yield f"{root_url(server)}{MOUNT}/"
    server.shutdown()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def print_page(request, browser, print_url):
    is_phone = request.param == "phone"
    context = browser.new_context(viewport=VIEWPORTS[request.param], is_mobile=is_phone, has_touch=is_phone)
    page = context.new_page()
    page.base_url = print_url
    page.width_name = request.param
    yield page
    context.close()


class Printout:
    """A page printed to PDF: its lines of text, top to bottom, with their positions."""

    def __init__(self, page: Page, name: str):
        from pypdf import PdfReader

        pdf = page.pdf(format="A4", print_background=True)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"print-{name}-{page.width_name}.pdf").write_bytes(pdf)
        reader = PdfReader(io.BytesIO(pdf))
        self.pages = len(reader.pages)
        self.width = float(reader.pages[0].mediabox.width)
        chars: dict = {}
        for number, pdf_page in enumerate(reader.pages, 1):

            def visit(text, cm, tm, font, size, number=number):
                if text.strip():
                    x, y = cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]
                    width = size * (tm[0] or 1) * (cm[0] or 1) * len(text.strip())
                    chars.setdefault((number, round(y)), []).append((x, text.strip(), width))

            pdf_page.extract_text(visitor_text=visit)
        # (page, text, x_start, x_end, y): Chromium writes runs of characters; one baseline is one line.
        self.lines = []
        for (number, y), runs in sorted(chars.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
            runs.sort()
            # NFKC: the fonts' maps give some characters as Kangxi radicals (⼯ for 工).
            text = unicodedata.normalize("NFKC", "".join(r[1] for r in runs))
            self.lines.append((number, text, runs[0][0], runs[-1][0] + runs[-1][2], y))
        self.text = "\n".join(line[1] for line in self.lines)

    def body(self) -> list[tuple]:
        """The lines but the page numbers (— n —), in reading order."""
        return [line for line in self.lines if not re.fullmatch(r"—\s*\d+\s*—", line[1])]

    def line_with(self, needle: str) -> tuple:
        return next(line for line in self.lines if needle in line[1])


def nfkc(text: str) -> str:
    """Text as the printout's lines hold it (full-width colons become ASCII ones)."""
    return unicodedata.normalize("NFKC", text)


def open_page(page: Page, url: str) -> None:
    page.goto(page.base_url + url)
    expect(page.locator("[data-zx-print-date]")).to_contain_text("打印日期")  # the script has run


def today(page: Page) -> str:
    return page.evaluate(
        "(() => { const d = new Date(); return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`; })()"
    )


def test_printed_sample_plan_says_sample_numbers_its_items_and_stays_compact(print_page: Page):
    page = print_page
    open_page(page, PLAN_URL)
    printout = Printout(page, "plan")
    text = printout.text
    assert "示例" in text and nfkc(SAMPLE_NOTE) in text.replace("\n", "")
    assert "洛市办〔2019〕4号" in text  # the 文号, in the metadata block
    # Items numbered 1 to 9, in order; no label without its value; the nine-item plan on two pages.
    numbers = [int(m.group(1)) for line in printout.body() if (m := re.match(r"(\d)\.\s*\S", line[1]))]
    assert numbers == list(range(1, 10)), numbers
    for title in ITEM_TITLES:
        assert title in text.replace(" ", ""), title
    assert not re.search(r"落实情况[：:]\s*$", text, re.M)
    assert printout.pages <= 2, printout.pages
    # No 版头: the page recorded none, so the first line is the title, in black.
    assert printout.body()[0][1].replace(" ", "") == "洛阳市政协2019年度协商计划"
    assert page.locator(".zx-print-head").count() == 0
    # The 落款 is the recorded issuers and the 成文日期, right of the centre, on the last page.
    for name in (*ISSUERS, "2019年2月1日"):
        line = next(line for line in printout.body() if line[1] == name)
        assert line[0] == printout.pages and line[2] > printout.width / 2, line
    # The last line: where the page is and the day the reader printed it.
    last = "".join(line[1] for line in printout.body()[-2:]).replace(" ", "")
    assert nfkc(f"本页地址：{page.base_url}{PLAN_URL}") in last
    assert nfkc(f"打印日期：{today(page)}") in last


def test_printed_superseded_rule_says_amended_and_names_its_replacement(print_page: Page):
    page = print_page
    open_page(page, RULE_URL)
    printout = Printout(page, "superseded-rule")
    flat = printout.text.replace("\n", "").replace(" ", "")
    assert "已修订" in flat and nfkc(NEW_RULE_TITLE) in flat
    assert f"{page.base_url}{NEW_RULE_URL}" in flat  # and where to find it
    assert printout.body()[0][1].replace(" ", "") == "洛阳市政协工作规则"  # no 版头 above the title
    # No 落款: the rule records no issuers, so nothing is signed under it.
    assert page.locator(".zx-print-head, .zx-print-foot").count() == 0
    assert "洛阳市委员会" not in flat
    assert "示例" not in flat  # not a sample: nothing says so


def test_a_recorded_masthead_prints_as_recorded_above_the_title(print_page: Page):
    page = print_page
    open_page(page, NEW_RULE_URL)
    printout = Printout(page, "masthead")
    body = printout.body()
    assert [line[1].replace(" ", "") for line in body[:3]] == [
        nfkc(t) for t in (MASTHEAD, NEW_RULE_NUMBER, NEW_RULE_TITLE)
    ]
    centre = (body[0][2] + body[0][3]) / 2
    assert abs(centre - printout.width / 2) < 30, (centre, printout.width)
    for name in ("政协洛阳市委员会", "2021年3月1日"):  # the 落款: the recorded issuer and the 成文日期
        line = next(line for line in body if line[1] == name)
        assert line[0] == printout.pages and line[2] > printout.width / 2, line
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.zx-print-issuer')).color") == "rgb(204, 0, 0)"
    foot = page.locator(".zx-print-foot")
    expect(foot).to_be_visible()
    expect(foot.locator("p")).to_have_text(["政协洛阳市委员会", "2021年3月1日"])
    page.emulate_media(media="screen")
    expect(page.locator(".zx-print-head")).to_be_hidden()  # on screen the page shows none of it
    expect(foot).to_be_hidden()


def test_printed_editors_note_and_figures_print_in_plain_chinese(print_page: Page):
    page = print_page
    open_page(page, REPORT_URL)
    flat = Printout(page, "editors-note").text.replace("\n", "").replace(" ", "")
    assert "编者注" in flat and nfkc(WAIVER_REASON) in flat
    assert not re.search(r"ZX\d{3}", flat) and "waive" not in flat.lower()
    open_page(page, SUMMARY_URL)
    summary = Printout(page, "figures").text.replace("\n", "").replace(" ", "")
    assert "主要数据" in summary and "收到提案" in summary and "100件" in summary
    assert "本页地址" in summary


def test_print_styles_keep_the_page_and_leave_out_the_reader_chrome(print_page: Page):
    page = print_page
    open_page(page, PLAN_URL)
    page.emulate_media(media="print")
    for shown in (".zx-doc-header", ".zx-sample", "#item-p01 .zx-item__link", ".zx-print-source"):
        expect(page.locator(shown).first).to_be_visible()
    for hidden in (".md-header", ".md-tabs", ".zx-breadcrumbs", ".md-footer", ".zx-related"):
        if page.locator(hidden).count():
            expect(page.locator(hidden).first).to_be_hidden()
    family = {
        tag: page.evaluate(f"getComputedStyle(document.querySelector('[data-pagefind-body] {tag}')).fontFamily")
        for tag in ("h2", "h3", "p")
    }
    assert family["h2"].startswith("SimHei") and "Noto Sans CJK SC" in family["h2"]
    assert family["h3"].startswith("KaiTi") and "AR PL UKai" in family["h3"]
    assert family["p"].startswith("FangSong") and "AR PL UKai" in family["p"]
    page.screenshot(path=str(ARTIFACTS / f"print-plan-{page.width_name}.png"))
    page.emulate_media(media="screen")
    expect(page.locator(".zx-print-source")).to_be_hidden()


# ---- readers see reader things: year and body pages lead with their documents -------------------------


@pytest.mark.parametrize("url", ["bodies/luoyang-city/", "years/2019/"])
def test_year_and_body_pages_show_their_documents_on_the_first_screen(print_page: Page, url: str):
    page = print_page
    page.goto(page.base_url + url)
    first = page.locator("article .zx-doc-list a").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box["y"] + box["height"] <= page.viewport_size["height"], (url, box)  # no scrolling needed
    text = page.locator("article").inner_text()
    assert not re.search(r"ZX\d{3}", text) and "waive" not in text.lower()
    if page.locator("#completeness").count():  # 资料完整度 comes after the documents
        assert page.locator("#completeness").bounding_box()["y"] > box["y"]
    page.screenshot(path=str(ARTIFACTS / f"print-site-{url.strip('/').replace('/', '-')}-{page.width_name}.png"))
