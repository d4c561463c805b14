"""Reading source files the way editors write them: BOM, CRLF, front matter and YAML with line numbers.

Everything here returns data plus findings; nothing raises on bad input and nothing writes files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml


# A key followed by a full-width colon (title：…), which YAML reads as plain text, not a key.
_FULL_WIDTH_KEYS = re.compile(r"^[^\S\n]*([A-Za-z_][\w-]*)[^\S\n]*：", re.M)
_STR, _MAP, _SEQ = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


# libyaml's parser when PyYAML was built with it (about 10x faster; same nodes, marks and data).
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """SafeLoader that keeps dates as text: JSON Schema and our own parsing decide what a date is."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# libyaml calls back into Python to resolve every scalar's tag; PyYAML's general resolver also walks
# path resolvers we never register. The same implicit rules, looked up once per first character:
_WILDCARD = _Loader.yaml_implicit_resolvers.get(None, [])
_BY_FIRST_CHAR = {k: v + _WILDCARD for k, v in _Loader.yaml_implicit_resolvers.items() if k is not None}


def _resolve(self, kind, value, implicit):
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _BY_FIRST_CHAR.get(value[:1], _WILDCARD):
                if regexp.match(value):
                    return tag
        return self.DEFAULT_SCALAR_TAG
    return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


_Loader.resolve = _resolve
_Loader.descend_resolver = lambda self, current_node, current_index: None
_Loader.ascend_resolver = lambda self: None


@dataclass
class YamlIssue:
    kind: str  # "syntax" | "duplicate-key" | "full-width-colon"
    line: int
    column: int | None = None
    detail: str = ""


@dataclass
class YamlDoc:
    data: object = None
    lines: dict = field(default_factory=dict)  # key path -> 1-based line
    issues: list[YamlIssue] = field(default_factory=list)
    text: str = ""  # the source text as parsed (lets checks search a whole file in one pass)

    def line_of(self, path: tuple, default: int | None = None) -> int | None:
        """Line of the deepest known prefix of `path` (an unknown key falls back to its parent)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), default)


def read_text(path: Path) -> tuple[str | None, str | None]:
    """Text with BOM removed and line ends normalised, or (None, reason) when it is not UTF-8."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, f"第 {exc.start} 字节不是 UTF-8"
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def parse_yaml(text: str, first_line: int = 1) -> YamlDoc:
    """Parse one YAML document; line numbers are shifted so they count from `first_line`."""
    doc = YamlDoc(text=text)
    offset = first_line - 1
    if "：" in text:
        for match in _FULL_WIDTH_KEYS.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            number = first_line + text.count("\n", 0, match.start())
            doc.issues.append(YamlIssue("full-width-colon", number, match.end() - line_start, match.group(1)))
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                doc.data = _build_document(loader, node, doc, offset)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else first_line
        column = mark.column + 1 if mark else None
        doc.issues.append(YamlIssue("syntax", line, column, _describe(exc)))
        doc.data = None
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        doc.issues.append(YamlIssue("syntax", first_line, None, str(exc).splitlines()[0]))
        doc.data = None
    return doc


class _Fallback(Exception):
    """The document uses YAML the one-pass builder leaves to PyYAML's constructor (merge keys, tags …)."""


class _Recursive(Exception):
    def __init__(self, node):
        self.node = node


def _build_document(loader, node, doc: YamlDoc, offset: int):
    """Data and line map in one walk over the nodes (plain maps, lists and scalars: nearly every file);
    anything else is built by PyYAML's SafeConstructor after the line-map walk, as before."""
    issues = len(doc.issues)
    try:
        return _build(loader, node, (), doc, offset, set())
    except _Recursive as exc:
        mark = exc.node.start_mark
        doc.issues.append(YamlIssue("syntax", mark.line + 1 + offset, mark.column + 1, "锚点引用了自身（递归的 *别名）"))
        return None
    except _Fallback:
        doc.lines.clear()
        del doc.issues[issues:]
        _walk(node, (), doc, offset)
        return loader.construct_document(node)


def _build(loader, node, path: tuple, doc: YamlDoc, offset: int, active: set):
    doc.lines.setdefault(path, node.start_mark.line + 1 + offset)
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return node.value if tag == _STR else loader.construct_object(node, deep=True)
    if id(node) in active:
        raise _Recursive(node)
    active.add(id(node))
    try:
        if isinstance(node, yaml.MappingNode):
            if tag != _MAP:
                raise _Fallback
            result: dict = {}
            seen: set = set()
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (_STR, "tag:yaml.org,2002:int",
                                                                                    "tag:yaml.org,2002:float",
                                                                                    "tag:yaml.org,2002:bool",
                                                                                    "tag:yaml.org,2002:null"):
                    raise _Fallback  # merge keys (<<), complex keys
                raw = key_node.value
                line = key_node.start_mark.line + 1 + offset
                if raw in seen:
                    doc.issues.append(YamlIssue("duplicate-key", line, key_node.start_mark.column + 1, str(raw)))
                seen.add(raw)
                key = raw if key_node.tag == _STR else loader.construct_object(key_node, deep=True)
                doc.lines[path + (raw,)] = line
                result[key] = _build(loader, value_node, path + (raw,), doc, offset, active)
                doc.lines[path + (raw,)] = line
            return result
        if isinstance(node, yaml.SequenceNode):
            if tag != _SEQ:
                raise _Fallback
            return [_build(loader, item, path + (index,), doc, offset, active) for index, item in enumerate(node.value)]
        raise _Fallback
    finally:
        active.discard(id(node))


def _describe(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "；".join(parts) or "无法解析"


def _walk(node, path: tuple, doc: YamlDoc, offset: int) -> None:
    doc.lines.setdefault(path, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                doc.issues.append(YamlIssue("duplicate-key", line, key_node.start_mark.column + 1, str(key)))
            seen.add(key)
            doc.lines[path + (key,)] = line
            _walk(value_node, path + (key,), doc, offset)
            doc.lines[path + (key,)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), doc, offset)


@dataclass
class SplitMarkdown:
    front_matter: str | None  # None when the file has no front matter block
    front_matter_line: int  # line of the first front-matter line (after the opening ---)
    body: str
    body_line: int  # 1-based line number of the body's first line
    unclosed: bool = False


def split_front_matter(text: str) -> SplitMarkdown:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return SplitMarkdown(None, 1, text, 1)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return SplitMarkdown("\n".join(lines[1:index]), 2, "\n".join(lines[index + 1 :]), index + 2)
    return SplitMarkdown(None, 2, text, 1, unclosed=True)
