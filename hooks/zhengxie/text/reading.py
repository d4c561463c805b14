"""Reading source files the way editors write them: BOM, CRLF, front matter and YAML with line numbers.

Everything here returns data plus findings; nothing raises on bad input and nothing writes files.
"""

from __future__ import annotations

import math
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import yaml

from zhengxie.text import limits, outline, plainyaml

# A path into a YAML value: mapping keys and list indexes (YamlDoc.lines, YamlDoc.line_of).
KeyPath = tuple[str | int, ...]

# A key followed by a full-width colon (title：…), which YAML reads as plain text, not a key.
_FULL_WIDTH_KEYS = re.compile(r"^[^\S\n]*([A-Za-z_][\w-]*)[^\S\n]*：", re.M)
_STR, _MAP, _SEQ = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_MERGE = "tag:yaml.org,2002:merge"


# libyaml's parser when PyYAML was built with it (about 10x faster; same nodes, marks and data).
if TYPE_CHECKING:
    _BaseLoader = yaml.CSafeLoader
else:
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """SafeLoader that keeps dates as text: JSON Schema and our own parsing decide what a date is."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# libyaml calls back into Python for every node: to resolve its tag, and twice more for path
# resolvers we never register. Those calls cost a third of the parse. Builtins stand in for them:
# `slice` keeps resolve's arguments (kind, value, implicit) as the node's tag, and `_Builder` (or
# `_resolve_tags`, before `_refuse`) turns them into the tag SafeLoader's resolver would give.
_Resolvers = list[tuple[str, re.Pattern[str]]]  # (tag, the pattern of the plain scalars it types)
_WILDCARD: _Resolvers = _Loader.yaml_implicit_resolvers.get(None, [])
_BY_FIRST_CHAR: dict[str, _Resolvers] = {
    k: v + _WILDCARD for k, v in _Loader.yaml_implicit_resolvers.items() if k is not None
}
_Scalar, _Sequence = yaml.ScalarNode, yaml.SequenceNode

# A node's tag is this slice until it is resolved; the stubs know only the resolved str.
_Loader.resolve = slice  # type: ignore[assignment,method-assign]
_Loader.descend_resolver = slice  # type: ignore[assignment,method-assign]  # (parent, index): ignored
_Loader.ascend_resolver = tuple  # type: ignore[assignment,method-assign]  # (): ignored


class _Everything:
    def __contains__(self, item: object) -> bool:
        return True


# First characters of the plain scalars an implicit rule may type (others are text).
_TYPED_FIRST: frozenset[str] | _Everything = frozenset(_BY_FIRST_CHAR) if not _WILDCARD else _Everything()
_PLAIN_TAGS: dict[str, str] = {}  # plain scalar -> its tag: keys and small values repeat in every file
_PLAIN_TAGS_MAX, _PLAIN_TAG_LENGTH = 20_000, 40


def _plain_tag(value: str) -> str:
    """The tag of an untagged plain scalar, by SafeLoader's implicit rules (minus timestamps)."""
    tag = _PLAIN_TAGS.get(value)
    if tag is None:
        tag = _STR
        for candidate, regexp in _BY_FIRST_CHAR.get(value[:1], _WILDCARD):
            if regexp.match(value):
                tag = candidate
                break
        if len(value) <= _PLAIN_TAG_LENGTH and len(_PLAIN_TAGS) < _PLAIN_TAGS_MAX:
            _PLAIN_TAGS[value] = tag
    return tag


def _implicit_tag(arguments: slice) -> str:
    """The tag SafeLoader's resolver gives a node libyaml left untagged (or tagged `!`)."""
    kind, value, implicit = arguments.start, arguments.stop, arguments.step
    if kind is _Scalar:
        return _plain_tag(value) if implicit[0] else _STR
    return _SEQ if kind is _Sequence else _MAP


