"""One small broken fixture per problem code: break one thing in a valid mini-repository and assert
the code, the file and the line (and the column where the check knows it)."""

from __future__ import annotations

import json
import re

import pytest

from bounds.cases import BOUNDS_CASES
from checks_support import FILES, HALF, HOME, NOTE, PLAN, PLAN_DATA, ROOT, RULE, SUMMARY, SUMMARY_DATA, summary
from dates_cases import DATE_CASES
from portal_support import PORTAL_CASES
from safety_input_cases import INPUT_CASES

BOM = "\ufeff"


def _move_sections(r):
    r.edit(SUMMARY, "## 二、存在问题", "## 二、TMP")
    r.edit(SUMMARY, "## 三、下一步工作", "## 三、存在问题")
    r.edit(SUMMARY, "## 二、TMP", "## 二、下一步工作")


def _custom_schema(r):
    path = r.path("data/schemas/front-matter.schema.json")
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["title"]["maxLength"] = 5
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")


def _delete_section(r):
    text = r.read(PLAN)
    r.write(PLAN, text[: text.index("## 四、组织实施")])


SHARED = """\
  - measure: opinions-submitted
    label: 社情民意信息（分领域）
    value: 12
    breakdown:
      by: field
      parts:
        - {{label: 经济, value: 6, share: {share}}}
        - {{label: 民生, value: 6, share: 50%}}
"""
STAGES = "    stages:\n      - form: group-discussion\n      - form: standing-committee\n"
OLD_RULE = "docs/rules/2010-test-old-rules.md"
OLD_RULE_TEXT = """\
---
title: 洛阳市政协机关工作规则（旧）
kind: rule
body: luoyang-city
date: 2010-03-01
---

第一条　为了规范机关工作，制定本规则。

第二条　本规则自印发之日起施行。
"""


def _supersede_without_link_back(r):
    r.write(OLD_RULE, OLD_RULE_TEXT)
    r.edit(RULE, "type: rules\n", "type: rules\nsupersedes: [2010-test-old-rules]\n")


def _superseded_but_in_force(r):
    r.write(OLD_RULE, OLD_RULE_TEXT.replace("date: 2010-03-01\n", "date: 2010-03-01\nsuperseded_by: 2019-test-rules\n"))
    r.edit(RULE, "type: rules\n", "type: rules\nsupersedes: [2010-test-old-rules]\n")


def _another_bodys_form(r):
    r.write(
        "data/forms.yml",
        r.read("data/forms.yml")
        + "- {id: county-forum, name: 县域协商会, parent: thematic, body: juxian-county, requires: []}\n",
    )
    r.edit(PLAN_DATA, "form: thematic", "form: county-forum")


# Figures added to the mini-repo's summary (立案 90 of 收到 100; the plan states 2 items, the summary
# reports p01 held and p02 merged).
FIELDS = "    breakdown:\n      by: field\n      parts:\n        - {label: 经济, value: 50}\n        - {label: 社会, value: 37}\n"
PARTS = (
    "  - measure: proposals-referred\n    value: 6\n  - measure: proposals-rejected\n    value: 1\n"  # 90 + 6 + 1 ≠ 100
)
PLANNED = "  - measure: plan-items\n    value: {n}\n    plan: 2019-test-consultation-plan\n"
HELD = "  - measure: plan-items-held\n    value: {n}\n    plan: 2019-test-consultation-plan\n"


