"""Documents shaped like what 政协 offices actually publish pass the check as their originals are — no
invented month, lead unit or date — and what they state is read into the model as stated.

Each variation of issue 8 is a small document written here (in our own words, for bodies and years no
sample has) on top of the valid mini-repo; every test asserts the check passes (or, where the original
really departs, the one problem a user would see) and what the model holds.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from checks_support import NOTE, PLAN, PLAN_DATA, RULE, SUMMARY, summary
from zhengxie.sources.loader import load_corpus
from zhengxie.text.values import NOT_STATED


def _write(repo, path: str, meta: str, body: str) -> None:
    repo.write(path, f"---\n{meta.strip()}\n---\n\n{body.strip()}\n")


def _doc(repo, path: str):
    return load_corpus(repo.root).documents[path.rsplit("/", 1)[1][: -len(".md")]]


def _passes(repo) -> None:
    problems = repo.check()
    assert problems == [], "\n".join(p.format() for p in problems)


# ---- plans: structures ------------------------------------------------------------------------------

TWO_PART = "docs/plans/2023-juxian-consultation-plan.md"
TWO_PART_META = """
title: 政协莒县委员会2023年度协商工作计划
kind: plan
type: consultation
body: juxian-county
issuers: [中共莒县县委办公室, 莒县人民政府办公室, 政协莒县委员会办公室]
doc_number: 莒政协发〔2023〕2号
date: 2023-02-14
period: "2023"
topics: [rural-revitalization]
"""


def test_two_part_consultation_plan_passes_without_a_waiver(zx_repo):
    _write(
        zx_repo,
        TWO_PART,
        TWO_PART_META,
        """
为做好今年的协商工作，经县委同意，制定本计划。

## 一、总体原则

坚持围绕中心、服务大局，突出协商重点。

## 二、工作安排

全年安排专题协商两次。
""",
    )
    _passes(zx_repo)
    doc = _doc(zx_repo, TWO_PART)
    assert doc.fields["issuers"] == ("中共莒县县委办公室", "莒县人民政府办公室", "政协莒县委员会办公室")
    assert doc.fields["doc_number"] == "莒政协发〔2023〕2号"
    assert doc.body == "juxian-county"  # the owning body stays distinct from the joint issuers


def test_heading_alias_by_pattern_and_an_unnumbered_preamble(zx_repo):
    _write(
        zx_repo,
        TWO_PART,
        TWO_PART_META,
        """
为进一步发挥专门协商机构作用，结合本县实际，制定本计划。

## 一、总体要求

紧扣县委中心工作选题。

## 二、2023年协商工作安排

安排专题协商、对口协商各一次。
""",
    )
    _passes(zx_repo)
    zx_repo.edit(TWO_PART, "2023年协商工作安排", "协商的几点想法")
    problems = zx_repo.check()
    assert [p.code for p in problems] == ["ZX301"]  # the pattern is what made it pass
    assert "工作安排" in problems[0].message  # reported against the two-part profile it nearly follows


def test_four_part_plan_with_a_pattern_heading_and_no_optional_principles(zx_repo):
    """基本原则 is optional in the four-part plan; 协商议题 may be written 20NN年…协商安排."""
    zx_repo.edit(
        PLAN,
        "## 二、基本原则\n\n### （一）围绕中心\n\n紧扣发展大局选题。\n\n### （二）注重实效\n\n每次协商都要有成果。\n\n",
        "",
    )
    zx_repo.edit(PLAN, "## 三、协商议题", "## 二、2019年重点协商安排")
    zx_repo.edit(PLAN, "## 四、组织实施", "## 三、组织实施")
    zx_repo.edit(SUMMARY, "#二基本原则", "#三组织实施")
    _passes(zx_repo)


def test_a_bodys_own_profile_is_its_template(zx_repo):
    zx_repo.write(
        "data/sections.yml",
        zx_repo.read("data/sections.yml")
        + """\
