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
from zhengxie.tools.importer.read import ImportFailed
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


def free_id(root: Path, folder: str, stem: str, taken: set[str]) -> str:
    """The stem, or stem-2, stem-3 … when a document of that name exists (never overwrite)."""
    candidate, n = stem, 1
    while (
        candidate in taken
        or (root / DOCS / folder / f"{candidate}.md").exists()
        or (root / DATA / folder / f"{candidate}.yml").exists()
    ):
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def draft_paths(root: Path, folder: str, doc_id: str) -> scaffold.DocumentPaths:
    """The draft's two files (scaffold.document_paths); ImportFailed when they would not be slugs
    inside docs/ and data/."""
    try:
        return scaffold.document_paths(root, folder, doc_id)
    except scaffold.ScaffoldError as error:
        raise ImportFailed(str(error)) from error


def write_draft(root: Path, vocab: Vocabulary, found: Recognised, body: str, doc_id: str) -> Written:
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
    _write(root, md_path, text)
    written.paths.append(md_path)
    if data is not None:
        _write(root, data_path, data)
        written.paths.append(data_path)
    return written


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


__all__ = ["MARK", "UNDATED", "Written", "draft_paths", "free_id", "write_draft", "year_of"]
