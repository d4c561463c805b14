"""Writing a recognised document as a draft: docs/<folder>/<id>.md and, when it has items or
figures, data/<folder>/<id>.yml — with `make new`'s writers (zhengxie.scaffold), never over an
existing file and never outside docs/ and data/ (draft_paths).

Front matter: what the original states is filled in; what it does not show is left as a commented
line (scaffold's convention), so the check reports it (ZX215, whose hint offers 原文未载). Plan items
keep what their row or line says; a form's required time or role that a table leaves empty is
原文未载 (the original states none), one a line does not mention is left out for the check to
report (ZX402 / ZX407) with a 待核 comment beside the item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from zhengxie.model.corpus import Form, Kind, Vocabulary
from zhengxie.sources.loader import DATA, DOCS
from zhengxie.text.values import NOT_STATED_TEXT
from zhengxie.tools import scaffold
from zhengxie.tools.importer.blocks import ImportFailed
from zhengxie.tools.importer.recognise import MARK, Recognised, Todo

UNDATED = "undated"
YEAR = re.compile(r"[0-9]{4}")
DATELINE_YEAR = re.compile(
    r"^([0-9]{4})年"
)  # a file-name year the original does not give: the check reports it (ZX212)


@dataclass
class Written:
    doc_id: str
    paths: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # UPDATE: what the rewrite changed, per file


def year_of(found: Recognised) -> str | None:
    """The document's year (four digits) from its period, its date, its adoption or its dateline."""
    period = str(found.fields.get("period") or "")
    if period[:4].isdigit():
        return period.split("-")[-1] if "-" in period and not period.endswith(("H1", "H2")) else period[:4]
    adopted = found.fields.get("adopted")
    dates = (found.fields.get("date"), adopted.get("date") if isinstance(adopted, dict) else None)
    for date in dates:
        if isinstance(date, str) and YEAR.fullmatch(date[:4]):
            return date[:4]
    dated = DATELINE_YEAR.match(str(found.fields.get("dateline", "")))  # a report's 2020年1月10日在…上
    return dated.group(1) if dated else None


def free_id(stem: str, taken: set[str]) -> str:
    """The stem, or stem-2, stem-3 … for the second, third … part of one original with the same
    name (a collection's two half-year summaries of one body)."""
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def existing(root: Path, folder: str, doc_id: str) -> list[str]:
    """The document's files that exist already (docs/ and data/), as paths from the root."""
    rels = [f"{DOCS}/{folder}/{doc_id}.md", f"{DATA}/{folder}/{doc_id}.yml"]
    return [rel for rel in rels if (root / rel).exists() or (root / rel).is_symlink()]


def refuse_reimport(source: str, found: list[str]) -> ImportFailed:
    return ImportFailed(
        f"已有同名文档 {'、'.join(found)}：多半是同一原件上次导入的结果，导入不会另存一份副本。"
        f"要用这次导入的结果改写这份草稿，加 UPDATE=1 重新运行（make import FILE={source} UPDATE=1），"
        "改写后会列出改了哪些行；草稿已经人工核对过的，改写会覆盖核对的结果，请先提交。"
        "若这是另一份文档，请先把已有的文件改名（正文和数据文件一起改）再导入"
    )


def draft_paths(root: Path, folder: str, doc_id: str) -> scaffold.DocumentPaths:
    """The draft's two files (scaffold.document_paths); ImportFailed when they would not be slugs
    inside docs/ and data/."""
    try:
        return scaffold.document_paths(root, folder, doc_id)
    except scaffold.ScaffoldError as error:
        raise ImportFailed(str(error)) from error