- id: juxian-consultation-plan
  name: 莒县政协协商计划（协商重点、方法步骤）
  body: juxian-county
  types: [consultation]
  sections:
    - name: 协商重点
    - name: 方法步骤
""",
    )
    body = """
## 一、协商重点

围绕乡村振兴选题。

## 二、方法步骤

先调研，后协商，再督办。
"""
    _write(zx_repo, TWO_PART, TWO_PART_META, body)
    _passes(zx_repo)
    # another body's plan does not get 莒县's template
    other = "docs/plans/2023-luoyang-consultation-plan.md"
    _write(zx_repo, other, TWO_PART_META.replace("juxian-county", "luoyang-city"), body)
    assert {(p.code, p.file) for p in zx_repo.check()} == {("ZX301", other)}


def test_a_pinned_profile_is_used(zx_repo):
    _write(
        zx_repo,
        TWO_PART,
        TWO_PART_META + "profile: consultation-plan-two-part\n",
        """
## 一、总体原则

坚持问题导向。

## 二、工作安排

安排协商三次。
""",
    )
    _passes(zx_repo)


# ---- rules: structures ------------------------------------------------------------------------------

FLAT_RULE = "docs/rules/2021-juxian-chair-meeting-rules.md"
RULE_META = """
title: 政协莒县委员会主席会议议事规则
kind: rule
type: procedure
body: juxian-county
date: 2021-03-18
"""


def test_flat_article_rule_passes(zx_repo):
    _write(
        zx_repo,
        FLAT_RULE,
        RULE_META,
        """
第一条　为规范主席会议的议事程序，制定本规则。

第二条　主席会议由主席、副主席、秘书长组成。

第三条　主席会议一般每月召开一次。

第四条　本规则自通过之日起施行。
""",
    )
    _passes(zx_repo)
    assert [a.number for a in _doc(zx_repo, FLAT_RULE).articles] == [1, 2, 3, 4]


def test_rule_numbered_with_han_headings_passes(zx_repo):
    _write(
        zx_repo,
        FLAT_RULE,
        RULE_META,
        """
## 一、会议组成

主席会议由主席、副主席和秘书长组成。

## 二、会议职责

研究处理常务委员会的重要日常工作。

## 三、议事程序

议题由主席确定，会前印发材料。
""",
    )
    _passes(zx_repo)


def test_outline_measures_pass(zx_repo):
    path = "docs/rules/2022-juxian-member-duty-measures.md"
    _write(
        zx_repo,
        path,
        RULE_META.replace("主席会议议事规则", "委员履职管理实施办法")
        .replace("type: procedure", "type: measures")
        .replace("2021-03-18", "2022-01-20"),
        """
为加强委员履职管理，结合实际，制定本办法。

## 一、履职内容

### （一）参加会议

1. 按时出席全体会议。
2. 参加专门委员会活动。

### （二）提交提案

每年至少提交提案一件。

## 二、考核办法

年底统一考核。
""",
    )
    _passes(zx_repo)
    assert _doc(zx_repo, path).fields["type"] == "measures"


CHAPTERED = """
为加强和规范机关工作，根据有关规定，结合实际，制定本规则。

## 第一章　总则

第一条　机关工作坚持党的领导。

第二条　本规则适用于县政协机关。

## 第二章　会议制度

第三条　机关每周召开一次工作例会。

第四条　会议纪要由办公室印发。

## 第三章　附则

