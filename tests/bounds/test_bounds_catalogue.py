"""A missing or broken data/problems.yml is reported in Chinese with its file and line: the check
exits 1 with one message, the build stops with one error; neither shows a traceback."""

from __future__ import annotations

import re

import pytest

from checks_support import MiniRepo
from safety_input_support import buildable, run_build, run_check
from zhengxie.registry.problems import CatalogueError, Reporter, load_catalogue

CATALOGUE = "data/problems.yml"
ENTRY = "- code: ZX999\n  severity: error\n  title: 示例\n  message: {message}\n  hint: 提示\n  wrong: x\n  right: y\n"


def _append(repo: MiniRepo, text: str) -> int:
    """Append to the catalogue; the 1-based line where the addition starts."""
    before = repo.read(CATALOGUE).rstrip("\n") + "\n"
    repo.write(CATALOGUE, before + text)
    return before.count("\n") + 1


BREAKS = {
    "yaml": lambda r: (_append(r, "- code: ZX999\n  hint: a: b\n") + 1, "YAML 无法解析"),
    "missing title": lambda r: (
        _append(r, "- code: ZX999\n  severity: error\n  message: x\n  hint: y\n"),
        "缺少 title",
    ),
    "bad code": lambda r: (_append(r, ENTRY.replace("ZX999", "XX1")), "code 应是 ZX"),
    "bad severity": lambda r: (_append(r, ENTRY.replace("severity: error", "severity: fatal")), "severity"),
    "duplicate": lambda r: (_append(r, ENTRY.format(message="x") + ENTRY.format(message="y")) + 7, "出现了两次"),
    "open brace": lambda r: (_append(r, ENTRY.format(message="'缺少 {名称'")), "花括号不成对"),
    "attribute": lambda r: (_append(r, ENTRY.format(message="'{a.b}'")), "不是可填写的名称"),
    "positional": lambda r: (_append(r, ENTRY.format(message="'{0}'")), "不是可填写的名称"),
    "not a list": lambda r: (r.write(CATALOGUE, "code: ZX101\n") or 1, "列表"),
}


@pytest.mark.parametrize("name", list(BREAKS))
def test_a_broken_catalogue_names_file_and_line(zx_repo, name):
    line, words = BREAKS[name](zx_repo)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(zx_repo.path(CATALOGUE))
    assert (caught.value.file, caught.value.line) == (CATALOGUE, line)
    assert str(caught.value).startswith(f"{CATALOGUE} 第 {line} 行：") and words in str(caught.value)


def test_a_missing_catalogue(zx_repo):
    zx_repo.delete(CATALOGUE)
    with pytest.raises(CatalogueError, match=re.escape("data/problems.yml：文件不存在")):
        load_catalogue(zx_repo.path(CATALOGUE))


def test_a_catalogue_that_lacks_a_code_the_checks_use(zx_repo):
    reporter = Reporter(load_catalogue(zx_repo.path(CATALOGUE)))
    with pytest.raises(CatalogueError, match="没有问题代码 ZX998"):
        reporter.add("ZX998", "docs/x.md", 1)


def test_braces_written_twice_are_text(zx_repo):
    _append(zx_repo, ENTRY.format(message="'写 {{ 和 }}：{name}'"))
    info = load_catalogue(zx_repo.path(CATALOGUE))["ZX999"]
    assert Reporter({"ZX999": info}).add("ZX999", "f", 1, name="甲").message == "写 { 和 }：甲"


def test_the_real_catalogue_loads(root):
    assert len(load_catalogue(root / CATALOGUE)) > 90


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    repo = buildable(MiniRepo(tmp_path_factory.mktemp("catalogue") / "repo"))
    line = _append(repo, "- code: ZX999\n  hint: a: b\n") + 1
    return repo, line


def test_the_check_prints_one_chinese_line_and_exits_1(broken_site):
    repo, line = broken_site
    result = run_check(repo.root)
    assert result.returncode == 1
    assert f"data/problems.yml 第 {line} 行：YAML 无法解析" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_the_build_stops_with_a_chinese_error_and_no_traceback(broken_site, tmp_path):
    repo, line = broken_site
    result = run_build(repo.root, tmp_path / "site")
    assert result.returncode == 1
    assert f"无法生成网站：data/problems.yml 第 {line} 行：YAML 无法解析" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_the_build_stops_cleanly_without_a_catalogue(tmp_path):
    repo = buildable(MiniRepo(tmp_path / "repo"))
    repo.delete(CATALOGUE)
    result = run_build(repo.root, tmp_path / "site")
    assert result.returncode == 1 and "data/problems.yml：文件不存在" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