def _resolve_tags(root: yaml.Node, depth: int | None = None) -> None:
    """Give every node of the graph (or down to `depth` levels below `root`) its resolved tag."""
    seen: set[int] = set()
    stack = [(root, 0)]
    while stack:
        node, level = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        tag: str | slice = node.tag
        if tag.__class__ is slice:
            node.tag = _implicit_tag(tag)
        if depth is None or level < depth:
            stack.extend((child, level + 1) for child in _children(node))


# Tags a value may carry: the JSON-like types (a `<<` merge key is resolved to `merge`). Everything
# else — !!binary, !!set, !!omap, !!timestamp, !!python/…, local !tags — is refused with ZX114.
JSON_TAGS = frozenset(
    {
        _STR,
        _MAP,
        _SEQ,
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:merge",
    }
)
_KEY_TAGS = JSON_TAGS - {_MAP, _SEQ}

# libyaml's composer recurses in C once per nesting level and would overflow the stack (a segfault)
# on a file nested tens of thousands deep. Texts that *could* be nested more than this are first
# measured with the event parser (flat, and stopped as soon as the limit is passed).
_SAFE_TO_COMPOSE = 2000  # (it survives 20 000 levels even in a thread's smaller stack)
_LONG_PREFIX = 500
_LONG_LEADING = re.compile(rf"^[ ?:-]{{{_LONG_PREFIX}}}", re.M)


YamlIssueKind = Literal["syntax", "duplicate-key", "full-width-colon", "depth", "aliases", "expansion", "tag"]

# Issues after which the text's data is not built (None): later checks have nothing to judge.
UNREAD: frozenset[YamlIssueKind] = frozenset({"syntax", "depth", "aliases", "expansion", "tag"})


@dataclass
class YamlIssue:
    kind: YamlIssueKind
    line: int
    column: int | None = None
    detail: str = ""


@dataclass
class YamlDoc:
    data: object = None
    lines: dict[KeyPath, int] = field(default_factory=dict)  # key path -> 1-based line
    issues: list[YamlIssue] = field(default_factory=list)
    text: str = ""  # the source text as parsed (lets checks search a whole file in one pass)
    # parse_yaml built `data` and met no .nan, .inf or -.inf on the way (checks need not look for them)
    finite: bool = False

    def line_of(self, path: KeyPath, default: int | None = None) -> int | None:
        """Line of the deepest known prefix of `path` (an unknown key falls back to its parent)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), default)


# Codes of a file that was not read at all (see ReadIssue): the builder must not read it either.
NOT_READ = frozenset({"ZX101", limits.FILE_BYTES.code, limits.LINE_CHARS.code, limits.MARKDOWN_NESTING.code, "ZX116"})


@dataclass(frozen=True)
class ReadIssue:
    """Why a file was not read: a problem code, its line and the message's parameters."""

    code: str
    line: int | None = 1
    params: dict[str, str | int] = field(default_factory=dict)  # "reason" (text), or sizes and the limit

    @property
    def reason(self) -> str:
        reason = self.params.get("reason")
        return reason if isinstance(reason, str) else self.code


def inside_repository(path: Path | str, root: Path | str) -> bool:
    """True when `path` is a real file path under `root`: no symlink on the way, nothing outside."""
    return _folder_inside(path, root) and not os.path.islink(path)


def _folder_inside(path: Path | str, root: Path | str) -> bool:
    """`inside_repository` but for the last step: the path's folders are real and under `root`,
    asked of the file system every time (a folder may be swapped for a symlink between two builds)."""
    return RealFolders(root).inside(path)