第五条　本规则自通过之日起施行。
"""


def test_chaptered_rule_numbers_articles_across_chapters(zx_repo):
    _write(zx_repo, FLAT_RULE, RULE_META, CHAPTERED)
    _passes(zx_repo)
    assert [a.number for a in _doc(zx_repo, FLAT_RULE).articles] == [1, 2, 3, 4, 5]
    # restarting at 第一条 in a later chapter is the slip a reader would notice
    zx_repo.edit(FLAT_RULE, "第三条　机关每周", "第一条　机关每周")
    assert [p.code for p in zx_repo.check()] == ["ZX305"]


def test_chaptered_rule_still_needs_its_general_and_supplementary_chapters(zx_repo):
    _write(zx_repo, FLAT_RULE, RULE_META, CHAPTERED.replace("## 第三章　附则", "## 第三章　其他"))
    problems = zx_repo.check()
    assert [(p.code, p.file) for p in problems] == [("ZX301", FLAT_RULE)]
    assert "附则" in problems[0].message


# ---- summaries and reports: structures and periods --------------------------------------------------


def test_half_year_summary_without_the_optional_problems_section(zx_repo):
    path = "docs/summaries/2021-juxian-half-year-summary.md"
    _write(
        zx_repo,
        path,
        """
title: 政协莒县委员会2021年上半年工作总结
kind: summary
type: half-year
body: juxian-county
date: 2021-07-08
period: "2021-H1"
""",
        """
## 一、上半年主要工作

召开专题协商会两次。

## 二、下半年工作打算

办好全体会议建议的督办。
""",
    )
    _passes(zx_repo)
    period = _doc(zx_repo, path).period
    assert (period.kind, period.half, period.label) == ("half-year", 1, "2021年上半年")


@pytest.mark.parametrize(
    "type_,period,kind,label,year",
    [
        ("annual", '"2022"', "year", "2022年", 2022),
        ("proposal-report", '"2004-2010"', "range", "2004—2010年", 2010),
        ("standing-committee-report", "十三届四次会议以来", "since", "十三届四次会议以来", 2024),
        ("proposal-report", "原文未载", None, None, 2024),
    ],
)
def test_every_period_form_passes(zx_repo, type_, period, kind, label, year):
    sections = {
        "annual": "## 一、主要工作\n\n做了工作。\n\n## 二、存在问题\n\n还有不足。\n\n## 三、下一步工作\n\n继续努力。\n",
        "proposal-report": "## 一、提案提出和立案情况\n\n共收到提案若干件。\n\n## 二、提案办理和落实情况\n\n均已办复。\n",
        "standing-committee-report": "## 一、过去一年的工作\n\n做了工作。\n\n## 二、今后的任务\n\n继续努力。\n",
    }[type_]
    path = f"docs/summaries/{year}-juxian-{type_}.md"
    _write(
        zx_repo,
        path,
        f"""
title: 政协莒县委员会报告
kind: summary
type: {type_}
body: juxian-county
date: {year}-01-10
period: {period}
"""
        + (
            "session: 政协莒县第十三届委员会第五次会议\nreporter: 政协莒县委员会副主席 某某\n"
            "dateline: 在政协莒县第十三届委员会第五次会议上\n"
            if type_ != "annual"
            else ""
        ),
        sections,
    )
    _passes(zx_repo)
    doc = _doc(zx_repo, path)
    if kind is None:
        assert doc.period is NOT_STATED
    else:
        assert (doc.period.kind, doc.period.label) == (kind, label)
    assert doc.year == year  # filed under the period's last year, else the date's


def test_a_report_without_a_handling_part_declares_a_waiver(zx_repo):
    path = "docs/summaries/2019-juxian-proposal-report.md"
    meta = """
