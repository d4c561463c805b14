"""The generated reference pages of the contributor guide.

`problem_codes_markdown(catalogue)` is what the `{{ problem_codes() }}` macro on
docs/guide/problems.md renders: an overview table, then one `### ZXnnn 标题 {#zxnnn}` section per
code with its severity, message, fix hint and a wrong and a right example — so the guide lists
exactly the codes the checks use, in the checks' own words.

`fields_markdown(vocab)` is what `{{ fields_table() }}` on docs/guide/fields.md renders from
data/fields.yml (and, for `type` and `profile`, from kinds.yml and sections.yml): an overview
table, then one section per front-matter field with whether it is required, for which kinds,
whether it accepts 原文未载, its help and its example — the same table the schema and the checks use.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Mapping

import yaml

from zhengxie.model.corpus import Field, Vocabulary
from zhengxie.registry.problems import CodeInfo
from zhengxie.text.values import NOT_STATED_TEXT

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
# data/problems.yml is data: its text is shown, never read as HTML, links, attribute lists or code
# (emphasis marks are left alone: they cannot add markup, and snake_case names stay readable).
_MARKDOWN_SPECIAL = re.compile(r"([\\`{}\[\]|])")


def markdown_text(text: str) -> str:
    """`text` as literal Markdown: HTML escaped, the characters of links, code and attribute lists
    backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def problem_codes_markdown(catalogue: Mapping[str, CodeInfo]) -> str:
    infos = sorted(catalogue.values(), key=lambda info: info.code)
    out = ["| 代码 | 级别 | 问题 |", "| --- | --- | --- |"]
    out += [
        f"| [{i.code}](#{anchor(i.code)}) | {SEVERITY.get(i.severity, i.severity)} | {markdown_text(i.title)} |"
        for i in infos
    ]
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