class RealFolders:
    """`_folder_inside` for the many files one load reads under `root`: each folder is asked of the
    file system once per load (not once per file), and nothing is kept beyond the load. The file
    itself is still checked every time (read_source never opens a symlink)."""

    __slots__ = ("known", "prefix", "real_root", "root")

    def __init__(self, root: Path | str) -> None:
        self.root = os.path.abspath(os.fspath(root))
        self.prefix = self.root.rstrip(os.sep) + os.sep
        self.real_root = os.path.realpath(self.root)
        self.known: dict[str, bool] = {}  # folder (absolute) -> real and under root

    def inside(self, path: Path | str) -> bool:
        """`_folder_inside(path, root)`, the folder's answer remembered for the rest of the load."""
        path = os.path.abspath(os.fspath(path))
        if not path.startswith(self.prefix):
            return False
        folder = os.path.dirname(path)
        known = self.known.get(folder)
        if known is None:
            rel_folder = os.path.dirname(path[len(self.prefix) :])
            expected = os.path.join(self.real_root, rel_folder) if rel_folder else self.real_root
            known = self.known[folder] = os.path.realpath(folder) == expected
        return known


def read_source(
    path: Path | str, root: Path | str | None = None, folders: RealFolders | None = None
) -> tuple[str | None, ReadIssue | None]:
    """Text with BOM removed and line ends normalised, or (None, why not). With `root`, a path that
    is a symlink or leads outside the repository is never opened (ZX116); `folders` (for that same
    root) answers for the folders once per load."""
    if root is not None and not (folders.inside(path) if folders is not None else _folder_inside(path, root)):
        return None, ReadIssue("ZX116", 1)
    try:
        st = os.lstat(path) if root is not None else os.stat(path)
        if stat.S_ISLNK(st.st_mode):  # a symlink is never opened (without `root`, stat followed it)
            return None, ReadIssue("ZX116", 1)
        size = st.st_size
        if size > limits.FILE_BYTES.value:
            return None, ReadIssue(limits.FILE_BYTES.code, 1, {"size": size, "limit": limits.FILE_BYTES.value})
        raw = read_bytes(path, size)
    except OSError as exc:
        return None, ReadIssue("ZX101", 1, {"reason": f"无法读取：{exc.strerror or type(exc).__name__}"})
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, ReadIssue("ZX101", 1, {"reason": f"第 {exc.start} 字节不是 UTF-8"})
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    long_line = _first_long_line(text)
    if long_line is not None:
        number, length = long_line
        return None, ReadIssue(limits.LINE_CHARS.code, number, {"length": length, "limit": limits.LINE_CHARS.value})
    if os.fspath(path).endswith(".md"):
        return _markdown_within_limits(text)
    return text, None


def _markdown_within_limits(text: str) -> tuple[str | None, ReadIssue | None]:
    """A Markdown text nested deeper than Python-Markdown can parse is not read (ZX136)."""
    limit = limits.MARKDOWN_NESTING
    deep = outline.too_deep(text, limit.value)
    if deep is None:
        return text, None
    line, depth = deep
    return None, ReadIssue(limit.code, line, {"depth": depth, "limit": limit.value})