title: 关于十三届三次会议以来提案工作情况的报告
kind: summary
type: proposal-report
body: juxian-county
date: 2019-01-08
period: 十三届三次会议以来
"""
    body = "## 一、提案提交和立案情况\n\n共立案一百余件。\n"
    _write(zx_repo, path, meta, body)
    assert [p.code for p in zx_repo.check()] == ["ZX301"]
    reason = "原件只报告了立案情况，没有办理部分"
    _write(zx_repo, path, meta + f"waive: {{ZX301: {{reason: {reason}, scope: 提案办理和落实情况}}}}\n", body)
    _passes(zx_repo)
    corpus_waivers = _waivers(zx_repo)
    assert [(w.doc.id, w.code, w.reason) for w in corpus_waivers] == [("2019-juxian-proposal-report", "ZX301", reason)]
    assert [p.code for p in corpus_waivers[0].problems] == ["ZX301"]


def _waivers(repo):
    from zhengxie.checks import run_checks

    corpus = load_corpus(repo.root)
    run_checks(corpus)
    return corpus.waivers


@pytest.mark.parametrize("period", ["2019", "2019-H2", "2004-2019", "十三届四次会议以来", "原文未载"])
def test_open_data_gives_the_period_as_written(zx_repo, period):
    from zhengxie.outputs import opendata

    zx_repo.edit(SUMMARY, 'period: "2019"', f'period: "{period}"')
    row = next(r for r in opendata.documents(load_corpus(zx_repo.root), None, "/") if r["id"] in SUMMARY)
    assert row["period"] == period


def test_open_data_carries_every_written_field_as_printed(zx_repo):
    """The field table drives the export too: 文号, joint issuers, adoption with its 题注, 原文未载."""
    import jsonschema

    from checks_support import ROOT
    from zhengxie.outputs import opendata

    caption = "（2019年1月8日主席会议通过）"
    zx_repo.edit(
        SUMMARY,
        "kind: summary\n",
        "kind: summary\ndoc_number: 洛政协〔2019〕2号\n"
        "issuers: [政协洛阳市委员会办公室, 洛阳市人民政府办公室]\nreporter: 原文未载\n"
        f"adopted: {{meeting: 主席会议, date: 2019-01-08, caption: {caption}}}\n",
    )
    assert not [p for p in zx_repo.check() if p.severity == "error"]
    row = next(r for r in opendata.documents(load_corpus(zx_repo.root), None, "/") if r["id"] in SUMMARY)
    fields = row["fields"]
    assert fields["doc_number"] == "洛政协〔2019〕2号" and fields["reporter"] == "原文未载"
    assert fields["issuers"] == ["政协洛阳市委员会办公室", "洛阳市人民政府办公室"]
    assert fields["adopted"] == {"meeting": "主席会议", "session": "", "date": "2019-01-08", "caption": caption}
    assert list(fields)[:2] == ["title", "kind"]  # in data/fields.yml order
    schema = json.loads((ROOT / "data" / "schemas" / "opendata.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate({"version": opendata.VERSION, "site": "/", "table": "documents", "rows": [row]}, schema)


def test_a_waiver_that_no_longer_matches_is_a_warning(zx_repo):
    zx_repo.edit(
        SUMMARY, "kind: summary\n", "kind: summary\nwaive: {ZX301: {reason: 原件没有存在问题一节, scope: 存在问题}}\n"
    )
    problems = zx_repo.check()
    assert summary(problems) == [("ZX309", SUMMARY, 4)]
    assert problems[0].severity == "warning" and "ZX301" in problems[0].message
    assert _waivers(zx_repo) == []


def test_unsafe_content_cannot_be_waived(zx_repo):
    zx_repo.edit(NOTE, "kind: note\n", "kind: note\nwaive: {ZX603: 原件如此}\n")
    zx_repo.edit(NOTE, "学习的体会", "<script>x</script>学习的体会")
    codes = sorted(p.code for p in zx_repo.check())
    assert codes == ["ZX310", "ZX603"]  # the script is still reported; the waiver is refused


def test_a_waiver_covers_the_documents_data_file_too(zx_repo):
    zx_repo.edit(PLAN_DATA, "stated_count: 2", "stated_count: 3")
    assert [p.code for p in zx_repo.check()] == ["ZX404"]
    zx_repo.edit(
        PLAN,
        "kind: plan\n",
        "kind: plan\nwaive: {ZX404: {reason: 原件正文说三项，所附表格只列两项, scope: 写明3，列出2}}\n",
    )
    _passes(zx_repo)


# ---- metadata that originals carry, and what they leave out -----------------------------------------

ADOPTED_RULE = """
title: 政协莒县委员会常务委员会工作规则
kind: rule
body: juxian-county
issuers: 政协莒县委员会
adopted:
  meeting: 常务委员会第十五次会议
  session: 第十三届
  date: 2021-03-18
  caption: （2021年3月18日政协莒县第十三届委员会常务委员会第十五次会议通过）
