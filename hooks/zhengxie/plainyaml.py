"""The plain YAML that front matter and data files are written in, read without libyaml's nodes.

    found = read_plain(text, first_line)   # (data, lines) exactly as sources.parse_yaml builds them,
                                           # or None: then parse_yaml reads the text

libyaml is fast, but PyYAML's composer makes a Python node and two marks for every value, and the
builder then walks them: about 2 µs a value, most of the time a check spends reading a document.
Nearly every file holds only block mappings with simple keys, block lists, one-line plain or quoted
values and one-line [a, b] lists or {a: b} mappings of plain values. Those are read here, line by line, with the same data (the same
implicit types, by SafeLoader's rules without timestamps) and the same line of each key and list
item. Anything else — comments after a value, multi-line values, anchors, tags, nested flow
collections, block scalars, duplicate keys, odd indentation, tabs, control characters, a value YAML could read
in more than one way — is declined, and libyaml reads that text as before: the verdicts stay the
same, only found faster (tests/test_coldcheck_plain_yaml.py compares both on generated and mutated
files).
"""
from __future__ import annotations

import re

import yaml

from .sources import _SCALARS, _STR, _TYPED_FIRST, _plain_tag

MAX_DEPTH = 12  # deeper texts are libyaml's (the depth limit is 32): far from any limit here
# Characters after which libyaml reads differently (line breaks of its own, tabs, a BOM, anything
# it refuses to read): such a text is declined whole.
_DECLINE = re.compile("[\t\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)")
# A plain value's first character may not be an indicator ("-", "?", ":" only before a space).
_INDICATOR_START = frozenset(",[]{}#&*!|>'\"%@`")
_FLOW_ITEM_BAD = re.compile(r"[\[\]{}#'\"&*!|>%@`?:]|^-")
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _Decline(Exception):
    pass


def read_plain(text: str, first_line: int = 1):
    """(data, lines) of a block mapping written plainly, or None when libyaml must read it."""
    if _DECLINE.search(text):
        return None
    rows = []  # (line number, indent, content) of the lines with content
    for number, line in enumerate(text.split("\n"), first_line):
        content = line.lstrip(" ")
        if not content or content[0] == "#":
            continue
        indent = len(line) - len(content)
        if indent == 0 and (content.startswith("---") or content.startswith("...") or content[0] == "%"):
            return None  # document markers and directives
        rows.append((number, indent, content.rstrip(" ")))
    if not rows or not _KEY.match(rows[0][2]):
        return None
    lines = {(): rows[0][0]}
    try:
        reader = _Reader(rows, lines)
        data = reader.mapping(0, rows[0][1], rows[0][2], ())
        if reader.next != len(rows):
            return None
    except _Decline:
        return None
    return data, lines


