"""The real repository has no problems; deleting a required section of the fixture plan is caught
(function and CLI); files that must pass (BOM, CRLF, section aliases, YAML anchors) pass; checks
never write files."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

from checks_support import FILES, PLAN, PLAN_DATA, ROOT, SUMMARY, SUMMARY_DATA, summary


def _cli(root, *args):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    return subprocess.run(
        [sys.executable, "-m", "zhengxie", "check", "--root", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )


def test_repository_has_no_problems():
    from zhengxie.build.validate import validate

    problems = validate(ROOT)[1]
    assert problems == [], "\n".join(p.format() for p in problems)


def test_deleting_a_required_section_fails_naming_file_line_and_section(zx_repo):
    from zhengxie.build.validate import validate

    lines = zx_repo.read(PLAN).split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("## ") and "组织实施" in line)
    kept = lines[:start]
    zx_repo.write(PLAN, "\n".join(kept))
    # where it belongs: right after the last non-blank line of the preceding section (here: the end)
    expected_line = max(i for i, line in enumerate(kept) if line.strip()) + 2

    problems = validate(zx_repo.root)[1]
    missing = [p for p in problems if p.code == "ZX301"]
    assert len(missing) == 1, [p.format() for p in problems]
    problem = missing[0]
    assert problem.severity == "error"
    assert problem.file == PLAN
    assert problem.line == expected_line
    assert "组织实施" in problem.message and f"第 {expected_line} 行" in problem.message
    assert "协商议题" in problem.message  # after which section
    assert "waive" in problem.hint  # the original may lack it: say so instead of inventing one

    result = _cli(zx_repo.root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{PLAN}:{expected_line}: 错误 ZX301" in result.stdout
    assert "缺少必需章节“组织实施”" in result.stdout

    result = _cli(zx_repo.root, "--format", "json")
    assert result.returncode == 1
    found = [p for p in json.loads(result.stdout) if p["code"] == "ZX301"]
    assert found and found[0]["file"] == PLAN and found[0]["line"] == expected_line


def test_bom_and_crlf_files_pass(zx_repo):
    for path, text in FILES.items():
        zx_repo.write(path, ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    for path in ("data/topics.yml", "data/sections.yml"):
        zx_repo.write(path, ("\ufeff" + zx_repo.read(path).replace("\n", "\r\n")).encode("utf-8"))
    assert zx_repo.check() == []


def test_bom_crlf_file_still_reports_the_right_line(zx_repo):
    zx_repo.write(
        PLAN_DATA, ("\ufeff" + FILES[PLAN_DATA].replace("time: 3月", "time: 13").replace("\n", "\r\n")).encode("utf-8")
    )
    assert ("ZX207", PLAN_DATA, FILES[PLAN_DATA].split("\n").index("    time: 3月") + 1) in summary(zx_repo.check())


def test_section_aliases_pass(zx_repo):
    zx_repo.edit(PLAN, "## 一、指导思想", "## 一、总体要求")
    zx_repo.edit(PLAN, "## 三、协商议题", "## 三、重点协商项目")
    zx_repo.edit(PLAN, "## 四、组织实施", "## 四、保障措施")
    zx_repo.edit(SUMMARY, "## 二、存在问题", "## 二、存在的不足")
    assert zx_repo.check() == []


def test_other_sections_between_required_ones_pass(zx_repo):
    zx_repo.edit(PLAN, "## 三、协商议题", "## 三、协商形式\n\n内容。\n\n## 四、协商议题")
    zx_repo.edit(PLAN, "## 四、组织实施", "## 五、组织实施")
    assert zx_repo.check() == []


def test_yaml_anchors_and_aliases_pass(zx_repo):
    zx_repo.edit(PLAN_DATA, "participants: [市生态环境局, 市水利局]", "participants: &shared [市生态环境局, 市水利局]")
    zx_repo.edit(PLAN_DATA, "participants: [市工业和信息化局]", "participants: *shared")
    zx_repo.edit(
        SUMMARY_DATA,
        "  - label: 专题视察\n    value: 4\n    unit: 次\n",
        "  - &visit\n    label: 专题视察\n    value: 4\n    unit: 次\n  - <<: *visit\n    label: 视察报告\n",
    )
    assert zx_repo.check() == []


def test_quarter_instead_of_month_passes(zx_repo):
    zx_repo.edit(PLAN_DATA, "time: 3月", "time: 第一季度")
    assert zx_repo.check() == []


def test_checks_do_not_modify_files(zx_repo):
    zx_repo.edit(PLAN, "## 四、组织实施", "## 四、组织实")
    zx_repo.write(SUMMARY, "\ufeff" + FILES[SUMMARY].replace("\n", "\r\n"))

    def digest():
        return {
            str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(zx_repo.root.rglob("*")) if p.is_file()
        }

    before = digest()
    assert zx_repo.check()
    assert digest() == before
