"""Bounded parsing: whatever a YAML text holds, it is read quickly or refused with a coded problem —
never a hang, a crash of the interpreter, or a misleading message."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from checks_support import NOTE, PLAN_DATA, ROOT, summary
from safety_input_cases import BOMB
from zhengxie.text import limits
from zhengxie.text.reading import parse_yaml


def _codes(problems, file=None):
    return {p.code for p in problems if file is None or p.file == file}


def test_alias_bomb_is_refused_before_it_expands(zx_repo):
    zx_repo.write(PLAN_DATA, BOMB)  # expanded, it would take minutes and gigabytes (it once did)
    problems = zx_repo.check()
    assert ("ZX113", PLAN_DATA, 1) in summary(problems)


def test_many_aliases_are_refused_where_they_are_used():
    text = "a: &a x\nb: [" + ", ".join(["*a"] * (limits.YAML_ALIASES.value + 1)) + "]\n"
    issues = parse_yaml(text).issues
    assert [(i.kind, i.line) for i in issues] == [("aliases", 2)]


def test_a_few_aliases_and_merge_keys_still_work():
    doc = parse_yaml("base: &b {form: thematic}\nitem:\n  <<: *b\n  id: p01\nother: [*b, *b]\n")
    assert doc.issues == []
    assert doc.data["item"] == {"form": "thematic", "id": "p01"}


@pytest.mark.parametrize(
    "text",
    [
        "x:\n" + "  [\n" * 100_000 + "  ]\n" * 100_000,  # 100 000 levels over many short lines
        "x:\n" + "".join(" " * i + "- \n" for i in range(1, 3000)),  # block nesting by indentation
        "- " * 5000 + "x\n",  # compact block sequences on one line
        "x: " + "{a: " * 1000 + "1" + "}" * 1000 + "\n",
        "a0: &a0 [1]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 60)),  # depth through aliases
    ],
    ids=["flow-100000", "indent", "dashes", "mappings", "alias-chain"],
)
def test_deep_nesting_is_a_coded_problem(text):
    doc = parse_yaml(text)
    assert [i.kind for i in doc.issues] == ["depth"] and doc.data is None


def test_nesting_up_to_the_limit_is_read():
    depth = limits.YAML_DEPTH.value
    doc = parse_yaml("[" * depth + "x" + "]" * depth)
    assert doc.issues == [] and doc.data is not None


def test_100000_levels_do_not_crash_the_interpreter(zx_repo):
    """In a child process, so that a segfault fails this test instead of ending the test run."""
    zx_repo.write(PLAN_DATA, "items:\n" + "  [\n" * 100_000 + "  ]\n" * 100_000)
    zx_repo.write(NOTE, zx_repo.read(NOTE).replace("type: study", "type: " + "[" * 100_000 + "]" * 100_000))
    result = subprocess.run(
        [sys.executable, "-m", "zhengxie", "check", "--root", str(zx_repo.root)],
        env={"PYTHONPATH": str(ROOT / "hooks")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert f"{PLAN_DATA}:33: 错误 ZX111" in result.stdout  # where the 33rd level opens
    assert f"{NOTE}:4: 错误 ZX110" in result.stdout  # one line of 200 000 characters
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "value,tag",
    [
        ("!!binary c3R1ZHk=", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!!omap [{a: 1}]", "!!omap"),
        ("!!pairs [{a: 1}]", "!!pairs"),
        ("!!timestamp 2019-01-01", "!!timestamp"),
        ("!!python/object/apply:os.system [id]", "!!python/object/apply:os.system"),
        ("!local x", "!local"),
    ],
)
def test_yaml_tags_other_than_json_types_are_refused(zx_repo, value, tag):
    zx_repo.edit(NOTE, "type: study", f"type: {value}")
    zx_repo.edit(PLAN_DATA, "stated_count: 2", f"stated_count: {value}")
    problems = zx_repo.check()
    for file, line in ((NOTE, 4), (PLAN_DATA, 2)):
        found = [p for p in problems if p.code == "ZX114" and p.file == file]
        assert [p.line for p in found] == [line], summary(problems)
        assert f"“{tag}”" in found[0].message


def test_dates_stay_text_and_explicit_json_tags_are_fine():
    doc = parse_yaml("date: 2019-03-01\ncount: !!int '3'\nname: !!str 12\n")
    assert doc.issues == [] and doc.data == {"date": "2019-03-01", "count": 3, "name": "12"}


@pytest.mark.parametrize("text", ["count: !!int\n", "count: !!int ''\n", "- !!int\n", "flag: !!bool maybe\n"])
def test_a_tagged_value_that_is_no_such_value_is_a_syntax_problem_not_a_crash(text):
    doc = parse_yaml(text)
    assert doc.data is None and [i.kind for i in doc.issues] == ["syntax"]


def test_a_number_too_long_to_convert_is_a_syntax_problem(zx_repo):
    zx_repo.edit(PLAN_DATA, "stated_count: 2", "stated_count: " + "9" * 5000)
    assert ("ZX103", PLAN_DATA, 1) in summary(zx_repo.check())


def test_size_and_line_limits_hold_for_every_kind_of_file(zx_repo):
    big = ("# " + "x" * 98 + "\n") * (limits.FILE_BYTES.value // 100 + 1)
    zx_repo.write("docs/notes/index.md", "---\ntitle: x\n---\n\n" + "长" * (limits.LINE_CHARS.value + 1) + "\n")
    zx_repo.write("data/topics.yml", big)
    zx_repo.write(NOTE, big)
    got = summary(zx_repo.check())
    assert ("ZX110", "docs/notes/index.md", 5) in got
    assert ("ZX109", "data/topics.yml", 1) in got
    assert ("ZX109", NOTE, 1) in got


def test_the_guide_documents_every_limit(root):
    guide = next(
        p
        for p in (root / "docs/guide/security.md", root / "docs/guide/index.md")
        if p.exists() and "读取限制" in p.read_text(encoding="utf-8")
    )
    text = guide.read_text(encoding="utf-8")
    section = text[text.index("读取限制") :]
    for limit in limits.ALL:
        row = next((line for line in section.splitlines() if limit.code in line), "")
        assert f"{limit.value:,}".replace(",", " ") in row or str(limit.value) in row, (limit, row)
        assert re.search(rf"\[{limit.code}\]", row), row


_SPELLINGS = [
    "1",
    "-2",
    "+3",
    "0x1f",
    "0o17",
    "0b101",
    "1_000",
    "1:20",
    "1.5",
    "-.inf",
    ".NaN",
    "1e3",
    "true",
    "No",
    "on",
    "OFF",
    "y",
    "null",
    "~",
    "Null",
    "nil",
    "2019-03-01",
    "'7'",
    '"yes"',
    "! 8",
    "!!str 9",
    "=x",
    "title",
    "n",
    "abc",
    "中文",
    "-x",
    ".",
    "0",
]


@pytest.mark.parametrize("spelling", _SPELLINGS)
def test_scalars_are_typed_as_yaml_1_1_says_except_dates(spelling):
    """parse_yaml types keys and values itself (not through PyYAML's constructor): the same values."""
    reference = type("Reference", (yaml.SafeLoader,), {})
    reference.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    text = f"a: {spelling}\nlist: [{spelling}, {spelling}]\nmap: {{k: {spelling}}}\n"
    expected = yaml.load(text, Loader=reference)
    got = parse_yaml(text)
    assert got.issues == [] and repr(got.data) == repr(expected)