def code_section(info: CodeInfo) -> list[str]:
    lines = [
        f"### {info.code} {markdown_text(info.title)} {{#{anchor(info.code)}}}",
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
        return markdown_text(template)
    return "".join(markdown_text(literal) + (PLACEHOLDER if name is not None else "") for literal, name, _, _ in parts)


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


# ---- front-matter fields --------------------------------------------------------------------------

FIELD_TYPES = {
    "text": "文字",
    "texts": "文字，一个或多个（多个写成列表 [甲, 乙]）",
    "date": "日期 YYYY-MM-DD",
    "period": "时期（要加引号）",
    "ref": "词表中的编号",
    "refs": "词表中的编号列表",
    "doc-ref": "文档编号",
    "doc-refs": "文档编号列表",
    "choice": "下列值之一",
    "flag": "true 或 false",
    "adoption": "通过信息（meeting、session、date、caption）",
    "waivers": "问题代码: {reason: 原因, scope: 豁免的内容}",
    "code-name": "编号（英文小写）",
    "inferred": "推定的年份和依据 {value: 年份, basis: 依据}",
}
VOCABULARY_FILES = {"bodies": "data/bodies.yml", "topics": "data/topics.yml"}
ALL_KINDS = "全部"


def fields_markdown(vocab: Vocabulary) -> str:
    specs = list(vocab.fields.values())
    out = ["| 字段 | 名称 | 必填 | 适用于 | 可写原文未载 |", "| --- | --- | --- | --- | --- |"]
    out += [
        f"| `{s.id}` | {_text(s.label)} | {_required(vocab, s) or '—'} | {_kinds(vocab, s)} | "
        f"{'可' if s.not_stated else '—'} |"
        for s in specs
    ]
    for spec in specs:
        out += ["", *field_section(vocab, spec)]
    return "\n".join(out) + "\n"


def field_section(vocab: Vocabulary, spec: Field) -> list[str]:
    facts = [
        f"**{'必填：' + _required(vocab, spec) if _required(vocab, spec) else '可选'}**",
        f"适用于：{_kinds(vocab, spec)}",
        f"写法：{FIELD_TYPES.get(spec.type, spec.type)}",
    ]
    if spec.vocabulary:
        facts.append(
            f"写登记的中文名称（或其他叫法、编号），名单见 `{VOCABULARY_FILES.get(spec.vocabulary, spec.vocabulary)}`"
        )
    if spec.not_stated:
        facts.append(f"原件没有写明时写 `{NOT_STATED_TEXT}`")
    lines = [
        f"### {spec.id}（{_text(spec.label)}） {{#field-{spec.id.replace('_', '-')}}}",
        "",
        "；".join(facts) + "。",
    ]
    if spec.help:
        lines += ["", _text(spec.help)]
    if spec.choices:
        lines += ["", *(f"- `{key}`：{_text(name)}" for key, name in spec.choices.items())]
    lines += _registry_lists(vocab, spec.id)
    if spec.example is not None:
        lines += ["", "例：", "", *fenced(_example(spec.id, spec.example))]
    return lines


def _registry_lists(vocab: Vocabulary, field_id: str) -> list[str]:
    """For `type`, the types of each kind; for `profile`, the structures — straight from the registry."""
    if field_id == "type":
        lines = ["", "| 种类 `kind` | 类型 `type`（第一个是默认） |", "| --- | --- |"]
        for kind in vocab.kinds.values():
            types = "、".join(f"`{t.id}` {_text(t.name)}" for t in kind.types.values())
            lines.append(f"| `{kind.id}` {_text(kind.name)} | {types} |")
        return lines
    if field_id == "profile":
        lines = ["", "| 结构 `profile` | 说明 | 用于 |", "| --- | --- | --- |"]
        users: dict[str, list[str]] = {}
        for kind in vocab.kinds.values():
            for doc_type in kind.types.values():
                for profile_id in doc_type.profiles:
                    users.setdefault(profile_id, []).append(doc_type.name)
        for profile in vocab.profiles.values():
            used = "、".join(users.get(profile.id, [])) or (f"机构 `{profile.body}` 专用" if profile.body else "—")
            lines.append(f"| `{profile.id}` | {_text(profile.name)} | {_text(used)} |")
        return lines
    return []


def _required(vocab: Vocabulary, spec: Field) -> str:
    if spec.required is True:
        return "所有文档"
    names = []
    for entry in spec.required or ():
        kind_id, _, type_id = entry.partition("/")
        kind = vocab.kinds.get(kind_id)
        if kind is None:
            names.append(entry)
        elif type_id:
            names.append(vocab.type_name(kind_id, type_id))
        else:
            names.append(kind.name)
    return "、".join(names)


def _kinds(vocab: Vocabulary, spec: Field) -> str:
    if not spec.kinds:
        return ALL_KINDS
    return "、".join(vocab.kinds[k].name if k in vocab.kinds else k for k in spec.kinds)


def _example(key: str, value: object) -> str:
    """A field and its example as an editor writes it in front matter: mappings in block style,
    lists in brackets, dates bare, years and periods quoted."""
    if isinstance(value, dict):
        return "\n".join([f"{key}:", *(f"  {k}: {_scalar(v)}" for k, v in value.items())])
    if isinstance(value, (list, tuple)):
        return f"{key}: [" + ", ".join(_scalar(v) for v in value) + "]"
    return f"{key}: {_scalar(value)}"


_BARE_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_QUOTED = re.compile(r"^[0-9]{4}(-H[12]|-[0-9]{4})?$")


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and _BARE_DATE.match(value):
        return value
    if isinstance(value, str) and _QUOTED.match(value):
        return f'"{value}"'
    if isinstance(value, dict):  # nested (a waiver's {reason, scope}): a flow mapping, as written by hand
        return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if not isinstance(value, str):
        return str(getattr(value, "isoformat", lambda: value)())
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1000).strip()
    return dumped[: -len("...")].strip() if dumped.endswith("...") else dumped


def _text(text: str) -> str:
    """Prose from the registry as Markdown text: no HTML, no attribute lists ({…} at a line's end)."""
    return _cell(text.replace("&", "&amp;").replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;"))
