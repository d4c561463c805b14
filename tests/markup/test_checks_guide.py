"""The problem-code reference generated for the contributor guide (docs/guide/problems.md)."""

from __future__ import annotations

import re

import markdown

from checks_support import ROOT


def _catalogue():
    from zhengxie.registry.problems import load_catalogue

    return load_catalogue(ROOT / "data" / "problems.yml")


def test_one_section_per_code_with_its_anchor():
    from zhengxie.markup.guide import problem_codes_markdown

    catalogue = _catalogue()
    text = problem_codes_markdown(catalogue)
    headings = re.findall(r"^### (ZX\d{3}) (.+) \{#(zx\d{3})\}$", text, re.M)
    assert [h[0] for h in headings] == sorted(catalogue)
    for code, title, anchor in headings:
        assert anchor == code.lower() and title == catalogue[code].title
    assert "### ZX301 缺少必需章节 {#zx301}" in text


def test_renders_with_the_sites_markdown_extensions():
    from zhengxie.markup.guide import problem_codes_markdown

    catalogue = _catalogue()
    html = markdown.markdown(
        problem_codes_markdown(catalogue), extensions=["attr_list", "tables", "pymdownx.superfences", "toc"]
    )
    for code in catalogue:
        assert f'id="{code.lower()}"' in html
        assert f'href="#{code.lower()}"' in html
    assert "<script>" not in html  # examples are fenced, so they are shown, not run
    assert "&lt;script&gt;" in html
    assert html.count('<div class="highlight">') >= len(catalogue)


def test_each_code_shows_severity_message_hint_and_examples():
    from zhengxie.markup.guide import code_section

    info = _catalogue()["ZX303"]
    section = "\n".join(code_section(info))
    assert "**级别：警告**" in section
    assert "**提示信息**：章节“…”内容为空" in section
    assert "**修改建议**：" in section
    assert "错误示例：" in section and "正确示例：" in section
    assert "```markdown" in section


def test_language_guess():
    from zhengxie.markup.guide import language

    assert language("title: x\nkind: plan\n") == "yaml"
    assert language("---\ntitle: x\n---\n") == "yaml"
    assert language("## 一、指导思想\n") == "markdown"
    assert language("{{ plan_items() }}") == "markdown"
    assert language("（一个 0 字节的文件）") == "text"


def test_problems_page_is_generated_not_typed():
    text = (ROOT / "docs" / "guide" / "problems.md").read_text(encoding="utf-8")
    assert "{{ problem_codes() }}" in text
    assert not re.search(r"^#+ .*ZX\d{3}", text, re.M)  # no code section is retyped by hand
