"""Front matter and every YAML file against the JSON Schemas in data/schemas/ (draft 2020-12).

Each jsonschema error becomes a coded problem at the line of the offending key (from the YamlDoc
line map), with a Chinese message: unknown key, missing field, wrong type, empty value, bad format,
out of range, value not allowed. Validators are built once per schema file and reused. Membership
in the vocabularies (topics, bodies, forms) is checked by `references` with "did you mean" hints.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jsonschema_rs

from zhengxie.checks import wording
from zhengxie.model.corpus import Corpus, KeyPath
from zhengxie.registry.problems import Reporter
from zhengxie.sources.loader import DATA, VOCAB_FILES
from zhengxie.text.reading import UNREAD, YamlDoc, inside_repository, parse_yaml, read_text
from zhengxie.text.values import NOT_STATED_TEXT

SCHEMAS = "schemas"
FRONT_MATTER = "front-matter"
VOCAB_SCHEMAS = {  # data file -> schema name
    f"{DATA}/topics.yml": "topics",
    f"{DATA}/bodies.yml": "bodies",
    f"{DATA}/forms.yml": "forms",
    f"{DATA}/roles.yml": "roles",
    f"{DATA}/statuses.yml": "statuses",
    f"{DATA}/fields.yml": "fields",
    f"{DATA}/kinds.yml": "kinds",
    f"{DATA}/sections.yml": "sections",
    f"{DATA}/measures.yml": "measures",
    f"{DATA}/pagination.yml": "pagination",
    f"{DATA}/problems.yml": "problems",
    f"{DATA}/site.yml": "site",  # optional: footer, 索引号, originals, licence (zhengxie.model.portal)
}
OPTIONAL_SCHEMAS = {  # data files a repository may lack -> schema name
    f"{DATA}/shards.yml": "shards",  # the sharded build's settings (zhengxie.shards)
    f"{DATA}/import.yml": "import",  # make import's column names (zhengxie.tools.importer)
}
DATA_SCHEMAS = {"plan-items": "plan-data", "summary-figures": "summary-data"}  # data model (kinds.yml) -> schema

if TYPE_CHECKING:  # jsonschema is imported when a file is invalid (see Schema.validator)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

_REQUIRED = re.compile(r"^(.*) is a required property$")
_RANGE = {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}

# A JSON Schema document: an object, or true / false (what Draft202012Validator.check_schema admits).
JsonSchema = dict[str, object] | bool


@dataclass
class Schema:
    source: JsonSchema  # the schema as read
    descriptions: dict[str, str]  # property name -> its Chinese description (first one found)
    # jsonschema-rs answers valid/invalid many times faster; jsonschema (the reference
    # implementation) then explains an invalid file in terms we map to Chinese messages.
    quick: jsonschema_rs.Validator
    _validator: Draft202012Validator | None = None

    @property
    def validator(self) -> Draft202012Validator:
        """jsonschema's validator, built (and jsonschema imported) when a file is invalid."""
        if self._validator is None:
            from jsonschema import Draft202012Validator

            self._validator = Draft202012Validator(self.source, format_checker=Draft202012Validator.FORMAT_CHECKER)
        return self._validator


def load_schema(root: Path, name: str, reporter: Reporter | None = None) -> Schema | None:
    """The validator for data/schemas/<name>.schema.json, read and checked on every run (nothing of an
    earlier run is kept but jsonschema's verdict on a text it has seen: not_a_schema). A file that is
    no schema, or one jsonschema-rs cannot build (an $id that is no URI), is its one ZX103."""
    path = Path(root) / DATA / SCHEMAS / f"{name}.schema.json"
    rel = f"{DATA}/{SCHEMAS}/{name}.schema.json"
    if not path.is_file():
        if reporter is not None:
            reporter.add("ZX108", rel)
        return None
    if not inside_repository(path, Path(root)):  # a symlink: reported by discovery, never read
        if reporter is not None:
            reporter.add_once("ZX116", rel, 1)
        return None
    line: int | None = None
    quick: jsonschema_rs.Validator | None = None
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        schema: JsonSchema = json.loads(text)
        wrong = not_a_schema(text)
        quick = None if wrong else jsonschema_rs.validator_for(schema, validate_formats=True)
    except (ValueError, OSError) as error:  # not JSON, not UTF-8, unbuildable by jsonschema-rs, unreadable
        wrong = (str(error).splitlines() or [type(error).__name__])[0]
        line = getattr(error, "lineno", None)
    if wrong or quick is None:
        if reporter is not None:
            reporter.add("ZX103", rel, line, detail=wrong)
        return None
    return Schema(schema, _descriptions(schema), quick)


