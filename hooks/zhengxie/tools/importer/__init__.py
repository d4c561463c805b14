"""`make import FILE=…`: an office's Word or text file as draft documents in the registry model.

read      the original as paragraphs and tables (.docx, .txt, .md; UTF-8 or GB18030), bounded
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

from zhengxie.sources.loader import load_vocabulary
from zhengxie.tools.importer.draft import UNDATED
from zhengxie.tools.importer.draft import free_id
from zhengxie.tools.importer.draft import write_draft
from zhengxie.tools.importer.draft import year_of
from zhengxie.tools.importer.read import ImportFailed
from zhengxie.tools.importer.read import read_original
from zhengxie.tools.importer.recognise import Recognised
from zhengxie.tools.importer.recognise import Todo
from zhengxie.tools.importer.recognise import body_of
from zhengxie.tools.importer.recognise import kind_and_type
from zhengxie.tools.importer.recognise import period_of
from zhengxie.tools.importer.recognise import recognise
from zhengxie.tools.importer.split import split_parts


@dataclass
class Part:
    number: int | None  # 篇N, or None for a file of one document
    found: Recognised
    doc_id: str = ""
    paths: list = field(default_factory=list)
    error: str = ""  # why no draft was written


@dataclass
class Imported:
    source: str
    encoding: str
    parts: list = field(default_factory=list)
    preface: int = 0  # blocks before the first 篇 that belong to no document

    @property
    def todos(self) -> list:
        return [todo for part in self.parts for todo in part.found.todos]


def _choice(value: str | None, index: int) -> str | None:
    """KIND=rule or KIND=rule,summary,plan: one value for every part, or one per part in order."""
    if not value:
        return None
    values = [v.strip() for v in value.split(",")]
    return values[index] if len(values) > 1 and index < len(values) else (values[0] if len(values) == 1 else None)


def import_file(root: Path, path: Path, kind: str | None = None, type_: str | None = None,
                body: str | None = None, write: bool = True) -> Imported:
    root = Path(root)
    vocab = load_vocabulary(root).vocab
    for name, value, table in (("KIND", kind, vocab.kinds), ("BODY", body, vocab.bodies)):
        for item in (value or "").split(","):
            if item.strip() and item.strip() not in table and not (name == "KIND" and vocab.kind_of_folder(item.strip())):
                raise ImportFailed(f"{name}={item.strip()} 不在登记表中：可选 " + "、".join(table))
    original = read_original(path)
    parts, preface = split_parts(original.blocks)
    result = Imported(str(path), original.encoding, preface=len(preface))
    taken: set = set()
    for index, (number, blocks) in enumerate(parts):
        part_kind = _choice(kind, index)
        if part_kind and part_kind not in vocab.kinds:
            part_kind = vocab.kind_of_folder(part_kind).id
        part_type = _choice(type_, index)
        if part_kind and part_type and part_type not in vocab.kinds[part_kind].types:
            raise ImportFailed(f"TYPE={part_type} 不是 {part_kind} 的类型：可选 " + "、".join(vocab.kinds[part_kind].types))
        found = recognise(blocks, vocab, part_kind, part_type)
        part = Part(number, found)
        result.parts.append(part)
        if found.kind is None:
            part.error = "看不出是哪一种文档（标题中没有登记的类型名）：请用 KIND=…（可加 TYPE=…）指定"
            continue
        kind_obj = vocab.kinds[found.kind]
        if found.type_ is None:
            found.type_ = next(iter(kind_obj.types))
        doc_type = kind_obj.types[found.type_]
        title = found.fields.get("title", "")
        if doc_type.period and (period := period_of(title, doc_type)):
            found.fields["period"] = period
            found.seen.append(("时期", f"{period}（由标题得出）"))
        part_body = _choice(body, index)
        if part_body is None:
            evidence = [title] + list(found.fields.get("issuers", [])) + found.blocks[:1]
            part_body = body_of([e for e in evidence if e], vocab)
            if part_body:
                found.seen.append(("所属机构", f"{part_body}（由标题、落款或开头一段中的地名得出，请核对）"))
        if part_body is None:
            part.error = "看不出属于哪个机构：请用 BODY=…（data/bodies.yml 的编号）指定"
            continue
        year = year_of(found)
        if year is None:
            found.todos.append(Todo("ZX212", f"原件没有写明年份（标题、日期、题注中都没有）：文件名暂以 {UNDATED} 开头；"
                                             "确定文档所属年份后把正文和数据文件都改名为“年份-…”", field="file"))
        stem = f"{year or UNDATED}-{part_body}-{_slug(found.kind, found.type_)}"
        part.doc_id = free_id(root, kind_obj.folder, stem, taken)
        taken.add(part.doc_id)
        if write:
            part.paths = write_draft(root, vocab, found, part_body, part.doc_id).paths
    return result


def _slug(kind: str, type_: str) -> str:
    from zhengxie.tools.scaffold import default_slug

    return default_slug(kind, type_)


__all__ = ["ImportFailed", "Imported", "import_file", "kind_and_type"]
