"""`make import FILE=…`: an office's Word or text file as draft documents in the registry model.

read      the original as paragraphs and tables (.docx, .txt, .md; UTF-8 or GB18030), bounded
word      a Word file as Word shows it: numbering drawn, revisions accepted, notes, boxes, controls kept
numbering Word's automatic numbering (numbering.xml) drawn as text: 第一条, 一、, （一）, 1.
split     a collection (篇一 … 篇七) into its documents
lines     what one line is: heading, article, 文号, 题注, reporter, dateline, signature, residue
recognise one document: front-matter values, Markdown body, items, figures, what a person must do
items     plan items from tables and numbered lines (forms, times, roles from the registry)
figures   summary figures from sentences
draft     the draft files, written with `make new`'s writers, never over an existing file
report    the Chinese report

Nothing here imports MkDocs. Nothing is guessed: what the original does not show is left for the
editor, as a commented field or a 【待核：…】 marker that the check reports (ZX130).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zhengxie.model.corpus import Vocabulary
from zhengxie.sources.loader import DATA, load_vocabulary
from zhengxie.tools.importer.blocks import Block, ImportFailed
from zhengxie.tools.importer.draft import (
    UNDATED,
    draft_paths,
    existing,
    free_id,
    refuse_reimport,
    write_draft,
    year_of,
)
from zhengxie.tools.importer.items import Columns, load_columns
from zhengxie.tools.importer.read import read_original
from zhengxie.tools.importer.recognise import (
    Recognised,
    Todo,
    body_aliases,
    body_entry,
    body_of,
    kind_and_type,
    period_of,
    recognise,
)
from zhengxie.tools.importer.split import split_parts
from zhengxie.tools.importer.word import WordText

BODIES_FILE = f"{DATA}/bodies.yml"


@dataclass
class Part:
    number: int | None  # 篇N, or None for a file of one document
    found: Recognised
    doc_id: str = ""
    body: str = ""
    paths: list[str] = field(default_factory=list)
    error: str = ""  # why no draft was written
    updating: bool = False  # UPDATE=1 and the draft exists: rewritten in place
    changes: list[str] = field(default_factory=list)  # what the rewrite changed


@dataclass
class Imported:
    source: str
    encoding: str
    parts: list[Part] = field(default_factory=list)
    preface: int = 0  # blocks before the first 篇 that belong to no document
    word: WordText | None = None  # a Word original: revisions resolved, comments left out …

    @property
    def todos(self) -> list[Todo]:
        return [todo for part in self.parts for todo in part.found.todos]


def _choice(value: str | None, index: int) -> str | None:
    """KIND=rule or KIND=rule,summary,plan: one value for every part, or one per part in order."""
    if not value:
        return None
    values = [v.strip() for v in value.split(",")]
    return values[index] if len(values) > 1 and index < len(values) else (values[0] if len(values) == 1 else None)


def import_file(
    root: Path,
    path: Path,
    kind: str | None = None,
    type_: str | None = None,
    body: str | None = None,
    write: bool = True,
    update: bool = False,
) -> Imported:
    """Every part's draft is placed (its id, both files checked to lie inside docs/ and data/)
    before any is written: a part that cannot be placed leaves nothing half-imported. A draft of
    the same name that exists already is refused (ImportFailed, naming it) unless `update`, which
    rewrites it in place and lists what changed — never a silent second copy."""
    root = Path(root)
    vocab = load_vocabulary(root).vocab
    _check_choices(vocab, kind, body)
    original = read_original(path)
    parts, preface = split_parts(original.blocks)
    result = Imported(str(path), original.encoding, preface=len(preface), word=original.word)
    taken: set[str] = set()
    columns = load_columns(root, vocab)
    for index, (number, blocks) in enumerate(parts):
        part = _recognised_part(vocab, number, blocks, _choice(kind, index), _choice(type_, index), columns)
        result.parts.append(part)
        if not part.error:
            _place(root, vocab, part, _choice(body, index), taken)
    for part in result.parts:
        found = (
            existing(root, vocab.kinds[part.found.kind].folder, part.doc_id) if part.doc_id and part.found.kind else []
        )
        if found and not update:
            raise refuse_reimport(str(path), found)
        part.updating = bool(found)
    if write:
        for part in result.parts:
            if part.doc_id:
                written = write_draft(root, vocab, part.found, part.body, part.doc_id, update=part.updating)
                part.paths, part.changes = written.paths, written.changes
    return result


def _check_choices(vocab: Vocabulary, kind: str | None, body: str | None) -> None:
    for name, value, table in (("KIND", kind, vocab.kinds), ("BODY", body, vocab.bodies)):
        for item in (value or "").split(","):
            if (
                item.strip()
                and item.strip() not in table
                and not (name == "KIND" and vocab.kind_of_folder(item.strip()))
            ):
                raise ImportFailed(f"{name}={item.strip()} 不在登记表中：可选 " + "、".join(table))


def _recognised_part(
    vocab: Vocabulary,
    number: int | None,
    blocks: list[Block],
    kind: str | None,
    type_: str | None,
    columns: Columns | None = None,
) -> Part:
    """One part read: its kind, type and period; `error` when its kind cannot be told."""
    if kind and kind not in vocab.kinds and (named := vocab.kind_of_folder(kind)) is not None:
        kind = named.id  # KIND=plans: the kind by its folder (_check_choices knows it)
    if kind and type_ and type_ not in vocab.kinds[kind].types:
        raise ImportFailed(f"TYPE={type_} 不是 {kind} 的类型：可选 " + "、".join(vocab.kinds[kind].types))
    found = recognise(blocks, vocab, kind, type_, columns)
    part = Part(number, found)
    if found.kind is None:
        part.error = "看不出是哪一种文档（标题中没有登记的类型名）：请用 KIND=…（可加 TYPE=…）指定"
        return part
    kind_obj = vocab.kinds[found.kind]
    if found.type_ is None:
        found.type_ = next(iter(kind_obj.types))
    doc_type = kind_obj.types[found.type_]
    title = found.fields.get("title", "")
    if doc_type.period and (period := period_of(title, doc_type)):
        found.fields["period"] = period
        found.seen.append(("时期", f"{period}（由标题得出）"))
    return part


def _place(root: Path, vocab: Vocabulary, part: Part, body: str | None, taken: set[str]) -> None:
    """The part's body and a free document id whose files lie inside docs/ and data/; `error` when
    its body cannot be told; ImportFailed when its files would lie elsewhere."""
    found = part.found
    if found.kind is None or found.type_ is None:  # not recognised: _recognised_part said why
        return
    evidence = [found.fields.get("title", ""), *found.fields.get("issuers", []), *found.blocks[:1]]
    evidence += [found.fields.get("session", "")]  # the meeting a report was given at names its body
    evidence = [e for e in evidence if e]
    if body is None:
        body = body_of(evidence, vocab, body_aliases(Path(root) / BODIES_FILE))
        if body:
            found.seen.append(("所属机构", f"{body}（由标题、落款或开头一段中的地名得出，请核对）"))
    if body is None:
        part.error = "看不出属于哪个机构：请用 BODY=…（data/bodies.yml 的编号）指定"
        if (entry := body_entry(evidence)) is not None:
            part.error += (
                "。原件的机构还没有登记的，把下面这一段补全后加到 data/bodies.yml 末尾，再用 BODY=新编号 导入：\n"
                + entry
            )
        return
    year = year_of(found)
    if year is None:
        found.todos.append(
            Todo(
                "ZX212",
                f"原件没有写明年份（标题、日期、题注中都没有）：文件名以 {UNDATED} 开头，网站把它列在“年份未定”下。"
                "请核对原件确实没有写年份；能从原件内容推定年份的，写 inferred_year（年份和推定依据），不要自己补写年份",
                field="file",
            )
        )
    folder = vocab.kinds[found.kind].folder
    stem = f"{year or UNDATED}-{body}-{_slug(found.kind, found.type_)}"
    draft_paths(root, folder, stem)  # a slug inside docs/ and data/ before any name is looked up
    part.doc_id, part.body = free_id(stem, taken), body
    taken.add(part.doc_id)


def _slug(kind: str, type_: str) -> str:
    from zhengxie.tools.scaffold import default_slug

    return default_slug(kind, type_)


__all__ = ["ImportFailed", "Imported", "import_file", "kind_and_type"]
