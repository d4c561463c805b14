"""The problem-code reference of the contributor guide, generated from data/problems.yml.

`problem_codes_markdown(catalogue)` is what the `{{ problem_codes() }}` macro on
docs/guide/problems.md renders: an overview table, then one `### ZXnnn 标题 {#zxnnn}` section per
code with its severity, message, fix hint and a wrong and a right example — so the guide lists
exactly the codes the checks use, in the checks' own words.
"""
from __future__ import annotations

import re
import string

GROUPS = {
    "1": "读取文件（ZX1xx）",
    "2": "数据格式与词表（ZX2xx）",
    "3": "章节与编号（ZX3xx）",
    "4": "协商项目与总结数字（ZX4xx）",
    "5": "引用与链接（ZX5xx）",
    "6": "模板残留与不安全内容（ZX6xx）",
}
SEVERITY = {"error": "错误", "warning": "警告"}
PLACEHOLDER = "…"

_YAML_LINE = re.compile(r"^\s*(?:#.*|---|\.\.\.|-\s.*|-|[^\s:#][^:]*:(?:\s.*)?)$")
_MARKDOWN = re.compile(r"^\s*#{1,6}\s|\[[^\]]*\]\(|\{\{|\{%|^\s*第[零〇一二三四五六七八九十百两]+条|<[a-zA-Z]", re.M)
_BACKTICKS = re.compile(r"`+")


def problem_codes_markdown(catalogue) -> str:
    infos = sorted(catalogue.values(), key=lambda info: info.code)
    out = ["| 代码 | 级别 | 问题 |", "| --- | --- | --- |"]
    out += [f"| [{i.code}](#{anchor(i.code)}) | {SEVERITY.get(i.severity, i.severity)} | {_cell(i.title)} |" for i in infos]
    group = None
    for info in infos:
        key = info.code[2:3]
        if key != group:
            group = key
            out += ["", f"## {GROUPS.get(key, f'ZX{key}xx')}"]
        out += ["", *code_section(info)]
    return "\n".join(out) + "\n"


def anchor(code: str) -> str:
    return code.lower()


def code_section(info) -> list[str]:
    lines = [
        f"### {info.code} {info.title} {{#{anchor(info.code)}}}",
        "",
        f"**级别：{SEVERITY.get(info.severity, info.severity)}**"
        + ("（检查失败，必须改正）" if info.severity == "error" else "（提示，不影响发布）"),
        "",
        f"**提示信息**：{template_text(info.message)}",
        "",
        f"**修改建议**：{template_text(info.hint)}",
    ]
    for label, example in (("错误示例", info.wrong), ("正确示例", info.right)):
        if example:
            lines += ["", f"{label}：", "", *fenced(example)]
    return lines


def template_text(template: str) -> str:
    """A message template as readers see it: {placeholders} become “…”, {{ and }} single braces."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError:
        return template
    text = "".join(literal + (PLACEHOLDER if name is not None else "") for literal, name, _, _ in parts)
    return text.replace("<", "&lt;")


def fenced(example: str) -> list[str]:
    body = example.rstrip("\n")
    longest = max((len(m) for m in _BACKTICKS.findall(body)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{language(body)}", *body.split("\n"), fence]


def language(example: str) -> str:
    lines = [line for line in example.split("\n") if line.strip()]
    if lines and all(_YAML_LINE.match(line) for line in lines) and not _MARKDOWN.search(example):
        return "yaml"
    if _MARKDOWN.search(example):
        return "markdown"
    return "text"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