# code, how to break the repo, file, line (a number, or (file, needle[, occurrence]) to look up
# after the edit, optionally + an offset), column (None = not asserted)
CASES = [
    ("ZX101", lambda r: r.write(PLAN, FILES[PLAN].encode("gbk")), PLAN, 1, None),
    ("ZX102", lambda r: r.write(NOTE, "学习的体会。\n"), NOTE, 1, None),
    ("ZX103", lambda r: r.edit(PLAN_DATA, "    time: 3月", "\ttime: 3月"), PLAN_DATA, (PLAN_DATA, "\ttime"), 1),
    ("ZX104", lambda r: r.write(SUMMARY_DATA, ""), SUMMARY_DATA, 1, None),
    ("ZX105", lambda r: r.edit(PLAN, "body: luoyang-city", "body：luoyang-city"), PLAN, 5, 5),
    ("ZX106", lambda r: r.edit(PLAN, "date: 2019-02-01\n", "date: 2019-02-01\ndate: 2019-03-01\n"), PLAN, 7, 1),
    ("ZX107", lambda r: r.write(NOTE, "---\n- 学习体会\n---\n\n正文。\n"), NOTE, 2, None),
    ("ZX108", lambda r: r.delete("data/forms.yml"), "data/forms.yml", None, None),
    ("ZX200", _custom_schema, PLAN, 2, None),
    ("ZX201", lambda r: r.edit(PLAN, "kind: plan\n", "kind: plan\nauthor: 办公室\n"), PLAN, 4, None),
    (
        "ZX202",
        lambda r: r.edit(PLAN_DATA, "    title: 推动制造业高质量发展\n", ""),
        PLAN_DATA,
        (PLAN_DATA, "- id: p02"),
        None,
    ),
    ("ZX203", lambda r: r.edit(PLAN, 'period: "2019"', "period: 2019"), PLAN, 7, None),
    (
        "ZX204",
        lambda r: r.edit(SUMMARY_DATA, "status: held", "status: done"),
        SUMMARY_DATA,
        (SUMMARY_DATA, "status: done"),
        None,
    ),
    (
        "ZX205",
        lambda r: r.edit(PLAN_DATA, "lead-unit: 市政协经济委员会", 'lead-unit: ""'),
        PLAN_DATA,
        (PLAN_DATA, 'lead-unit: ""'),
        None,
    ),
    ("ZX206", lambda r: r.edit(PLAN, "date: 2019-02-01", "date: 2019-2-1"), PLAN, 6, None),
    ("ZX207", lambda r: r.edit(PLAN_DATA, "time: 3月", "time: 13"), PLAN_DATA, (PLAN_DATA, "time: 13"), None),
    ("ZX208", lambda r: r.edit(PLAN, "topics: [ecology, industry]", "topics: [ecology, ecology]"), PLAN, 8, None),
    (
        "ZX209",
        lambda r: r.write("data/topics.yml", r.read("data/topics.yml") + "- id: ecology\n  name: 生态\n"),
        "data/topics.yml",
        ("data/topics.yml", "- id: ecology", 2),
        None,
    ),
    ("ZX210", lambda r: r.edit(NOTE, "kind: note", "kind: rule"), NOTE, 3, None),
    ("ZX211", lambda r: r.edit(PLAN, "type: consultation", "type: consultaton"), PLAN, 4, None),
    (
        "ZX212",
        lambda r: (
            r.write("docs/notes/Study_Note.md", r.read(NOTE).replace("2019-07-01", "2019-07-01")),
            r.delete(NOTE),
        ),
        "docs/notes/Study_Note.md",
        1,
        None,
    ),
    ("ZX213", lambda r: r.edit(NOTE, "date: 2019-07-01", "date: 2020-07-01"), NOTE, 6, None),
    (
        "ZX214",
        lambda r: r.write("data/plans/2019-orphan-plan.yml", "items: []\n"),
        "data/plans/2019-orphan-plan.yml",
        1,
        None,
    ),
    # where the field belongs: after the field the table puts before it (type), not the closing ---
    ("ZX215", lambda r: r.edit(PLAN, "body: luoyang-city\n", ""), PLAN, (PLAN, "type: consultation"), None),
    (  # one name for two topics: the registry's problem, at the second entry that declares it
        "ZX220",
        lambda r: r.edit("data/topics.yml", "aliases: [乡村振兴战略]", "aliases: [乡村振兴战略, 生态环境]"),
        "data/topics.yml",
        ("data/topics.yml", "name: 生态环境"),
        None,
    ),
    ("ZX216", lambda r: r.edit(PLAN, "kind: plan\n", "kind: plan\nstatus: in-force\n"), PLAN, 4, None),
    (
        "ZX217",
        lambda r: r.edit(RULE, "type: rules\n", "type: rules\nsupersedes: [2010-test-gone-rules]\n"),
        RULE,
        (RULE, "supersedes:"),
        None,
    ),
    ("ZX218", _supersede_without_link_back, RULE, (RULE, "supersedes:"), None),
    ("ZX219", _superseded_but_in_force, OLD_RULE, (OLD_RULE, "superseded_by:"), None),
    ("ZX301", _delete_section, PLAN, (PLAN, "{{ plan_items() }}", 1, 1), None),
    ("ZX302", _move_sections, SUMMARY, (SUMMARY, "## 二、下一步工作"), None),
    ("ZX303", lambda r: r.edit(SUMMARY, "调研还不够深入。\n", ""), SUMMARY, (SUMMARY, "## 二、存在问题"), None),
    ("ZX304", lambda r: r.edit(PLAN, "### （二）注重实效", "### （三）注重实效"), PLAN, (PLAN, "（三）注重实效"), None),
    ("ZX305", lambda r: r.edit(RULE, "第二条　本规则适用", "第四条　本规则适用"), RULE, (RULE, "第四条"), None),
    ("ZX306", lambda r: r.edit(RULE, "第三条　依照", "第十十条　依照"), RULE, (RULE, "第十十条"), None),
    ("ZX307", lambda r: r.edit(NOTE, "学习的体会", "# 学习体会\n\n学习的体会"), NOTE, (NOTE, "# 学习体会"), None),
    ("ZX308", lambda r: r.edit(PLAN, "kind: plan\n", "kind: plan\nprofile: two-part\n"), PLAN, 4, None),
    ("ZX309", lambda r: r.edit(NOTE, "kind: note\n", "kind: note\nwaive: {ZX301: 原件只有一段}\n"), NOTE, 4, None),
    ("ZX310", lambda r: r.edit(NOTE, "kind: note\n", "kind: note\nwaive:\n  ZX603: 原件如此\n"), NOTE, 5, None),
    ("ZX401", lambda r: r.edit(PLAN_DATA, "id: p02", "id: p01"), PLAN_DATA, (PLAN_DATA, "id: p01", 2), None),
    ("ZX402", lambda r: r.edit(PLAN_DATA, "    time: 3月\n", ""), PLAN_DATA, (PLAN_DATA, "- id: p01"), None),
    (
        "ZX403",
        lambda r: r.edit(PLAN_DATA, "    time: 3月\n", "    time: 3月\n" + STAGES),
        PLAN_DATA,
        (PLAN_DATA, "stages:"),
        None,
    ),
    ("ZX404", lambda r: r.edit(PLAN_DATA, "stated_count: 2", "stated_count: 3"), PLAN_DATA, 2, None),
    ("ZX405", lambda r: r.delete(PLAN_DATA), PLAN, (PLAN, "{{ plan_items() }}"), 1),
    ("ZX406", lambda r: r.edit(PLAN_DATA, "    form: thematic\n", ""), PLAN_DATA, (PLAN_DATA, "- id: p01"), None),
    (
        "ZX407",
        lambda r: r.edit(PLAN_DATA, "      lead-unit: 市政协人口资源环境委员会\n", ""),
        PLAN_DATA,
        (PLAN_DATA, "roles:"),
        None,
    ),
    (
        "ZX408",
        lambda r: r.edit(PLAN_DATA, "participants: [市生态环境局", "partners: [市生态环境局"),
        PLAN_DATA,
        (PLAN_DATA, "partners:"),
        None,
    ),
    ("ZX409", _another_bodys_form, PLAN_DATA, (PLAN_DATA, "form: county-forum"), None),
    (
        "ZX411",
        lambda r: r.edit(SUMMARY_DATA, "proposals-answered\n    value: 90", "proposals-answered\n    value: 95"),
        SUMMARY_DATA,
        (SUMMARY_DATA, "value: 95"),
        None,
    ),
    (
        "ZX413",
        lambda r: r.edit(SUMMARY_DATA, "proposals-answer-rate\n    value: 100", "proposals-answer-rate\n    value: 95"),
        SUMMARY_DATA,
        (SUMMARY_DATA, "value: 95"),
        None,
    ),
    ("ZX414", lambda r: r.edit(SUMMARY, "date: 2019-12-20", "date: 2021-01-10"), SUMMARY, 6, None),
    ("ZX415", lambda r: r.edit(SUMMARY, "type: annual", "type: half-year"), SUMMARY, 7, None),
    (
        "ZX416",
        lambda r: r.edit(
            SUMMARY_DATA,
            "    date: 2019-03-20\n",
            "    date: 2019-03-20\n    merged_into: 2019-test-consultation-plan#p02\n",
        ),
        SUMMARY_DATA,
        (SUMMARY_DATA, "merged_into: 2019-test-consultation-plan#p02"),
        None,
    ),
    (
        "ZX417",
        lambda r: r.edit(
            SUMMARY_DATA, "item: 2019-test-consultation-plan#p02", "item: 2019-test-consultation-plan#p01"
        ),
        SUMMARY_DATA,
        (SUMMARY_DATA, "item: 2019-test-consultation-plan#p01", 2),
        None,
    ),
    (
        "ZX420",
        lambda r: r.edit(SUMMARY_DATA, "measure: proposals-received", "measure: proposal-received"),
        SUMMARY_DATA,
        (SUMMARY_DATA, "proposal-received"),
        None,
    ),
    (
        "ZX421",
        lambda r: r.edit(SUMMARY_DATA, "    value: 12\n", "    value: 12\n    unit: 人次\n"),
        SUMMARY_DATA,
        (SUMMARY_DATA, "unit: 人次"),
        None,
    ),
    (
        "ZX422",
        lambda r: r.edit(SUMMARY_DATA, "proposals-filed\n    value: 90\n", "proposals-filed\n    value: 90\n" + FIELDS),
        SUMMARY_DATA,
        (SUMMARY_DATA, "value: 90"),
        None,
    ),
    (
        "ZX423",
        lambda r: r.edit(
            SUMMARY_DATA,
            "proposals-filed\n    value: 90\n",
            "proposals-filed\n    value: 90\n" + FIELDS.replace("by: field", "by: 委室"),
        ),
        SUMMARY_DATA,
        (SUMMARY_DATA, "proposals-filed"),
        None,
    ),
    (
        "ZX424",
        lambda r: r.edit(SUMMARY_DATA, "    value: 80.5\n", "    value: 80.5\n    of: 原文未载\n"),
        SUMMARY_DATA,
        (SUMMARY_DATA, "of: 原文未载"),
        None,
    ),
    (
        "ZX425",
        lambda r: r.edit(
            SUMMARY_DATA, "  - label: 专题视察", "  - measure: proposals-filed\n    value: 93\n  - label: 专题视察"
        ),
        SUMMARY_DATA,
        (SUMMARY_DATA, "value: 93"),
        None,
    ),
    (
        "ZX426",
        lambda r: r.edit(
            SUMMARY_DATA, "proposals-filed\n    value: 90\n", "proposals-filed\n    value: 90\n    sic: 原件如此\n"
        ),
        SUMMARY_DATA,
        (SUMMARY_DATA, "sic: 原件如此"),
        None,
    ),
    (
        "ZX427",
        lambda r: r.edit(SUMMARY_DATA, "  - label: 专题视察", PARTS + "  - label: 专题视察"),
        SUMMARY_DATA,
        (SUMMARY_DATA, "value: 100"),
        None,
    ),
    (
        "ZX428",
        lambda r: r.edit(
            SUMMARY_DATA, "  - label: 专题视察", "  - measure: proposals-merged\n    value: 3\n  - label: 专题视察"
        ),
        SUMMARY_DATA,
        (SUMMARY_DATA, "proposals-merged"),
        None,
    ),
    (
        "ZX430",
        lambda r: (_delete_section(r), r.edit(PLAN, "kind: plan\n", "kind: plan\nwaive: {ZX301: 原件没有这一节}\n")),
        PLAN,
        4,
        None,
    ),
    (
        "ZX431",
        lambda r: r.edit(
            SUMMARY_DATA,
            "  - label: 专题视察",
            "  - measure: proposals-filed\n    value: 93\n    sic: 原件如此\n  - label: 专题视察",
        ),
        SUMMARY_DATA,
        (SUMMARY_DATA, "sic: 原件如此"),
        None,
    ),
    (
        "ZX432",
        lambda r: r.edit(SUMMARY_DATA, "  - label: 专题视察", SHARED.format(share="59%") + "  - label: 专题视察"),
        SUMMARY_DATA,
        (SUMMARY_DATA, "share: 59%"),
        None,
    ),
    (
        "ZX433",
        lambda r: r.edit(SUMMARY_DATA, "  - label: 专题视察", SHARED.format(share="990%以上") + "  - label: 专题视察"),
        SUMMARY_DATA,
        (SUMMARY_DATA, "share: 990%以上"),
        None,
    ),
    (
        "ZX434",
        lambda r: r.edit(PLAN_DATA, "stated_count: 2\n", "stated_count: 2\nform_counts: {thematic: 3}\n"),
        PLAN_DATA,
        (PLAN_DATA, "form_counts:"),
        None,
    ),
    (
        "ZX509",
        lambda r: r.edit(SUMMARY_DATA, "  - label: 专题视察", PLANNED.format(n=3) + "  - label: 专题视察"),
        SUMMARY_DATA,
        (SUMMARY_DATA, "value: 3"),
        None,
    ),
    (
        "ZX510",
        lambda r: r.edit(SUMMARY_DATA, "  - label: 专题视察", HELD.format(n=2) + "  - label: 专题视察"),
        SUMMARY_DATA,
        (SUMMARY_DATA, "value: 2"),
        None,
    ),
    (
        "ZX511",
        lambda r: r.edit(
            SUMMARY_DATA,
            "  - label: 专题视察",
            PLANNED.format(n=2).replace("2019-test-consultation-plan", "2019-test-missing-plan")
            + "  - label: 专题视察",
        ),
        SUMMARY_DATA,
        (SUMMARY_DATA, "plan: 2019-test-missing-plan"),
        None,
    ),
    ("ZX501", lambda r: r.edit(PLAN, "topics: [ecology, industry]", "topics: [ecolgy, industry]"), PLAN, 8, None),
    ("ZX502", lambda r: r.edit(PLAN, "body: luoyang-city", "body: luoyang"), PLAN, 5, None),
    (
        "ZX503",
        lambda r: r.edit(PLAN_DATA, "form: thematic", "form: thematc"),
        PLAN_DATA,
        (PLAN_DATA, "form: thematc"),
        None,
    ),
    (
        "ZX504",
        lambda r: r.edit(
            SUMMARY_DATA, "item: 2019-test-consultation-plan#p01", "item: 2019-test-consultation-plan#p09"
        ),
        SUMMARY_DATA,
        (SUMMARY_DATA, "#p09"),
        None,
    ),
    (
        "ZX505",
        lambda r: r.edit(SUMMARY, "../plans/2019-test-consultation-plan.md#item-p01", "../plans/2019-test-plan.md"),
        SUMMARY,
        (SUMMARY, "2019-test-plan.md"),
        22,
    ),
    ("ZX506", lambda r: r.edit(HOME, "#item-p02", "#item-p2"), HOME, (HOME, "#item-p2"), None),
    (
        "ZX507",
        lambda r: r.edit(NOTE, "../rules/2019-test-rules.md#article-2", "/rules/2019-test-rules/"),
        NOTE,
        (NOTE, "/rules/"),
        None,
    ),
    (
        "ZX508",
        lambda r: r.edit(HOME, "(plans/2019-test-consultation-plan.md)", "(plans/)"),
        HOME,
        (HOME, "(plans/)"),
        None,
    ),
    (
        "ZX130",
        lambda r: r.edit(SUMMARY, "收到提案100件", "收到提案【待核：原件此处是未填写的占位符（数字）】件"),
        SUMMARY,
        (SUMMARY, "待核"),
        8,
    ),
    ("ZX601", lambda r: r.edit(SUMMARY, "收到提案100件", "收到提案□件"), SUMMARY, (SUMMARY, "□"), 8),
    ("ZX602", lambda r: r.edit(NOTE, "学习的体会", "{{ config.site_name }}学习的体会"), NOTE, (NOTE, "config"), 1),
    ("ZX603", lambda r: r.edit(NOTE, "学习的体会", "<script>alert(1)</script>学习的体会"), NOTE, (NOTE, "script"), 1),
    (
        "ZX604",
        lambda r: r.edit(NOTE, "学习的体会", '<img src="a.png" onerror="alert(1)">学习的体会'),
        NOTE,
        (NOTE, "onerror"),
        18,
    ),
    (
        "ZX605",
        lambda r: r.edit(NOTE, "学习的体会", "[点我](javascript:alert(1))学习的体会"),
        NOTE,
        (NOTE, "javascript"),
        6,
    ),
    ("ZX606", lambda r: r.edit(HOME, "title: 首页", "title: 首页\ntemplate: redirect.html"), HOME, 3, None),
]