def write_draft(
    root: Path, vocab: Vocabulary, found: Recognised, body: str, doc_id: str, update: bool = False
) -> Written:
    """The draft's files; with `update`, an existing draft of the same name rewritten in place and
    what changed listed (Written.changes)."""
    kind = _kind(vocab, found)
    known = _known(vocab, kind, found, body)
    data = _data_file(vocab, kind, found)
    blocks = list(found.blocks)
    macro = scaffold.MACROS.get(kind.data or "")
    if data is not None and macro and macro not in blocks:
        blocks.append(macro)
    for todo in found.todos:  # what has no place of its own: a marker at the end, reported as ZX130
        if not todo.code:
            todo.code = "ZX130"
            blocks.append(MARK.format(todo.what))
    if "topics" in vocab.fields and vocab.fields["topics"].applies_to(kind.id):  # scaffold offers topics: []
        found.todos.append(
            Todo(
                "ZX205",
                "专题（topics）要由人按内容选择 data/topics.yml 中的编号；不分专题时删去 topics 这一行",
                field="topics",
            )
        )
    front = scaffold.front_matter(vocab, kind, found.type_, known, "", [])
    text = front + "\n" + "\n\n".join(blocks) + "\n"
    written = Written(doc_id)
    md_path, data_path = draft_paths(root, kind.folder, doc_id)
    for rel, content in ((md_path, text), (data_path, data)):
        if content is None:
            if update and (root / rel).exists():
                written.changes.append(f"{rel}：这次没有读出协商项目或数字，原有的数据文件没有改动")
            continue
        if update and (root / rel).exists():
            written.changes += _replace(root, rel, content)
        else:
            _write(root, rel, content)
        written.paths.append(rel)
    return written


CHANGED_LINES = 12  # changed lines shown per file; the rest counted


