"""Paths made of data/ are checked (issue 25, "Safety of the build"): data/ is editable by pull
request, and a body id or a kind folder with ../ in it must not make `make new` or `make import`
write outside the repository.

- where an id or a folder is declared (data/*.yml), the check reports one that is not a slug as
  ZX206 at its file and line: the JSON Schemas' pattern, which both validators read alike (a
  trailing newline included) and which is the commands' own slug rule;
- every path a command writes is a slug folder and id inside docs/ or data/ once resolved (.., symbolic
  links): otherwise the real `make new` / `make import` refuse in Chinese with exit 2 and write nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import jsonschema
import jsonschema_rs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks_support import ROOT, MiniRepo
from zhengxie.tools.scaffold import SLUG, ScaffoldError, document_paths, inside

EXAMPLES = int(os.environ.get("ZX_EXAMPLES", 40))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("ZX_EXAMPLES"),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
EVIL = "../../../evil"
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*(?![\\s\\S])"
VOCABULARIES = ("bodies", "topics", "forms", "roles", "measures", "kinds", "sections")


def _scalar(value: str) -> str:
    """`value` as a one-line double-quoted YAML scalar (any character, escaped as YAML needs)."""
    return str(yaml.safe_dump(value, default_style='"', width=10**9, allow_unicode=True)).strip()


def _ids() -> st.SearchStrategy[str]:
    """Ids as a pull request might write them: slugs, near-slugs and anything."""
    near = st.lists(
        st.sampled_from(["..", "/", ".", "-", "a", "0", "plans", "\n", " ", "\\", "A", "计划", "%2e"]),
        min_size=1,
        max_size=6,
    ).map("".join)
    return st.one_of(st.from_regex(r"\A[a-z0-9]+(-[a-z0-9]+)*\Z"), near, st.text(max_size=12))


# ---- declared ids and folders are slugs: the schema, and the check at file:line -------------------


def _declared(node: object) -> list[tuple[str, object]]:
    """(what, pattern) of every id and folder a schema declares, and of keys that are ids."""
    found: list[tuple[str, object]] = []
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            found += [(name, properties[name].get("pattern")) for name in ("id", "folder") if name in properties]
        if isinstance(node.get("propertyNames"), dict):
            found.append(("key", node["propertyNames"].get("pattern")))
        for value in node.values():
            found += _declared(value)
    elif isinstance(node, list):
        for value in node:
            found += _declared(value)
    return found


@pytest.mark.parametrize("name", VOCABULARIES)
def test_every_declared_id_and_folder_has_the_slug_pattern(name: str) -> None:
    schema = json.loads((ROOT / "data" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    declared = _declared(schema)
    assert declared and {pattern for _, pattern in declared} == {SLUG_PATTERN}, declared


QUICK = jsonschema_rs.validator_for({"type": "string", "pattern": SLUG_PATTERN})
EXPLAIN = jsonschema.Draft202012Validator({"type": "string", "pattern": SLUG_PATTERN})


@settings(max_examples=500, deadline=None, derandomize=True)
@given(value=_ids())
def test_the_slug_pattern_reads_alike_everywhere(value: str) -> None:
    """The check decides with jsonschema-rs, explains with jsonschema (Python's re), and the commands
    use scaffold.SLUG: all three agree, so a value either passes everywhere or is reported."""
    accepted = SLUG.fullmatch(value) is not None
    assert QUICK.is_valid(value) == EXPLAIN.is_valid(value) == accepted
    if accepted:
        assert "/" not in value and "." not in value and value.strip() == value


# (file, text to replace, replacement with {v} for the value, text on the reported line)
DECLARATIONS = {
    "body id": ("data/bodies.yml", "- id: luoyang-city", "- id: {v}", None),
    "topic id": ("data/topics.yml", "- id: study\n", "- id: {v}\n", None),
    "form id": ("data/forms.yml", "- {id: plenary, ", "- {id: {v}, ", None),
    "role id": ("data/roles.yml", "- {id: lead-unit, ", "- {id: {v}, ", None),
    "measure id": ("data/measures.yml", "{id: proposals-received, ", "{id: {v}, ", None),
    "kind id": ("data/kinds.yml", "- id: rule\n", "- id: {v}\n", None),
    "kind folder": ("data/kinds.yml", "  folder: plans\n", "  folder: {v}\n", None),
    "type id": ("data/kinds.yml", "    - id: consultation\n", "    - id: {v}\n", None),
    "section profile id": ("data/sections.yml", "- id: rule-chaptered\n", "- id: {v}\n", None),
    # a key's problem is reported on its mapping's line (the key is the value checked)
    "breakdown key": ("data/measures.yml", "breakdowns:\n", "breakdowns:\n  {v}: 坏\n", "breakdowns:"),
}


def _declare(repo: MiniRepo, where: str, value: str) -> tuple[str, int]:
    """`value` written where `where` declares an id; (file, line of the declaration)."""
    file, old, new, line_text = DECLARATIONS[where]
    written = new.replace("{v}", _scalar(value))
    repo.edit(file, old, written)
    return file, repo.line_of(file, line_text or written.strip().split("\n")[-1])


@pytest.mark.parametrize("where", list(DECLARATIONS))
@pytest.mark.parametrize("value", [EVIL, "..", "a/b", "计划 A", "a\n", "-a"])
def test_the_check_reports_a_declared_id_that_is_not_a_slug(zx_repo: MiniRepo, where: str, value: str) -> None:
    file, line = _declare(zx_repo, where, value)
    found = [(p.file, p.line) for p in zx_repo.check() if p.code == "ZX206"]
    assert (file, line) in found


@SETTINGS
@given(value=_ids())
def test_the_check_reports_a_body_id_exactly_when_it_is_not_a_slug(value: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        repo = MiniRepo(Path(tmp) / "repo")
        place = _declare(repo, "body id", value)
        reported = place in [(p.file, p.line) for p in repo.check() if p.code == "ZX206"]
    assert reported == (SLUG.fullmatch(value) is None)


# ---- the paths a command writes ------------------------------------------------------------------


@settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(folder=_ids(), doc_id=_ids())
def test_document_paths_are_slugs_inside_docs_and_data(tmp_path: Path, folder: str, doc_id: str) -> None:
    try:
        text, data = document_paths(tmp_path, folder, doc_id)
    except ScaffoldError as error:
        assert SLUG.fullmatch(folder) is None or SLUG.fullmatch(doc_id) is None
        assert "只能用英文小写字母、数字和连字符" in str(error)
        return
    assert (text, data) == (f"docs/{folder}/{doc_id}.md", f"data/{folder}/{doc_id}.yml")
    assert (tmp_path / text).resolve().parent.parent == (tmp_path / "docs").resolve()


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(parts=st.lists(st.sampled_from(["..", ".", "docs", "data", "plans", "x.md", "", "link", "/"]), max_size=6))
def test_inside_accepts_only_what_resolves_inside_docs_or_data(tmp_path: Path, parts: list[str]) -> None:
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True, exist_ok=True)
    if not (root / "docs" / "link").is_symlink():
        (root / "docs" / "link").symlink_to(tmp_path, target_is_directory=True)  # out of the repository
    rel = "/".join(parts)
    target = (root / rel).resolve()
    bases = [(root / "docs").resolve(), (root / "data").resolve()]
    try:
        assert inside(root, rel) == root / rel
    except ScaffoldError as error:
        assert not any(base in target.parents for base in bases)
        assert "拒绝写入" in str(error)
        return
    assert any(base in target.parents for base in bases)


# ---- the real commands refuse and write nothing ----------------------------------------------------


ORIGINAL = "洛阳市政协2020年度协商计划\n\n一、指导思想\n\n坚持团结民主。\n\n二、协商议题\n\n全年安排协商活动1项。\n"
TWO_PARTS = "篇一\n\n洛阳市政协工作规则\n\n第一条　为了做好工作，制定本规则。\n\n篇二\n\n" + ORIGINAL


def _make(repo: MiniRepo, target: str, **values: str) -> subprocess.CompletedProcess[str]:
    """The real target in a copy with the Makefile, the core and the project's venv (-o: not installed here)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", *values)}
    command = ["make", "-s", "-C", str(repo.root), "-o", ".venv/.installed", target]
    return subprocess.run(command + [f"{k}={v}" for k, v in values.items()], capture_output=True, text=True, env=env)


def _tree(top: Path) -> set[str]:
    """Every file and folder under `top`, symbolic links not followed."""
    found: set[str] = set()
    for folder, dirs, files in os.walk(top):
        found |= {os.path.relpath(os.path.join(folder, name), top) for name in dirs + files}
    return found


@pytest.fixture
def repo(tmp_path: Path) -> MiniRepo:
    repo = MiniRepo(tmp_path / "deep" / "er" / "repo")  # ../../.. from docs/plans stays under tmp_path
    shutil.copy(ROOT / "Makefile", repo.root / "Makefile")
    shutil.copytree(ROOT / "mk", repo.root / "mk")  # the Makefile includes mk/edit.mk
    (repo.root / "hooks").symlink_to(ROOT / "hooks", target_is_directory=True)
    (repo.root / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    repo.write("原件.txt", ORIGINAL)
    repo.write("合集.txt", TWO_PARTS)
    return repo


def _refused(repo: MiniRepo, tmp_path: Path, target: str, message: str, **values: str) -> None:
    before = _tree(tmp_path)
    done = _make(repo, target, **values)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
    assert _tree(tmp_path) == before


NEW = {"KIND": "plan", "BODY": "luoyang-city", "YEAR": "2020"}
IMPORT = {"FILE": "原件.txt", "KIND": "plan", "BODY": "luoyang-city"}


def test_a_body_id_with_dot_dot_is_refused(repo: MiniRepo, tmp_path: Path) -> None:
    repo.edit("data/bodies.yml", "- id: luoyang-city", f"- id: {EVIL}")
    _refused(repo, tmp_path, "new", "错误：文档编号“2020-../../../evil-consultation-plan”不对", **{**NEW, "BODY": EVIL})
    _refused(
        repo, tmp_path, "import", "错误：文档编号“2020-../../../evil-consultation-plan”不对", **{**IMPORT, "BODY": EVIL}
    )


def test_a_kind_folder_with_dot_dot_is_refused(repo: MiniRepo, tmp_path: Path) -> None:
    repo.edit("data/kinds.yml", "  folder: plans\n", f"  folder: {EVIL}\n")
    message = f"错误：data/kinds.yml 中的文件夹名“{EVIL}”不对"
    _refused(repo, tmp_path, "new", message, **NEW)
    _refused(repo, tmp_path, "import", message, **IMPORT)


def test_a_type_id_with_dot_dot_is_refused(repo: MiniRepo, tmp_path: Path) -> None:
    repo.edit("data/kinds.yml", "    - id: consultation\n", f"    - id: {EVIL}\n")  # the plans' default type
    _refused(repo, tmp_path, "new", "错误：文档编号“2020-luoyang-city-../../../evil-plan”不对", **NEW)
    _refused(repo, tmp_path, "import", "错误：文档编号“2020-luoyang-city-../../../evil-plan”不对", **IMPORT)


def test_an_import_writes_no_part_when_one_cannot_be_placed(repo: MiniRepo, tmp_path: Path) -> None:
    repo.edit("data/kinds.yml", "  folder: plans\n", f"  folder: {EVIL}\n")
    # the rule, the first part, is not written either (_refused: nothing at all is)
    _refused(repo, tmp_path, "import", f"文件夹名“{EVIL}”不对", FILE="合集.txt", KIND="rule,plan", BODY="luoyang-city")


def test_a_folder_linked_out_of_the_repository_is_refused(repo: MiniRepo, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(repo.path("docs/plans"))
    repo.path("docs/plans").symlink_to(outside, target_is_directory=True)
    message = "错误：拒绝写入 docs/plans/2020-luoyang-city-consultation-plan.md：它不在本仓库的 docs/ 或 data/ 文件夹中"
    _refused(repo, tmp_path, "new", message, **NEW)
    _refused(repo, tmp_path, "import", message, **IMPORT)
    assert not any(outside.iterdir())


def test_a_link_where_a_file_goes_is_never_written_through(repo: MiniRepo, tmp_path: Path) -> None:
    repo.path("docs/plans/2020-luoyang-city-consultation-plan.md").symlink_to(repo.path("docs/index.md"))
    before = repo.read("docs/index.md")
    _refused(repo, tmp_path, "new", "错误：文件已存在：docs/plans/2020-luoyang-city-consultation-plan.md", **NEW)
    assert repo.read("docs/index.md") == before


def test_a_dangling_link_out_of_the_repository_is_refused(repo: MiniRepo, tmp_path: Path) -> None:
    victim = tmp_path / "victim.yml"
    repo.path("data/plans/2020-luoyang-city-consultation-plan.yml").symlink_to(victim)
    _refused(repo, tmp_path, "new", "错误：拒绝写入 data/plans/2020-luoyang-city-consultation-plan.yml", **NEW)
    assert not victim.exists()


def test_the_commands_still_write_inside(repo: MiniRepo) -> None:
    assert _make(repo, "new", **NEW).returncode == 0
    again = _make(repo, "import", **IMPORT)  # `new` wrote the draft the import would write: refused, named
    assert again.returncode == 2 and "已有同名文档 docs/plans/2020-luoyang-city-consultation-plan.md" in again.stderr
    done = _make(repo, "import", UPDATE="1", **IMPORT)  # rewritten in place, never a -2 copy
    assert done.returncode == 0, done.stdout + done.stderr
    assert repo.path("docs/plans/2020-luoyang-city-consultation-plan.md").is_file()
    assert not repo.path("docs/plans/2020-luoyang-city-consultation-plan-2.md").exists()
    done = _make(repo, "import", FILE="合集.txt", KIND="rule,plan", BODY="luoyang-city", UPDATE="1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert repo.path("docs/rules/undated-luoyang-city-rules.md").is_file()
    assert not repo.path("docs/plans/2020-luoyang-city-consultation-plan-3.md").exists()
