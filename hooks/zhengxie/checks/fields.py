"""Front-matter fields against the table in data/fields.yml: required fields are written (or marked
原文未载 where the original does not state them), fields are used only by the kinds they serve, and a
rule's supersedes / superseded_by links point at real documents, both ways, with a fitting status.

The form of each value is the schema's business (data/schemas/front-matter.schema.json, generated
from the same table); a period the schema's pattern lets through but that is no period (2010-2004)
is reported here."""

from __future__ import annotations

import re

from zhengxie.checks import wording
from zhengxie.model.corpus import Corpus, Document, Field
from zhengxie.text.values import NOT_STATED_TEXT, PERIOD_PATTERN, parse_period

IN_FORCE = "in-force"
PERIOD_FORM = re.compile(PERIOD_PATTERN)
IMPOSSIBLE_PERIOD = "跨年的时期要从早到晚，例如 2004-2010"
_NUMBER = re.compile(r"[-+]?[0-9][0-9_]*(\.[0-9]*)?")


def check_fields(corpus: Corpus) -> None:
    vocab = corpus.vocab
    for doc in corpus.documents.values():
        if doc.meta_yaml is None or not isinstance(doc.meta_yaml.data, (dict, type(None))):
            continue  # no front matter or not a mapping: the loader reported it
        if any(issue.kind == "syntax" for issue in doc.meta_yaml.issues):
            continue
        kind = vocab.kinds.get(doc.kind)
        kind_name = kind.name if kind else doc.kind
        for spec in vocab.fields.values():
            written = spec.id in doc.meta
            if written and spec.type == "period" and _impossible_period(doc.meta[spec.id]):
                corpus.reporter.add(
                    "ZX206",
                    doc.path,
                    doc.meta_line(spec.id),
                    field=spec.id,
                    at="",
                    value=doc.meta[spec.id],
                    help=IMPOSSIBLE_PERIOD,
                )
            if not written and spec.required_for(doc.kind, doc.type):
                line, where = _missing_place(doc, spec, vocab.fields)
                corpus.reporter.add(
                    "ZX215", doc.path, line, field=spec.id, label=spec.label, where=where, fix=_fix(spec)
                )
            elif written and not spec.applies_to(doc.kind):
                kinds = wording.join(vocab.kinds[k].name if k in vocab.kinds else k for k in spec.kinds)
                corpus.reporter.add(
                    "ZX216",
                    doc.path,
                    doc.meta_line(spec.id),
                    field=spec.id,
                    label=spec.label,
                    kinds=kinds,
                    kind_name=kind_name,
                )
        _check_succession(corpus, doc)


def _impossible_period(value: object) -> bool:
    """Written in an accepted form (the schema passes it) yet no period: 2010-2004."""
    return isinstance(value, str) and PERIOD_FORM.search(value) is not None and parse_period(value) is None


def _missing_place(doc: Document, spec: Field, fields: dict[str, Field]) -> tuple[int, str]:
    """Where a missing field belongs: after the field written last among those the table puts before
    it (the table's order is the header's), else at the front matter's first line. (The line and the
    words that say it.)"""
    order = list(fields)
    before = order[: order.index(spec.id)] if spec.id in order else []
    written = [key for key in before if key in doc.meta]
    if written:
        line = doc.meta_line(written[-1]) or 1
        after = fields[written[-1]]
        return line, f"加在第 {line} 行“{after.label}”（{after.id}）之后"
    text = doc.meta_yaml.text if doc.meta_yaml is not None else ""
    closing = max(doc.body_line - 1, 1)  # the closing ---; the front matter's lines are above it
    line = max(closing - (text.count("\n") + 1 if text else 0), 1)
    return line, f"加在文首第 {line} 行（开头的 --- 之下）"


def _fix(spec: Field) -> str:
    example = spec.example
    if isinstance(example, str) and _NUMBER.fullmatch(example):
        example = f'"{example}"'  # YAML would read 2018 as a number: the field wants text
    shown = f"，例如 {spec.id}: {example}" if isinstance(example, (str, int)) else ""
    fix = f"照原件填写{spec.label}（{spec.help or spec.label}）{shown}"
    if spec.not_stated:
        fix += f"；原件没有写明时写 {spec.id}: {NOT_STATED_TEXT}（不要自己推断或编造）"
    return fix


def _check_succession(corpus: Corpus, doc: Document) -> None:
    documents = corpus.documents
    report = corpus.reporter.add
    # doc-refs and doc-ref (data/fields.yml): a tuple of ids and an id, as the loader reads them
    supersedes, superseded_by = doc.fields.get("supersedes"), doc.fields.get("superseded_by")
    others = supersedes if isinstance(supersedes, tuple) else ()
    successor = superseded_by if isinstance(superseded_by, str) else ""
    links = [("supersedes", other, "superseded_by") for other in others]
    if successor:
        links.append(("superseded_by", successor, "supersedes"))
    for field, other_id, back in links:
        corpus.note_dependency(doc.path, f"id:{other_id}")
        other = documents.get(other_id)
        if other is None:
            report(
                "ZX217",
                doc.path,
                doc.meta_line(field),
                field=field,
                id=other_id,
                did_you_mean=wording.did_you_mean(other_id, corpus.index.doc_ids),
            )
            continue
        back_value = other.fields.get(back)
        points_back = doc.id in back_value if isinstance(back_value, tuple) else back_value == doc.id
        if not points_back:
            report(
                "ZX218",
                doc.path,
                doc.meta_line(field),
                field=field,
                other=other_id,
                back=back,
                id=doc.id,
                other_path=other.path,
            )
    if successor and doc.fields.get("status", IN_FORCE) == IN_FORCE:
        spec = corpus.vocab.fields.get("status")
        shown = spec.choices.get(IN_FORCE, IN_FORCE) if spec else IN_FORCE
        report(
            "ZX219",
            doc.path,
            doc.meta_line("status") if "status" in doc.meta else doc.meta_line("superseded_by"),
            other=successor,
            status=shown,
        )
