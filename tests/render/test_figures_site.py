"""What readers see of figures, in a site built from a tmp mini-repo: the summary's table with a rate's
base and the 原文如此 note beside the figure, the 数据核对 page, the 数据 pages (per body and for all)
with a table and a static SVG chart per measure, and screenshots of a 数据 page at desktop and phone width."""

from __future__ import annotations

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_figures import write_summary

from checks_support import MiniRepo, build_site, make_buildable
from conftest import ARTIFACTS, VIEWPORTS

SIC_NOTE = "按领域分项合计171件，与立案174件不符（原文如此）"


def figures(received: int, filed: int, answered: int, rate, parts=None, sic: str = "") -> str:
    lines = [f"- {{measure: proposals-received, value: {received}}}", "- measure: proposals-filed", f"  value: {filed}"]
    if sic:
        lines.append(f"  sic: {sic}")
    if parts:
        lines += ["  breakdown:", "    by: field", "    parts:"]
        lines += [f"      - {{label: {label}, value: {value}}}" for label, value in parts]
    lines += [
        f"- {{measure: proposals-answered, value: {answered}}}",
        f"- {{measure: proposals-answer-rate, value: {rate}}}",
        "- {measure: member-participation, value: 1200余}",
        "- {measure: proposals-satisfaction-rate, value: 99%以上, of: proposals-feedback}",
    ]
    return "\n".join(lines) + "\n"


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
            [("经济建设", 70), ("社会民生", 61), ("文化教育", 40)],
            sic="原件分项合计171件，与立案数不符",
        ),
        year=2020,
    )
    write_summary(repo, figures(200, 190, 188, "98.9%"), year=2021)
    write_summary(repo, figures(150, 140, 140, 100), body="juxian-county", year=2021, slug="juxian")
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
    assert "1200余人次" in row(page, "委员参加活动")
    satisfaction = row(page, "满意率（含基本满意）")
    assert "99%以上" in satisfaction and "基数：反馈表回收" in satisfaction
    assert "基数：立案" in row(page, "答复率（办结率）")


def test_the_data_check_page_lists_every_acknowledged_inconsistency(site):
    page = text(html(site, "data-check"))
    assert "1 处原文如此" in page
    assert SIC_NOTE in page and "原件分项合计171件，与立案数不符" in page and "ZX422" in page


def test_a_body_data_page_has_a_table_and_a_static_chart_per_measure(site):
    page = html(site, "figures/luoyang-city")
    received = re.search(r'<section class="zx-series" id="proposals-received">(.*?)</section>', page, re.S)[1]
    assert "2020年 180件" in text(received) and "2021年 200件" in text(received)
    img = re.search(r'<img src="([^"]+)" alt="([^"]+)"', received)
    assert img[2] == "收到提案：2019年100件；2020年180件；2021年200件"
    svg_path = site / "figures" / "luoyang-city" / img[1].rsplit("/", 1)[1]
    svg = svg_path.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg and "<script" not in svg and "<title>收到提案（件）</title>" in svg
    participation = (site / "figures/luoyang-city/member-participation.svg").read_text(encoding="utf-8")
    assert "1200余人次" in participation  # bars are labelled as printed


def test_the_all_bodies_data_page_lists_every_body(site):
    page = html(site, "figures")
    section = re.search(r'<section class="zx-series" id="proposals-received">(.*?)</section>', page, re.S)[1]
    assert "洛阳市政协" in text(section) and "莒县政协" in text(section)
    assert (site / "figures" / "proposals-received.svg").is_file()
    assert re.search(r'alt="收到提案。[^"]*洛阳市政协：2019年100件；2020年180件；2021年200件', section)


def test_charts_are_drawn_the_same_on_every_build(site, tmp_path):
    from zhengxie.derive.series import Statistics
    from zhengxie.render import charts
    from zhengxie.sources.loader import load_corpus

    corpus = load_corpus(site.parent)
    first, second = charts.chart_files(Statistics(corpus)), charts.chart_files(Statistics(corpus))
    assert first == second
    assert len(first) == sum(len(b.series) for b in Statistics(corpus).bodies.values()) + len(
        Statistics(corpus).measures
    )


@pytest.fixture(scope="module")
def served(site):
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


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
    box = chart.bounding_box()
    assert box["width"] <= VIEWPORTS[width]["width"]
    cell = page.locator("#proposals-received tbody tr").first.locator("td").first
    expect(cell).to_contain_text("100件")  # the oldest first: the mini-repo's own 2019 summary
    row = page.locator("#proposals-received tbody tr").first.bounding_box()
    if is_phone:  # stacked: one block per row, its cells one under another, nothing scrolls sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[width]["width"]
        cells = page.locator("#proposals-received tbody tr").first.locator("th, td")
        assert cells.nth(1).bounding_box()["y"] > cells.nth(0).bounding_box()["y"]
    else:
        cells = page.locator("#proposals-received tbody tr").first.locator("th, td")
        assert abs(cells.nth(1).bounding_box()["y"] - cells.nth(0).bounding_box()["y"]) < 2
    assert row["height"] > 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"figures-page-{width}.png"), full_page=False)
    page.goto(served + "summaries/2020-test-annual-summary/")
    note = page.locator(".zx-figures__sic").first
    expect(note).to_contain_text(SIC_NOTE)
    note.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"figures-sic-note-{width}.png"), full_page=False)
    context.close()


def test_a_body_page_links_to_its_data_page(site):
    assert 'href="../../figures/luoyang-city/">数据（' in html(site, "bodies/luoyang-city")
