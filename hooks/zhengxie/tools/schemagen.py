"""Schemas generated from the registry: data/fields.yml → data/schemas/front-matter.schema.json, and
the value patterns of data/schemas/plan-data.schema.json (item times, stated counts) from the parsers
in values.py, so a form the schema accepts is one the parser reads.

`make schemas` writes them; a test asserts the committed files equal what the table generates, so the
schema editors' tools read and the check uses cannot drift from the table.
"""

from __future__ import annotations

import json
from pathlib import Path

from zhengxie.model.fields import front_matter_schema
from zhengxie.sources.loader import DATA, load_vocabulary
from zhengxie.text.values import COUNT_PATTERN, TIME_PATTERN

FRONT_MATTER_SCHEMA = f"{DATA}/schemas/front-matter.schema.json"
PLAN_DATA_SCHEMA = f"{DATA}/schemas/plan-data.schema.json"


def generated_schemas(root: Path) -> dict[str, str]:
    """Repo-relative path -> the file's text as generated from the registry."""
    vocab = load_vocabulary(root).vocab
    text = json.dumps(front_matter_schema(vocab.fields), ensure_ascii=False, indent=2) + "\n"
    plan = json.loads((Path(root) / PLAN_DATA_SCHEMA).read_text(encoding="utf-8"))
    item = plan["$defs"]["item"]["properties"]
    for time in (item["time"], item["stages"]["items"]["properties"]["time"]):
        time["anyOf"][0]["pattern"] = TIME_PATTERN
    plan["properties"]["stated_count"]["anyOf"][1]["pattern"] = COUNT_PATTERN
    return {FRONT_MATTER_SCHEMA: text, PLAN_DATA_SCHEMA: json.dumps(plan, ensure_ascii=False, indent=2) + "\n"}


def write_generated_schemas(root: Path) -> list[str]:
    written = []
    for path, text in generated_schemas(root).items():
        target = Path(root) / path
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(path)
    return written