CASES += INPUT_CASES  # reading limits, publishing and identity (ZX109–ZX120)
CASES += DATE_CASES  # undated documents, inferred years, dates in order (ZX230–ZX237)
CASES += BOUNDS_CASES  # Markdown nesting, heading patterns, parent cycles (ZX136, ZX137, ZX512)
CASES += PORTAL_CASES  # originals attached as 附件, 索引号 body codes (ZX151–ZX156)

NOT_FROM_THE_CHECK = {
    "ZX121": "reported by `check --files` for a path that does not exist (tests/test_cache_cli.py)",
    "ZX699": "reported by the site build when a page's macros fail to render (zhengxie.build.website), not by the check",
    "ZX128": "a sharded build's selection (ZX_SHARD), not a file: tests/shards/test_shards.py",
    "ZX129": "a sharded build asking for more shards than data/shards.yml allows: tests/shards/test_shards.py",
    "ZX157": "reported by the check command when git tracks a file in its store: tests/store/test_store.py",
    "ZX158": "reported when git tracks compiled code or an installed environment: tests/gitfiles/test_tracked.py",
}


def _resolve(r, line):
    if line is None or isinstance(line, int):
        return line
    rel, needle, *rest = line
    occurrence = rest[0] if rest else 1
    offset = rest[1] if len(rest) > 1 else 0
    return r.line_of(rel, needle, occurrence) + offset


