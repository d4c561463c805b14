"""`python -m zhengxie check` and `new`: formats, exit codes, usage errors, and the scaffold."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

from checks_support import NOTE, PLAN, ROOT


def run(*args, cwd=ROOT):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    return subprocess.run([sys.executable, "-m", "zhengxie", *args], capture_output=True, text=True, env=env, cwd=cwd)


def test_clean_repo_exits_0(zx_repo):
    result = run("check", "--root", str(zx_repo.root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "检查通过" in result.stdout


def test_errors_exit_1_text(zx_repo):
    zx_repo.edit(PLAN, "body: luoyang-city", "body: luoyang")
    result = run("check", "--root", str(zx_repo.root))
    assert result.returncode == 1
    assert f"{PLAN}:5: 错误 ZX502 政协机关“luoyang”不在 data/bodies.yml 中" in result.stdout
    assert "修改建议：" in result.stdout
    assert "1 个错误" in result.stdout


def test_warnings_only_exit_0(zx_repo):
    zx_repo.edit(PLAN, "各有关单位要密切配合。\n", "")
    result = run("check", "--root", str(zx_repo.root))
    assert result.returncode == 0
    assert "警告 ZX303" in result.stdout


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
    assert data == [{"code": "ZX502", "severity": "error", "file": PLAN, "line": 5, "column": None,
                     "message": data[0]["message"], "hint": data[0]["hint"]}]
    assert run("check", "--root", str(zx_repo.root), "--format", "json").stdout.startswith("[")


def test_usage_errors_exit_2(tmp_path):
    assert run("check", "--format", "xml").returncode == 2
    assert run("frobnicate").returncode == 2
    assert run().returncode == 2
    result = run("check", "--root", str(tmp_path))
    assert result.returncode == 2 and "不是仓库根目录" in result.stderr


def test_function_and_cli_agree(zx_repo):
    from zhengxie.validate import validate

    zx_repo.edit(PLAN, "### （二）注重实效", "### （三）注重实效")
    zx_repo.edit(NOTE, "学习的体会", "20xx年学习的体会")
    expected = [p.as_dict() for p in validate(zx_repo.root)[1]]
    assert json.loads(run("check", "--root", str(zx_repo.root), "--format", "json").stdout) == expected


# ---- new ------------------------------------------------------------------------------------------


def test_new_consultation_plan_then_check(zx_repo):
    result = run("new", "--kind", "plan", "--body", "luoyang-city", "--year", "2021", "--root", str(zx_repo.root))
    assert result.returncode == 0, result.stderr
    md = zx_repo.read("docs/plans/2021-luoyang-city-consultation-plan.md")
    data = zx_repo.read("data/plans/2021-luoyang-city-consultation-plan.yml")
    assert "title: 洛阳市政协2021年度协商计划" in md
    assert "date: 2021-01-01" in md or f"date: {dt.date.today().isoformat()}" in md
    assert 'period: "2021"' in md
    headings = [line for line in md.split("\n") if line.startswith("## ")]
    assert headings == ["## 一、指导思想", "## 二、基本原则", "## 三、协商议题", "## 四、组织实施"]
    assert md.index("{{ plan_items() }}") > md.index("## 三、协商议题")
    assert md.index("{{ plan_items() }}") < md.index("## 四、组织实施")
    assert "stated_count:" not in data.split("items:")[1] and "- id: p01" in data
    assert "xxx" not in (md + data).lower()

    result = run("check", "--root", str(zx_repo.root))
    assert result.returncode == 1
    out = result.stdout
    for section in ("指导思想", "基本原则", "组织实施"):
        assert f"警告 ZX303 章节“" in out and section in out
    assert "字段“lead”（items 第 1 项）不能为空" in out
    assert "字段“topics”不能为空" in out
    assert "ZX601" not in out  # the skeleton holds no placeholders
    assert "ZX301" not in out and "ZX302" not in out  # its sections are the required ones, in order


def test_new_summary_half_year(zx_repo):
    result = run("new", "--kind", "summaries", "--body", "suichuan-county", "--year", "2010", "--type", "half-year",
                 "--root", str(zx_repo.root))
    assert result.returncode == 0, result.stderr
    md = zx_repo.read("docs/summaries/2010-suichuan-county-half-year-summary.md")
    assert 'period: "2010-H1"' in md and "{{ summary_figures() }}" in md
    assert "proposals:" in zx_repo.read("data/summaries/2010-suichuan-county-half-year-summary.yml")
    codes = {p.code for p in zx_repo.check()}
    assert codes <= {"ZX203", "ZX205", "ZX303"}, codes


def test_new_rule_and_note_without_data(zx_repo):
    assert run("new", "--kind", "rule", "--body", "juxian-county", "--year", "2011", "--slug", "office-rules",
               "--root", str(zx_repo.root)).returncode == 0
    md = zx_repo.read("docs/rules/2011-juxian-county-office-rules.md")
    assert "## 一、总则" in md and "## 二、附则" in md
    assert not zx_repo.path("data/rules").exists()
    assert run("new", "--kind", "note", "--body", "juxian-county", "--year", "2011",
               "--root", str(zx_repo.root)).returncode == 0
    assert zx_repo.path("docs/notes/2011-juxian-county-study-note.md").is_file()


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
    assert run("new", "--kind", "plan", "--body", "luoyang-city", "--year", "2021", "--type", "annual", *root).returncode == 2
    assert run("new", "--kind", "plan", "--body", "luoyang-city", "--year", "2021", "--slug", "Bad Slug", *root).returncode == 2
    assert run("new", "--kind", "plan", "--body", "luoyang-city", *root).returncode == 2  # missing --year


def test_new_uses_today_in_the_current_year(zx_repo):
    from zhengxie.scaffold import scaffold

    today = dt.date(2021, 5, 6)
    scaffold(zx_repo.root, kind="plan", body="luoyang-city", year=2021, type_="work", today=today)
    md = zx_repo.read("docs/plans/2021-luoyang-city-work-plan.md")
    assert "date: 2021-05-06" in md and "title: 洛阳市政协2021年工作计划" in md
    assert not zx_repo.path("data/plans/2021-luoyang-city-work-plan.yml").exists()
