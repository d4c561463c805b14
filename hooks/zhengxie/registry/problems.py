"""Coded problems: every finding carries a stable code, severity, place, Chinese text and a fix hint.

The catalogue (code → severity, title, message and hint templates) lives in data/problems.yml so the
contributor guide can list every code from the same source the checks use.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeGuard

from zhengxie.text.reading import UNREAD, ReadIssue, YamlDoc, parse_yaml, read_source

Severity = Literal["error", "warning"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning")
CATALOGUE = "data/problems.yml"
CODE = re.compile(r"^ZX[0-9]{3}$")
_TEXTS = ("title", "message", "hint")

# Characters that would let content steer a terminal or a CI log: control characters (a newline
# could start a `::warning` workflow command, ESC an ANSI sequence), line/paragraph separators,
# bidi overrides, and the lone surrogates that stand for undecodable bytes in file names.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` on one line, every control sequence shown as an escape (\\n, \\x1b, \\u202e …)."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(
        lambda m: _NAMED.get(m[0]) or (f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}"), text
    )


@dataclass(frozen=True)
class Problem:
    code: str
    severity: Severity
    file: str
    line: int | None
    message: str
    hint: str
    column: int | None = None
    # What exactly the finding is about, as a waiver names it (data/problems.yml `scope`: 附则, 写明11项
    # 列出4项 …); "" for codes that cannot be waived. Not part of the record: caches keep what is reported.
    scope: str = field(default="", compare=False)

    def __post_init__(self) -> None:
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

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        }

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.code)

    def as_record(self) -> tuple[str, Severity, str, int | None, str, str, int | None]:
        """Its fields in order, as the store keeps it (plain data): `from_record` makes it again."""
        return (self.code, self.severity, self.file, self.line, self.message, self.hint, self.column)

    @classmethod
    def from_record(cls, record: object) -> Problem | None:
        """The problem `as_record` wrote, read back from plain data (JSON gives a list), each field
        checked; None for anything else."""
        if not (isinstance(record, (list, tuple)) and len(record) == 7):
            return None
        code, severity, file, line, message, hint, column = record
        if not all(isinstance(text, str) for text in (code, file, message, hint)):
            return None
        if not _is_severity(severity) or not CODE.match(code) or not (_position(line) and _position(column)):
            return None
        return cls(code, severity, file, line, message, hint, column)


@dataclass(frozen=True)
class CodeInfo:
    code: str
    severity: Severity
    title: str
    message: str
    hint: str
    wrong: str = ""
    right: str = ""
    waivable: bool = False  # a document may waive it with a reason (the original departs from the norm)
    scope: str = ""  # template: what a waiver of it names (its section, count …), from the finding's parameters


class _SafeDict(dict[str, str]):
    """Leaves unknown {placeholders} visible instead of raising: a catalogue typo must not crash a build."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class CatalogueError(Exception):
    """data/problems.yml cannot be used: missing, unreadable, not YAML, or an entry the checks
    cannot report with. The message is Chinese and names the file and the line."""

    def __init__(self, file: str, line: int | None, reason: str) -> None:
        self.file, self.line, self.reason = file, line, printable(reason)
        place = f"{file} 第 {line} 行" if line is not None else file
        super().__init__(f"{place}：{self.reason}")


def load_catalogue(path: Path) -> dict[str, CodeInfo]:
    """code → CodeInfo from data/problems.yml; CatalogueError when any of it cannot be used."""
    path = Path(path)
    name = f"{path.parent.name}/{path.name}" if path.parent.name else path.name
    return _catalogue(_read_catalogue(path, name), name)


def _read_catalogue(path: Path, name: str) -> YamlDoc:
    if path.is_symlink():  # never follow a link out of the repository (its text would reach the log)
        raise CatalogueError(name, None, "是符号链接，不读取：请换成仓库中的普通文件")
    if not path.is_file():
        raise CatalogueError(name, None, "文件不存在：检查和构建都要用这份问题代码目录（可用 git checkout 恢复）")
    text, issue = read_source(path)
    if text is None or issue is not None:
        line = issue.line if issue is not None else None
        raise CatalogueError(name, line, f"文件无法读取（{_read_reason(issue)}）")
    doc = parse_yaml(text)
    for found in doc.issues:
        if found.kind in UNREAD or found.kind == "duplicate-key":
            raise CatalogueError(
                name, found.line, f"YAML 无法解析：{_YAML_ISSUES.get(found.kind, found.kind)}（{found.detail}）"
            )
    if not isinstance(doc.data, list):
        raise CatalogueError(name, doc.line_of((), 1), "内容应是问题代码的列表，每一项以“- code: ZX…”开头")
    return doc


