"""What readers see of the document model, in a site built from a tmp mini-repo (never the samples):
the header from the field table (题注, joint issuers, 文号, labelled dates, period, session and reporter,
rule status and supersession, 原文未载 muted, search filters), editor's notes for waivers and the page
listing them, plan items (stated count, stages, 原文未载 time), the year page's 时间未定, the calendar,
and each body's 资料完整度; reader pages without problem codes or formulas, year and body pages that
lead with their documents, and year counts that never say 0 篇 for a year with documents."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from checks_support import PLAN, PLAN_DATA, RULE, MiniRepo, build_site, make_buildable

ROOT = Path(__file__).resolve().parents[2]
NEW_RULE = "docs/rules/2021-test-rules.md"
REPORT = "docs/summaries/2010-test-proposal-report.md"
CAPTION = "（2019年4月28日政协洛阳市第十二届委员会主席会议通过）"
ISSUERS = ("中共洛阳市委办公室", "洛阳市人民政府办公室", "政协洛阳市委员会办公室")
DOC_NUMBER = "洛政协办〔2019〕7号"
WAIVER_REASON = "原件只报告提案提出和立案情况，没有办理部分"
UNDATED_NOTE = "docs/notes/2018-test-undated-note.md"


def make_repo(root: Path) -> MiniRepo:
    """The mini-repo with one document for each variation this file looks at."""
    repo = MiniRepo(root)
    # A rule adopted at a meeting (题注 as printed), since amended by a newer rule.
    repo.edit(
        RULE,
        "date: 2019-05-01\n",
        "date: 2019-05-01\n"
        f"adopted: {{meeting: 主席会议, session: 第十二届, date: 2019-04-28, caption: {CAPTION}}}\n"
        "status: amended\nsuperseded_by: 2021-test-rules\n",
    )
    repo.write(
        NEW_RULE,
        repo.read(RULE)
        .replace("title: 洛阳市政协工作规则", "title: 洛阳市政协工作规则（2021年修订）")
        .replace("date: 2019-05-01", "date: 2021-03-01\neffective: 2021-04-01")
        .replace("status: amended\nsuperseded_by: 2021-test-rules\n", "supersedes: [2019-test-rules]\n")
        .replace(f"caption: {CAPTION}", "caption: （2021年2月26日政协洛阳市第十三届委员会主席会议通过）")
        .replace("date: 2019-04-28", "date: 2021-02-26")
        .replace("第十二届", "第十三届"),
    )
    # A plan issued jointly, with a 文号, an approximate stated count, an item whose time the original
    # does not state and an item that runs through several forms.
    repo.edit(
        PLAN,
        "date: 2019-02-01\n",
        f"issuers: [{', '.join(ISSUERS)}]\ndoc_number: {DOC_NUMBER}\ndate: 2019-02-01\npublished: 原文未载\n",
    )
    repo.edit(PLAN, "全年安排协商活动2项。", "全年安排协商活动4项左右。")
    repo.edit(PLAN_DATA, "stated_count: 2\n", "stated_count: 4项左右\n")
    repo.write(
        PLAN_DATA,
        repo.read(PLAN_DATA)
        + """\
  - id: p03
    title: 围绕政府工作报告协商议政
    form: plenary
    time: 原文未载
    roles:
      lead-unit: 原文未载
  - id: p04
    title: 推进城乡融合发展
    stages:
      - {form: group-discussion, time: 1月}
      - {form: plenary-speech, time: 1月}
      - {form: standing-committee, time: 6月, note: 形成建议案报市委}
    roles:
      lead-unit: 市政协经济委员会
    points: [城乡要素双向流动, 县域经济]
