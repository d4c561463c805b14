"""What readers see of figures, in a site built from a tmp mini-repo: the summary's table with a rate's
base, the 原文如此 note beside the figure and the unit the text prints; the 数据核对 page; the 数据 pages
(per body and for all): a table per measure and, when two values or more can be placed in time, a static
SVG chart on a real time axis (a 2004—2010 total across its seven years, a period counted from a meeting
left out with a note), a measure stated once as a table row; at desktop and phone width the chart text is
at least 12 px and a figures table is label | value."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks_support import MiniRepo, build_site, make_buildable, write_summary
from conftest import ARTIFACTS, VIEWPORTS
from serving import root_url, serve

SIC_NOTE = "按领域分项合计171件，与立案174件不符（原文如此）"


def figures(received: int, filed: int, answered: int, rate, parts=None, sic: str = "") -> str:
    lines = [f"- {{measure: proposals-received, value: {received}}}", "- measure: proposals-filed", f"  value: {filed}"]
    if sic:
        lines.append(f"  sic: {sic}")
    if parts:
        lines += ["  breakdown:", "    by: field", "    parts:"]
        lines += [
            f"      - {{label: {part[0]}, value: {part[1]}" + (f", share: {part[2]}}}" if len(part) > 2 else "}")
            for part in parts
        ]
    lines += [
        f"- {{measure: proposals-answered, value: {answered}}}",
        f"- {{measure: proposals-answer-rate, value: {rate}}}",
        "- {measure: member-participation, value: 1200余}",
        "- {measure: proposals-satisfaction-rate, value: 99%以上, of: proposals-feedback}",
    ]
    return "\n".join(lines) + "\n"


PROPOSAL = """\
---
title: {title}
kind: summary
type: proposal-summary
body: luoyang-city
date: {date}
period: "{period}"
topics: [proposals]
---

## 一、提案提交和立案情况

{text}

{{{{ summary_figures() }}}}

## 二、提案办理情况

