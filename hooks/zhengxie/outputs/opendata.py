"""Open data: the model as JSON (documents, items, follow-through, figures) and CSV (the same four).

Every JSON file is {"version", "site", "table", "rows": [...]} and validates against
data/schemas/opendata.schema.json, which is published beside the files. That schema is also the data
dictionary: each column's `title` is its Chinese name (a CSV file's header) and its `description` says
what it holds; the 开放数据 page lists them. Rows are plain values: dates ISO 8601, a period and a time
as the document writes them, a value the original leaves out is the string 原文未载, an unwritten one
is null. Every row carries its body's name beside the id, and whether it comes from a sample document
(示例); a rule's row carries its status (已修订, 已废止). Add a table by adding a (name, rows of one
document, schema definition, CSV columns) entry to TABLES.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from zhengxie.derive.followthrough import FollowThrough
from zhengxie.model.corpus import Corpus, Document, Vocabulary
from zhengxie.model.fields import display
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


def _period(value: object) -> tuple[object, object]:
    """(as written, as the pages show it) of a document's period."""
    if isinstance(value, Period):
        return value.text, value.label
    return _value(value), _value(value)


def _body_name(vocab: Vocabulary, body: str | None) -> str | None:
    entry = vocab.bodies.get(body) if body else None
    return entry.name if entry else body


def document_rows(corpus: Corpus, follow: FollowThrough | None, base: str, doc: Document) -> list[Row]:
    vocab = corpus.vocab
    kind = vocab.kinds.get(doc.kind)
    period, period_label = _period(doc.period)
    status = doc.fields.get("status")
    status_spec = vocab.fields.get("status")
    if status is None and status_spec is not None and status_spec.kinds and status_spec.applies_to(doc.kind):
        status = "in-force"  # a rule that writes no status is in force (data/fields.yml)
    superseded_by = doc.fields.get("superseded_by")
    return [
        {
            "id": doc.id,
            "url": base + doc.url,
            "title": doc.title,
            "kind": doc.kind,
            "kind_name": kind.name if kind else doc.kind,
            "type": doc.type,
            "type_name": vocab.type_name(doc.kind, doc.type),
            "body": doc.body,
            "body_name": _body_name(vocab, doc.body),
            "date": _value(doc.date),
            "period": period,
            "period_label": period_label,
            "year": doc.year,
            "year_inferred": doc.inferred_year.basis if doc.inferred_year else None,
            "topics": list(doc.topics),
            "topic_names": [vocab.topics[t].name if t in vocab.topics else t for t in doc.topics],
            "sample": doc.sample,
            "sample_note": doc.sample_note or None,
            "status": status if isinstance(status, str) else None,
            "status_label": display(status_spec, status) if status_spec and isinstance(status, str) else None,
            "superseded_by": superseded_by if isinstance(superseded_by, str) else None,
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
                "plan_title": plan.title,
                "id": item.id,
                "url": f"{base}{plan.url}#{item.anchor}",
                "title": item.title,
                "body": plan.body,
                "body_name": _body_name(vocab, plan.body),
                "year": plan.year,
                "period": _period(plan.period)[0],
                "forms": [vocab.forms[f].name if f in vocab.forms else f for f in item.forms],
                "time": item.time_label,  # as the plan writes it: 9月至10月, 第三季度, 原文未载
                "first_month": when.first_month if when is not None and when.placed else None,
                "last_month": when.last_month if when is not None and when.placed else None,
                "lead": item.lead or None,
                "roles": {role: _value(names) for role, names in item.roles.items()},
                "topics": list(item.topics),
                "status": status.status if status else None,
                "status_label": status.label if status else None,
                "sample": plan.sample,
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
                "summary_title": summary.title,
                "item": report.item,
                "plan": line.plan.id if line.plan else None,
                "status": report.status,
                "status_label": line.label,
                "date": _value(report.date),
                "reason": report.reason or None,
                "merged_into": report.merged_into,
                "sample": summary.sample,
            }
        )
    return rows


def figure_rows(corpus: Corpus, follow: FollowThrough, base: str, doc: Document) -> list[Row]:
    """Every figure a summary states, as the model exports it (Figure.to_dict: measure, value as
    printed and its bounds, unit, rate base, 原文如此, breakdown), with its summary, body, period and
    the figure as printed with its unit (312条)."""
    if doc.summary is None:
        return []
    period, period_label = _period(doc.period)
    rows: list[Row] = []
    for figure in doc.summary.figures:
        exported = figure.to_dict()
        rows.append(
            {
                "summary": doc.id,
                "summary_title": doc.title,
                "body": doc.body,
                "body_name": _body_name(corpus.vocab, doc.body),
                "period": period,
                "period_label": period_label,
                "year": doc.year,
                "measure": exported.pop("measure"),
                "label": exported.pop("label"),
                "printed": figure.text or None,
                **exported,
                "sample": doc.sample,
                "url": f"{base}{doc.url}#figures",
            }
        )
    return rows


def _table(rows_of: RowsOf) -> Table:
    """The whole table: the rows of every document, in path order."""

    def table(corpus: Corpus, follow: FollowThrough, base: str) -> list[Row]:
        return [row for doc in corpus.documents.values() for row in rows_of(corpus, follow, base, doc)]

    return table


documents = _table(document_rows)
items = _table(item_rows)
follow_through = _table(follow_through_rows)
figures = _table(figure_rows)


