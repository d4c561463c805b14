"""Schemas generated from the registry: data/fields.yml → data/schemas/front-matter.schema.json, and
the value patterns of data/schemas/plan-data.schema.json (item times, stated counts) from the parsers
in values.py, so a form the schema accepts is one the parser reads.

Wherever an id is accepted, a registered Chinese name is too (the loader turns it into the id): an
id-shaped value or one with a character beyond ASCII passes the schema, so editors' tools do not flag
`form: 双月协商座谈会`; whether the name is registered is the vocabulary checks' finding (with a "did
you mean"), reported once.

`make schemas` writes them; a test asserts the committed files equal what the table generates, so the
schema editors' tools read and the check uses cannot drift from the table.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from zhengxie.model.fields import front_matter_schema
from zhengxie.sources.loader import DATA, load_vocabulary
from zhengxie.text.values import COUNT_PATTERN, TIME_PATTERN

FRONT_MATTER_SCHEMA = f"{DATA}/schemas/front-matter.schema.json"
PLAN_DATA_SCHEMA = f"{DATA}/schemas/plan-data.schema.json"
SUMMARY_DATA_SCHEMA = f"{DATA}/schemas/summary-data.schema.json"
# An id (lowercase letters, digits, hyphens) or a name (any text with a Chinese character).
ID_OR_NAME = "^([a-z0-9]+([-_][a-z0-9]+)*|[\\s\\S]*[^\\x00-\\x7f][\\s\\S]*)(?![\\s\\S])"
NAMED = "（登记的中文名称也可以）"


def generated_schemas(root: Path) -> dict[str, str]:
    """Repo-relative path -> the file's text as generated from the registry."""
    vocab = load_vocabulary(root).vocab
    front = front_matter_schema(vocab.fields)
    properties = front["properties"]
    assert isinstance(properties, dict)
    for spec in vocab.fields.values():
        if spec.type == "code-name":  # kind, type, profile: their ids, or their names
            properties[spec.id]["pattern"] = ID_OR_NAME
        if spec.type == "choice":  # a choice's id or its name (status: in-force or 现行有效)
            value = properties[spec.id]
            choice = value["anyOf"][0] if "anyOf" in value else value
            choice["enum"] = list(spec.choices) + [n for n in spec.choices.values() if n not in spec.choices]
    plan = _read(root, PLAN_DATA_SCHEMA)
    item = plan["$defs"]["item"]["properties"]
    for time in (item["time"], item["stages"]["items"]["properties"]["time"]):
        time["anyOf"][0]["pattern"] = TIME_PATTERN
    plan["properties"]["stated_count"]["anyOf"][1]["pattern"] = COUNT_PATTERN
    item["roles"]["propertyNames"]["pattern"] = ID_OR_NAME
    summary = _read(root, SUMMARY_DATA_SCHEMA)
    summary["properties"]["figures"]["items"]["properties"]["measure"]["pattern"] = ID_OR_NAME
    status = summary["properties"]["reports"]["items"]["properties"]["status"]  # data/statuses.yml
    status["enum"] = list(vocab.names_of("statuses").names)
    status["description"] = "落实情况：" + "，".join(f"{s.name}（{s.id}）" for s in vocab.statuses.values()) + NAMED
    return {FRONT_MATTER_SCHEMA: _text(front), PLAN_DATA_SCHEMA: _text(plan), SUMMARY_DATA_SCHEMA: _text(summary)}


def _read(root: Path, path: str) -> Any:
    return json.loads((Path(root) / path).read_text(encoding="utf-8"))


def _text(schema: object) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_generated_schemas(root: Path) -> list[str]:
    written = []
    for path, text in generated_schemas(root).items():
        target = Path(root) / path
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(path)
    return written