@pytest.mark.parametrize("code,breaks,file,line,column", CASES, ids=[c[0] for c in CASES])
def test_problem_code(zx_repo, code, breaks, file, line, column):
    breaks(zx_repo)
    problems = zx_repo.check()
    expected_line = _resolve(zx_repo, line)
    found = [p for p in problems if p.code == code]
    assert found, f"{code} not reported; got {summary(problems)}"
    assert (code, file, expected_line) in summary(found), summary(problems)
    problem = next(p for p in found if p.file == file and p.line == expected_line)
    if column is not None:
        assert problem.column == column
    assert problem.message and "{" not in problem.message.replace("{{", ""), problem.message
    assert problem.hint


def test_every_code_has_a_fixture():
    import yaml

    catalogue = yaml.safe_load((ROOT / "data" / "problems.yml").read_text(encoding="utf-8"))
    codes = {entry["code"] for entry in catalogue}
    tested = {case[0] for case in CASES}
    assert codes - tested - set(NOT_FROM_THE_CHECK) == set()
    assert tested <= codes


def test_templates_do_not_use_the_reporters_own_argument_names():
    """{code} or {file} in a template would clash with Reporter.add's arguments (a traceback)."""
    import yaml

    catalogue = yaml.safe_load((ROOT / "data" / "problems.yml").read_text(encoding="utf-8"))
    for entry in catalogue:
        for key in ("message", "hint"):
            for name in ("code", "file", "line", "column"):
                assert "{" + name + "}" not in entry[key], (entry["code"], key)