date: 原文未载
published: 2021-03-25
effective: 原文未载
"""


def test_adopted_rule_with_caption_and_dates_not_stated(zx_repo):
    path = "docs/rules/2021-juxian-standing-committee-rules.md"
    _write(
        zx_repo, path, ADOPTED_RULE, "第一条　为规范常务委员会工作，制定本规则。\n\n第二条　本规则自通过之日起施行。"
    )
    _passes(zx_repo)
    doc = _doc(zx_repo, path)
    adopted = doc.fields["adopted"]
    assert (adopted.meeting, adopted.session, adopted.date) == (
        "常务委员会第十五次会议",
        "第十三届",
        dt.date(2021, 3, 18),
    )
    assert adopted.caption.startswith("（2021年3月18日")
    assert doc.date is NOT_STATED and doc.fields["effective"] is NOT_STATED
    assert doc.fields["published"] == dt.date(2021, 3, 25)
    assert doc.fields["issuers"] == ("政协莒县委员会",)
    assert doc.year == 2021  # no 成文日期: the file name's year stands


def test_adoption_date_may_be_not_stated(zx_repo):
    path = "docs/rules/2021-juxian-standing-committee-rules.md"
    _write(
        zx_repo,
        path,
        ADOPTED_RULE.replace("  date: 2021-03-18\n", "  date: 原文未载\n"),
        "第一条　本规则自通过之日起施行。",
    )
    _passes(zx_repo)
    assert _doc(zx_repo, path).fields["adopted"].date is NOT_STATED


def test_a_document_whose_date_is_not_stated_is_not_said_to_be_issued_in_another_year(zx_repo, tmp_path):
    """The year page files it under the file name's year as 成文日期原文未载, never as 在其他年份印发."""
    from checks_support import build_site, make_buildable

    path = "docs/rules/2021-juxian-standing-committee-rules.md"
    _write(zx_repo, path, ADOPTED_RULE, "第一条　本规则自通过之日起施行。")
    result = build_site(make_buildable(zx_repo), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "years" / "2021" / "index.html").read_text(encoding="utf-8")
    assert "在其他年份印发" not in page
    assert "2021 年度的文档（成文日期原文未载）" in page and "2021-juxian-standing-committee-rules/" in page
    years = (tmp_path / "site" / "years" / "index.html").read_text(encoding="utf-8")
    assert "其他年份印发" not in years
    assert "文档 1 篇（成文日期原文未载 1 篇）" in years


def test_a_forgotten_date_is_an_error_whose_hint_offers_not_stated(zx_repo):
    zx_repo.edit(RULE, "date: 2019-05-01\n", "")
    problems = zx_repo.check()
    assert summary(problems) == [("ZX215", RULE, zx_repo.line_of(RULE, "body:"))]  # where date belongs
    assert "date: 原文未载" in problems[0].hint and "不要自己推断" in problems[0].hint
    assert re.search(r"date: [0-9]{4}-[0-9]{2}-[0-9]{2}", problems[0].hint)  # and the form of a stated one
    zx_repo.edit(RULE, "kind: rule\n", "kind: rule\ndate: 原文未载\n")
    assert [p.code for p in zx_repo.check()] == ["ZX230"]  # no year stated: the file name's 2019 is a guess
    zx_repo.edit(RULE, "date: 原文未载\n", "date: 原文未载\ninferred_year: {value: 2019, basis: 依据所引文件推定}\n")
    _passes(zx_repo)


