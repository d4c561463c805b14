"""Property-based: whatever front matter, data YAML or Markdown body a pull request brings, loading
and validating never raises, and every problem has a catalogued code, a file and a line.

Examples are bounded (sizes and counts) so the whole module runs in well under a minute."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks_support import NOTE, PLAN, PLAN_DATA, MiniRepo
from zhengxie.build.validate import validate
from zhengxie.registry.problems import load_catalogue

SETTINGS = settings(
    max_examples=int(__import__("os").environ.get("ZX_EXAMPLES", 60)),
    deadline=None,
    derandomize=not __import__("os").environ.get("ZX_EXAMPLES"),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

FIELDS = [
    "title",
    "kind",
    "type",
    "body",
    "date",
    "period",
    "topics",
    "sample",
    "sample_note",
    "items",
    "id",
    "form",
    "month",
    "quarter",
    "lead",
    "departments",
    "summary",
    "stated_count",
    "reports",
    "item",
    "status",
    "proposals",
    "figures",
    "value",
    "<<",
    "? x",
    "- a",
    "",
    "标题",
    "title：x",
]
SNIPPETS = [
    "2019-01-01",
    "2019-13-45",
    "~",
    "null",
    "0x1F",
    "1_000",
    "1:20",
    ".inf",
    "-.nan",
    "yes",
    "on",
    "'",
    '"',
    "''",
    '""',
    "{{ config }}",
    "{% raw %}",
    "<script>alert(1)</script>",
    "javascript:x",
    "*a",
    "&a x",
    "&a [1, *a]",
    "!!binary aGk=",
    "!!set {a}",
    "!!str 1",
    "!!float x",
    "!!omap [{a: 1}]",
    "!!timestamp 2019-01-01",
    "!!python/name:os.system",
    "!x y",
    "|",
    "|\n  block",
    ">-\n  folded",
    "[",
    "]",
    "{",
    "}",
    "[a, [b, {c: d}]]",
    "{a: 1, a: 2}",
    "#",
    "@x",
    "`x",
    "9" * 5000,
    "- - - x",
    "\t",
    "\x1b[31m",
    "\u2028",
    "\x00",
    "\ufeff",
    "\\",
    "---",
    "...",
    "%YAML 1.1",
    "a: b: c",
    "ecology",
    "luoyang-city",
    "plan",
    "consultation",
    "2019",
    "thematic",
    "[ecology, industry]",
]

scalar = st.one_of(
    st.sampled_from(SNIPPETS),
    st.text(max_size=30),
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
    st.booleans().map(str).map(str.lower),
)
line = st.tuples(
    st.integers(0, 6),
    st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)),
    scalar,
    st.sampled_from([": ", ":", "：", " : ", "\n- ", ": - "]),
)
yaml_text = st.one_of(
    st.lists(line, max_size=14).map(lambda ls: "\n".join(" " * i + k + sep + v for i, k, sep, v in ls)),
    st.text(max_size=200),
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
        lambda c: st.one_of(st.lists(c, max_size=4), st.dictionaries(st.text(max_size=6), c, max_size=4)),
        max_leaves=20,
    ).map(lambda v: json.dumps({"title": v, "items": [v]}, ensure_ascii=False)),
)
markdown = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "## 一、指导思想",
                "### （一）x",
                "# 标题",
                "## 一、",
                "第一条　x",
                "第十十条",
                "{{ plan_items() }}",
                "{{ summary_figures() }}",
                "{{ follow_through() }}",
                "{{ x }}",
                "{% if 1 %}",
                "{#",
                "```",
                "~~~",
                "[a](../plans/2019-test-consultation-plan.md#item-p01)",
                "[b](#nowhere)",
                "[c](/abs)",
                "[d](plans/)",
                "<img src=x onerror=alert(1)>",
                "<a href='javascript:alert(1)'>",
                "<script>",
                "---",
                "...",
                "□",
                "20xx",
                "| a | b |",
                "| --- | --- |",
                "{: #id }",
                "![x](a.png)",
                "<!--",
                "-->",
                "",
            ]
        ),
        st.text(max_size=40),
    ),
    max_size=25,
).map("\n".join)
file_bytes = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=100).map(lambda t: t.encode("utf-16")),
    st.sampled_from([b"", b"\xff\xfe", b"---\n\xc3(\n---\n", "---\ntitle: 标题\n---\n".encode("gbk")]),
)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return MiniRepo(tmp_path_factory.mktemp("props") / "repo")


@pytest.fixture(scope="module")
def catalogue(repo):
    return load_catalogue(repo.path("data/problems.yml"))


def _assert_well_formed(repo, catalogue):
    _corpus, problems = validate(repo.root)  # must not raise
    for problem in problems:
        assert problem.code in catalogue, problem
        assert problem.file and isinstance(problem.line, int) and problem.line >= 1, problem
        assert "\n" not in problem.message and "\x1b" not in problem.message, problem
    return problems


@given(front_matter=yaml_text, body=markdown)
@SETTINGS
def test_any_front_matter_and_body(repo, catalogue, front_matter, body):
    original = repo.read(NOTE)
    repo.write(NOTE, f"---\n{front_matter}\n---\n\n{body}\n")
    try:
        _assert_well_formed(repo, catalogue)
    finally:
        repo.write(NOTE, original)


@given(data=yaml_text)
@SETTINGS
def test_any_data_yaml(repo, catalogue, data):
    original = repo.read(PLAN_DATA)
    repo.write(PLAN_DATA, data)
    try:
        _assert_well_formed(repo, catalogue)
    finally:
        repo.write(PLAN_DATA, original)


@given(body=markdown, raw=file_bytes)
@SETTINGS
def test_any_plan_body_and_any_bytes_next_to_other_documents(repo, catalogue, body, raw):
    original = repo.read(PLAN)
    head = original[: original.index("## 一、")]
    repo.write(PLAN, head + body + "\n")
    repo.write("docs/notes/2019-raw-study-note.md", raw)
    try:
        problems = _assert_well_formed(repo, catalogue)
        if raw.strip() == b"":
            assert any(p.code == "ZX104" and p.file == "docs/notes/2019-raw-study-note.md" for p in problems)
    finally:
        repo.write(PLAN, original)
        repo.delete("docs/notes/2019-raw-study-note.md")