def test_baseline_mini_repo_is_valid(zx_repo):
    assert zx_repo.check() == []


def test_did_you_mean(zx_repo):
    zx_repo.edit(PLAN, "topics: [ecology, industry]", "topics: [ecolgy, industry]")
    zx_repo.edit(HOME, "#item-p02", "#item-p2")
    zx_repo.edit(SUMMARY, "../plans/2019-test-consultation-plan.md#item-p01", "../plans/2019-test-plan.md")
    messages = {p.code: p.message for p in zx_repo.check()}
    assert "是不是“ecology”" in messages["ZX501"]
    assert "是不是“item-p02”" in messages["ZX506"]
    assert "是不是“../plans/2019-test-consultation-plan.md”" in messages["ZX505"]


def test_unknown_key_lists_allowed_keys(zx_repo):
    zx_repo.edit(PLAN, "kind: plan\n", "kind: plan\ntopic: [ecology]\n")
    problem = next(p for p in zx_repo.check() if p.code == "ZX201")
    assert "未知字段“topic”" in problem.message and "是不是“topics”" in problem.message
    assert "title" in problem.hint


def test_empty_lead_says_it_cannot_be_empty(zx_repo):
    zx_repo.edit(PLAN_DATA, "lead-unit: 市政协经济委员会", 'lead-unit: ""')
    problem = next(p for p in zx_repo.check() if p.code == "ZX205")
    assert problem.message.startswith("字段“lead-unit”") and "不能为空" in problem.message