def test_fields_the_site_decides_do_not_take_not_stated(zx_repo):
    """原文未载 is for facts of the original; the owning body, a rule's status and the topics are ours."""
    zx_repo.edit(PLAN, "body: luoyang-city", "body: 原文未载")
    zx_repo.edit(RULE, "kind: rule\n", "kind: rule\nstatus: 原文未载\n")
    zx_repo.edit(SUMMARY, "topics: [proposals]", "topics: 原文未载")
    assert summary(zx_repo.check()) == [("ZX502", PLAN, 5), ("ZX204", RULE, 4), ("ZX203", SUMMARY, 8)]


OLD = "docs/rules/2012-juxian-office-rules.md"
NEW = "docs/rules/2020-juxian-office-rules.md"


def _succession(repo, old_extra: str, new_extra: str) -> None:
    _write(
        repo,
        OLD,
        RULE_META.replace("主席会议议事规则", "机关工作规则")
        .replace("type: procedure", "type: rules")
        .replace("2021-03-18", "2012-06-01")
        + old_extra,
        "第一条　本规则自印发之日起施行。",
    )
    _write(
        repo,
        NEW,
        RULE_META.replace("主席会议议事规则", "机关工作规则（2020年修订）")
        .replace("type: procedure", "type: rules")
        .replace("2021-03-18", "2020-09-01")
        + new_extra,
        "第一条　本规则自印发之日起施行。",
    )


@pytest.mark.parametrize("status", ["amended", "repealed"])
def test_rule_succession_both_ways(zx_repo, status):
    _succession(
        zx_repo,
        f"status: {status}\nsuperseded_by: 2020-juxian-office-rules\n",
        "status: in-force\nsupersedes: [2012-juxian-office-rules]\n",
    )
    _passes(zx_repo)
    corpus = load_corpus(zx_repo.root)
    assert corpus.documents["2012-juxian-office-rules"].fields["superseded_by"] == "2020-juxian-office-rules"
    assert corpus.documents["2020-juxian-office-rules"].fields["supersedes"] == ("2012-juxian-office-rules",)


def test_rule_succession_written_one_way_only(zx_repo):
    _succession(zx_repo, "status: amended\n", "supersedes: [2012-juxian-office-rules]\n")
    assert summary(zx_repo.check()) == [("ZX218", NEW, zx_repo.line_of(NEW, "supersedes:"))]
    _succession(zx_repo, "status: amended\nsuperseded_by: 2020-juxian-office-rules\n", "")
    assert summary(zx_repo.check()) == [("ZX218", OLD, zx_repo.line_of(OLD, "superseded_by:"))]


def test_rule_fields_are_for_rules_only(zx_repo):
    zx_repo.edit(SUMMARY, "kind: summary\n", "kind: summary\nstatus: in-force\n")
    assert summary(zx_repo.check()) == [("ZX216", SUMMARY, 4)]


# ---- plan items ------------------------------------------------------------------------------------

ITEMS_PLAN = "docs/plans/2024-juxian-consultation-plan.md"
ITEMS_DATA = "data/plans/2024-juxian-consultation-plan.yml"
ITEMS_META = TWO_PART_META.replace("2023", "2024")
ITEMS_BODY = """
## 一、总体原则

把协商贯穿履职全过程。

## 二、工作安排

{{ plan_items() }}
"""


def _items(repo, yaml_items: str, head: str = "") -> None:
    _write(repo, ITEMS_PLAN, ITEMS_META, ITEMS_BODY)
    repo.write(
        ITEMS_DATA, f"# yaml-language-server: $schema=../schemas/plan-data.schema.json\n{head}items:\n{yaml_items}"
    )


def _item(n: int, form: str = "thematic", time: str = "3月", extra: str = "") -> str:
    lines = [f"  - id: p{n:02d}", f"    title: 协商议题{n}", f"    form: {form}"]
    if time is not None:
        lines.append(f"    time: {time}")
    lines.append("    roles: {lead-unit: 县政协经济委员会}")
    return "\n".join(lines) + "\n" + extra


