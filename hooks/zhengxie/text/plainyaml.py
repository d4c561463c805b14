"""A reader for the plain YAML nearly every front matter and data file is written in, several times
faster than composing libyaml's nodes and building from them; anything else is left to libyaml.

It reads only what it recognises line by line: a block mapping at the left margin, whose keys are
plain names (`lead-unit:`), with values that are one-line plain scalars, `"quoted"` text without
escapes, one-line flow lists of plain scalars (`[a, b]`), nested block mappings, and block lists
(`- value`, `- key: value`); blank and comment lines between them. For any other text — a tab, a
quote inside a value, an anchor, a tag, a block scalar, a multi-line value, a line it cannot place,
a character YAML refuses — `read` returns None, and the caller reads it with libyaml. What it
returns is what the libyaml path returns for the same text: the data, the line of every key and
list item, duplicate keys, and whether every number is finite (tests/text compare the two).

Scalars are typed by the caller's `scalar` (SafeLoader's implicit rules, the same function the
libyaml path uses), so `640` is 640, `true` True, `2006-06-19` text, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from sys import intern

KeyPath = tuple[str | int, ...]
Lines = dict[KeyPath, int]
Duplicate = tuple[int, int, str]  # (line, column, key), both 1-based

# Any of these anywhere sends the text to libyaml: characters YAML does not accept or reads as a
# line break (control characters, NEL, U+2028/9, BOM, surrogates, U+FFFE/F) and tabs.
_UNREAD = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# These anywhere but in a comment line: the indicators of what this reader does not read (quotes
# other than whole "values", anchors, aliases, tags, block scalars, flow mappings, directives, escapes).
_INDICATED = re.compile(r"['&*!|>{}%@`\\]")
# One line: its indent, a list item's `- ` (or a bare `-`), a plain name and its colon, and the rest
# without trailing spaces. Every line matches (each group may be empty): one match per line.
_LINE = re.compile(r"^( *)(-(?: +|$))?(?:([A-Za-z_][A-Za-z0-9_-]*):(?: +|$))?(.*?) *$", re.MULTILINE)
# First characters of a plain scalar that would not be read as one (YAML's indicators).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_ITEM_STOP = re.compile(r"[\[\]{}#:\"',]")  # in a flow list's plain item: read by libyaml
_MAX_DEPTH = 16  # deeper nesting is left to libyaml (which applies the limit)


class NotPlain(Exception):  # noqa: N818 - not an error: the text is for libyaml
    """The text holds something this reader does not read (`scalar` may raise it too: a value
    whose type the libyaml path refuses)."""


Scalar = Callable[[str], object]
# A line that is not blank or a comment: (its number, indent, `- ` or "", key or "", the rest).
Entry = tuple[int, int, str, str, str]


def read(
    text: str, first_line: int, scalar: Scalar, typed_first: Container[str]
) -> tuple[object, Lines, list[Duplicate]] | None:
    """(data, line of each key path with () the root's, duplicate keys) of a text whose root is a
    block mapping this reader reads, line numbers counted from `first_line`; None for any other.
    `scalar` types a plain scalar whose first character is in `typed_first` (others are text)."""
    if _UNREAD.search(text):
        return None
    for match in _INDICATED.finditer(text):
        at = match.start()
        if text[text.rfind("\n", 0, at) + 1 : at].lstrip(" ")[:1] != "#":
            return None
    found = _LINE.findall(text)
    if len(found) != text.count("\n") + 1:  # (cannot happen: every line matches once)
        return None
    entries: list[Entry] = [
        (number, len(indent), dash, key, rest)
        for number, (indent, dash, key, rest) in enumerate(found, first_line)
        if dash or key or (rest and rest[0] != "#")
    ]
    if not entries or entries[0][1] != 0 or entries[0][2]:
        return None
    reader = _Reader(entries, scalar, typed_first)
    lines: Lines = {(): entries[0][0]}
    try:
        data, end = reader.mapping(0, 0, (), lines, False)
    except NotPlain:
        return None
    if end != len(entries):
        return None
    return data, lines, reader.duplicates


class _Reader:
    __slots__ = ("duplicates", "entries", "scalar", "typed_first")

    def __init__(self, entries: list[Entry], scalar: Scalar, typed_first: Container[str]) -> None:
        self.entries, self.scalar, self.typed_first = entries, scalar, typed_first
        self.duplicates: list[Duplicate] = []

    def mapping(
        self, start: int, indent: int, path: KeyPath, lines: Lines, item: bool
    ) -> tuple[dict[str, object], int]:
        """The block mapping whose keys stand at `indent`, from entry `start`; `item`: its first
        key follows a list item's `- ` on entry `start`."""
        if len(path) >= _MAX_DEPTH:
            raise NotPlain
        entries, count = self.entries, len(self.entries)
        result: dict[str, object] = {}
        index = start
        while index < count:
            line, at, dash, key, rest = entries[index]
            if item:
                item = False
            elif at != indent:
                if at > indent:
                    raise NotPlain
                break
            elif dash:
                break  # a list at the key's own indent ends the mapping (its owner's list, or an error)
            if not key:
                raise NotPlain
            key = intern(key)  # one object per name: smaller and faster to pickle, faster to look up
            if key in result:
                self.duplicates.append((line, indent + 1, key))
            key_path = path + (key,)  # noqa: RUF005 - concatenation: faster than unpacking
            lines[key_path] = line
            index += 1
            if rest:
                head = rest[0]
                if head in _INDICATORS or head in self.typed_first or ": " in rest or " #" in rest or rest[-1] == ":":
                    result[key] = self.value(rest, key_path, line, lines)
                else:  # plain text (what nearly every value is)
                    result[key] = rest
                if index < count and entries[index][1] > indent:
                    raise NotPlain  # a continuation line, or a misplaced one
                continue
            if index < count:
                below, is_list = entries[index][1], entries[index][2]
                if below > indent or (below == indent and is_list):
                    if is_list:
                        result[key], index = self.sequence(index, below, key_path, lines)
                    else:
                        result[key], index = self.mapping(index, below, key_path, lines, False)
                    continue
            result[key] = self.scalar("")
        return result, index

    def sequence(self, start: int, indent: int, path: KeyPath, lines: Lines) -> tuple[list[object], int]:
        """The block list whose `- ` stand at `indent`, from entry `start`."""
        if len(path) >= _MAX_DEPTH:
            raise NotPlain
        entries, count = self.entries, len(self.entries)
        result: list[object] = []
        index = start
        while index < count:
            line, at, dash, key, rest = entries[index]
            if at != indent:
                if at > indent:
                    raise NotPlain
                break
            if not dash:
                break  # the owner mapping's next key (at the same indent) or an error: the owner decides
            item_path = path + (len(result),)  # noqa: RUF005
            lines.setdefault(item_path, line)
            if key:  # a mapping: its first key after the `- `, the others below that key
                item, index = self.mapping(index, indent + len(dash), item_path, lines, True)
                result.append(item)
                continue
            if not rest:
                raise NotPlain  # `-` alone: the value is on the lines below
            result.append(self.value(rest, item_path, line, lines))
            index += 1
            if index < count and entries[index][1] > indent:
                raise NotPlain
        return result, index

    def value(self, text: str, path: KeyPath, line: int, lines: Lines) -> object:
        """A one-line value on `line`: flow list, "text" or plain scalar."""
        head = text[0]
        if head == "[":
            return self.flow(text, path, line, lines)
        if head == '"':
            if len(text) < 2 or text[-1] != '"' or '"' in text[1:-1]:
                raise NotPlain
            return text[1:-1]
        if head in _INDICATORS or ": " in text or " #" in text or text[-1] == ":":
            raise NotPlain
        return self.scalar(text) if head in self.typed_first else text

    def flow(self, text: str, path: KeyPath, line: int, lines: Lines) -> list[object]:
        if len(path) >= _MAX_DEPTH or text[-1] != "]":
            raise NotPlain
        inner = text[1:-1]
        if not inner.strip(" "):
            return []
        items: list[object] = []
        for part in inner.split(","):
            item = part.strip(" ")
            if not item or item[0] in _INDICATORS or _FLOW_ITEM_STOP.search(item):
                raise NotPlain
            lines.setdefault(path + (len(items),), line)  # noqa: RUF005
            items.append(self.scalar(item) if item[0] in self.typed_first else item)
        return items