def test_enum_lists_allowed_values(zx_repo):
    zx_repo.edit(SUMMARY_DATA, "status: held", "status: done")
    problem = next(p for p in zx_repo.check() if p.code == "ZX204")
    assert "held" in problem.hint and "merged" in problem.hint


def test_half_year_summary_period(zx_repo):
    zx_repo.write(
        HALF,
        FILES[SUMMARY]
        .replace("type: annual", "type: half-year")
        .replace('period: "2019"', 'period: "2019-H1"')
        .replace("2019-12-20", "2019-07-10")
        .replace("{{ summary_figures() }}\n\n{{ follow_through() }}\n", ""),
    )
    assert zx_repo.check() == []
    zx_repo.edit(HALF, "2019-07-10", "2019-12-01")
    assert [p.code for p in zx_repo.check()] == ["ZX414"]


def test_held_report_needs_a_date(zx_repo):
    zx_repo.edit(SUMMARY_DATA, "    date: 2019-03-20\n", "")
    problem = next(p for p in zx_repo.check() if p.code == "ZX202")
    assert "“date”" in problem.message and "reports 第 1 项" in problem.message


def test_missing_period_on_a_summary(zx_repo):
    """Forgotten, not 原文未载: an error at the end of the front matter whose hint offers both."""
    zx_repo.edit(SUMMARY, 'period: "2019"\n', "")
    problems = zx_repo.check()
    assert summary(problems) == [("ZX215", SUMMARY, zx_repo.line_of(SUMMARY, "date:"))]
    assert "period" in problems[0].message
    assert re.search(r'period: "[0-9]{4}"', problems[0].hint)  # quoted: an unquoted year would be a number
    assert "period: 原文未载" in problems[0].hint


def test_wrong_type_messages_name_the_type(zx_repo):
    zx_repo.edit(PLAN, "topics: [ecology, industry]", "topics: ecology")
    problem = next(p for p in zx_repo.check() if p.code == "ZX203")
    assert "列表" in problem.message and "文字“ecology”" in problem.message


def test_body_parent_must_exist(zx_repo):
    zx_repo.edit("data/bodies.yml", "parent: juxian-county", "parent: juxian")
    problems = zx_repo.check()
    assert ("ZX502", "data/bodies.yml", zx_repo.line_of("data/bodies.yml", "parent: juxian")) in summary(problems)