TIME_FORMS = [
    "3月",
    "三月下旬",
    "3月至5月",
    "第二季度",
    "上半年",
    "下半年",
    "全年",
    "2024-04-18",
    "2024-05-20至2024-05-22",
    "原文未载",
]


def test_every_time_form_passes_and_is_read(zx_repo):
    _items(zx_repo, "".join(_item(n, time=t) for n, t in enumerate(TIME_FORMS, 1)))
    _passes(zx_repo)
    items = _doc(zx_repo, ITEMS_PLAN).items
    spans = [(i.when.first_month, i.when.last_month) if i.when else None for i in items]
    assert spans == [(3, 3), (3, 3), (3, 5), (4, 6), (1, 6), (7, 12), (1, 12), (4, 4), (5, 5), None]
    assert items[-1].time is NOT_STATED and items[-1].time_label == "原文未载"


def test_a_forgotten_time_is_an_error_not_stated_is_not(zx_repo):
    _items(zx_repo, _item(1, time=None))
    problems = zx_repo.check()
    assert summary(problems) == [("ZX402", ITEMS_DATA, zx_repo.line_of(ITEMS_DATA, "- id: p01"))]
    assert "time: 原文未载" in problems[0].hint
    _items(zx_repo, _item(1, time="原文未载"))
    _passes(zx_repo)


def test_plenary_item_with_only_topic_and_form_passes(zx_repo):
    """forms.yml: a plenary session requires no time and no lead; the plan names neither."""
    _items(
        zx_repo,
        "  - id: p01\n    title: 围绕政府工作报告协商议政\n    form: plenary\n    topics: [social-governance]\n",
    )
    _passes(zx_repo)
    item = _doc(zx_repo, ITEMS_PLAN).items[0]
    assert (item.time, item.roles, item.lead, item.time_label) == (None, {}, "", "时间未定")


def test_roles_as_labelled_lists_including_not_stated(zx_repo):
    _items(
        zx_repo,
        """\
  - id: p01
    title: 推进县域商业体系建设
    form: thematic
    time: 6月
    roles:
      lead-leader: 副主席 某某
      lead-unit: [县政协经济委员会, 县政协农业农村委员会]
      responsible: 原文未载
      undertaker: 县商务局
      participants: [县发展改革局, 县财政局]
      supervisor: 县政协办公室
""",
    )
    _passes(zx_repo)
    item = _doc(zx_repo, ITEMS_PLAN).items[0]
    assert list(item.roles) == ["lead-unit", "lead-leader", "responsible", "undertaker", "participants", "supervisor"]
    assert item.roles["responsible"] is NOT_STATED
    assert item.roles["lead-unit"] == ("县政协经济委员会", "县政协农业农村委员会")
    assert item.lead == "县政协经济委员会、县政协农业农村委员会"


def test_a_lead_unit_the_original_does_not_name(zx_repo):
    _items(
        zx_repo,
        "  - id: p01\n    title: 议题\n    form: thematic\n    time: 5月\n    roles: {participants: [县教育局]}\n",
    )
    problems = zx_repo.check()
    assert [p.code for p in problems] == ["ZX407"]
    assert "lead-unit: 原文未载" in problems[0].hint
    _items(
        zx_repo,
        "  - id: p01\n    title: 议题\n    form: thematic\n    time: 5月\n"
        "    roles: {lead-unit: 原文未载, participants: [县教育局]}\n",
    )
    _passes(zx_repo)


def test_one_topic_through_several_forms(zx_repo):
    _items(
        zx_repo,
        """\
  - id: p01
    title: 加快建设现代农业强县
    stages:
      - {form: group-discussion, time: 1月}
      - {form: plenary-speech, time: 1月}
      - {form: standing-committee, time: 第三季度, note: 形成建议案}
    roles: {lead-unit: 县政协农业农村委员会}
    points: [高标准农田建设, 农产品加工]
""",
    )
    _passes(zx_repo)
    item = _doc(zx_repo, ITEMS_PLAN).items[0]
    assert item.forms == ("group-discussion", "plenary-speech", "standing-committee")
    assert item.when.month == 1 and item.stages[2].note == "形成建议案"
    assert item.points == ("高标准农田建设", "农产品加工")


