"""`python -m zhengxie check` and `new`: formats, exit codes, usage errors, and the scaffold."""

from __future__ import annotations

import json
import os

import python_runs
from checks_support import NOTE, PLAN, ROOT


def run(*args, cwd=ROOT):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    return python_runs.run("zhengxie", args, cwd, env)


def test_clean_repo_exits_0(zx_repo):
    result = run("check", "--root", str(zx_repo.root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "检查通过" in result.stdout


def test_errors_exit_1_text(zx_repo):
    zx_repo.edit(PLAN, "body: luoyang-city", "body: luoyang")
    result = run("check", "--root", str(zx_repo.root))
    assert result.returncode == 1
    assert f"{PLAN}:5: 错误 ZX502 机构“luoyang”不在机构表 data/bodies.yml 中" in result.stdout
    assert "修改建议：" in result.stdout
    assert "1 个错误" in result.stdout


def test_warnings_only_fail_like_the_strict_build(zx_repo):
    zx_repo.edit(PLAN, "各有关单位要密切配合。\n", "")
    result = run("check", "--root", str(zx_repo.root))
    assert result.returncode == 1
    assert "警告 ZX303" in result.stdout
    assert "检查未通过（只有警告，但严格构建同样会因警告失败）" in result.stdout


def test_github_format(zx_repo):
    zx_repo.edit(NOTE, "学习的体会", "[点我](javascript:alert(1))学习的体会")
    zx_repo.edit(PLAN, "各有关单位要密切配合。\n", "")
    result = run("check", "--root", str(zx_repo.root), "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    error = next(line for line in lines if line.startswith("::error "))
    assert error.startswith(f"::error file={NOTE},line=10,col=6,title=ZX605::")
    assert "%0A修改建议：" in error
    assert any(line.startswith(f"::warning file={PLAN},line=") and "title=ZX303::" in line for line in lines)
    assert any(line.startswith(f"{NOTE}:10:6: 错误 ZX605") for line in lines)  # plus the human list


def test_json_format(zx_repo):
    zx_repo.edit(PLAN, "body: luoyang-city", "body: luoyang")
    result = run("check", "--root", str(zx_repo.root), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data == [
        {
            "code": "ZX502",
            "severity": "error",
            "file": PLAN,
            "line": 5,
            "column": None,
            "message": data[0]["message"],
            "hint": data[0]["hint"],
        }
    ]
    assert run("check", "--root", str(zx_repo.root), "--format", "json").stdout.startswith("[")


def test_usage_errors_exit_2(tmp_path):
    assert run("check", "--format", "xml").returncode == 2
    assert run("frobnicate").returncode == 2
    assert run().returncode == 2
    result = run("check", "--root", str(tmp_path))
    assert result.returncode == 2 and "不是仓库根目录" in result.stderr


def test_function_and_cli_agree(zx_repo):
    from zhengxie.build.validate import validate

    zx_repo.edit(PLAN, "### （二）注重实效", "### （三）注重实效")
    zx_repo.edit(NOTE, "学习的体会", "20xx年学习的体会")
    expected = [p.as_dict() for p in validate(zx_repo.root)[1]]
    assert json.loads(run("check", "--root", str(zx_repo.root), "--format", "json").stdout) == expected


# ---- new ------------------------------------------------------------------------------------------

FILL_IN = {"ZX215", "ZX205", "ZX303"}  # a missing field, an empty value, an empty section


def front_matter(md: str) -> list:
    return md.split("---\n")[1].split("\n")


def test_new_consultation_plan_then_check(zx_repo):
    result = run("new", "--kind", "plan", "--body", "luoyang-city", "--year", "2021", "--root", str(zx_repo.root))
    assert result.returncode == 0, result.stderr
    md = zx_repo.read("docs/plans/2021-luoyang-city-consultation-plan.md")
    data = zx_repo.read("data/plans/2021-luoyang-city-consultation-plan.yml")
    front = front_matter(md)
    assert {"kind: plan", "type: consultation", "body: luoyang-city", 'period: "2021"'} <= set(front)
    # what only the original can say is offered, commented, never filled in
    assert not any(line.startswith(("title:", "date:")) for line in front)
    assert any(line.startswith("# title:") and "洛阳市政协2021年度协商计划" in line for line in front)
    assert any(line.startswith("# date:") and "原文未载" in line for line in front)
    headings = [line for line in md.split("\n") if line.startswith("## ")]
    assert headings == ["## 一、指导思想", "## 二、基本原则", "## 三、协商议题", "## 四、组织实施"]
    assert any("可选章节" in line and "基本原则" in line for line in front)
    assert any("consultation-plan-two-part" in line for line in front)  # the other structure, named
    assert md.index("{{ plan_items() }}") > md.index("## 三、协商议题")
    assert md.index("{{ plan_items() }}") < md.index("## 四、组织实施")
    assert "\nstated_count:" not in data and "- id: p01" in data
    assert "xxx" not in (md + data).lower()

    result = run("check", "--root", str(zx_repo.root))
    assert result.returncode == 1
    out = result.stdout
    assert "错误 ZX215 缺少字段 title（标题）" in out
    assert "错误 ZX215 缺少字段 date（成文日期）" in out
    assert "date: 原文未载（不要自己推断或编造）" in out  # the hint offers both: the date, or 原文未载
    for section in ("指导思想", "基本原则", "组织实施"):
        assert "警告 ZX303 章节“" in out and section in out
    assert "字段“title”（items 第 1 项）不能为空" in out and "字段“form”（items 第 1 项）不能为空" in out
    assert "字段“topics”不能为空" in out
    codes = {line.split()[2] for line in out.splitlines() if " ZX" in line and ": " in line and line[0] != " "}
    assert codes <= FILL_IN, codes


def test_new_half_year_summary_leaves_the_half_to_the_editor(zx_repo):
    result = run(
        "new",
        "--kind",
        "summaries",
        "--body",
        "suichuan-county",
        "--year",
        "2010",
        "--type",
        "half-year",
        "--root",
        str(zx_repo.root),
    )
    assert result.returncode == 0, result.stderr
    md = zx_repo.read("docs/summaries/2010-suichuan-county-half-year-summary.md")
    front = front_matter(md)
    assert not any(line.startswith("period:") for line in front)  # H1 or H2 is the original's
    assert any(line.startswith("# period:") and '"2010-H1"' in line and '"2010-H2"' in line for line in front)
    assert "{{ summary_figures() }}" in md
    data = zx_repo.read("data/summaries/2010-suichuan-county-half-year-summary.yml")
    assert "proposals-filed（立案）" in data and "sic" in data  # the registered measures, and 原文如此
    problems = zx_repo.check()
    assert {p.code for p in problems} <= FILL_IN
    assert any(p.code == "ZX215" and "period" in p.message for p in problems)


def test_new_rule_and_note_without_data(zx_repo):
    assert (
        run(
            "new",
            "--kind",
            "rule",
            "--body",
            "juxian-county",
            "--year",
            "2011",
            "--slug",
            "office-rules",
            "--root",
            str(zx_repo.root),
        ).returncode
        == 0
    )
    md = zx_repo.read("docs/rules/2011-juxian-county-office-rules.md")
    assert "## 第一章　总则" in md and "## 第二章　附则" in md  # the chaptered profile, numbered as chapters
    assert not zx_repo.path("data/rules").exists()
    assert (
        run(
            "new", "--kind", "note", "--body", "juxian-county", "--year", "2011", "--root", str(zx_repo.root)
        ).returncode
        == 0
    )
    assert zx_repo.path("docs/notes/2011-juxian-county-study-note.md").is_file()
    assert not zx_repo.path("data/notes").exists()


def test_new_refuses_to_overwrite(zx_repo):
    args = ("new", "--kind", "plan", "--body", "luoyang-city", "--year", "2021", "--root", str(zx_repo.root))
    assert run(*args).returncode == 0
    before = zx_repo.read("docs/plans/2021-luoyang-city-consultation-plan.md")
    result = run(*args)
    assert result.returncode == 2
    assert "文件已存在" in result.stderr and "不会覆盖" in result.stderr
    assert zx_repo.read("docs/plans/2021-luoyang-city-consultation-plan.md") == before


def test_new_usage_errors(zx_repo):
    root = ("--root", str(zx_repo.root))
    result = run("new", "--kind", "plan", "--body", "luoyang", "--year", "2021", *root)
    assert result.returncode == 2 and "luoyang-city" in result.stderr
    assert run("new", "--kind", "planz", "--body", "luoyang-city", "--year", "2021", *root).returncode == 2
    assert run("new", "--kind", "plan", "--body", "luoyang-city", "--year", "21", *root).returncode == 2
    assert (
        run("new", "--kind", "plan", "--body", "luoyang-city", "--year", "2021", "--type", "annual", *root).returncode
        == 2
    )
    assert (
        run("new", "--kind", "plan", "--body", "luoyang-city", "--year", "2021", "--slug", "Bad Slug", *root).returncode
        == 2
    )
    assert run("new", "--kind", "plan", "--body", "luoyang-city", *root).returncode == 2  # missing --year


def test_new_work_plan_gets_its_data_file_and_never_a_date(zx_repo):
    from zhengxie.tools.scaffold import scaffold

    scaffold(zx_repo.root, kind="plan", body="luoyang-city", year=2021, type_="work")
    md = zx_repo.read("docs/plans/2021-luoyang-city-work-plan.md")
    assert not any(line.startswith("date:") for line in front_matter(md))  # not today's, not 原文未载
    assert "{{ plan_items() }}" in md.split("## 二、主要任务")[1].split("## ")[0]
    assert "- id: p01" in zx_repo.read("data/plans/2021-luoyang-city-work-plan.yml")


def test_new_scaffolds_every_type_in_the_registry(zx_repo):
    """Every kind and type declared in data/kinds.yml — including one added here with data only —
    scaffolds without a crash, and what is left is filling in: missing fields, empty values, empty
    sections."""
    import yaml

    from zhengxie.sources.loader import load_vocabulary
    from zhengxie.tools.scaffold import scaffold

    kinds = yaml.safe_load(zx_repo.read("data/kinds.yml"))
    summary = next(k for k in kinds if k["id"] == "summary")
    summary["types"].append(
        {"id": "inspection-report", "name": "视察报告", "period": "any", "profiles": ["standing-committee-report"]}
    )
    zx_repo.write("data/kinds.yml", yaml.safe_dump(kinds, allow_unicode=True, sort_keys=False))
    assert zx_repo.check() == []

    vocab = load_vocabulary(zx_repo.root).vocab
    created = []
    for kind in vocab.kinds.values():
        for doc_type in kind.types.values():
            created += scaffold(
                zx_repo.root, kind=kind.id, body="qiaokou-district", year="2031", type_=doc_type.id
            ).paths
    assert "docs/summaries/2031-qiaokou-district-inspection-report-summary.md" in created
    assert sum(path.startswith("data/") for path in created) == sum(
        len(k.types) for k in vocab.kinds.values() if k.data
    )  # every plan and summary type has its data file

    problems = zx_repo.check()
    assert problems, "a fresh skeleton has fields to fill in"
    assert {p.code for p in problems} <= FILL_IN, [
        (p.code, p.file, p.message) for p in problems if p.code not in FILL_IN
    ]
    assert all(p.file in created for p in problems)
    missing = {(p.file, p.message) for p in problems if p.code == "ZX215"}
    for path in created:
        if path.startswith("docs/"):
            assert (path, "缺少字段 date（成文日期）") in missing
            assert (path, "缺少字段 title（标题）") in missing