class _Reader:
    __slots__ = ("rows", "lines", "next")

    def __init__(self, rows: list, lines: dict):
        self.rows, self.lines, self.next = rows, lines, 0

    def mapping(self, at: int, indent: int, content: str, path: tuple) -> dict:
        """The block mapping whose first key is row `at` (`content`: from the key on, which after a
        list's dash is not the row's own content) and whose keys stand at column `indent`."""
        if len(path) >= MAX_DEPTH:
            raise _Decline
        rows, lines = self.rows, self.lines
        result: dict = {}
        while True:
            match = _KEY.match(content)
            if match is None:
                raise _Decline
            key = match.group(1)
            if key in result:
                raise _Decline  # a duplicate key: libyaml's reading reports it
            number = rows[at][0]
            key_path = path + (key,)
            lines[key_path] = number
            rest = content[match.end():]
            at += 1
            following = rows[at] if at < len(rows) else None
            if rest:
                result[key] = _value(rest, key_path, number, lines)
                if following is not None and following[1] > indent:
                    raise _Decline  # a value continued on the next line, or a misplaced one
            elif following is not None and following[1] > indent:
                child = following[2]
                if child[:2] == "- ":
                    result[key] = self.sequence(at, following[1], key_path)
                else:
                    result[key] = self.mapping(at, following[1], child, key_path)
                at = self.next
                following = rows[at] if at < len(rows) else None
            else:
                result[key] = None  # `key:` and nothing: null
            if following is None or following[1] < indent:
                self.next = at
                return result
            if following[1] > indent:
                raise _Decline
            content = following[2]

    def sequence(self, at: int, indent: int, path: tuple) -> list:
        """The block list whose first dash is row `at`, its dashes at column `indent`."""
        if len(path) >= MAX_DEPTH:
            raise _Decline
        rows, lines = self.rows, self.lines
        result: list = []
        while True:
            number, _, content = rows[at]
            if content[:2] != "- ":
                raise _Decline  # "-" alone (a value on the next lines), or no dash
            item = content[2:]
            spaces = len(item) - len(item.lstrip(" "))
            item = item[spaces:]
            item_path = path + (len(result),)
            lines.setdefault(item_path, number)
            if _KEY.match(item):
                result.append(self.mapping(at, indent + 2 + spaces, item, item_path))
                at = self.next
            else:
                if item[:2] == "- ":
                    raise _Decline  # a list in a list
                result.append(_value(item, item_path, number, lines))
                at += 1
                if at < len(rows) and rows[at][1] > indent:
                    raise _Decline
            if at >= len(rows) or rows[at][1] < indent:
                self.next = at
                return result
            if rows[at][1] > indent:
                raise _Decline


def _value(text: str, path: tuple, number: int, lines: dict):
    """A one-line value after `key: ` or `- ` (no leading or trailing spaces), on line `number`."""
    first = text[0]
    if first == "[":
        return _flow_list(text, path, number, lines)
    if first == "{":
        return _flow_mapping(text, path, number, lines)
    if first == '"':
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner:
            raise _Decline
        return inner
    if first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner:
            raise _Decline
        return inner
    if first in _INDICATOR_START or (first in "-?:" and text[1:2] in ("", " ")):
        raise _Decline
    if ": " in text or " #" in text or text[-1] == ":":
        raise _Decline
    return _plain(text)


def _plain(text: str):
    if text[:1] not in _TYPED_FIRST:
        return text
    tag = _plain_tag(text)
    if tag == _STR:
        return text
    construct = _SCALARS.get(tag)
    if construct is None:
        raise _Decline  # `<<`, `=`: libyaml's reading says what they are
    try:
        return construct(_CONSTRUCTOR, yaml.ScalarNode(tag, text))
    except Exception as error:  # noqa: BLE001 - e.g. 5 000 digits: parse_yaml reports it
        raise _Decline from error


def _flow_list(text: str, path: tuple, number: int, lines: dict) -> list:
    """`[a, b, c]` on one line, of plain values (each item's line recorded, as for a block list)."""
    if text[-1] != "]":
        raise _Decline
    inner = text[1:-1].strip(" ")
    if not inner:
        return []
    result = []
    for part in inner.split(","):
        item = part.strip(" ")
        if not item or _FLOW_ITEM_BAD.search(item):
            raise _Decline
        lines.setdefault(path + (len(result),), number)
        result.append(_plain(item))
    return result


def _flow_mapping(text: str, path: tuple, number: int, lines: dict) -> dict:
    """`{a: 1, b: x}` on one line, of plain values."""
    if text[-1] != "}":
        raise _Decline
    inner = text[1:-1].strip(" ")
    result: dict = {}
    if not inner:
        return result
    for part in inner.split(","):
        pair = part.strip(" ")
        match = _KEY.match(pair)
        if match is None or match.group(1) in result:
            raise _Decline
        value = pair[match.end():]
        if not value or _FLOW_ITEM_BAD.search(value):
            raise _Decline
        lines[path + (match.group(1),)] = number
        result[match.group(1)] = _plain(value)
    return result