_YAML_ISSUES = {
    "syntax": "语法错误",
    "duplicate-key": "字段重复",
    "depth": "嵌套过深",
    "aliases": "*别名过多",
    "expansion": "*别名展开后过大",
    "tag": "不允许的类型标记",
}


def _read_reason(issue: ReadIssue | None) -> str:
    if issue is None:
        return "原因不明"
    if "reason" in issue.params:
        return str(issue.params["reason"])
    if "limit" in issue.params:
        return f"超过读取上限 {issue.params['limit']}（{issue.code}）"
    return issue.code


def _catalogue(doc: YamlDoc, name: str) -> dict[str, CodeInfo]:
    catalogue: dict[str, CodeInfo] = {}
    entries = doc.data if isinstance(doc.data, list) else []
    for index, entry in enumerate(entries):
        line = doc.line_of((index,))
        info = _code_info(entry, name, line)
        if info.code in catalogue:
            raise CatalogueError(name, line, f"问题代码 {info.code} 出现了两次")
        catalogue[info.code] = info
    return catalogue


def _code_info(entry: object, name: str, line: int | None) -> CodeInfo:
    if not isinstance(entry, dict):
        raise CatalogueError(name, line, "每一项应是“code、severity、title、message、hint”等字段组成的映射")
    code = entry.get("code")
    if not isinstance(code, str) or not CODE.match(code):
        raise CatalogueError(name, line, f"code 应是 ZX 加三位数字，这里是“{code}”")
    severity = entry.get("severity")
    if not _is_severity(severity):
        raise CatalogueError(name, line, f"{code} 的 severity 应是 error 或 warning")
    texts: dict[str, str] = {}
    for key in _TEXTS:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise CatalogueError(name, line, f"{code} 缺少 {key}，或 {key} 不是文字")
        if key != "title":
            _check_template(value, code, key, name, line)
        texts[key] = value
    scope = _text(entry.get("scope"))
    if scope:
        _check_template(scope, code, "scope", name, line)
    return CodeInfo(
        code=code,
        severity=severity,
        title=texts["title"],
        message=texts["message"],
        hint=texts["hint"],
        wrong=_text(entry.get("wrong")),
        right=_text(entry.get("right")),
        waivable=entry.get("waivable") is True,
        scope=scope,
    )


def _is_severity(value: object) -> TypeGuard[Severity]:
    return value in SEVERITIES


def _check_template(template: str, code: str, key: str, name: str, line: int | None) -> None:
    """A template fills {name} fields only ({{ and }} are braces): anything else would fail when a
    problem is reported, in the middle of a check or a build."""
    try:
        fields = [
            (f, spec, conversion) for _, f, spec, conversion in string.Formatter().parse(template) if f is not None
        ]
    except ValueError as error:
        raise CatalogueError(
            name, line, f"{code} 的 {key} 中的花括号不成对（{error}）；要写花括号本身时写 {{{{ 或 }}}}"
        ) from error
    for field_name, spec, conversion in fields:
        if not field_name.isidentifier() or spec or conversion:
            raise CatalogueError(
                name,
                line,
                f"{code} 的 {key} 中“{{{field_name}}}”不是可填写的名称；只能写 {{名称}}，花括号本身写 {{{{ 或 }}}}",
            )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


@dataclass
class Reporter:
    """Collects problems; `add` fills the catalogue's templates with the finding's parameters."""

    catalogue: dict[str, CodeInfo]
    problems: list[Problem] = field(default_factory=list)

    def add(
        self, code: str, file: str, line: int | None = None, column: int | None = None, **params: object
    ) -> Problem:
        info = self.catalogue.get(code)
        if info is None:
            raise CatalogueError(
                CATALOGUE,
                None,
                f"没有问题代码 {code}：检查要报告这个问题，目录中必须有它（被删除的条目可用 git checkout 恢复）",
            )
        values = _SafeDict({k: _show(v) for k, v in params.items()})
        problem = Problem(
            code=code,
            severity=info.severity,
            file=file,
            line=line,
            column=column,
            message=info.message.format_map(values),
            hint=info.hint.format_map(values),
            scope=info.scope.format_map(values) if info.scope else "",
        )
        self.problems.append(problem)
        return problem

    def add_once(self, code: str, file: str, line: int | None = None, **params: object) -> Problem | None:
        """`add`, unless this code was already reported for this file (e.g. a symlink met twice)."""
        if any(p.code == code and p.file == file for p in self.problems):
            return None
        return self.add(code, file, line, None, **params)  # (no column)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _show(value: object) -> str:
    if isinstance(value, (list, tuple, set)):
        return "、".join(str(v) for v in value)
    return str(value)


def _position(value: object) -> TypeGuard[int | None]:
    """A line or column as a record holds it: a count from 1, or None."""
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)
