"""Front-matter fields from the one table in data/fields.yml: how each type of value is read, shown
and described as JSON Schema.

The loader reads every written field through `read_value`; the header shows them through `display`;
`front_matter_schema` writes data/schemas/front-matter.schema.json (`make schemas`), so the schema
editors' tools see and the check uses never disagrees with the table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from zhengxie.model.corpus import Field, FieldValue, WaiverEntry
from zhengxie.text.values import (
    NOT_STATED,
    NOT_STATED_TEXT,
    PERIOD_PATTERN,
    Inferred,
    NotStated,
    Period,
    parse_inferred_year,
    parse_period,
)

# An adoption is a value (text.values, beside periods and times); it stays importable from here too.
from zhengxie.text.values import Adoption as Adoption
from zhengxie.text.values import chinese_date as chinese_date

JsonSchema = dict[str, object]


def parse_date(value: object) -> dt.date | NotStated | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text == NOT_STATED_TEXT:
            return NOT_STATED
        try:
            return dt.date.fromisoformat(text) if len(text) == 10 else None
        except ValueError:
            return None
    return None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _texts(value: object) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else None
    if isinstance(value, list):
        names = tuple(v.strip() for v in value if isinstance(v, str) and v.strip())
        return names or None
    return None


def _adoption(value: object) -> Adoption | None:
    if not isinstance(value, dict):
        return None
    return Adoption(
        _text(value.get("meeting")) or "",
        _text(value.get("session")) or "",
        parse_date(value.get("date")),
        _text(value.get("caption")) or "",
    )


def _waivers(value: object) -> dict[str, WaiverEntry] | None:
    """{code: {reason, scope}} (scope: one value or a list); a bare reason is the old, unscoped form."""
    if not isinstance(value, dict):
        return None
    waivers: dict[str, WaiverEntry] = {}
    for code, entry in value.items():
        if isinstance(entry, str) and entry.strip():
            waivers[str(code)] = WaiverEntry(entry.strip(), (), scoped=False)
        elif isinstance(entry, dict) and isinstance(entry.get("reason"), str) and entry["reason"].strip():
            scope = entry.get("scope")
            scopes = scope if isinstance(scope, list) else [] if scope is None else [scope]
            texts = tuple(_scalar(s) for s in scopes if _scalar(s))
            waivers[str(code)] = WaiverEntry(entry["reason"].strip(), texts, scoped=bool(texts))
    return waivers


def _scalar(value: object) -> str:
    """A scope as written (附则, 11, "11/4"): text, or a number as its digits."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return str(value).strip()


READERS: dict[str, Callable[[object], FieldValue | None]] = {  # data/fields.yml `type` -> its reader
    "text": _text,
    "code-name": _text,
    "ref": _text,
    "doc-ref": _text,
    "choice": _text,
    "texts": _texts,
    "refs": _texts,
    "doc-refs": _texts,
    "date": parse_date,
    "period": parse_period,
    "flag": lambda v: v if isinstance(v, bool) else None,
    "adoption": _adoption,
    "waivers": _waivers,
    "inferred": parse_inferred_year,
}


def read_value(spec: Field, value: object) -> FieldValue | None:
    """The parsed value, NOT_STATED, or None when it is not of the field's form (the schema explains)."""
    if spec.not_stated and isinstance(value, str) and value.strip() == NOT_STATED_TEXT:
        return NOT_STATED
    reader = READERS.get(spec.type)
    return reader(value) if reader else None


def display(spec: Field, value: object) -> str:
    """Plain text for the page header (templates escape it)."""
    if value is NOT_STATED:
        return NOT_STATED_TEXT
    if isinstance(value, dt.date):
        return chinese_date(value)
    if isinstance(value, Period):
        return value.label
    if isinstance(value, Adoption):
        return value.caption or value.label
    if isinstance(value, Inferred):
        return value.label
    if spec.type == "choice":
        return spec.choices.get(value, value) if isinstance(value, str) else str(value)
    if isinstance(value, (tuple, list)):
        return "、".join(str(v) for v in value)
    return str(value)


