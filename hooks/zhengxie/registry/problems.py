"""Coded problems: every finding carries a stable code, severity, place, Chinese text and a fix hint.

The catalogue (code → severity, title, message and hint templates) lives in data/problems.yml so the
contributor guide can list every code from the same source the checks use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SEVERITIES = ("error", "warning")

# Characters that would let content steer a terminal or a CI log: control characters (a newline
# could start a `::warning` workflow command, ESC an ANSI sequence), line/paragraph separators,
# bidi overrides, and the lone surrogates that stand for undecodable bytes in file names.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` on one line, every control sequence shown as an escape (\\n, \\x1b, \\u202e …)."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: _NAMED.get(m[0]) or (f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100
                                                           else f"\\u{ord(m[0]):04x}"), text)


@dataclass(frozen=True)
class Problem:
    code: str
    severity: str
    file: str
    line: int | None
    message: str
    hint: str
    column: int | None = None

    def __post_init__(self):
        # Whatever a problem quotes from content, every output (text, GitHub annotations, JSON,
        # the build log) shows it on its own line, as plain characters.
        for name in ("file", "message", "hint"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, printable(value))

    @property
    def place(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def format(self) -> str:
        label = "错误" if self.severity == "error" else "警告"
        return f"{self.place}: {label} {self.code} {self.message}\n    修改建议：{self.hint}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        }

    def sort_key(self):
        return (self.file, self.line or 0, self.column or 0, self.code)

    def as_record(self) -> tuple:
        """Its fields in order, as the caches store it (plain data): Problem(*record) makes it again."""
        return (self.code, self.severity, self.file, self.line, self.message, self.hint, self.column)


@dataclass(frozen=True)
class CodeInfo:
    code: str
    severity: str
    title: str
    message: str
    hint: str
    wrong: str = ""
    right: str = ""
    waivable: bool = False  # a document may waive it with a reason (the original departs from the norm)


class _SafeDict(dict):
    """Leaves unknown {placeholders} visible instead of raising: a catalogue typo must not crash a build."""

    def __missing__(self, key):
        return "{" + key + "}"


def load_catalogue(path: Path) -> dict[str, CodeInfo]:
    if Path(path).is_symlink():  # never follow a link out of the repository (its text would reach the log)
        raise ValueError(f"{path.name} 是符号链接，不读取")
    # libyaml when PyYAML has it: the catalogue is read on every run, the incremental check's too
    entries = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    catalogue = {}
    for entry in entries:
        info = CodeInfo(
            code=entry["code"],
            severity=entry["severity"],
            title=entry["title"],
            message=entry["message"],
            hint=entry["hint"],
            wrong=entry.get("wrong", ""),
            right=entry.get("right", ""),
            waivable=entry.get("waivable") is True,
        )
        catalogue[info.code] = info
    return catalogue


@dataclass
class Reporter:
    """Collects problems; `add` fills the catalogue's templates with the finding's parameters."""

    catalogue: dict[str, CodeInfo]
    problems: list[Problem] = field(default_factory=list)

    def add(self, code: str, file: str, line: int | None = None, column: int | None = None, **params) -> Problem:
        info = self.catalogue[code]
        values = _SafeDict({k: _show(v) for k, v in params.items()})
        problem = Problem(
            code=code,
            severity=info.severity,
            file=file,
            line=line,
            column=column,
            message=info.message.format_map(values),
            hint=info.hint.format_map(values),
        )
        self.problems.append(problem)
        return problem

    def add_once(self, code: str, file: str, line: int | None = None, **params) -> Problem | None:
        """`add`, unless this code was already reported for this file (e.g. a symlink met twice)."""
        if any(p.code == code and p.file == file for p in self.problems):
            return None
        return self.add(code, file, line, **params)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _show(value) -> str:
    if isinstance(value, (list, tuple, set)):
        return "、".join(str(v) for v in value)
    return str(value)