def test_plan_item_with_empty_time_reports_type_not_missing(zx_repo):
    """A scaffold's `time:` left without a value: one clear type error, not also 'no time'."""
    zx_repo.edit(PLAN_DATA, "time: 3月", "time:")
    problems = zx_repo.check()
    assert [p.code for p in problems] == ["ZX203"]
    assert "空值" in problems[0].message and "原文未载" in problems[0].hint


def test_numbering_restarts_under_each_parent(zx_repo):
    zx_repo.edit(PLAN, "## 四、组织实施\n", "## 四、组织实施\n\n### （一）提高认识\n\n内容。\n")
    assert zx_repo.check() == []


def test_repeated_article_is_one_problem(zx_repo):
    zx_repo.edit(RULE, "第二条　本规则适用", "第一条　本规则适用")
    problems = zx_repo.check()
    # one numbering problem (not one for every later article), and the note's link to #article-2 breaks
    assert sorted(p.code for p in problems) == ["ZX305", "ZX506"]
    assert "应为“第二条”" in next(p for p in problems if p.code == "ZX305").message


def test_duplicated_article_then_continuing_is_one_problem(zx_repo):
    zx_repo.edit(RULE, "第三条　依照", "第二条　重复的条文。\n\n第三条　依照")
    assert [p.code for p in zx_repo.check()] == ["ZX305"]


def test_jinja_in_code_is_still_jinja(zx_repo):
    zx_repo.edit(NOTE, "学习的体会", "```\n{% include 'x' %}\n```\n\n学习的体会")
    assert [p.code for p in zx_repo.check()] == ["ZX602"]


def test_residue_and_html_in_code_are_not_reported(zx_repo):
    zx_repo.edit(
        NOTE, "学习的体会", "`20xx年` 和 `<script>` 是示例。\n\n```html\n<script>□</script>\n```\n\n学习的体会"
    )
    assert zx_repo.check() == []


def test_residue_in_front_matter_and_data_values(zx_repo):
    zx_repo.edit(PLAN, "title: 洛阳市政协2019年度协商计划", "title: 洛阳市政协20xx年度协商计划")
    zx_repo.edit(PLAN_DATA, "lead-unit: 市政协经济委员会", "lead-unit: 市政协XX委员会")
    problems = summary(zx_repo.check())
    assert ("ZX601", PLAN, 2) in problems
    assert ("ZX601", PLAN_DATA, zx_repo.line_of(PLAN_DATA, "XX委员会")) in problems


def test_script_in_data_value(zx_repo):
    zx_repo.edit(PLAN_DATA, "title: 黄河流域生态保护", 'title: "<script>x</script>黄河"')
    assert ("ZX603", PLAN_DATA, zx_repo.line_of(PLAN_DATA, "<script>")) in summary(zx_repo.check())


def test_encoded_javascript_url(zx_repo):
    zx_repo.edit(NOTE, "学习的体会", '<a href="&#106;avascript&#58;alert(1)">x</a>学习的体会')
    assert "ZX605" in [p.code for p in zx_repo.check()]


def test_guide_pages_may_use_problem_codes_and_raw(zx_repo):
    zx_repo.write("docs/guide/problems.md", "---\ntitle: 问题代码\n---\n\n# 问题代码\n\n{{ problem_codes() }}\n")
    zx_repo.write(
        "docs/guide/index.md",
        "# 编辑指南\n\n{% raw %}\n写 `{{ plan_items() }}`，见[ZX301](problems.md#zx301)。\n{% endraw %}\n",
    )
    assert zx_repo.check() == []
    zx_repo.write("docs/guide/index.md", "# 编辑指南\n\n见[ZX301](problems.md#zx399)。\n")
    assert [p.code for p in zx_repo.check()] == ["ZX506"]
    zx_repo.write(NOTE, FILES[NOTE] + "\n{{ problem_codes() }}\n")
    zx_repo.write("docs/guide/index.md", "# 编辑指南\n")
    assert [p.code for p in zx_repo.check()] == ["ZX602"]


def test_heading_anchor_links(zx_repo):
    zx_repo.edit(HOME, "#item-p02", "#三协商议题")
    assert zx_repo.check() == []
    zx_repo.edit(HOME, "#三协商议题", "#%E4%B8%89%E5%8D%8F%E5%95%86%E8%AE%AE%E9%A2%98")
    assert zx_repo.check() == []


def test_links_to_generated_pages_are_accepted(zx_repo):
    zx_repo.edit(HOME, "(plans/2019-test-consultation-plan.md)", "(topics/ecology.md)")
    assert zx_repo.check() == []