# ---- JSON Schema ----------------------------------------------------------------------------------

_NOT_STATED_SCHEMA: JsonSchema = {"const": NOT_STATED_TEXT, "description": "原件没有写明"}
_DATE: JsonSchema = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}(?![\\s\\S])"}
_NAME: JsonSchema = {"type": "string", "minLength": 1}
_SCOPE: JsonSchema = {"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]}


def _value_schema(spec: Field) -> JsonSchema:
    kind = spec.type
    schema: JsonSchema
    if kind in ("text", "ref", "doc-ref"):
        schema = dict(_NAME)
    elif kind == "code-name":
        schema = {"type": "string", "pattern": "^[a-z0-9]+([-_][a-z0-9]+)*(?![\\s\\S])"}
    elif kind in ("texts",):
        schema = {"anyOf": [dict(_NAME), {"type": "array", "minItems": 1, "items": dict(_NAME)}]}
    elif kind in ("refs", "doc-refs"):
        schema = {"type": "array", "minItems": 1, "uniqueItems": True, "items": dict(_NAME)}
    elif kind == "date":
        schema = dict(_DATE)
    elif kind == "period":
        schema = {"type": "string", "pattern": PERIOD_PATTERN}
    elif kind == "choice":
        schema = {"type": "string", "enum": list(spec.choices)}
    elif kind == "flag":
        schema = {"type": "boolean"}
    elif kind == "adoption":
        schema = {
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {
                "meeting": {**_NAME, "description": "通过文件的会议，例如 主席会议、常务委员会第十五次会议"},
                "session": {**_NAME, "description": "届次，例如 第十三届"},
                "date": {"anyOf": [dict(_DATE), _NOT_STATED_SCHEMA], "description": "通过日期 YYYY-MM-DD，或 原文未载"},
                "caption": {**_NAME, "description": "标题下的题注，照原件写"},
            },
        }
    elif kind == "waivers":
        schema = {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": "^ZX[0-9]{3}(?![\\s\\S])"},
            "additionalProperties": {
                "anyOf": [
                    {**_NAME, "description": "旧写法：只写原因（检查会提示补写 scope）"},
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["reason", "scope"],
                        "properties": {
                            "reason": {**_NAME, "description": "原件与常规格式不同的原因，页面显示为编者注"},
                            "scope": {
                                "anyOf": [_SCOPE, {"type": "array", "minItems": 1, "items": _SCOPE}],
                                "description": "豁免的究竟是什么：问题所说的章节、标题、数目，照检查提示抄写",
                            },
                        },
                    },
                ]
            },
        }
    elif kind == "inferred":
        schema = {
            "type": "object",
            "additionalProperties": False,
            "required": ["value", "basis"],
            "properties": {
                "value": {"type": "integer", "minimum": 1000, "maximum": 9999, "description": "推定的年份"},
                "basis": {**_NAME, "description": "推定的依据，例如 依据“九届二次会议”推定"},
            },
        }
    else:
        raise ValueError(f"data/fields.yml: unknown field type {kind!r}")
    if spec.not_stated:
        schema = {"anyOf": [schema, _NOT_STATED_SCHEMA]}
    schema["description"] = spec.help or spec.label
    if spec.example is not None:
        schema["examples"] = [_jsonable(spec.example)]
    return schema


def _jsonable(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def front_matter_schema(fields: Mapping[str, Field]) -> JsonSchema:
    """The JSON Schema of a document's front matter. Which fields a kind requires or allows is the
    `fields` check's business (its hints offer 原文未载); the schema gives every field's form."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "front-matter.schema.json",
        "title": "文档的文首元数据",
        "description": "docs/<文件夹>/<文档编号>.md 开头两行 --- 之间的字段（由 data/fields.yml 生成，请勿手改：make schemas）。",
        "type": "object",
        "additionalProperties": False,
        "properties": {spec.id: _value_schema(spec) for spec in fields.values()},
    }