def _replace(root: Path, rel: str, text: str) -> list[str]:
    """Rewrite a draft in place (never through a link, never outside docs/ and data/); a summary
    of the change: lines added and removed, the first few of them."""
    import difflib

    try:
        path = scaffold.inside(root, rel)
    except scaffold.ScaffoldError as error:
        raise ImportFailed(str(error)) from error
    if path.is_symlink() or not path.is_file():
        raise ImportFailed(f"{rel} 不是普通文件，不会改写：请先把它删掉或改名")
    old = path.read_text(encoding="utf-8", errors="replace")
    if old == text:
        return [f"{rel}：与上次导入的结果相同，没有改动"]
    path.write_text(text, encoding="utf-8", newline="\n")
    diff = [
        line
        for line in difflib.unified_diff(old.splitlines(), text.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    added = sum(1 for line in diff if line.startswith("+"))
    out = [f"{rel}：已改写，增 {added} 行，删 {len(diff) - added} 行"]
    out += [f"    {line[0]} {line[1:][:80]}" for line in diff[:CHANGED_LINES]]
    if len(diff) > CHANGED_LINES:
        out.append(f"    ……另有 {len(diff) - CHANGED_LINES} 行改动，请用 git diff 查看")
    return out


def _kind(vocab: Vocabulary, found: Recognised) -> Kind:
    """The recognised kind: a draft is written only for a part whose kind is known."""
    kind = vocab.kinds.get(found.kind or "")
    if kind is None:
        raise ImportFailed("看不出是哪一种文档（标题中没有登记的类型名）：请用 KIND=…（可加 TYPE=…）指定")
    return kind


def _known(vocab: Vocabulary, kind: Kind, found: Recognised, body: str) -> dict[str, Any]:
    """The front-matter values the draft fills in; a todo for each one its kind lacks and each
    required one the original did not show."""
    known: dict[str, Any] = {"kind": kind.id, "type": found.type_, "body": body, "year": year_of(found)}
    for key, value in found.fields.items():
        spec = vocab.fields.get(key)
        if spec is None:
            continue
        if not spec.applies_to(kind.id):
            found.todos.append(
                Todo(
                    "",
                    f"原件写了{spec.label}“{_show(value)}”，但“{kind.name}”没有这个字段：请决定写在正文还是删去",
                    field=key,
                )
            )
            continue
        known[key] = value
    for spec in vocab.fields.values():
        if spec.applies_to(kind.id) and spec.required_for(kind.id, found.type_) and spec.id not in known:
            allowed = f"；原件确实没有写明时写 {spec.id}: {NOT_STATED_TEXT}" if spec.not_stated else ""
            found.todos.append(
                Todo("ZX215", f"没有识别出{spec.label}（{spec.id}）：照原件填写{allowed}", field=spec.id)
            )
    return known


def _write(root: Path, rel: str, text: str) -> None:
    try:
        scaffold.write_new(root, rel, text)
    except scaffold.ScaffoldError as error:
        raise ImportFailed(str(error)) from error


def _show(value: object) -> str:
    return (
        str(value.get("caption", ""))
        if isinstance(value, dict)
        else "、".join(value)
        if isinstance(value, list)
        else str(value)
    )


def _data_file(vocab: Vocabulary, kind: Kind, found: Recognised) -> str | None:
    model = kind.data
    if model == "plan-items" and found.items:
        return _plan_data(vocab, found)
    if model == "summary-figures" and found.figures:
        from zhengxie.tools.importer.figures import data_of

        head = "# yaml-language-server: $schema=../schemas/summary-data.schema.json\n# 由 make import 从原件读出：请逐个对照原件核对。\n"
        return head + str(yaml.safe_dump(data_of(found.figures), allow_unicode=True, sort_keys=False, width=10_000))
    return None


def _plan_data(vocab: Vocabulary, found: Recognised) -> str:
    out = [
        "# yaml-language-server: $schema=../schemas/plan-data.schema.json",
        "# 由 make import 从原件读出：请逐项对照原件核对；“待核”注释是原件写了而没能放进字段的内容。",
    ]
    if found.stated_count:
        count = found.stated_count
        out.append(f"stated_count: {int(count) if count.isdigit() else count}")
    out.append("items:")
    for number, item in enumerate(found.items, 1):
        entry: dict[str, Any] = {"id": f"p{number:02d}", "title": item.title}
        form: Form | None = vocab.forms.get(item.form) if item.form else None
        requires = form.requires if form else ()
        form_name = form.name if form else ""
        if form:
            entry["form"] = form.id
        else:
            found.todos.append(
                Todo("ZX406", f"第{number}项“{item.title}”：没有识别出协商形式，请照原件填写 form", field=entry["id"])
            )
        if item.time == "empty":
            if "time" in requires:
                entry["time"] = NOT_STATED_TEXT
        elif item.time:
            entry["time"] = item.time
        elif "time" in requires:
            found.todos.append(
                Todo(
                    "ZX402",
                    f"第{number}项“{item.title}”：{form_name}要写时间，原件这一项没有写出可识别的时间："
                    f"照原件填写，原件确实没有写明时写 time: {NOT_STATED_TEXT}",
                    field=entry["id"],
                )
            )
        roles: dict[str, Any] = {}
        for role, value in item.roles.items():
            if value == "empty":
                if role in requires:
                    roles[role] = NOT_STATED_TEXT
            else:
                roles[role] = value
        for role in requires:
            if role != "time" and role not in roles and role not in item.roles:
                label = vocab.roles[role].name if role in vocab.roles else role
                found.todos.append(
                    Todo(
                        "ZX407",
                        f"第{number}项“{item.title}”：{form_name}要写{label}，原件这一项没有写：照原件填写，"
                        f"原件确实没有写明时写 {role}: {NOT_STATED_TEXT}",
                        field=entry["id"],
                    )
                )
        if roles:
            entry["roles"] = roles
        if item.points:
            entry["points"] = item.points
        for note in item.notes:
            out.append(f"  # 待核：{note}")
            found.todos.append(Todo("", f"第{number}项“{item.title}”：{note}", field=entry["id"]))
        dumped = str(yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=10_000))
        out += ["  " + line for line in dumped.rstrip("\n").split("\n")]
    return "\n".join(out) + "\n"


__all__ = [
    "MARK",
    "UNDATED",
    "Written",
    "draft_paths",
    "existing",
    "free_id",
    "refuse_reimport",
    "write_draft",
    "year_of",
]