def read_bytes(path: Path | str, size: int) -> bytes:
    """The file's bytes (`size`: what stat said) without the buffered file object's layers, which
    cost more than reading a small file. Read to the end, as open().read() does."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = [os.read(fd, size + 1)]
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 16))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _first_long_line(text: str) -> tuple[int, int] | None:
    limit = limits.LINE_CHARS.value
    if len(text) <= limit:
        return None
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > limit:
            return number, len(line)
    return None


def read_text(path: Path | str, root: Path | str | None = None) -> tuple[str | None, str | None]:
    """`read_source` for callers that only need a reason to show when the text is missing."""
    text, issue = read_source(path, root)
    return text, (issue.reason if issue else None)


def parse_yaml(text: str, first_line: int = 1, plain: bool = True) -> YamlDoc:
    """Parse one YAML document; line numbers are shifted so they count from `first_line`. Texts
    written in plain YAML are read by zhengxie.text.plainyaml (unless `plain` is False), the others
    by libyaml: the same result either way."""
    doc = YamlDoc(text=text)
    offset = first_line - 1
    if "：" in text:
        for match in _FULL_WIDTH_KEYS.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            number = first_line + text.count("\n", 0, match.start())
            doc.issues.append(YamlIssue("full-width-colon", number, match.end() - line_start, match.group(1)))
    too_deep = _too_deep(text)
    if too_deep is not None:
        doc.issues.append(YamlIssue("depth", too_deep + offset, None, str(limits.YAML_DEPTH.value)))
        return doc
    if plain and _read_plain(text, first_line, doc):
        return doc
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            # An alias needs an anchor (&): without one the nodes form a tree, and the builder applies
            # the same refusals as it goes — one walk instead of two for nearly every file.
            aliases = "&" in text
            refused = None
            if node is not None and aliases:
                _resolve_tags(node)
                refused = _refuse(node)
            if refused is not None:
                kind, mark, detail = refused
                doc.issues.append(YamlIssue(kind, mark.line + 1 + offset, mark.column + 1, detail))
            elif node is not None:
                doc.data = _build_document(loader, node, doc, offset, aliases)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        error_mark = exc.problem_mark or exc.context_mark
        line = error_mark.line + 1 + offset if error_mark else first_line
        column = error_mark.column + 1 if error_mark else None
        doc.issues.append(YamlIssue("syntax", line, column, _describe(exc)))
        doc.data = None
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        doc.issues.append(YamlIssue("syntax", first_line, None, str(exc).splitlines()[0]))
        doc.data = None
    except (ValueError, OverflowError, RecursionError, IndexError, KeyError) as exc:  # 5 000 digits, !!bool maybe
        doc.issues.append(YamlIssue("syntax", first_line, None, f"无法读取的值（{type(exc).__name__}）"))
        doc.data = None
    return doc


_CONSTRUCTOR = yaml.constructor.SafeConstructor()  # what _SCALARS' constructors read (bool_values)


def _read_plain(text: str, first_line: int, doc: YamlDoc) -> bool:
    """Data, lines and duplicate keys by zhengxie.text.plainyaml when it reads the text (True);
    the same as libyaml and `_Builder` give, scalars typed by the same rules."""
    finite = True

    def scalar(value: str) -> object:
        nonlocal finite
        tag = _plain_tag(value)
        if tag in (_STR, _MERGE):
            return value
        construct = _SCALARS.get(tag)
        if construct is None:  # refused by the libyaml path, which says why
            raise plainyaml.NotPlain
        try:
            result = construct(_CONSTRUCTOR, yaml.ScalarNode(tag, value))  # type: ignore[arg-type]
        except Exception as exc:  # e.g. 5 000 digits: the libyaml path reports it
            raise plainyaml.NotPlain from exc
        if isinstance(result, float) and not math.isfinite(result):
            finite = False
        return result

    read = plainyaml.read(text, first_line, scalar, _TYPED_FIRST)
    if read is None:
        return False
    doc.data, doc.lines, duplicates = read
    doc.issues += [YamlIssue("duplicate-key", line, column, key) for line, column, key in duplicates]
    doc.finite = finite
    return True


def _too_deep(text: str) -> int | None:
    """Line where the nesting first passes the limit, for texts that might nest beyond what the
    composer survives; None otherwise (then `_refuse` applies the limit on the composed nodes).

    Every level is opened by a `[` or `{`, or by indentation / `- ` `? ` `: ` at a line's start, so
    the count of brackets plus twice the longest such line prefix bounds the depth from above."""
    brackets = text.count("[") + text.count("{")
    if brackets + 2 * (_LONG_PREFIX + 1) <= _SAFE_TO_COMPOSE and not _LONG_LEADING.search(text):
        return None
    limit = limits.YAML_DEPTH.value
    opening, closing = (yaml.SequenceStartEvent, yaml.MappingStartEvent), (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    parser = _BaseLoader(text)
    depth = 0
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, opening):
                depth += 1
                if depth > limit:
                    return event.start_mark.line + 1 if event.start_mark is not None else 1
            elif isinstance(event, closing):
                depth -= 1
            elif event is None or isinstance(event, yaml.StreamEndEvent):
                return None
    except yaml.YAMLError:
        return None  # the composer reports the syntax error, before it nests any deeper
    finally:
        parser.dispose()


class _Mark(Protocol):
    """Where a node starts (0-based), as PyYAML's and libyaml's marks both say."""

    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


# (kind, mark, detail): why a node graph is not built.
_Refusal = tuple[YamlIssueKind, _Mark, str]


def _refuse(root: yaml.Node) -> _Refusal | None:
    """(kind, mark, detail) of the first reason not to build this node graph: a tag other than the
    JSON-like ones, nesting deeper than the limit (aliases included), too many aliases, or aliases
    that expand to too many values. One pass over the distinct nodes, without recursion."""
    sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (values when expanded, depth)
    aliases = 0
    seen: set[int] = set()
    stack = [(root, False, root)]  # (node, its children are sized, the collection it appears in)
    while stack:
        node, done, parent = stack.pop()
        key = id(node)
        if done:
            children = [sizes.get(id(c), (1, 0)) for c in _children(node)]  # absent: a cycle
            size = 1 + sum(c[0] for c in children)
            depth = 0 if isinstance(node, yaml.ScalarNode) else 1 + max((c[1] for c in children), default=0)
            if depth > limits.YAML_DEPTH.value:
                return "depth", node.start_mark, str(limits.YAML_DEPTH.value)
            sizes[key] = (size, depth)
            continue
        if key in seen:
            aliases += 1
            if aliases > limits.YAML_ALIASES.value:  # where the alias is used, not its anchor
                return "aliases", parent.start_mark, str(limits.YAML_ALIASES.value)
            continue  # a cycle (the node is still open) is the builder's "recursive alias" finding
        seen.add(key)
        refusal = _node_refusal(node)
        if refusal is not None:
            return refusal
        stack.append((node, True, parent))
        for child in reversed(_children(node)):
            if id(child) in seen and id(child) not in sizes:  # an alias to a node still open: a cycle
                continue
            stack.append((child, False, node))
    total = sizes[id(root)][0]
    if total - len(seen) > limits.YAML_EXPANSION.value:
        return "expansion", root.start_mark, str(total - len(seen))
    return None


def _node_refusal(node: yaml.Node) -> _Refusal | None:
    """(kind, mark, detail) when a node is not plain JSON-like structure, else None."""
    if node.tag not in JSON_TAGS:
        return "tag", node.start_mark, _short(node.tag)
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            return "syntax", node.start_mark, f"映射不能标为 {_short(node.tag)}"
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag in (_MAP, _SEQ):
                return "syntax", key_node.start_mark, "字段名必须是文字，不能是列表或映射（“? ”开头的复杂键）"
            if key_node.tag not in JSON_TAGS:
                return "tag", key_node.start_mark, _short(key_node.tag)
            if key_node.tag == _MERGE:
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                if not all(isinstance(n, yaml.MappingNode) for n in sources):
                    return "syntax", key_node.start_mark, "“<<” 只能合并映射（*别名 指向的“字段: 值”）"
    elif isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            return "syntax", node.start_mark, f"列表不能标为 {_short(node.tag)}"
    elif node.tag in (_MAP, _SEQ):
        return "syntax", node.start_mark, f"文字不能标为 {_short(node.tag)}"
    return None


def _refused(node: yaml.Node) -> _Refusal:
    """Why the builder refuses a node it cannot build: `_node_refusal`'s reason, which every such
    node has (its tag is not the JSON-like one of its class)."""
    return _node_refusal(node) or ("tag", node.start_mark, _short(str(node.tag)))


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        items: list[yaml.Node] = node.value
        return items
    return []


class _RecursiveError(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _RefusedError(Exception):
    """A node `_node_refusal` refuses, or nesting past the limit, met while building."""

    def __init__(self, refusal: _Refusal) -> None:
        super().__init__(*refusal)
        self.refusal = refusal


def _build_document(loader: _Loader, node: yaml.Node, doc: YamlDoc, offset: int, aliases: bool) -> object:
    """Data and line map in one walk over the nodes `_refuse` accepted: maps with text keys, lists,
    scalars of the JSON-like types, and `<<` merge keys."""
    issues = len(doc.issues)
    doc.lines.setdefault((), node.start_mark.line + 1 + offset)
    builder = _Builder(loader, offset, set() if aliases else None)
    try:
        data = builder.build(node, (), doc.lines, doc.issues)
        doc.finite = builder.finite
        return data
    except _RefusedError as exc:
        kind, mark, detail = exc.refusal
        doc.lines.clear()
        del doc.issues[issues:]
        doc.issues.append(YamlIssue(kind, mark.line + 1 + offset, mark.column + 1, detail))
        return None
    except _RecursiveError as exc:
        mark = exc.node.start_mark
        doc.issues.append(
            YamlIssue("syntax", mark.line + 1 + offset, mark.column + 1, "锚点引用了自身（递归的 *别名）")
        )
        return None


# Scalars of these tags are built by SafeLoader's own constructors (any other tag is refused).
_Construct = Callable[[_Loader, yaml.Node], object]
_SCALARS: dict[str, _Construct] = {
    tag: _Loader.yaml_constructors[tag]
    for tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null")
}


class _Builder:
    """Builds a node's value; records each key's line (and each list item's) under its path in
    `lines`, and duplicate keys in `issues`. The caller records the node's own line. `active` holds
    the collections being built when the text has anchors (an alias back to one is a cycle).
    Plain text values, nearly all of them, are taken straight from the node in the loops below."""

    __slots__ = ("active", "finite", "loader", "offset")

    def __init__(self, loader: _Loader, offset: int, active: set[int] | None) -> None:
        self.loader, self.offset, self.active = loader, offset, active
        self.finite = True  # no .nan, .inf or -.inf built so far

    def build(self, node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], issues: list[YamlIssue]) -> object:
        cls = node.__class__
        tag: str | slice = node.tag
        if cls is _Scalar:
            if isinstance(tag, slice):
                if not tag.step[0]:  # quoted, or tagged `!`: text
                    return node.value
                tag = node.tag = _plain_tag(node.value)
            if tag in (_STR, _MERGE):  # `<<` outside a key position is just the text "<<"
                return node.value
            construct = _SCALARS.get(tag)
            if construct is None:
                raise _RefusedError(_refused(node))
            value = construct(self.loader, node)
            if value.__class__ is float and not math.isfinite(value):
                self.finite = False
            return value
        if len(path) >= limits.YAML_DEPTH.value:  # this collection would be one level too many
            raise _RefusedError(("depth", node.start_mark, str(limits.YAML_DEPTH.value)))
        if tag.__class__ is not slice and tag != (_SEQ if cls is _Sequence else _MAP):  # untagged: seq or map
            raise _RefusedError(_refused(node))
        active = self.active
        if active is not None:
            if id(node) in active:
                raise _RecursiveError(node)
            active.add(id(node))
        try:
            return (
                self._sequence(node, path, lines, issues)
                if cls is _Sequence
                else self._mapping(node, path, lines, issues)
            )
        finally:
            if active is not None:
                active.discard(id(node))

    def _sequence(
        self, node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], issues: list[YamlIssue]
    ) -> list[object]:
        offset, build = self.offset, self.build
        result: list[object] = []
        item: yaml.Node
        for index, item in enumerate(node.value):
            item_path = path + (index,)  # noqa: RUF005 - concatenation: a third of unpacking's time, per item
            lines.setdefault(item_path, item.start_mark.line + 1 + offset)
            tag: str | slice = item.tag
            if (
                item.__class__ is _Scalar
                and tag.__class__ is slice
                and (not tag.step[0] or item.value[:1] not in _TYPED_FIRST)
            ):
                result.append(item.value)
            else:
                result.append(build(item, item_path, lines, issues))
        return result

    def _mapping(
        self, node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], issues: list[YamlIssue]
    ) -> dict[str, object]:
        offset, build = self.offset, self.build
        result: dict[str, object] = {}
        merges: list[tuple[yaml.Node, int]] = []
        key_node: yaml.Node
        value_node: yaml.Node
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            line = mark.line + 1 + offset
            tag: str | slice = key_node.tag
            if tag.__class__ is slice:
                if key_node.__class__ is _Scalar:
                    tag = _plain_tag(key_node.value) if tag.step[0] and key_node.value[:1] in _TYPED_FIRST else _STR
                else:
                    tag = _implicit_tag(tag)
                key_node.tag = tag
            if tag != _STR and (tag not in _KEY_TAGS or key_node.__class__ is not _Scalar or tag == _MERGE):
                _resolve_tags(node, depth=1)  # `_node_refusal` reads the map's tag and every key's
                refusal = _node_refusal(node)  # says which key, and why
                if refusal is not None:
                    raise _RefusedError(refusal)
                if tag == _MERGE:
                    merges.append((value_node, line))
                    continue
            key: str = key_node.value  # keys are text, as in JSON (`2019:` is the key "2019")
            if key in result:
                issues.append(YamlIssue("duplicate-key", line, mark.column + 1, key))
            key_path = path + (key,)  # noqa: RUF005 - concatenation: a third of unpacking's time, per key
            lines[key_path] = line
            value_tag: str | slice = value_node.tag
            if (
                value_node.__class__ is _Scalar
                and value_tag.__class__ is slice
                and (not value_tag.step[0] or value_node.value[:1] not in _TYPED_FIRST)
            ):
                result[key] = value_node.value
            else:
                result[key] = build(value_node, key_path, lines, issues)
        for value_node, line in merges:  # keys written in the mapping win; earlier merged maps win
            for source in value_node.value if value_node.__class__ is _Sequence else [value_node]:
                merged = build(source, path, {}, [])  # a mapping: `_node_refusal` accepted only those
                if not isinstance(merged, dict):
                    continue
                for key, value in merged.items():
                    if key not in result:
                        result[key] = value
                        lines[path + (key,)] = line  # noqa: RUF005
        return result


def _describe(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "；".join(parts) or "无法解析"


@dataclass
class SplitMarkdown:
    front_matter: str | None  # None when the file has no front matter block
    front_matter_line: int  # line of the first front-matter line (after the opening ---)
    body: str
    body_line: int  # 1-based line number of the body's first line
    unclosed: bool = False


# MkDocs' rule (YAML_RE in mkdocs/utils/meta.py), so that the check and the build read the same block:
# `---` opens it on the file's very first line (no space before it), the first `---` or `...` line
# closes it, both may end in spaces or tabs, and at least one line (and a newline) lies in between.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_OPENING = re.compile(r"^-{3}[ \t]*\n")


def split_front_matter(text: str) -> SplitMarkdown:
    match = _FRONT_MATTER.match(text)
    if match:
        block = match.group(1)[:-1]
        return SplitMarkdown(block, 2, text[match.end() :], match.group(0).count("\n") + 1)
    if _OPENING.match(text):
        return SplitMarkdown(None, 2, text, 1, unclosed=True)
    return SplitMarkdown(None, 1, text, 1)


def front_matter_problem(text: str) -> str:
    """Why `split_front_matter` found no block, in the words of ZX102's message."""
    if _OPENING.match(text):
        if re.match(r"^-{3}[ \t]*\n(?:\.{3}|-{3})[ \t]*(?:\n|$)", text):
            return "两行 --- 之间没有内容"
        return "没有单独成行、其后换行的结束 --- 行"
    if text.lstrip(" \t\n\ufeff").startswith("---"):
        return "第一行的 --- 前面不能有空格或空行"
    return "文件开头没有 --- 行"