""",
    )
    # A proposal report over a range of years, with session, reporter and dateline, whose original
    # has no part on handling: it says so with a waiver.
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
session: 政协洛阳市第十一届委员会第四次会议
reporter: 政协洛阳市委员会副主席 某某
dateline: 2010年1月12日在政协洛阳市第十一届委员会第四次会议上
topics: [proposals]
waive: {{ZX301: {{reason: {WAIVER_REASON}, scope: 提案办理和落实情况}}}}
---

## 一、提案提出和立案情况

七年来共收到提案一千余件。
""",
    )
    # A note on 2018 (its 文号 says so) whose 成文日期 the original leaves out: its year has documents,
    # none "issued".
    repo.write(
        UNDATED_NOTE,
        "---\ntitle: 云溪市政协学习心得\nkind: note\ntype: study\nbody: yunxi-city\n"
        "doc_number: 云政协办〔2018〕5号\ndate: 原文未载\ntopics: [study]\n---\n\n学习的心得。\n",
    )
    return make_buildable(repo)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("model-views")
    repo = make_repo(root)
    assert not repo.check(), "\n".join(p.format() for p in repo.check())
    result = build_site(repo, root / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "out"


class Node:
    def __init__(self, tag: str, attrs: dict, parent: Node | None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    @property
    def classes(self) -> set:
        return set((self.attrs.get("class") or "").split())

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def walk(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()

    def find(self, tag: str | None = None, cls: str | None = None, **attrs) -> list:
        return [
            n
            for n in self.walk()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes)
            and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def one(self, tag: str | None = None, cls: str | None = None, **attrs) -> Node:
        found = self.find(tag, cls, **attrs)
        assert len(found) == 1, (tag, cls, attrs, len(found))
        return found[0]

    def fields(self) -> dict:
        """A definition list as {dt text: dd node}."""
        out, term = {}, None
        for child in self.children:
            if isinstance(child, Node) and child.tag == "dt":
                term = child.text.strip()
            elif isinstance(child, Node) and child.tag == "dd" and term is not None:
                out[term] = child
        return out


VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base", "embed"}


class Tree(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.root = self.node = Node("#root", {}, None)
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.node)
        self.node.children.append(node)
        if tag not in VOID:
            self.node = node

    def handle_endtag(self, tag):
        node = self.node
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.node = node.parent

    def handle_data(self, data):
        self.node.children.append(data)


def page(site: Path, url: str) -> Node:
    return Tree((site / url / "index.html").read_text(encoding="utf-8")).root


def header(site: Path, url: str) -> tuple[Node, dict]:
    root = page(site, url)
    return root, root.one("div", "zx-doc-header").one("dl").fields()


# ---- the page header ---------------------------------------------------------------------------------


def test_rule_header_shows_caption_status_and_supersession(site):
    root, fields = header(site, "rules/2019-test-rules/")
    caption = root.one("p", "zx-doc-header__caption")
    assert caption.text == CAPTION
    h1 = root.find("h1")[0]
    assert h1.parent is caption.parent  # right under the title, as the original prints it
    assert fields["通过"].text == "第十二届主席会议"
    assert fields["通过日期"].text == "2019年4月28日"
    assert fields["成文日期"].text == "2019年5月1日"
    badge = fields["效力"].one(cls="zx-badge")
    assert badge.text == "已修订" and "zx-badge--alert" in badge.classes
    assert badge.attrs["data-pagefind-filter"] == "效力[data-zx-filter]"  # the value from data-zx-filter
    assert badge.attrs["data-zx-filter"] == "已修订"
    newer = fields["已被取代"].one("a")
    assert newer.text == "洛阳市政协工作规则（2021年修订）" and newer.attrs["href"].endswith("rules/2021-test-rules/")
    _, new_fields = header(site, "rules/2021-test-rules/")
    older = new_fields["取代"].one("a")
    assert older.attrs["href"].endswith("rules/2019-test-rules/")
    assert new_fields["施行日期"].text == "2021年4月1日"
    assert "效力" not in new_fields  # not written: no row


def test_plan_header_shows_joint_issuers_doc_number_and_not_stated(site):
    _, fields = header(site, "plans/2019-test-consultation-plan/")
    issuers = fields["发文机关"].find(data_pagefind_filter="发文机关[data-zx-filter]")
    assert [i.text for i in issuers] == list(ISSUERS)
    assert fields["文号"].text == DOC_NUMBER
    published = fields["发布日期"].one(cls="zx-not-stated")
    assert published.text == "原文未载"
    assert "施行日期" not in fields and "效力" not in fields  # absent, or not a field of plans
    labels = list(fields)
    assert (
        labels.index("类别")
        < labels.index("所属机构")
        < labels.index("发文机关")
        < labels.index("文号")
        < labels.index("成文日期")
        < labels.index("时期")
        < labels.index("专题")
    )  # the table's order
    year = fields["时期"].one("a").attrs
    assert (year["data-pagefind-filter"], year["data-zx-filter"]) == ("年份[data-zx-filter]", "2019")


def test_report_header_shows_session_reporter_and_range_period(site):
    _, fields = header(site, "summaries/2010-test-proposal-report/")
    assert fields["类别"].text == "提案工作情况报告"
    assert fields["时期"].text == "2004—2010年"
    assert fields["时期"].one("a").attrs["href"].endswith("years/2010/")
    assert fields["会议"].text == "政协洛阳市第十一届委员会第四次会议"
    assert fields["报告人"].text == "政协洛阳市委员会副主席 某某"
    assert fields["落款"].text.startswith("2010年1月12日")


def test_search_filters_come_from_the_field_table(site):
    import yaml

    table = yaml.safe_load((ROOT / "data" / "fields.yml").read_text(encoding="utf-8"))
    declared = {f["filter"] for f in table if f.get("filter")}
    seen = set()
    for url in ("rules/2019-test-rules/", "plans/2019-test-consultation-plan/", "summaries/2010-test-proposal-report/"):
        head = page(site, url).one("div", "zx-doc-header")
        seen |= {
            n.attrs["data-pagefind-filter"].split("[")[0] for n in head.find() if "data-pagefind-filter" in n.attrs
        }
    assert declared <= seen and seen - declared <= {"年份"}


# ---- waivers -----------------------------------------------------------------------------------------


def test_waived_document_shows_an_editors_note_in_plain_chinese(site):
    root = page(site, "summaries/2010-test-proposal-report/")
    note = root.one("p", "zx-editor-note")
    assert "data-pagefind-ignore" in note.attrs
    assert note.text == f"编者注本文照原件编排，与常规格式不同：{WAIVER_REASON}。"
    assert not note.find("a")  # no problem code, no link into the editors' pages
    assert not page(site, "plans/2019-test-consultation-plan/").find("p", "zx-editor-note")


def test_waivers_page_lists_every_waiver(site):
    root = page(site, "waivers/")
    rows = root.one("table", "zx-waivers").one("tbody").find("tr")
    assert len(rows) == 1
    cells = rows[0].find("td")
    assert cells[0].one("a").attrs["href"].endswith("summaries/2010-test-proposal-report/")
    assert cells[1].text == "ZX301" and cells[2].text == "缺少必需章节"
    assert cells[3].text == "提案办理和落实情况"  # exactly what the waiver excuses
    assert cells[4].text == WAIVER_REASON


# ---- plan items, year page, calendar -----------------------------------------------------------------


def test_plan_items_show_stated_count_stages_and_not_stated_time(site):
    root = page(site, "plans/2019-test-consultation-plan/")
    assert root.one("p", "zx-items__count").text == "本计划所述：4项左右；列出 4 项协商活动。"
    p03 = root.one("section", id="item-p03").one("dl").fields()
    assert p03["时间"].text == "原文未载" and "zx-not-stated" in p03["时间"].classes
    assert p03["牵头单位"].text == "原文未载" and "zx-not-stated" in p03["牵头单位"].classes
    p04 = root.one("section", id="item-p04")
    stages = p04.one("ol", "zx-item__stages").find("li")
    assert [s.one(cls="zx-item__stage-form").text for s in stages] == ["联组讨论", "大会发言", "专题议政性常委会议"]
    assert stages[2].one(cls="zx-item__stage-note").text == "形成建议案报市委"
    assert [li.text for li in p04.one("ul", "zx-item__points").find("li")] == ["城乡要素双向流动", "县域经济"]


def test_year_page_lists_not_stated_item_under_time_undecided(site):
    root = page(site, "years/2019/")
    later = root.one("h3", id="later")
    assert later.text == "时间未定"
    section, node = [], later.parent.children[later.parent.children.index(later) + 1 :]
    for child in node:
        if isinstance(child, Node) and child.tag in ("h2", "h3"):
            break
        section.append(child)
    hrefs = [a.attrs["href"] for n in section if isinstance(n, Node) for a in n.find("a")]
    assert any(h.endswith("#item-p03") for h in hrefs)
    assert not any(h.endswith(("#item-p01", "#item-p04")) for h in hrefs)
    january = root.one("h3", id="m01")  # the staged item sits in the month of its first stage
    assert january.text == "1 月"


def test_calendar_leaves_out_items_without_a_stated_time(site):
    import icalendar

    calendar = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    uids = {str(e["uid"]) for e in calendar.walk("VEVENT")}
    plan = "2019-test-consultation-plan"
    assert {f"{plan}-p01@xieshang", f"{plan}-p02@xieshang", f"{plan}-p04@xieshang"} <= uids
    assert f"{plan}-p03@xieshang" not in uids


# ---- 资料完整度 --------------------------------------------------------------------------------------


def test_body_page_shows_data_completeness(site):
    root = page(site, "bodies/luoyang-city/")
    assert root.one("h2", id="completeness").text == "资料完整度"
    lines = {
        li.one(cls="zx-completeness__label").text: li.one(cls="zx-completeness__figure").text
        for li in root.one("ul", "zx-completeness").find("li")
    }
    assert lines["计划项目时间"] == "3 项写明，1 项原文未载"
    assert lines["计划项目牵头单位"] == "3 项写明，1 项原文未载"
    assert lines["发布日期"] == "0 篇写明，1 篇原文未载"
    assert lines["成文日期"] == "6 篇写明，0 篇原文未载"


# ---- the header is the table's: no template change for a new field ------------------------------------


def test_a_field_added_to_the_table_shows_in_the_header_with_its_filter(tmp_path):
    from zhengxie.render.header import doc_header
    from zhengxie.sources.loader import load_corpus

    repo = MiniRepo(tmp_path)
    repo.write(
        "data/fields.yml",
        repo.read("data/fields.yml")
        + "- id: signer\n  label: 签发人\n  type: texts\n  not_stated: true\n  header: true\n  filter: 签发人\n",
    )
    repo.edit(PLAN, "date: 2019-02-01\n", "date: 2019-02-01\nsigner: [张某, 李某]\n")
    repo.edit(RULE, "date: 2019-05-01\n", "date: 2019-05-01\nsigner: 原文未载\n")
    corpus = load_corpus(tmp_path)
    plan = {row.label: row for row in doc_header(corpus, corpus.documents["2019-test-consultation-plan"]).rows}
    assert [(v.text, v.filter) for v in plan["签发人"].values] == [("张某", "签发人"), ("李某", "签发人")]
    assert list(plan)[-1] == "签发人"  # in table order: the new field is last
    rule = {row.label: row for row in doc_header(corpus, corpus.documents["2019-test-rules"]).rows}
    (value,) = rule["签发人"].values
    assert value.text == "原文未载" and value.not_stated and not value.filter  # 原文未载 is no filter value
    note = {row.label for row in doc_header(corpus, corpus.documents["2019-test-study-note"]).rows}
    assert "签发人" not in note  # not written: no row


# ---- readers see reader things --------------------------------------------------------------------------

EDITOR_PAGES = ("guide/", "waivers/", "admin/")  # the editors' pages: problem codes belong there


class _Text(HTMLParser):
    """The text a reader sees: everything but scripts, styles and the search index's hidden terms."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def reader_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.parts)


def test_reader_pages_carry_no_problem_codes_waive_or_formulas(site):
    import re

    pages = [p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith(EDITOR_PAGES)]
    assert len(pages) > 20
    for path in pages:
        text = reader_text(path)
        where = path.relative_to(site).as_posix()
        assert not re.search(r"ZX\d{3}", text), where
        assert "waive" not in text.lower(), where
        assert "完成率 =" not in text and "÷" not in text, where
    # The note still reads as the editor wrote it, and the editors' page keeps the code.
    assert WAIVER_REASON in reader_text(site / "summaries/2010-test-proposal-report/index.html")
    assert "ZX301" in reader_text(site / "waivers/index.html")


def test_year_index_counts_every_document_of_a_year(site):
    entries = {
        li.one("a", "zx-index__name").text: li.one("span", "zx-index__count").text
        for li in page(site, "years/").find("li", "zx-index__entry")
    }
    assert entries["2018 年"] == "文档 1 篇（成文日期原文未载 1 篇）"
    assert entries["2010 年"] == "文档 1 篇"
    assert entries["2019 年"] == "文档 4 篇 · 计划协商活动 4 项"
    assert not any("0 篇" in count for count in entries.values()), entries
    assert "本年度文档 1 篇（成文日期原文未载 1 篇）" in page(site, "years/2018/").one("p", "zx-index__count").text


def _order(root: Node, *ids: str) -> list[int]:
    """Where each id's element comes in the page, in document order."""
    positions = {n.attrs.get("id"): i for i, n in enumerate(root.walk()) if n.attrs.get("id")}
    return [positions[i] for i in ids]


def test_year_page_leads_with_its_documents(site):
    root = page(site, "years/2019/")
    docs, items = _order(root, "docs", "items")
    assert docs < items
    titles = [a.text for ul in root.find("ul", "zx-doc-list") for a in ul.find("a")]
    assert "洛阳市政协2019年度协商计划" in titles and "洛阳市政协工作规则" in titles
    # Each month anchor the month links name is still there, once.
    for chip in root.one("nav", "zx-months").find("a"):
        anchor = chip.attrs["href"].split("#")[1]
        assert len(root.find(id=anchor)) == 1, anchor


def test_body_page_leads_with_its_documents_and_puts_completeness_last(site):
    root = page(site, "bodies/luoyang-city/")
    nodes = list(root.walk())
    first_list = next(i for i, n in enumerate(nodes) if "zx-doc-list" in n.classes)
    plans, completeness = _order(root, "plans", "completeness")
    assert first_list < plans < completeness
    assert "洛阳市政协工作规则（2021年修订）" in nodes[first_list].text  # the newest first


def test_reader_navigation_leaves_out_the_editors_pages():
    """The site's own nav (mkdocs.yml): no tab or entry for the editor guide, 问题代码, 性能, 安全 or
    格式说明 (the editors reach them from guide/)."""
    import yaml

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = yaml.safe_load(config[config.index("\nnav:") :])["nav"]

    def entries(items):
        for item in items:
            for title, target in item.items() if isinstance(item, dict) else [("", item)]:
                if isinstance(target, list):
                    yield title, ""
                    yield from entries(target)
                else:
                    yield title, target

    found = list(entries(nav))
    assert len(found) > 8
    for title, target in found:
        assert not target.startswith(("guide/", "waivers/")), (title, target)
        assert title not in ("格式说明", "编辑指南", "问题代码", "性能", "安全"), title


def test_every_page_leads_editors_to_the_guide_from_its_footer(site, tmp_path):
    """Out of the reader navigation, the editors' guide is one footer link away — on a site that has one."""
    assert 'guide/">编辑指南</a>' not in (site / "index.html").read_text(encoding="utf-8")  # no docs/guide/ here
    repo = make_repo(tmp_path)
    repo.write("docs/guide/index.md", "# 编辑指南\n\n本站文档怎样编写和核对。\n")
    assert build_site(repo, tmp_path / "out").returncode == 0
    built = tmp_path / "out"
    pages = [p for p in built.rglob("index.html") if not p.relative_to(built).as_posix().startswith("admin/")]
    assert len(pages) > 20
    for path in pages:
        depth = len(path.relative_to(built).parts) - 1
        assert f'href="{"../" * depth or "./"}guide/">编辑指南</a>' in path.read_text(encoding="utf-8"), path