立案提案全部办复。
"""


def write_proposal_summary(repo: MiniRepo, doc_id: str, title: str, period: str, text: str, figures: str) -> None:
    """A proposal summary of luoyang-city whose period is written as `period` (2004-2010, 十届二次会议以来)."""
    repo.write(f"docs/summaries/{doc_id}.md", PROPOSAL.format(title=title, date="2023-01-10", period=period, text=text))
    repo.write(f"data/summaries/{doc_id}.yml", "figures:\n" + figures)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("figures-site")
    repo = MiniRepo(root)
    write_summary(
        repo,
        figures(
            180,
            174,
            174,
            100,
            [("经济建设", 70, "40.2%"), ("社会民生", 61), ("文化教育", 40)],  # 70 of 174: 40.2 %
            sic="{reason: 原件分项合计171件，与立案数不符, printed: 174, computed: 171}",
        ),
        year=2020,
    )
    write_summary(repo, figures(200, 190, 188, "98.9%"), year=2021)
    write_summary(repo, figures(150, 140, 140, 100), body="juxian-county", year=2021, slug="juxian")
    # a seven-year total, and a period counted from a meeting whose dates the original does not state;
    # its text prints 312条 where the registry's unit for 社情民意信息 is 件
    write_proposal_summary(
        repo,
        "2010-span-proposal-summary",
        "洛阳市政协2004—2010年提案工作总结",
        "2004-2010",
        "2004年至2010年，共收到提案812件。",
        "- {measure: proposals-received, value: 812}\n",
    )
    write_proposal_summary(
        repo,
        "2023-since-proposal-report",
        "洛阳市政协十届二次会议以来提案工作情况的报告",
        "十届二次会议以来",
        "十届二次会议以来，共收到提案126件，编报社情民意信息312条。",
        "- {measure: proposals-received, value: 126}\n- {measure: opinions-submitted, value: 312}\n"
        "- label: 走访委员\n  value: 300以上\n  unit: 人次\n"
        "  breakdown: {by: sector, parts: [{label: 经济界, value: 100以上}, {label: 农业界, value: 200}]}\n",
    )
    make_buildable(repo)
    assert repo.check() == [], [p.format() for p in repo.check()]
    result = build_site(repo, root / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "out"


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))


def row(page: str, label: str) -> str:
    match = re.search(rf'<tr[^>]*><th scope="row"[^>]*>{re.escape(label)}</th>.*?</tr>', page, re.S)
    assert match, label
    return text(match[0])


def test_the_summary_shows_figures_as_printed_with_the_note_beside_the_figure(site):
    page = html(site, "summaries/2020-test-annual-summary")
    assert SIC_NOTE in row(page, "立案") and "174件" in row(page, "立案")
    assert "171" not in row(page, "经济建设")  # the parts stay as printed; only the note computes
    assert "70件（占40.2%）" in row(page, "经济建设")  # a share as the original prints it
    assert "1200余人次" in row(page, "委员参加活动")
    satisfaction = row(page, "满意率（含基本满意）")
    assert "99%以上" in satisfaction and "基数：反馈表回收" in satisfaction
    assert "基数：立案" in row(page, "答复率（办结率）")


def test_the_data_check_page_lists_every_acknowledged_inconsistency(site):
    page = text(html(site, "data-check"))
    assert "1 处原文如此" in page
    assert SIC_NOTE in page and "原件分项合计171件，与立案数不符" in page and "ZX422" in page


def section(page: str, anchor: str) -> str:
    match = re.search(rf'<section class="zx-series[^"]*" id="{anchor}">(.*?)</section>', page, re.S)
    assert match, anchor
    return match[1]


def svg_of(site: Path, url: str) -> str:
    svg = (site / url).read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg and "<script" not in svg
    return svg


def ticks(svg: str) -> dict[int, float]:
    """Year -> x of the tick where the year starts on the time axis."""
    return {int(y): float(x) for y, x in re.findall(r'<line class="tick" data-year="(\d+)" x1="([\d.]+)"', svg)}


def marks(svg: str) -> dict[str, tuple[str, float, float, float]]:
    """Value as printed -> (kind, start year, x where its line starts, x where it ends)."""
    found = {}
    for kind, start, value, x1, x2 in re.findall(
        r'<g class="mark (\w+)" data-start="([\d.]+)" data-end="[\d.]+" data-value="([^"]+)">'
        r'<title>[^<]*</title><line x1="([\d.]+)" x2="([\d.]+)"',
        svg,
    ):
        found[value] = (kind, float(start), float(x1), float(x2))
    return found


def test_a_multi_year_total_is_drawn_across_its_years_on_a_real_time_axis(site):
    page = html(site, "figures/luoyang-city")
    received = section(page, "proposals-received")
    assert "2004—2010年 812件" in text(received) and "2020年 180件" in text(received)
    img = re.search(r'<source media="[^"]+" srcset="([^"]+)"><img src="([^"]+)" alt="([^"]+)"', received)
    assert img[3] == "收到提案：2004—2010年812件；2019年100件；2020年180件；2021年200件；十届二次会议以来126件"
    for url in (img[1], img[2]):  # the phone drawing and the desktop one say the same
        svg = svg_of(site, "figures/luoyang-city/" + url.rsplit("/", 1)[1])
        at, drawn = ticks(svg), marks(svg)
        year = at[2005] - at[2004]
        # a real time axis: 2010 to 2019 is nine years wide although no value lies between them
        assert all(abs((at[y + 1] - at[y]) - year) < 0.2 for y in range(2004, 2021))
        kind, start, x1, x2 = drawn["812件"]
        assert kind == "span" and start == 2004  # the total spans 2004–2010, not a point at 2010
        assert abs(x1 - at[2004]) <= 2.1 and abs(x2 - at[2011]) <= 2.1
        kind, start, x1, x2 = drawn["100件"]
        assert kind == "period" and abs(x1 - at[2019]) <= 2.1 and abs(x2 - at[2020]) <= 2.1
        assert "126件" not in drawn  # 十届二次会议以来: no dates stated, so not placed at 2023
    assert "“十届二次会议以来”的126件：原文未载起止日期，不画入图中" in text(received)


def test_a_measure_stated_once_is_a_table_row_not_a_one_bar_chart(site):
    page = html(site, "figures/luoyang-city")
    single = section(page, "single")
    assert "解决或正在解决的比例 80.5% 2019年" in text(single)  # label | value | period
    assert "<img" not in single and not (site / "figures/luoyang-city/proposals-solved-rate.svg").exists()
    # two values, one of them not placeable in time: rows of the same table, with the unit the text prints
    assert 'id="opinions-submitted"' not in page.replace('<tr id="opinions-submitted"', "")  # no section of its own
    assert "报送社情民意信息 12件 2019年" in text(single)
    assert "报送社情民意信息 312条 十届二次会议以来" in text(single) and "312件" not in single
    assert 'href="../figures/luoyang-city/#opinions-submitted"' in html(site, "figures")  # the row is the anchor


def test_the_unit_shown_is_the_one_the_summary_prints(site):
    page = html(site, "summaries/2023-since-proposal-report")
    assert "312条" in row(page, "报送社情民意信息") and "312件" not in page
    assert "300人次以上" in row(page, "走访委员") and "100人次以上" in row(page, "经济界")  # not 100以上人次


def test_the_all_bodies_data_page_groups_each_body(site):
    page = html(site, "figures")
    received = section(page, "proposals-received")
    assert "洛阳市政协" in text(received) and "莒县政协" in text(received)
    assert re.search(
        r'alt="收到提案。[^"]*洛阳市政协：2004—2010年812件；2019年100件；2020年180件；2021年200件', received
    )
    svg = svg_of(site, "figures/proposals-received.svg")
    assert "洛阳市政协" in svg and "莒县政协" in svg  # the legend
    assert marks(svg)["812件"][0] == "span"


def test_charts_are_drawn_the_same_on_every_build(site, tmp_path):
    from zhengxie.derive.series import Statistics
    from zhengxie.render import charts
    from zhengxie.sources.loader import load_corpus

    corpus = load_corpus(site.parent)
    first, second = charts.chart_files(Statistics(corpus)), charts.chart_files(Statistics(corpus))
    assert first == second
    drawn = {url for url, _ in first}
    assert "figures/luoyang-city/proposals-received.svg" in drawn
    assert "figures/luoyang-city/proposals-received.phone.svg" in drawn
    assert "figures/luoyang-city/opinions-submitted.svg" not in drawn
    assert all((site / url).is_file() for url in drawn)


@pytest.fixture(scope="module")
def served(site):
    server = serve(site)
    yield root_url(server)
    server.shutdown()


# The size in CSS px at which a chart's text is shown: its font (SVG units) × shown width ÷ drawn width.
CHART_TEXT_PX = """async (img) => {
    const svg = await (await fetch(img.currentSrc)).text();
    const font = Number(/data-font="([0-9.]+)"/.exec(svg)[1]);
    const drawn = Number(/viewBox="0 0 ([0-9.]+) /.exec(svg)[1]);
    return {px: font * img.getBoundingClientRect().width / drawn, src: img.currentSrc};
}"""


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_data_page_reads_at_desktop_and_phone_width(browser, served, width):
    from playwright.sync_api import expect

    is_phone = width == "phone"
    context = browser.new_context(
        viewport=VIEWPORTS[width], is_mobile=is_phone, has_touch=is_phone, java_script_enabled=False
    )  # the page and its charts need no script
    page = context.new_page()
    page.goto(served + "figures/luoyang-city/")
    chart = page.locator("#proposals-received img")
    expect(chart).to_be_visible()
    assert page.evaluate("document.querySelector('#proposals-received img').naturalWidth") > 0
    assert chart.bounding_box()["width"] <= VIEWPORTS[width]["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[width]["width"]
    first = page.locator("#proposals-received tbody tr").first.locator("th, td")
    expect(first.nth(1)).to_contain_text("812件")  # the oldest first: the 2004—2010 total
    # label | value side by side at both widths: on a phone a compact two-column table, not a card per number
    label, value = first.nth(0).bounding_box(), first.nth(1).bounding_box()
    assert abs(value["y"] - label["y"]) < 4 and value["x"] > label["x"] + label["width"] - 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"figures-page-{width}.png"), full_page=False)
    context.close()
    # the text measure needs fetch(): a page of its own with script on
    context = browser.new_context(viewport=VIEWPORTS[width], is_mobile=is_phone, has_touch=is_phone)
    page = context.new_page()
    page.goto(served + "figures/luoyang-city/")
    for img in page.locator(".zx-chart img").all():
        img.scroll_into_view_if_needed()
        expect(img).to_be_visible()
        shown = img.evaluate(CHART_TEXT_PX)
        assert shown["px"] >= 12, shown
        assert shown["src"].endswith(".phone.svg") == is_phone, shown
    page.goto(served + "figures/")
    for img in page.locator(".zx-chart img").all():
        img.scroll_into_view_if_needed()
        assert img.evaluate(CHART_TEXT_PX)["px"] >= 12
    page.goto(served + "summaries/2020-test-annual-summary/")
    note = page.locator(".zx-figures__sic").first
    expect(note).to_contain_text(SIC_NOTE)
    rows = page.locator("#figures tbody tr")
    cells = rows.first.locator("th, td")
    label, value = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert abs(value["y"] - label["y"]) < 4 and value["x"] > label["x"]  # label | value on one line
    if is_phone:  # compact: a row is a line, not a card; the note runs under its figure
        assert rows.first.bounding_box()["height"] < 60
        note_row = page.locator("#figures tbody tr", has=page.locator(".zx-figures__sic")).first
        pair = note_row.locator("th").bounding_box()
        assert note_row.locator(".zx-figures__note").bounding_box()["y"] > pair["y"] + pair["height"] - 1
        assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[width]["width"]
    note.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"figures-sic-note-{width}.png"), full_page=False)
    context.close()


def test_a_body_page_links_to_its_data_page(site):
    assert 'href="../../figures/luoyang-city/">数据（' in html(site, "bodies/luoyang-city")