def test_a_stage_needs_what_its_form_requires(zx_repo):
    _items(
        zx_repo,
        """\
  - id: p01
    title: 加快建设现代农业强县
    stages:
      - {form: group-discussion}
      - {form: standing-committee}
""",
    )
    assert sorted(p.code for p in zx_repo.check()) == ["ZX402", "ZX407"]


def test_a_later_stage_that_needs_a_time_does_not_borrow_an_earlier_stages(zx_repo):
    _items(
        zx_repo,
        """\
  - id: p01
    title: 加快建设现代农业强县
    stages:
      - {form: group-discussion, time: 1月}
      - {form: standing-committee}
    roles: {lead-unit: 县政协农业农村委员会}
""",
    )
    problems = zx_repo.check()
    assert summary(problems) == [("ZX402", ITEMS_DATA, zx_repo.line_of(ITEMS_DATA, "standing-committee"))]
    zx_repo.edit(ITEMS_DATA, "{form: standing-committee}", "{form: standing-committee, time: 原文未载}")
    _passes(zx_repo)


def test_approximate_counts(zx_repo):
    twelve = "".join(_item(n) for n in range(1, 13))
    _items(zx_repo, twelve, head="stated_count: 10件左右\n")
    _passes(zx_repo)
    fifteen = "".join(_item(n) for n in range(1, 16))
    _items(zx_repo, fifteen, head="stated_count: 20余项\n")
    problems = zx_repo.check()
    assert summary(problems) == [("ZX404", ITEMS_DATA, 2)]
    assert "“20余项”" in problems[0].message and "15" in problems[0].message
    assert "项 项" not in problems[0].message  # the count is quoted as written, its unit not doubled
    _items(zx_repo, "".join(_item(n) for n in range(1, 22)), head="stated_count: 20余项\n")
    _passes(zx_repo)


LOCAL_FORMS = """\
- {id: juxian-hall, name: 有事好商量议事厅, parent: grassroots, body: juxian-county, requires: []}
- {id: online-forum, name: 网络议政会, parent: online, requires: [time]}
"""


def test_local_forms_with_parent_and_body(zx_repo):
    zx_repo.write("data/forms.yml", zx_repo.read("data/forms.yml") + LOCAL_FORMS)
    _items(
        zx_repo,
        "  - id: p01\n    title: 老旧小区改造\n    form: juxian-hall\n"
        "  - id: p02\n    title: 农村养老服务\n    form: online-forum\n    time: 下半年\n",
    )
    _passes(zx_repo)
    corpus = load_corpus(zx_repo.root)
    forms = corpus.vocab.forms
    assert (forms["juxian-hall"].root, forms["juxian-hall"].body) == ("grassroots", "juxian-county")
    assert forms["online-forum"].root == "online"
    # another body's plan may not use 莒县's own form
    zx_repo.edit(PLAN_DATA, "form: thematic", "form: juxian-hall")
    assert summary(zx_repo.check()) == [("ZX409", PLAN_DATA, zx_repo.line_of(PLAN_DATA, "form: juxian-hall"))]


def test_forms_outside_the_usual_list(zx_repo):
    _items(
        zx_repo,
        """\
  - {id: p01, title: 优化营商环境, form: chair-meeting, time: 4月}
  - {id: p02, title: 河道治理, form: member-inspection, time: 第三季度}
  - {id: p03, title: 农村饮水安全, form: democratic-supervision, roles: {lead-unit: 县政协人口资源环境委员会}}
  - {id: p04, title: 社区治理, form: grassroots}
  - {id: p05, title: 公共文化服务, form: member-studio}
  - {id: p06, title: 数字乡村, form: online}
""",
    )
    _passes(zx_repo)