@functools.lru_cache(maxsize=64)
def not_a_schema(text: str) -> str | None:
    """Why the JSON `text` is no draft 2020-12 schema (the first line of jsonschema's SchemaError), or
    None. A pure function of the text, remembered: checking a schema against the metaschema is most of
    a small repository's check (about 90 ms), and the tests and `make serve` check the same schemas
    many times in one process."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        Draft202012Validator.check_schema(json.loads(text))
    except SchemaError as error:
        return str(error).splitlines()[0]
    return None


def _descriptions(schema: JsonSchema) -> dict[str, str]:
    found: dict[str, str] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            # (the walk reaches every object, examples and constants too: not all are schemas)
            properties = node.get("properties")
            for name, sub in properties.items() if isinstance(properties, dict) else ():
                description = sub.get("description") if isinstance(sub, dict) else None
                if isinstance(description, str):
                    found.setdefault(name, description)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return found


def check_schemas(corpus: Corpus) -> None:
    root, reporter = corpus.root, corpus.reporter
    schemas: dict[str, Schema | None] = {}

    def schema(name: str) -> Schema | None:
        if name not in schemas:
            schemas[name] = load_schema(root, name, reporter)
        return schemas[name]

    for path, ydoc in corpus.vocab_yaml.items():
        name = VOCAB_SCHEMAS.get(path)
        found = schema(name) if name else None
        if found is not None and _parsed(ydoc):
            validate(found, ydoc.data, ydoc, path, reporter)
    problems_path = f"{DATA}/problems.yml"
    problems_doc = _read_yaml(Path(root) / problems_path, Path(root))
    found = schema("problems") if problems_doc is not None else None
    if problems_doc is not None and found is not None and _parsed(problems_doc):
        validate(found, problems_doc.data, problems_doc, problems_path, reporter)
    _check_unique_ids(corpus, problems_doc)
    for optional_path, name in OPTIONAL_SCHEMAS.items():
        optional_doc = _read_yaml(Path(root) / optional_path, Path(root))
        found = schema(name) if optional_doc is not None else None
        if optional_doc is not None and found is not None and _parsed(optional_doc):
            validate(found, optional_doc.data, optional_doc, optional_path, reporter)

    front = schema(FRONT_MATTER)
    for doc in corpus.documents.values():
        meta_yaml = doc.meta_yaml
        if (
            front is not None
            and meta_yaml is not None
            and not _syntax_error(meta_yaml)
            and (isinstance(meta_yaml.data, dict) or meta_yaml.data is None)
        ):  # None: an empty front matter
            validate(front, meta_yaml.data or {}, meta_yaml, doc.path, reporter)
        kind = corpus.vocab.kinds.get(doc.kind)
        name = DATA_SCHEMAS.get(kind.data) if kind and kind.data else None
        data_yaml, data_path = doc.data_yaml, doc.data_path  # (a data file is read only with its path)
        if name and data_yaml is not None and data_path is not None and _parsed(data_yaml):
            found = schema(name)
            if found is not None:
                validate(found, data_yaml.data, data_yaml, data_path, reporter)


def _syntax_error(ydoc: YamlDoc) -> bool:
    return any(issue.kind in UNREAD for issue in ydoc.issues)


def _parsed(ydoc: YamlDoc) -> bool:
    """A file that was parsed without a syntax error (a file with only comments holds null);
    empty and unreadable files were never parsed and are reported by the loader (ZX104, ZX101)."""
    return bool(ydoc.text.strip()) and not _syntax_error(ydoc)


def _read_yaml(path: Path, root: Path) -> YamlDoc | None:
    if not path.is_file():
        return None
    text, _reason = read_text(path, root)
    if text is None or not text.strip():
        return None
    return parse_yaml(text)


# ---- mapping jsonschema errors to problems --------------------------------------------------------


def validate(schema: Schema, instance: object, ydoc: YamlDoc, file: str, reporter: Reporter) -> None:
    if schema.quick.is_valid(instance):
        return
    for error in schema.validator.iter_errors(instance):
        if isinstance(error.instance, float) and not math.isfinite(error.instance):
            continue  # .nan / .inf: ZX237 (checks.documents) says what is wrong, once
        _report(error, schema, ydoc, file, reporter)


def _explain_alternatives(error: ValidationError) -> ValidationError | None:
    """For a value that fits none of an anyOf's forms (a date or 原文未载; a month name or a number …):
    the error of the form the value was meant to take — the one whose type it has — so the editor
    reads "format", "empty" or "out of range" instead of a bare "does not match". None when every
    form wants another type (then the value's type is what is wrong)."""
    while error.validator in ("anyOf", "oneOf") and error.context:
        meant = [
            e
            for e in error.context
            if not _wants_another_type(e) and not (e.validator == "const" and e.validator_value == NOT_STATED_TEXT)
        ]
        if not meant:
            return None
        # the error of the branch that got furthest (deepest path), first in schema order
        error = max(meant, key=lambda e: (len(e.absolute_path), -_form_index(e)))
    return error


def _form_index(error: ValidationError) -> int:
    """Which form of its anyOf / oneOf an error of the context is about: its schema path's first step."""
    first = error.schema_path[0] if error.schema_path else 0
    return first if isinstance(first, int) else 0


def _wants_another_type(error: ValidationError) -> bool:
    """A form of the anyOf that wants another type for this very value (not for something inside it:
    a list of numbers where names belong is the list form, with wrong items)."""
    return error.validator == "type" and not error.relative_path


def _alternative_types(error: ValidationError) -> list[str]:
    """Every JSON type the anyOf's forms accept (原文未载 shown as itself)."""
    types: list[str] = []
    for sub in error.context:
        if _wants_another_type(sub):
            keyword = sub.validator_value  # a type name or a list of them (the meta-schema's `type`)
            for t in keyword if isinstance(keyword, list) else [keyword]:
                if isinstance(t, str) and t not in types:
                    types.append(t)
        elif sub.validator == "const" and sub.validator_value == NOT_STATED_TEXT and NOT_STATED_TEXT not in types:
            types.append(NOT_STATED_TEXT)
        elif sub.validator in ("anyOf", "oneOf"):
            types += [t for t in _alternative_types(sub) if t not in types]
    return types


def _keywords(error: ValidationError) -> Mapping[str, object]:
    """The (sub)schema whose keyword the error is about: an object (only a `false` schema is not)."""
    return error.schema if isinstance(error.schema, dict) else {}


def _property(keywords: Mapping[str, object], name: str) -> Mapping[str, object]:
    """The subschema `properties` gives a property: an object, or {} (none, or `true` / `false`)."""
    properties = keywords.get("properties")
    sub = properties.get(name) if isinstance(properties, dict) else None
    return sub if isinstance(sub, dict) else {}


def _number(value: object) -> float | None:
    """A bound the schema states (minimum …: a number), or None."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _report(error: ValidationError, schema: Schema, ydoc: YamlDoc, file: str, reporter: Reporter) -> None:
    outer_help = _keywords(error).get("description")
    if error.validator in ("anyOf", "oneOf") and error.context:
        meant = _explain_alternatives(error)
        if meant is None:
            path = tuple(error.absolute_path)
            reporter.add(
                "ZX203",
                file,
                ydoc.line_of(path) or ydoc.line_of((), 1),
                field=_field(path),
                at=wording.at(path),
                expected=wording.expected_types(_alternative_types(error)),
                actual=wording.type_name(error.instance),
                help=outer_help or _described(path, schema),
            )
            return
        error = meant
    path = tuple(error.absolute_path)
    validator = error.validator
    value = error.instance
    line = ydoc.line_of(path) or ydoc.line_of((), 1)
    field = _field(path)
    where = wording.at(path)
    help_ = _keywords(error).get("description") or outer_help or _described(path, schema)
    if validator == "additionalProperties" and isinstance(value, dict):
        properties = _keywords(error).get("properties")
        allowed = list(properties) if isinstance(properties, dict) else []
        for key in value:
            if key in allowed:
                continue
            key_path = (*path, key)
            reporter.add(
                "ZX201",
                file,
                ydoc.line_of(key_path) or line,
                field=key,
                at=wording.at(key_path),
                did_you_mean=wording.did_you_mean(str(key), allowed),
                allowed=wording.join(allowed),
            )
    elif validator == "required" and isinstance(value, dict):
        match = _REQUIRED.match(error.message)
        required = error.validator_value if isinstance(error.validator_value, list) else []  # the names, a list
        missing = [k for k in required if k not in value]
        key = next((k for k in missing if match and match.group(1) == repr(k)), missing[0] if missing else "?")
        key_path = (*path, key)
        reporter.add(
            "ZX202",
            file,
            line,
            field=key,
            at=wording.at(key_path),
            help=_property(_keywords(error), key).get("description") or schema.descriptions.get(key, ""),
        )
    elif validator == "type":
        types = error.validator_value if isinstance(error.validator_value, (str, list)) else []  # a name or a list
        reporter.add(
            "ZX203",
            file,
            line,
            field=field,
            at=where,
            expected=wording.expected_types(types),
            actual=wording.type_name(value),
            help=help_,
        )
    elif validator in ("enum", "const"):
        keyword = error.validator_value
        allowed = keyword if validator == "enum" and isinstance(keyword, list) else [keyword]
        reporter.add(
            "ZX204",
            file,
            line,
            field=field,
            at=where,
            value=_show(value),
            did_you_mean=wording.did_you_mean(value, [a for a in allowed if isinstance(a, str)]),
            allowed=wording.join(allowed),
        )
    elif validator in ("minLength", "minItems", "minProperties") and error.validator_value == 1:
        reporter.add("ZX205", file, line, field=field, at=where, help=help_)
    elif validator in ("pattern", "format"):
        reporter.add("ZX206", file, line, field=field, at=where, value=_show(value), help=help_)
    elif validator in _RANGE:
        keywords = _keywords(error)
        low = keywords.get("minimum", keywords.get("exclusiveMinimum"))
        high = keywords.get("maximum", keywords.get("exclusiveMaximum"))
        reporter.add(
            "ZX207",
            file,
            line,
            field=field,
            at=where,
            value=_show(value),
            range=wording.numeral_range(_number(low), _number(high)),
            help=help_,
        )
    elif validator == "uniqueItems" and isinstance(value, list):
        seen: set[str] = set()
        for index, item in enumerate(value):
            marker = json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)
            if marker in seen:
                reporter.add("ZX208", file, ydoc.line_of((*path, index)), field=field, at=where, value=_show(item))
                break
            seen.add(marker)
    else:
        reporter.add("ZX200", file, line, field=field, at=where, rule=validator, help=help_)


def _described(path: KeyPath, schema: Schema) -> str:
    """The description of the nearest key on the path that has one (roles → lead-unit: the roles')."""
    for part in reversed(path):
        if isinstance(part, str) and part in schema.descriptions:
            return schema.descriptions[part]
    return ""


def _field(path: KeyPath) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    last = path[-1] if path else None  # list indexes only
    return wording.item(last) if isinstance(last, int) else wording.ROOT


def _show(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    return str(value)


# ---- unique ids in the vocabularies ---------------------------------------------------------------


def _check_unique_ids(corpus: Corpus, problems_doc: YamlDoc | None) -> None:
    files: list[tuple[str, YamlDoc, str]] = [
        (path, corpus.vocab_yaml[path], "id")
        for path in (f"{DATA}/{n}.yml" for n in VOCAB_FILES if n != "measures")  # measures.yml is a mapping
        if path in corpus.vocab_yaml
    ]
    if problems_doc is not None:
        files.append((f"{DATA}/problems.yml", problems_doc, "code"))
    for path, ydoc, key in files:
        entries = ydoc.data if isinstance(ydoc.data, list) else []
        _unique(corpus, path, ydoc, [((i,), e.get(key)) for i, e in enumerate(entries) if isinstance(e, dict)], key)
        if path.endswith("kinds.yml"):
            _unique(
                corpus,
                path,
                ydoc,
                [((i,), e.get("folder")) for i, e in enumerate(entries) if isinstance(e, dict)],
                "folder",
            )
            for i, e in enumerate(entries):
                types = e.get("types") if isinstance(e, dict) else None
                if isinstance(types, list):
                    _unique(
                        corpus,
                        path,
                        ydoc,
                        [((i, "types", j), t.get("id")) for j, t in enumerate(types) if isinstance(t, dict)],
                        "id",
                    )


def _unique(corpus: Corpus, path: str, ydoc: YamlDoc, entries: list[tuple[KeyPath, object]], key: str | None) -> None:
    first: dict[str | int, int | None] = {}
    for where, value in entries:
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            continue
        line = ydoc.line_of((*where, key) if key else where)
        if value in first:
            corpus.reporter.add("ZX209", path, line, id=value, first_line=first[value])
        else:
            first[value] = line
