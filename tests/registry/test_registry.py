"""The registry in data/ is the one declaration: a type that needs no new behaviour is added with data
only (a kinds.yml entry and a section profile) and is checked, built and shown like any other; the
front-matter schema is what data/fields.yml generates, never hand-edited, and carries every field's help."""

from __future__ import annotations

import json

from checks_support import ROOT, MiniRepo, build_site, make_buildable, summary

INSPECTION = "docs/summaries/2022-test-inspection-report.md"
NEW_TYPE = """\
    - id: inspection-report
      name: 视察情况报告
      period: any
      profiles: [inspection-report]
"""
NEW_PROFILE = """\
- id: inspection-report
  name: 视察情况报告（视察情况、意见建议）
  sections:
    - name: 视察情况
      aliases: [基本情况]
    - name: 意见建议
      patterns: ['建议$']
"""
INSPECTION_TEXT = """\
---
title: 关于全市农村饮水安全工作的视察情况报告
kind: summary
type: inspection-report
body: luoyang-city
date: 2022-09-20
period: "2022"
topics: [rural-revitalization]
---

## 一、视察情况

视察组走访了三个县区的供水站。

## 二、几点建议

加快老旧管网改造。
"""


def _add_type(repo: MiniRepo) -> None:
    """The whole change a new type needs: a kinds.yml entry and its profile — no code."""
    kinds = repo.read("data/kinds.yml")
    anchor = "      profiles: [proposal-review-report]\n"
    assert anchor in kinds
    repo.write("data/kinds.yml", kinds.replace(anchor, anchor + NEW_TYPE, 1))
    repo.write("data/sections.yml", repo.read("data/sections.yml") + NEW_PROFILE)
    repo.write(INSPECTION, INSPECTION_TEXT)


def test_a_type_added_with_data_only_is_checked_by_its_profile(zx_repo):
    _add_type(zx_repo)
    assert zx_repo.check() == []
    zx_repo.edit(INSPECTION, "## 二、几点建议\n\n加快老旧管网改造。\n", "")
    problems = zx_repo.check()
    assert [p.code for p in problems] == ["ZX301"]
    assert "意见建议" in problems[0].message and "视察情况报告" in problems[0].hint
    zx_repo.edit(INSPECTION, "type: inspection-report", "type: inspection-reprot")
    assert "是不是“inspection-report”" in next(p.message for p in zx_repo.check() if p.code == "ZX211")


def test_a_type_added_with_data_only_builds_and_shows_its_name(tmp_path):
    repo = MiniRepo(tmp_path / "repo")
    _add_type(repo)
    make_buildable(repo)
    assert repo.check() == []  # the mini-repo's note links to a rule article (#article-2): the build agrees
    out = tmp_path / "out"
    result = build_site(repo, out)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (out / "summaries" / "2022-test-inspection-report" / "index.html").read_text(encoding="utf-8")
    assert "视察情况报告" in html  # the type's name from the registry, in the page header
    assert "关于全市农村饮水安全工作的视察情况报告" in (out / "summaries" / "index.html").read_text(encoding="utf-8")


def test_a_link_to_a_missing_rule_article_fails_check_and_build_alike(tmp_path):
    from checks_support import NOTE

    repo = MiniRepo(tmp_path / "repo")
    make_buildable(repo)
    repo.edit(NOTE, "#article-2", "#article-9")
    assert summary(repo.check()) == [("ZX506", NOTE, repo.line_of(NOTE, "#article-9"))]
    result = build_site(repo, tmp_path / "out")
    assert result.returncode != 0 and "article-9" in result.stdout + result.stderr


def test_a_plan_types_declared_period_decides_its_period_form(zx_repo):
    """kinds.yml `period` holds for every kind's types, not only for summaries."""
    from checks_support import PLAN

    zx_repo.edit(PLAN, 'period: "2019"', 'period: "2019-H1"')
    problems = zx_repo.check()
    assert summary(problems) == [("ZX415", PLAN, zx_repo.line_of(PLAN, "period:"))]
    assert '"2019"' in problems[0].message and "年度协商计划" in problems[0].message
    zx_repo.edit(
        "data/kinds.yml",
        "      name: 年度协商计划\n      period: year",
        "      name: 年度协商计划\n      period: half-year",
    )
    assert zx_repo.check() == []  # the registry, not the code, says which form a type's period takes


# ---- the front-matter schema is generated from data/fields.yml --------------------------------------


def test_committed_front_matter_schema_is_what_the_field_table_generates():
    from zhengxie.tools.schemagen import generated_schemas

    for path, text in generated_schemas(ROOT).items():
        assert (ROOT / path).read_text(encoding="utf-8") == text, (
            f"{path} differs from data/fields.yml: run make schemas"
        )


def test_every_field_is_in_the_schema_with_its_help():
    import yaml

    table = yaml.safe_load((ROOT / "data" / "fields.yml").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "data" / "schemas" / "front-matter.schema.json").read_text(encoding="utf-8"))
    properties = schema["properties"]
    assert list(properties) == [f["id"] for f in table]
    assert schema["additionalProperties"] is False
    for field in table:
        prop = properties[field["id"]]
        assert prop["description"] == field["help"], field["id"]
        accepts_not_stated = {"const": "原文未载"} in [{"const": b.get("const")} for b in prop.get("anyOf", [])]
        assert accepts_not_stated == bool(field.get("not_stated")), field["id"]
        if "example" in field:
            assert prop["examples"], field["id"]


def test_a_field_added_to_the_table_reaches_the_generated_schema(tmp_path):
    repo = MiniRepo(tmp_path / "repo")
    repo.write(
        "data/fields.yml",
        repo.read("data/fields.yml")
        + """\
- id: signed_by
  label: 签发人
  type: text
  not_stated: true
  kinds: [plan]
  help: 签发人，照原件写
""",
    )
    from zhengxie.tools.schemagen import FRONT_MATTER_SCHEMA, write_generated_schemas

    assert write_generated_schemas(repo.root) == [FRONT_MATTER_SCHEMA]
    assert write_generated_schemas(repo.root) == []  # nothing left to change
    schema = json.loads(repo.read(FRONT_MATTER_SCHEMA))
    assert schema["properties"]["signed_by"]["description"] == "签发人，照原件写"
    from checks_support import PLAN, RULE

    repo.edit(PLAN, "kind: plan\n", "kind: plan\nsigned_by: 原文未载\n")
    assert repo.check() == []
    repo.edit(RULE, "kind: rule\n", "kind: rule\nsigned_by: 某某\n")
    assert summary(repo.check()) == [("ZX216", RULE, 4)]


def test_a_document_may_call_only_its_kinds_macros(zx_repo):
    """data/kinds.yml `macros`: a plan shows its items, not a summary's figures; the kind list decides."""
    from checks_support import PLAN

    zx_repo.edit(PLAN, "{{ plan_items() }}", "{{ plan_items() }}\n\n{{ summary_figures() }}")
    problems = [p for p in zx_repo.check() if p.code == "ZX602"]
    assert [(p.file, p.line) for p in problems] == [(PLAN, zx_repo.line_of(PLAN, "{{ summary_figures() }}"))]
    assert "{{ plan_items() }}" in problems[0].message + problems[0].hint
    kinds = zx_repo.read("data/kinds.yml")
    zx_repo.write("data/kinds.yml", kinds.replace("macros: [plan_items]", "macros: [plan_items, summary_figures]"))
    assert not [p for p in zx_repo.check() if p.code == "ZX602"]
