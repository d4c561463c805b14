"""Markdown nested deeper than the reading limit (lists, quotes, HTML elements, emphasis) is refused
before Python-Markdown, which recurses on each level, sees it: a coded problem (ZX136) at the line,
and the page is not read, so the build does not render it either."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks_support import NOTE, RULE, summary
from zhengxie.markup.markdown_html import Renderer, within_nesting
from zhengxie.text import limits
from zhengxie.text.outline import too_deep
from zhengxie.text.reading import NOT_READ, read_source

LIMIT = limits.MARKDOWN_NESTING.value
DEEP = {
    "markers on one line": "- " * 3000 + "x\n",
    "indented list": "".join("    " * i + "- x\n" for i in range(LIMIT + 5)),
    "tabs": "".join("\t" * i + "1. x\n" for i in range(LIMIT + 5)),
    "quotes": "> " * 3000 + "x\n",
    "html blocks": "<div markdown>\n" * 1000 + "x\n" + "</div>\n" * 1000,
    "emphasis": "*" * 3000 + "x" + "*" * 3000 + "\n",
    "strong words": "**a " * 1000 + "x" + " b**" * 1000 + "\n",
}
SHALLOW = {
    "bold everywhere": "\n".join("**加粗** 与 _斜体_，a_b_c，2 * 3 * 4" for _ in range(300)),
    "rules": "*" * 200 + "\n\n" + "-" * 200 + "\n\n" + "_" * 200 + "\n",
    "table": "\n".join("| **a** | <b>x</b><br> | c |" for _ in range(300)),
    "normal list": "".join("    " * (i % 4) + "- 条目\n" for i in range(2000)),
    "unclosed stars in paragraphs": "\n\n".join("*注" for _ in range(300)),
}


def test_deep_texts_are_measured_beyond_the_limit():
    for name, text in DEEP.items():
        found = too_deep(text, LIMIT)
        assert found is not None and found[1] > LIMIT, name


def test_real_shapes_are_within_the_limit():
    for name, text in SHALLOW.items():
        assert too_deep(text, LIMIT) is None, name


def test_the_check_reports_the_page_and_line_and_does_not_read_it(zx_repo):
    zx_repo.edit(NOTE, "学习的体会，", "学习的体会：\n\n" + DEEP["indented list"] + "\n")
    zx_repo.write("docs/notes/index.md", "---\ntitle: 学习园地\n---\n\n" + DEEP["html blocks"])
    problems = zx_repo.check()
    deep_line = zx_repo.line_of(NOTE, "    " * LIMIT + "- x")
    assert ("ZX136", NOTE, deep_line) in summary(problems)
    assert ("ZX136", "docs/notes/index.md", 5 + LIMIT) in summary(problems)
    message = next(p for p in problems if p.file == NOTE and p.code == "ZX136").message
    assert str(LIMIT) in message and "没有读取" in message
    assert limits.MARKDOWN_NESTING.code in NOT_READ  # the build's page_source gives MkDocs nothing to parse


def test_every_deep_shape_is_refused_by_the_reader(tmp_path):
    for index, text in enumerate(DEEP.values()):
        path = tmp_path / f"{index}.md"
        path.write_text("---\ntitle: x\n---\n\n" + text, encoding="utf-8")
        content, issue = read_source(path)
        assert content is None and issue is not None and issue.code == limits.MARKDOWN_NESTING.code
    (tmp_path / "deep.yml").write_text("- " * 3000 + "x\n", encoding="utf-8")  # YAML has its own limit (ZX111)
    assert read_source(tmp_path / "deep.yml")[1] is None


def test_the_renderer_stops_at_the_bound(zx_repo):
    renderer = Renderer(zx_repo.root)
    for text in DEEP.values():
        html = renderer.html("前言。\n\n" + text)
        assert "前言" in html
    assert within_nesting("a\n\n" + DEEP["quotes"]) == "a\n"


_PIECES = st.sampled_from(
    [
        "- ",
        "> ",
        "    ",
        "\t",
        "1. ",
        "*",
        "**",
        "_",
        "x",
        " ",
        "\n",
        "\n\n",
        "<div markdown>\n",
        "</div>\n",
        "<span>",
        "</span>",
        "[",
        "](u)",
        "`",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=3000))
def test_the_renderer_never_overflows_the_stack(tmp_path_factory, pieces):
    renderer = _renderer(tmp_path_factory)
    renderer.html("".join(pieces))  # any RecursionError fails the test


_RENDERERS: dict = {}


def _renderer(tmp_path_factory) -> Renderer:
    if "r" not in _RENDERERS:
        from checks_support import MiniRepo

        _RENDERERS["r"] = Renderer(MiniRepo(tmp_path_factory.mktemp("render") / "repo").root)
    return _RENDERERS["r"]


def test_a_rule_of_deep_nesting_is_one_problem_not_a_crash(zx_repo):
    zx_repo.edit(
        RULE, "第二条　本规则适用于市政协机关。", "第二条　本规则适用于市政协机关。\n\n" + DEEP["markers on one line"]
    )
    found = [p for p in zx_repo.check() if p.file == RULE]
    assert [p.code for p in found] == ["ZX136"]