def test_duplicate_heading_slugs_get_suffixes(zx_repo):
    zx_repo.edit(PLAN, "## 四、组织实施\n", "## 四、组织实施\n\n### （一）要求\n\n内容。\n")
    zx_repo.edit(PLAN, "## 三、协商议题\n", "## 三、协商议题\n\n### （一）要求\n\n内容。\n")
    zx_repo.edit(HOME, "#item-p02", "#一要求_1")
    assert zx_repo.check() == []
    zx_repo.edit(HOME, "#一要求_1", "#一要求_2")
    assert [p.code for p in zx_repo.check()] == ["ZX506"]


def test_bad_input_never_raises(zx_repo):
    """Truncating every file at several points gives problems, never a traceback."""
    originals = {path: zx_repo.read(path) for path in FILES}
    for path, text in originals.items():
        for cut in range(0, len(text), max(1, len(text) // 7)):
            zx_repo.write(path, text[:cut])
            zx_repo.check()
        zx_repo.write(path, BOM + text.replace("\n", "\r\n")[: len(text) // 2])
        zx_repo.check()
        zx_repo.write(path, text)


@pytest.mark.parametrize(
    "path,old,new,code",
    [
        ("data/sections.yml", "aliases: [总体要求, 指导思想和总体要求]", "aliases: 3", "ZX203"),
        ("data/kinds.yml", "  types:\n    - id: rules\n", "  types: 3\n  x:\n    - id: rules\n", "ZX203"),
        ("data/topics.yml", "- id: study\n", "- 3\n- id: study\n", "ZX203"),
        (PLAN_DATA, "items:\n", "items: 5\nx:\n", "ZX203"),
        (SUMMARY_DATA, "figures:\n", "figures: 5\nx:\n", "ZX203"),
    ],
)
def test_malformed_vocabulary_and_data_are_problems_not_tracebacks(zx_repo, path, old, new, code):
    text = zx_repo.read(path)
    zx_repo.write(path, text.replace(old, new, 1) if old in text else text + new)
    problems = zx_repo.check()
    assert code in [p.code for p in problems if p.file == path]


def test_empty_front_matter_lists_the_missing_fields(zx_repo):
    zx_repo.write(NOTE, "---\n\n---\n\n正文。\n")  # (MkDocs reads ---/--- with nothing between as no block)
    missing = [p.message for p in zx_repo.check() if p.code == "ZX215"]
    assert len(missing) == 4 and any("title（标题）" in m for m in missing)


def test_pages_that_are_not_documents_are_read_too(zx_repo):
    zx_repo.write("docs/guide/index.md", "---\ntitle：指南\n---\n\n# 指南\n")
    zx_repo.write(
        "docs/plans/index.md", "# 计划\n\n见[计划](2019-test-consultation-plan.md#item-p09)。\n".encode("gbk")
    )
    problems = summary(zx_repo.check())
    assert ("ZX105", "docs/guide/index.md", 2) in problems
    assert ("ZX101", "docs/plans/index.md", 1) in problems


@pytest.mark.parametrize(
    "path,old,new,code,says",
    [
        (PLAN, 'period: "2019"', "period: 2019", "ZX203", "应为文字或原文未载，现在是整数 2019"),
        (PLAN, "date: 2019-02-01", "date: 2019-2-1", "ZX206", "“2019-2-1”格式不对"),
        (PLAN, "date: 2019-02-01\n", "date: 2019-02-01\nissuers: [3]\n", "ZX203", "应为文字，现在是整数 3"),
        (PLAN, "date: 2019-02-01\n", "date: 2019-02-01\nadopted: {date: 2019-2-1}\n", "ZX206", "（adopted）"),
        (PLAN_DATA, "time: 3月", "time: 13", "ZX207", "超出范围 1–12"),
        (PLAN_DATA, "time: 3月", "time: 三月前后", "ZX206", "格式不对"),
        (PLAN_DATA, "participants: [市工业和信息化局]", "participants: [1]", "ZX203", "应为文字，现在是整数 1"),
        (PLAN_DATA, "lead-unit: 市政协经济委员会", "lead-unit: 3", "ZX203", "应为文字或列表（如 [a, b]）或原文未载"),
        (PLAN_DATA, "stated_count: 2", "stated_count: 若干项", "ZX206", "“若干项”格式不对"),  # 两项 is a count
    ],
)
def test_values_that_may_say_not_stated_get_the_specific_message(zx_repo, path, old, new, code, says):
    """A field that accepts a value or 原文未载 still tells the editor what is wrong with the value."""
    zx_repo.edit(path, old, new)
    problems = zx_repo.check()
    assert [p.code for p in problems] == [code], summary(problems)
    assert says in problems[0].message, problems[0].message
    assert problems[0].line == zx_repo.line_of(path, new.strip().split("\n")[-1])
