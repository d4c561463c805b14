"""Open data: the model as JSON (documents, items, follow-through, figures) and CSV (items, figures).

Every JSON file is {"version", "site", "table", "rows": [...]} and validates against
data/schemas/opendata.schema.json, which is published beside the files. Rows are plain values:
dates ISO 8601, a value the original leaves out is the string 原文未载, an unwritten one is null.
Add a table by adding a (name, rows of one document, CSV columns) entry to TABLES.

Every row comes from one document (and what it is linked with by follow-through), so the files are
put together from each document's rows, already written as JSON and CSV (document_fragments); a
build reuses those of documents whose inputs are unchanged (Site.output_parts).
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

from .followthrough import FollowThrough
from .model import Corpus
from .values import NOT_STATED, NOT_STATED_TEXT, Period

FOLDER = "opendata/"
VERSION = "1.0"
SCHEMA_FILE = "opendata.schema.json"  # in data/schemas/, published as opendata/schema.json


def _value(value):
    if value is NOT_STATED:
        return NOT_STATED_TEXT
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Period):
        return value.text  # as written: 2018, 2018-H1, 2004-2010, 十三届四次会议以来
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _value(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value):  # e.g. fields.Adoption
        return {f.name: _value(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return str(value)


def document_rows(corpus: Corpus, follow: FollowThrough, base: str, doc) -> list[dict]:
    vocab = corpus.vocab
    return [{
        "id": doc.id,
        "url": base + doc.url,
        "title": doc.title,
        "kind": doc.kind,
        "type": doc.type,
        "type_name": vocab.type_name(doc.kind, doc.type),
        "body": doc.body,
        "date": _value(doc.date),
        "period": _value(doc.period),
        "year": doc.year,
        "topics": list(doc.topics),
        "sample": doc.sample,
        # every front-matter field written, in data/fields.yml order: the table drives the export too
        "fields": {key: _value(doc.fields[key]) for key in vocab.fields if key in doc.fields},
    }]


def item_rows(corpus: Corpus, follow: FollowThrough, base: str, plan) -> list[dict]:
    vocab = corpus.vocab
    rows = []
    for item in plan.items:
        status = follow.of_item(item)
        when = item.when
        rows.append({
            "plan": plan.id,
            "id": item.id,
            "url": f"{base}{plan.url}#{item.anchor}",
            "title": item.title,
            "body": plan.body,
            "year": plan.year,
            "forms": [vocab.forms[f].name if f in vocab.forms else f for f in item.forms],
            "time": item.time_label,
            "first_month": when.first_month if when is not None and when.placed else None,
            "last_month": when.last_month if when is not None and when.placed else None,
            "lead": item.lead or None,
            "roles": {role: _value(names) for role, names in item.roles.items()},
            "topics": list(item.topics),
            "status": status.status if status else None,
            "status_label": status.label if status else None,
        })
    return rows


def follow_through_rows(corpus: Corpus, follow: FollowThrough, base: str, summary) -> list[dict]:
    rows = []
    for line in follow.by_summary.get(summary.id, ()) if summary.summary is not None else ():
        report = line.report
        rows.append({
            "summary": summary.id,
            "item": report.item,
            "plan": line.plan.id if line.plan else None,
            "status": report.status,
            "date": _value(report.date),
            "reason": report.reason or None,
            "merged_into": report.merged_into,
        })
    return rows


def figure_rows(corpus: Corpus, follow: FollowThrough, base: str, doc) -> list[dict]:
    """Every figure a summary states, as the model exports it (Figure.to_dict: measure, value as
    printed and its bounds, unit, rate base, 原文如此, breakdown), with its summary, body and year."""
    if doc.summary is None:
        return []
    return [{"summary": doc.id, "body": doc.body, "year": doc.year, **figure.to_dict()} for figure in doc.summary.figures]


def _table(rows_of):
    """The whole table: the rows of every document, in path order."""
    def table(corpus: Corpus, follow: FollowThrough, base: str) -> list[dict]:
        return [row for doc in corpus.documents.values() for row in rows_of(corpus, follow, base, doc)]
    return table


documents = _table(document_rows)
items = _table(item_rows)
follow_through = _table(follow_through_rows)
figures = _table(figure_rows)


# name -> (rows of one document, CSV columns or None for JSON only). Every row comes from one
# document (and what it is linked with), so a table is its documents' rows in path order.
TABLES = {
    "documents": (document_rows, None),
    "items": (item_rows, ["plan", "id", "title", "body", "year", "forms", "time", "first_month", "last_month",
                      "lead", "topics", "status_label", "url"]),
    "follow-through": (follow_through_rows, None),
    "figures": (figure_rows, ["summary", "body", "year", "measure", "label", "text", "value", "qualifier", "unit",
                          "rate", "base", "sic"]),
}


# A spreadsheet program runs a cell that starts with one of these as a formula (=HYPERLINK(…),
# =cmd|…): a text cell from content gets a leading apostrophe, which shows it as text (OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, list):
        value = "、".join(map(str, value))
    if value is None:
        return ""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _csv_lines(rows: list[dict], columns: list[str], header: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def schema_path(root: Path) -> Path:
    return Path(root) / "data" / "schemas" / SCHEMA_FILE


def document_fragments(corpus: Corpus, follow: FollowThrough, base: str, doc) -> tuple:
    """Per table (in TABLES order), the document's rows as the table's files hold them: JSON (its
    rows' objects, indented for their place in the file, joined) and CSV lines (or None), as UTF-8.
    What they show comes from the document's own files and those it is linked with by
    follow-through (the plans a summary reports on, the summaries reporting on a plan)."""
    found = []
    for rows_of, columns in TABLES.values():
        rows = rows_of(corpus, follow, base, doc)
        found.append((_ROW_SEPARATOR.join([_json(row, 2) for row in rows]).encode("utf-8"),
                      _csv_lines(rows, columns).encode("utf-8") if columns else None))
    return tuple(found)


def build_open_data(corpus: Corpus, follow: FollowThrough, site_url: str, fragments_of=None) -> dict[str, bytes]:
    """{site-relative path: bytes} of every open-data file, the schema included. `fragments_of(docs)`
    gives {document id: document_fragments} (zhengxie.site reuses those of unchanged documents);
    by default they are made here."""
    base = site_url.rstrip("/") + "/"
    docs = list(corpus.documents.values())
    fragments = (fragments_of or (lambda found: {d.id: document_fragments(corpus, follow, base, d) for d in found}))(docs)
    files = {}
    for number, (name, (_, columns)) in enumerate(TABLES.items()):
        parts = [fragments[d.id][number] for d in docs]
        # json.dumps(payload, ensure_ascii=False, indent=1), its rows put in from the fragments
        text = json.dumps({"version": VERSION, "site": base, "table": name, "rows": []}, ensure_ascii=False,
                          indent=1).encode("utf-8")
        rows = [json_rows for json_rows, _ in parts if json_rows]
        if rows:
            text = text[: -len(_NO_ROWS)] + b"[\n  " + _ROW_SEPARATOR.encode().join(rows) + b"\n ]\n}"
        files[f"{FOLDER}{name}.json"] = text
        if columns:  # BOM: spreadsheet programs then read UTF-8
            files[f"{FOLDER}{name}.csv"] = b"".join([("\ufeff" + _csv_lines([], columns, header=True)).encode("utf-8"),
                                                     *(lines for _, lines in parts)])
    files[f"{FOLDER}schema.json"] = schema_path(corpus.root).read_bytes()
    return files


# ---- JSON as json.dumps(…, ensure_ascii=False, indent=1) writes it ----------------------------------
# The standard library's C encoder does not indent; its Python one took most of the open data's time.

_ROW_SEPARATOR = ",\n  "  # between two rows of "rows", which is at level 1 of the file
_NO_ROWS = b"[]\n}"
_encode_string = json.encoder.encode_basestring  # the C function when available, as json.dumps uses


def _json(value, level: int) -> str:
    """`value` (rows: str, int, float, bool, None, lists and dicts of them) as json.dumps with
    indent=1 writes it nested `level` deep; anything else goes through json.dumps itself."""
    kind = type(value)
    if kind is str:
        return _encode_string(value)
    if kind is dict:
        return _object(value, level)
    if kind is list:
        return _array(value, level)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _encode_string(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float) and value == value and value not in (_INFINITY, -_INFINITY):
        return float.__repr__(value)
    if isinstance(value, (list, tuple)):
        return _array(value, level)
    if isinstance(value, dict):
        return _object(value, level)
    return _standard(value, level)


def _array(value, level: int) -> str:
    if not value:
        return "[]"
    inner = _INDENT[level + 1]
    return ("[" + inner + ("," + inner).join([_encode_string(v) if type(v) is str else _json(v, level + 1) for v in value])
            + _INDENT[level] + "]")


def _object(value, level: int) -> str:
    if not value:
        return "{}"
    parts = []
    for key, item in value.items():
        if type(key) is not str:
            return _standard(value, level)  # json.dumps turns such keys into strings its own way
        kind = type(item)
        parts.append(_encode_string(key) + ": " + (_encode_string(item) if kind is str else "null" if item is None
                                                    else _json(item, level + 1)))
    inner = _INDENT[level + 1]
    return "{" + inner + ("," + inner).join(parts) + _INDENT[level] + "}"


def _standard(value, level: int) -> str:
    """NaN, infinities, keys that are not strings, other types: as json.dumps has it (or refuses)."""
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", _INDENT[level])


class _Indents(dict):
    def __missing__(self, level: int) -> str:
        found = self[level] = "\n" + " " * level
        return found


_INDENT = _Indents()
_INFINITY = float("inf")


def listing() -> list[tuple[str, str, str]]:
    """(path, format, description) of the files, for the 开放数据 page."""
    described = {"documents": "全部文档：标题、类别、发文单位、成文日期、时期、专题",
                 "items": "协商计划中的每一项协商活动：形式、时间、牵头单位、专题、落实情况",
                 "follow-through": "工作总结中的落实情况报告：哪一项活动、开展与否、日期",
                 "figures": "工作总结中的数据"}
    found = []
    for name, (_, columns) in TABLES.items():
        found.append((f"{FOLDER}{name}.json", "JSON", described.get(name, name)))
        if columns:
            found.append((f"{FOLDER}{name}.csv", "CSV", described.get(name, name)))
    found.append((f"{FOLDER}schema.json", "JSON Schema", "以上 JSON 文件的结构说明"))
    return found
