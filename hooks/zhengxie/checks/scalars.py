"""String values inside parsed YAML (front matter and data files), with their key paths."""

from __future__ import annotations

import math
import re
from typing import Protocol

from zhengxie.model.corpus import KeyPath
from zhengxie.text.reading import YamlDoc

SEPARATOR = "\x00"


class Prefilter(Protocol):
    """A cheap test that every match of a pattern also passes: a compiled pattern, or content.AnyOf.
    `search` answers like re's: None when the text cannot hold a match."""

    def search(self, text: str, /) -> object: ...


def strings(data: object, path: KeyPath = ()) -> list[tuple[KeyPath, str]]:
    """(path, text) of every string value (and string key) in `data`, in document order."""
    found: list[tuple[KeyPath, str]] = []
    _collect(data, path, found)
    return found


def _collect(data: object, path: KeyPath, found: list[tuple[KeyPath, str]]) -> None:
    if isinstance(data, str):
        found.append((path, data))
    elif isinstance(data, dict):
        for key, value in data.items():
            key_path = (*path, key)
            if isinstance(key, str):
                found.append((key_path, key))
            _collect(value, key_path, found)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _collect(value, (*path, index), found)


def search(
    pattern: re.Pattern[str], ydoc: YamlDoc | None, data: object = None, prefilter: Prefilter | None = None
) -> list[tuple[KeyPath, re.Match[str]]]:
    """Every (path, match) of `pattern` in the string values of a parsed YAML file.

    The file's source text is searched first (one C-speed pass, with `prefilter` — a cheaper pattern
    that every match of `pattern` also matches — when given); only when it matches somewhere —
    a comment, a key or a value — are the values walked to find which one, and where.
    """
    if ydoc is None:
        return []
    if data is None:
        data = ydoc.data
    if data is None or (ydoc.text and (prefilter or pattern).search(ydoc.text) is None):
        return []
    return [(path, match) for path, text in strings(data) for match in pattern.finditer(text)]


def non_finite(data: object, path: KeyPath = ()) -> list[tuple[KeyPath, float]]:
    """(path, value) of every number that is no number a document can print: YAML's .nan, .inf, -.inf
    (a JSON Schema's `number` and `minimum` let them through: NaN compares false with everything)."""
    found: list[tuple[KeyPath, float]] = []
    if not _any_non_finite(data):  # the common case, without building a key path per value
        return found
    stack: list[tuple[KeyPath, object]] = [(path, data)]
    while stack:
        at, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            found.append((at, value))
        elif isinstance(value, dict):
            stack.extend(((*at, key), item) for key, item in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend(((*at, index), item) for index, item in reversed(list(enumerate(value))))
    return found


def _any_non_finite(data: object) -> bool:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, float):
            if not math.isfinite(value):
                return True
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False
