"""Issue 29: unknown values get a "did you mean" in the clerk's own script — a Chinese near-miss is
offered the registered name, a Latin typo the id — in the site's words (专题, 机构); the schemas let
names through; one root cause gives one problem."""

from __future__ import annotations

import json

import pytest

from checks_support import PLAN, PLAN_DATA, ROOT, SUMMARY_DATA, summary


@pytest.mark.parametrize(
    "file,old,new,code,suggested",
    [
        (PLAN_DATA, "form: thematic", "form: 专题协商", "ZX503", "专题协商会"),
        (PLAN_DATA, "form: thematic", "form: thematc", "ZX503", "thematic"),
        (PLAN, "topics: [ecology, industry]", "topics: [振兴乡村]", "ZX501", "乡村振兴"),
        (PLAN, "topics: [ecology, industry]", "topics: [rural-revitalisation]", "ZX501", "rural-revitalization"),
        (PLAN, "body: luoyang-city", "body: 洛阳政协", "ZX502", "洛阳市政协"),
        (PLAN, "type: consultation", "type: 年度计划", "ZX211", "年度协商计划"),
        (PLAN_DATA, "lead-unit: 市政协人口资源环境委员会", "牵头的单位: 市政协人口资源环境委员会", "ZX408", "牵头单位"),
        (SUMMARY_DATA, "measure: proposals-filed\n", "measure: 立案件数\n", "ZX420", "立案数"),
    ],
)
def test_near_misses_are_offered_in_the_script_they_were_written_in(zx_repo, file, old, new, code, suggested):
    zx_repo.edit(file, old, new)
    problems = zx_repo.check()
    assert [p.code for p in problems] == [code], summary(problems)
    assert f"是不是“{suggested}”" in problems[0].message + problems[0].hint


def test_messages_use_the_sites_words(zx_repo):
    zx_repo.edit(PLAN, "topics: [ecology, industry]", "topics: [无此专题]")
    zx_repo.edit(PLAN, "body: luoyang-city", "body: 无此机构")
    problems = {p.code: p for p in zx_repo.check()}
    assert problems["ZX501"].message.startswith("专题“无此专题”") and "主题" not in problems["ZX501"].message
    assert problems["ZX502"].message.startswith("机构“无此机构”")
    assert "洛阳市政协" in problems["ZX502"].hint  # names are accepted: the hint says so


def test_a_heading_that_lost_its_numbering_is_one_problem(zx_repo):
    zx_repo.edit(PLAN, "## 一、指导思想", "## 指导思想")
    problems = [p for p in zx_repo.check() if p.file == PLAN]
    assert summary(problems) == [("ZX304", PLAN, zx_repo.line_of(PLAN, "## 指导思想"))]
    assert "“一、”" in problems[0].message  # the fix is to number it, not to renumber the others


def test_headings_outside_the_numbered_run_are_not_slips(zx_repo):
    zx_repo.edit(PLAN, "## 一、指导思想", "## 前言\n\n引言。\n\n## 一、指导思想")
    zx_repo.edit(
        PLAN,
        "## 四、组织实施\n\n各有关单位要密切配合。\n",
        "## 四、组织实施\n\n各有关单位要密切配合。\n\n## 附件\n\n略。\n",
    )
    assert [p for p in zx_repo.check() if p.code == "ZX304"] == []


@pytest.mark.parametrize(
    "schema,instance",
    [
        ("front-matter", {"kind": "协商计划", "type": "年度协商计划", "body": "洛阳市政协", "topics": ["乡村振兴"]}),
        (
            "plan-data",
            {"items": [{"id": "p01", "title": "议题", "form": "双月协商座谈会", "roles": {"牵头单位": "某委员会"}}]},
        ),
        ("summary-data", {"figures": [{"measure": "立案", "value": 174}]}),
    ],
)
def test_the_schemas_editors_use_accept_names(schema, instance):
    from jsonschema import Draft202012Validator

    loaded = json.loads((ROOT / "data" / "schemas" / f"{schema}.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(loaded).iter_errors(instance)) == []


def test_the_schemas_still_refuse_what_is_neither_id_nor_name():
    from jsonschema import Draft202012Validator

    loaded = json.loads((ROOT / "data" / "schemas" / "front-matter.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(loaded).iter_errors({"type": "Annual Plan"}))


@pytest.mark.parametrize(
    "file,old,new",
    [
        (PLAN_DATA, "    form: thematic\n", "    form: thematic\n  time: 3月\n"),  # an item's key out of line
        (PLAN_DATA, "  - id: p02\n", "  - id: p02\n  title 推动\n"),  # a colon forgotten
        (SUMMARY_DATA, "  - measure: proposals-filed\n", "  - measure: proposals-filed\n  value 3\n"),
    ],
)
def test_one_yaml_slip_in_a_data_file_is_one_problem(zx_repo, file, old, new):
    """Not also every reference to the plan's items, every link to their anchors, every macro that
    shows the file: what the file would have held is unknown until it reads again."""
    zx_repo.edit(file, old, new)
    assert [(p.code, p.file) for p in zx_repo.check()] == [("ZX103", file)]


@pytest.mark.parametrize(
    "file,old,new",
    [
        ("data/topics.yml", "- id: ecology\n", "- id: ecology\n name: x\n"),
        ("data/bodies.yml", "- id: luoyang-city\n", "- id: luoyang-city\n name x\n"),
        ("data/forms.yml", "- {id: thematic,", "- {id: thematic"),
        ("data/roles.yml", "- {id: lead-unit,", "- {id: lead-unit"),
        ("data/measures.yml", "measures:\n", "measures:\n x\n"),
    ],
)
def test_one_yaml_slip_in_a_registry_file_is_one_problem(zx_repo, file, old, new):
    """Not also every topic, body, form, role or measure the documents name, which would all look
    unknown while the registry does not read."""
    zx_repo.edit(file, old, new)
    assert [(p.code, p.file) for p in zx_repo.check()] == [("ZX103", file)]


def test_a_choice_may_be_written_by_its_name(zx_repo):
    from checks_support import RULE
    from zhengxie.sources.loader import load_corpus

    zx_repo.edit(RULE, "type: rules\n", "type: rules\nstatus: 现行有效\n")
    assert summary(zx_repo.check()) == []
    rule = next(d for d in load_corpus(zx_repo.root).documents.values() if d.kind == "rule")
    assert rule.fields["status"] == "in-force"