@dataclass(frozen=True)
class TableSpec:
    rows_of: RowsOf
    definition: str  # its rows' definition in the schema ($defs), which names and describes each column
    csv: tuple[str, ...]  # the CSV file's columns, in order (its header: their Chinese names)
    about: str  # what the table holds, for the 开放数据 page


# Every row comes from one document (and what it is linked with), so a table is its documents' rows in
# path order.
TABLES: dict[str, TableSpec] = {
    "documents": TableSpec(
        document_rows,
        "document",
        (
            "id",
            "title",
            "kind_name",
            "type_name",
            "body_name",
            "date",
            "period",
            "year",
            "year_inferred",
            "topic_names",
            "status_label",
            "superseded_by",
            "sample",
            "sample_note",
            "url",
            "body",
        ),
        "全部文档：标题、类别、发文机关、成文日期、时期、专题、效力、示例标记",
    ),
    "items": TableSpec(
        item_rows,
        "item",
        (
            "plan",
            "plan_title",
            "id",
            "title",
            "body_name",
            "year",
            "period",
            "forms",
            "time",
            "first_month",
            "last_month",
            "lead",
            "topics",
            "status_label",
            "sample",
            "url",
            "body",
        ),
        "协商计划中的每一项协商活动：形式、时间（照原文）、牵头单位、专题、落实情况",
    ),
    "follow-through": TableSpec(
        follow_through_rows,
        "report",
        ("summary", "summary_title", "item", "plan", "status_label", "date", "reason", "merged_into", "sample"),
        "工作总结中的落实情况报告：哪一项活动、开展与否、日期",
    ),
    "figures": TableSpec(
        figure_rows,
        "figure",
        (
            "summary",
            "summary_title",
            "body_name",
            "period",
            "year",
            "measure",
            "label",
            "printed",
            "value",
            "qualifier",
            "unit",
            "rate",
            "base",
            "sic",
            "sample",
            "url",
            "body",
        ),
        "工作总结中的数据：照原件的写法和单位，连同所属时期（照原文，如 2004-2010、九届二次会议以来）",
    ),
}


# A spreadsheet program runs a cell that starts with one of these as a formula (=HYPERLINK(…),
# =cmd|…): a text cell from content gets a leading apostrophe, which shows it as text (OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        value = "、".join(map(str, value))
    if value is None:
        return ""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _csv_lines(rows: list[Row], columns: tuple[str, ...], header: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def schema_path(root: Path) -> Path:
    return Path(root) / "data" / "schemas" / SCHEMA_FILE


@dataclass(frozen=True)
class Column:
    key: str  # in the JSON rows
    name: str  # Chinese: the CSV header
    description: str
    in_csv: bool


def _schema(path: Path) -> dict[str, object]:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # the schema check reports a broken schema; the columns keep their keys
        return {}
    return loaded if isinstance(loaded, dict) else {}


def columns(root: Path, name: str) -> list[Column]:
    """The data dictionary of one table, from the published schema: every column, CSV ones first."""
    spec = TABLES[name]
    defs = _schema(schema_path(root)).get("$defs")  # read on every build: the preview follows an edit
    definition = defs.get(spec.definition) if isinstance(defs, dict) else None
    properties = definition.get("properties") if isinstance(definition, dict) else None
    found: dict[str, Column] = {}
    for key, prop in properties.items() if isinstance(properties, dict) else ():
        prop = prop if isinstance(prop, dict) else {}
        found[key] = Column(key, str(prop.get("title") or key), str(prop.get("description") or ""), key in spec.csv)
    ordered = [found.get(key) or Column(key, key, "", True) for key in spec.csv]
    return ordered + [c for key, c in found.items() if key not in spec.csv]


def dictionary(root: Path) -> list[tuple[str, str, list[Column]]]:
    """(table, what it holds, columns) of every table: the 开放数据 page's data dictionary."""
    return [(name, spec.about, columns(root, name)) for name, spec in TABLES.items()]


def build_open_data(corpus: Corpus, follow: FollowThrough, site_url: str) -> dict[str, bytes]:
    """{site-relative path: bytes} of every open-data file, the schema included."""
    base = site_url.rstrip("/") + "/"
    files: dict[str, bytes] = {}
    licence = open_data_licence(corpus.vocab.portal)  # the licence data/site.yml declares, if any
    for name, spec in TABLES.items():
        rows = [row for doc in corpus.documents.values() for row in spec.rows_of(corpus, follow, base, doc)]
        payload = {"version": VERSION, "site": base, **licence, "table": name, "rows": rows}
        files[f"{FOLDER}{name}.json"] = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
        names = {c.key: c.name for c in columns(corpus.root, name)}
        header = [names.get(key, key) for key in spec.csv]
        # BOM: spreadsheet programs then read UTF-8
        files[f"{FOLDER}{name}.csv"] = ("\ufeff" + _csv_lines(rows, spec.csv, header)).encode("utf-8")
    files[f"{FOLDER}schema.json"] = schema_path(corpus.root).read_bytes()
    return files


def listing() -> list[tuple[str, str, str]]:
    """(path, format, description) of the files, for the 开放数据 page."""
    found: list[tuple[str, str, str]] = []
    for name, spec in TABLES.items():
        found.append((f"{FOLDER}{name}.json", "JSON", spec.about))
        found.append((f"{FOLDER}{name}.csv", "CSV", spec.about + "（表头为中文列名）"))
    found.append((f"{FOLDER}schema.json", "JSON Schema", "以上 JSON 文件的结构，也是数据字典：各列的中文名和说明"))
    return found
