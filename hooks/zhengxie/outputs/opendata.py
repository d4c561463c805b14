"""Open data: the model as JSON (documents, items, follow-through, figures) and CSV (items, figures).

Every JSON file is {"version", "site", "table", "rows": [...]} and validates against
data/schemas/opendata.schema.json, which is published beside the files. Rows are plain values:
dates ISO 8601, a value the original leaves out is the string 原文未载, an unwritten one is null.
Add a table by adding a (name, rows of one document, CSV columns) entry to TABLES.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

from zhengxie.derive.followthrough import FollowThrough
from zhengxie.model.corpus import Corpus, Document
from zhengxie.model.portal import open_data_licence
from zhengxie.text.values import NOT_STATED, NOT_STATED_TEXT, Period

FOLDER = "opendata/"
VERSION = "1.0"
SCHEMA_FILE = "opendata.schema.json"  # in data/schemas/, published as opendata/schema.json

Row = dict[str, object]  # one row of a table: plain JSON values
# The rows one document gives a table (with what it is linked with), and a whole table.
RowsOf = Callable[[Corpus, FollowThrough, str, Document], list[Row]]
Table = Callable[[Corpus, FollowThrough, str], list[Row]]


def _value(value: object) -> object:
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
    if dataclasses.is_dataclass(value):  # e.g. values.Adoption
        return {f.name: _value(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return str(value)


def document_rows(corpus: Corpus, follow: FollowThrough, base: str, doc: Document) -> list[Row]:
    vocab = corpus.vocab
    return [
        {
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
        }
    ]


def item_rows(corpus: Corpus, follow: FollowThrough, base: str, plan: Document) -> list[Row]:
    vocab = corpus.vocab
    rows: list[Row] = []
    for item in plan.items:
        status = follow.of_item(item)
        when = item.when
        rows.append(
            {
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
            }
        )
    return rows


def follow_through_rows(corpus: Corpus, follow: FollowThrough, base: str, summary: Document) -> list[Row]:
    rows: list[Row] = []
    for line in follow.by_summary.get(summary.id, ()) if summary.summary is not None else ():
        report = line.report
        rows.append(
            {
                "summary": summary.id,
                "item": report.item,
                "plan": line.plan.id if line.plan else None,
                "status": report.status,
                "date": _value(report.date),
                "reason": report.reason or None,
                "merged_into": report.merged_into,
            }
        )
    return rows


def figure_rows(corpus: Corpus, follow: FollowThrough, base: str, doc: Document) -> list[Row]:
    """Every figure a summary states, as the model exports it (Figure.to_dict: measure, value as
    printed and its bounds, unit, rate base, 原文如此, breakdown), with its summary, body and year."""
    if doc.summary is None:
        return []
    return [
        {"summary": doc.id, "body": doc.body, "year": doc.year, **figure.to_dict()} for figure in doc.summary.figures
    ]


def _table(rows_of: RowsOf) -> Table:
    """The whole table: the rows of every document, in path order."""

    def table(corpus: Corpus, follow: FollowThrough, base: str) -> list[Row]:
        return [row for doc in corpus.documents.values() for row in rows_of(corpus, follow, base, doc)]

    return table


documents = _table(document_rows)
items = _table(item_rows)
follow_through = _table(follow_through_rows)
figures = _table(figure_rows)


# name -> (rows of one document, CSV columns or None for JSON only). Every row comes from one
# document (and what it is linked with), so a table is its documents' rows in path order.
TABLES: dict[str, tuple[RowsOf, list[str] | None]] = {
    "documents": (document_rows, None),
    "items": (
        item_rows,
        [
            "plan",
            "id",
            "title",
            "body",
            "year",
            "forms",
            "time",
            "first_month",
            "last_month",
            "lead",
            "topics",
            "status_label",
            "url",
        ],
    ),
    "follow-through": (follow_through_rows, None),
    "figures": (
        figure_rows,
        ["summary", "body", "year", "measure", "label", "text", "value", "qualifier", "unit", "rate", "base", "sic"],
    ),
}


# A spreadsheet program runs a cell that starts with one of these as a formula (=HYPERLINK(…),
# =cmd|…): a text cell from content gets a leading apostrophe, which shows it as text (OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, list):
        value = "、".join(map(str, value))
    if value is None:
        return ""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _csv_lines(rows: list[Row], columns: list[str], header: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def schema_path(root: Path) -> Path:
    return Path(root) / "data" / "schemas" / SCHEMA_FILE


def build_open_data(corpus: Corpus, follow: FollowThrough, site_url: str) -> dict[str, bytes]:
    """{site-relative path: bytes} of every open-data file, the schema included."""
    base = site_url.rstrip("/") + "/"
    files: dict[str, bytes] = {}
    for name, (rows_of, columns) in TABLES.items():
        rows = [row for doc in corpus.documents.values() for row in rows_of(corpus, follow, base, doc)]
        licence = open_data_licence(corpus.vocab.portal)  # the licence data/site.yml declares, if any
        payload = {"version": VERSION, "site": base, **licence, "table": name, "rows": rows}
        files[f"{FOLDER}{name}.json"] = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
        if columns:  # BOM: spreadsheet programs then read UTF-8
            files[f"{FOLDER}{name}.csv"] = ("\ufeff" + _csv_lines(rows, columns, header=True)).encode("utf-8")
    files[f"{FOLDER}schema.json"] = schema_path(corpus.root).read_bytes()
    return files


def listing() -> list[tuple[str, str, str]]:
    """(path, format, description) of the files, for the 开放数据 page."""
    described = {
        "documents": "全部文档：标题、类别、发文单位、成文日期、时期、专题",
        "items": "协商计划中的每一项协商活动：形式、时间、牵头单位、专题、落实情况",
        "follow-through": "工作总结中的落实情况报告：哪一项活动、开展与否、日期",
        "figures": "工作总结中的数据",
    }
    found: list[tuple[str, str, str]] = []
    for name, (_, columns) in TABLES.items():
        found.append((f"{FOLDER}{name}.json", "JSON", described.get(name, name)))
        if columns:
            found.append((f"{FOLDER}{name}.csv", "CSV", described.get(name, name)))
    found.append((f"{FOLDER}schema.json", "JSON Schema", "以上 JSON 文件的结构说明"))
    return found
