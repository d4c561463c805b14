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
# First characters of a value that is not simply its text: indicators, quotes, flow collections,
# and the first characters of the implicit types (int, float, bool, null, …).
_NOT_TEXT_FIRST = _TYPED_FIRST if not isinstance(_TYPED_FIRST, frozenset) else \
    _TYPED_FIRST | _INDICATOR_START | frozenset("-?:")
_FLOW_ITEM_BAD = re.compile(r"[\[\]{}#'\"&*!|>%@`?:]|^-")
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _Decline(Exception):
    pass


def read_plain(text: str, first_line: int = 1):
    """(data, lines) of a block mapping written plainly, or None when libyaml must read it."""
    if _DECLINE.search(text):
        return None
    # Rows: (line number, indent, dash, key, rest) of the lines with content; `dash` is "- " (and
    # the spaces after it) on a list item's line, `key` the key at the start of the rest, `rest`
    # what follows the key (or the whole rest), without trailing spaces.
    rows = []
    number = first_line
    for indent, dash, key, rest in _ROW.findall(text):
        if key or dash or (rest and rest[0] != "#"):
            if not indent and not key and not dash and rest[0] in "-.%" and rest[:3] in ("---", "...") or rest[:1] == "%":
                return None  # document markers and directives
            rows.append((number, len(indent), dash, key, rest.rstrip(" ")))
        number += 1
    if not rows or not rows[0][3] or rows[0][2]:
        return None
    rows.append(_END)
    lines = {(): rows[0][0]}
    try:
        reader = _Reader(rows, lines)
        data = reader.mapping(0, rows[0][1], ())
        if reader.next != len(rows) - 1:
            return None
    except Exception:  # noqa: BLE001 - _Decline, or a text this reading did not foresee: libyaml's
        return None
    return data, lines


# One line: indent, a list item's dash, a key, the rest. Lines split at "\n" only (the texts
# with other line breaks are declined).
_ROW = re.compile(r"^( *)(- +(?=[^ \n]))?(?:([A-Za-z_][A-Za-z0-9_-]*):(?: +|$))?(.*)$", re.M)
_END = (0, -1, "", "", "")  # after the last row: closes every open collection


class _Reader:
    __slots__ = ("rows", "lines", "next")

    def __init__(self, rows: list, lines: dict):
        self.rows, self.lines, self.next = rows, lines, 0

    def mapping(self, at: int, indent: int, path: tuple) -> dict:
        """The block mapping whose first key is on row `at` (after the dash of a list item's row)
        and whose keys stand at column `indent`."""
        if len(path) >= MAX_DEPTH:
            raise _Decline
        rows, lines = self.rows, self.lines
        result: dict = {}
        number, _, _, key, rest = rows[at]
        while True:
            if key in result:
                raise _Decline  # a duplicate key: libyaml's reading reports it
            key_path = path + (key,)
            lines[key_path] = number
            at += 1
            following = rows[at]
            if rest:
                if rest[0] in _NOT_TEXT_FIRST or ": " in rest or " #" in rest or rest[-1] == ":":
                    result[key] = _value(rest, key_path, number, lines)
                else:
                    result[key] = rest  # text (nearly every value): no implicit type starts so
                if following[1] > indent:
                    raise _Decline  # a value continued on the next line, or a misplaced one
            elif following[1] > indent:
                if following[2]:
                    result[key] = self.sequence(at, following[1], key_path)
                elif following[3]:
                    result[key] = self.mapping(at, following[1], key_path)
                else:
                    raise _Decline  # a value on the lines after its key
                at = self.next
                following = rows[at]
            else:
                result[key] = None  # `key:` and nothing: null
            if following[1] < indent:
                self.next = at
                return result
            number, column, dash, key, rest = following
            if column > indent or dash or not key:
                raise _Decline

    def sequence(self, at: int, indent: int, path: tuple) -> list:
        """The block list whose first dash is on row `at`, its dashes at column `indent`."""
        if len(path) >= MAX_DEPTH:
            raise _Decline
        rows, lines = self.rows, self.lines
        result: list = []
        while True:
            number, _, dash, key, rest = rows[at]
            if not dash:
                raise _Decline  # "-" alone (a value on the next lines), or no dash
            item_path = path + (len(result),)
            lines.setdefault(item_path, number)
            if key:
                result.append(self.mapping(at, indent + len(dash), item_path))
                at = self.next
            else:
                if rest == "-" or rest[:2] == "- ":
                    raise _Decline  # a list in a list
                if rest[0] in _NOT_TEXT_FIRST or ": " in rest or " #" in rest or rest[-1] == ":":
                    result.append(_value(rest, item_path, number, lines))
                else:
                    result.append(rest)
                at += 1
                if rows[at][1] > indent:
                    raise _Decline
            column = rows[at][1]
            if column < indent:
                self.next = at
                return result
            if column > indent:
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
