"""Front matter and every YAML file against the JSON Schemas in data/schemas/ (draft 2020-12).

Each jsonschema error becomes a coded problem at the line of the offending key (from the YamlDoc
line map), with a Chinese message: unknown key, missing field, wrong type, empty value, bad format,
out of range, value not allowed. Validators are built once per schema file and reused. Membership
in the vocabularies (topics, bodies, forms) is checked by `references` with "did you mean" hints.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jsonschema_rs

from zhengxie.checks import wording
from zhengxie.model.corpus import Corpus
from zhengxie.sources.loader import DATA
from zhengxie.text.reading import UNREAD, YamlDoc, inside_repository, parse_yaml, read_text
from zhengxie.text.values import NOT_STATED_TEXT

SCHEMAS = "schemas"
FRONT_MATTER = "front-matter"
VOCAB_SCHEMAS = {  # data file -> schema name
    f"{DATA}/topics.yml": "topics",
    f"{DATA}/bodies.yml": "bodies",
    f"{DATA}/forms.yml": "forms",
    f"{DATA}/roles.yml": "roles",
    f"{DATA}/fields.yml": "fields",
    f"{DATA}/kinds.yml": "kinds",
    f"{DATA}/sections.yml": "sections",
    f"{DATA}/measures.yml": "measures",
    f"{DATA}/pagination.yml": "pagination",
    f"{DATA}/problems.yml": "problems",
}
DATA_SCHEMAS = {"plan-items": "plan-data", "summary-figures": "summary-data"}  # data model (kinds.yml) -> schema

_REQUIRED = re.compile(r"^(.*) is a required property$")
_RANGE = {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}


@dataclass
class Schema:
    source: dict  # the schema as read
    descriptions: dict  # property name -> its Chinese description (first one found)
    # jsonschema-rs answers valid/invalid many times faster; jsonschema (the reference
    # implementation) then explains an invalid file in terms we map to Chinese messages.
    quick: object = None
    _validator: object = None

    @property
    def validator(self):
        """jsonschema's validator, built (and jsonschema imported) when a file is invalid."""
        if self._validator is None:
            from jsonschema import Draft202012Validator

            self._validator = Draft202012Validator(self.source, format_checker=Draft202012Validator.FORMAT_CHECKER)
        return self._validator


_cache: dict = {}  # (path, mtime_ns, size) -> Schema
# Content hashes of schema texts jsonschema found valid (its check of a schema costs more than
# validating every file): this process's, and those a previous run kept in the cache (see
# remembered / remember). A schema that is not valid is checked again each time.
_valid_texts: set = set()


def remembered() -> list:
    return sorted(_valid_texts)


def remember(hashes) -> None:
    _valid_texts.update(h for h in hashes if isinstance(h, str))


def load_schema(root: Path, name: str, reporter=None) -> Schema | None:
    """The validator for data/schemas/<name>.schema.json, built once per file version."""
    path = Path(root) / DATA / SCHEMAS / f"{name}.schema.json"
    rel = f"{DATA}/{SCHEMAS}/{name}.schema.json"
    try:
        stat = path.stat()
    except OSError:
        if reporter is not None:
            reporter.add("ZX108", rel)
        return None
    if not inside_repository(path, Path(root)):  # a symlink: reported by discovery, never read
        if reporter is not None:
            reporter.add_once("ZX116", rel, 1)
        return None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key in _cache:
        return _cache[key]
    try:
        raw = path.read_bytes()
        schema = json.loads(raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n"))  # as read_text
        digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
        if digest not in _valid_texts:
            from jsonschema import Draft202012Validator

            Draft202012Validator.check_schema(schema)
            _valid_texts.add(digest)
    except Exception as error:  # noqa: BLE001 - ValueError (JSON, UTF-8) or jsonschema's SchemaError
        if not _schema_error(error):
            raise
        if reporter is not None:
            line = getattr(error, "lineno", None)
            reporter.add("ZX103", rel, line, detail=str(error).splitlines()[0])
        return None
    result = Schema(schema, _descriptions(schema), jsonschema_rs.validator_for(schema, validate_formats=True))
    _cache[key] = result
    return result


def preload(root: Path) -> list:
    """Load every schema here (problems are reported when the checks load them): for processes
    forked before, the content hashes found valid, which `remember` then takes."""
    for name in (*VOCAB_SCHEMAS.values(), *DATA_SCHEMAS.values(), FRONT_MATTER, "shards"):
        load_schema(root, name)
    return remembered()


def _schema_error(error: Exception) -> bool:
    if isinstance(error, ValueError):
        return True
    from jsonschema.exceptions import SchemaError

    return isinstance(error, SchemaError)


def _descriptions(schema) -> dict:
    found: dict = {}

    def walk(node):
        if isinstance(node, dict):
            for name, sub in (node.get("properties") or {}).items():
                if isinstance(sub, dict) and "description" in sub:
                    found.setdefault(name, sub["description"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return found


def check_schemas(corpus: Corpus) -> None:
    root, reporter = corpus.root, corpus.reporter
    schemas: dict = {}

    def schema(name):
        if name not in schemas:
            schemas[name] = load_schema(root, name, reporter)
        return schemas[name]

    for path, ydoc in corpus.vocab_yaml.items():
        name = VOCAB_SCHEMAS.get(path)
        if name and schema(name) and _parsed(ydoc):
            validate(schema(name), ydoc.data, ydoc, path, reporter)
    problems_path = f"{DATA}/problems.yml"
    problems_doc = _read_yaml(Path(root) / problems_path, Path(root))
    if problems_doc is not None and schema("problems") and _parsed(problems_doc):
        validate(schema("problems"), problems_doc.data, problems_doc, problems_path, reporter)
    _check_unique_ids(corpus, problems_doc)
    shards_path = f"{DATA}/shards.yml"  # optional: the sharded build's settings (zhengxie.shards)
    shards_doc = _read_yaml(Path(root) / shards_path, Path(root))
    if shards_doc is not None and schema("shards") and _parsed(shards_doc):
        validate(schema("shards"), shards_doc.data, shards_doc, shards_path, reporter)

    front = schema(FRONT_MATTER)
    for doc in corpus.documents.values():
        meta_yaml = doc.meta_yaml
        if front is not None and meta_yaml is not None and not _syntax_error(meta_yaml):
            if isinstance(meta_yaml.data, dict) or meta_yaml.data is None:  # None: an empty front matter
                validate(front, meta_yaml.data or {}, meta_yaml, doc.path, reporter)
        kind = corpus.vocab.kinds.get(doc.kind)
        name = DATA_SCHEMAS.get(kind.data) if kind else None
        if name and doc.data_yaml is not None and _parsed(doc.data_yaml) and schema(name):
            validate(schema(name), doc.data_yaml.data, doc.data_yaml, doc.data_path, reporter)


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


def validate(schema: Schema, instance, ydoc: YamlDoc, file: str, reporter) -> None:
    if schema.quick.is_valid(instance):
        return
    for error in schema.validator.iter_errors(instance):
        _report(error, schema, ydoc, file, reporter)


def _explain_alternatives(error):
    """For a value that fits none of an anyOf's forms (a date or 原文未载; a month name or a number …):
    the error of the form the value was meant to take — the one whose type it has — so the editor
    reads "format", "empty" or "out of range" instead of a bare "does not match". None when every
    form wants another type (then the value's type is what is wrong)."""
    while error.validator in ("anyOf", "oneOf") and error.context:
        meant = [e for e in error.context
                 if not _wants_another_type(e) and not (e.validator == "const" and e.validator_value == NOT_STATED_TEXT)]
        if not meant:
            return None
        # the error of the branch that got furthest (deepest path), first in schema order
        error = max(meant, key=lambda e: (len(e.absolute_path), -e.schema_path[0]))
    return error


def _wants_another_type(error) -> bool:
    """A form of the anyOf that wants another type for this very value (not for something inside it:
    a list of numbers where names belong is the list form, with wrong items)."""
    return error.validator == "type" and not error.relative_path


def _alternative_types(error) -> list:
    """Every JSON type the anyOf's forms accept (原文未载 shown as itself)."""
    types: list = []
    for sub in error.context:
        if _wants_another_type(sub):
            for t in sub.validator_value if isinstance(sub.validator_value, list) else [sub.validator_value]:
                if t not in types:
                    types.append(t)
        elif sub.validator == "const" and sub.validator_value == NOT_STATED_TEXT and NOT_STATED_TEXT not in types:
            types.append(NOT_STATED_TEXT)
        elif sub.validator in ("anyOf", "oneOf"):
            types += [t for t in _alternative_types(sub) if t not in types]
    return types


def _report(error, schema: Schema, ydoc: YamlDoc, file: str, reporter) -> None:
    outer_help = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator in ("anyOf", "oneOf") and error.context:
        meant = _explain_alternatives(error)
        if meant is None:
            path = tuple(error.absolute_path)
            reporter.add("ZX203", file, ydoc.line_of(path) or ydoc.line_of((), 1), field=_field(path),
                         at=wording.at(path), expected=wording.expected_types(_alternative_types(error)),
                         actual=wording.type_name(error.instance),
                         help=outer_help or _described(path, schema))
            return
        error = meant
    path = tuple(error.absolute_path)
    validator = error.validator
    value = error.instance
    line = ydoc.line_of(path) or ydoc.line_of((), 1)
    field = _field(path)
    where = wording.at(path)
    help_ = (error.schema.get("description") if isinstance(error.schema, dict) else None) \
        or outer_help or _described(path, schema)
    if validator == "additionalProperties" and isinstance(value, dict):
        allowed = list((error.schema.get("properties") or {}).keys())
        for key in value:
            if key in allowed:
                continue
            key_path = path + (key,)
            reporter.add("ZX201", file, ydoc.line_of(key_path) or line, field=key, at=wording.at(key_path),
                         did_you_mean=wording.did_you_mean(str(key), allowed), allowed=wording.join(allowed))
    elif validator == "required" and isinstance(value, dict):
        match = _REQUIRED.match(error.message)
        missing = [k for k in error.validator_value if k not in value]
        key = next((k for k in missing if match and match.group(1) == repr(k)), missing[0] if missing else "?")
        key_path = path + (key,)
        reporter.add("ZX202", file, line, field=key, at=wording.at(key_path),
                     help=(error.schema.get("properties") or {}).get(key, {}).get("description")
                     or schema.descriptions.get(key, ""))
    elif validator == "type":
        reporter.add("ZX203", file, line, field=field, at=where, expected=wording.expected_types(error.validator_value),
                     actual=wording.type_name(value), help=help_)
    elif validator in ("enum", "const"):
        allowed = error.validator_value if validator == "enum" else [error.validator_value]
        reporter.add("ZX204", file, line, field=field, at=where, value=_show(value),
                     did_you_mean=wording.did_you_mean(value, [a for a in allowed if isinstance(a, str)]),
                     allowed=wording.join(allowed))
    elif validator in ("minLength", "minItems", "minProperties") and error.validator_value == 1:
        reporter.add("ZX205", file, line, field=field, at=where, help=help_)
    elif validator in ("pattern", "format"):
        reporter.add("ZX206", file, line, field=field, at=where, value=_show(value), help=help_)
    elif validator in _RANGE:
        low = error.schema.get("minimum", error.schema.get("exclusiveMinimum"))
        high = error.schema.get("maximum", error.schema.get("exclusiveMaximum"))
        reporter.add("ZX207", file, line, field=field, at=where, value=_show(value),
                     range=wording.numeral_range(low, high), help=help_)
    elif validator == "uniqueItems" and isinstance(value, list):
        seen: set = set()
        for index, item in enumerate(value):
            marker = json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)
            if marker in seen:
                reporter.add("ZX208", file, ydoc.line_of(path + (index,)), field=field, at=where, value=_show(item))
                break
            seen.add(marker)
    else:
        reporter.add("ZX200", file, line, field=field, at=where, rule=validator, help=help_)


def _described(path: tuple, schema: Schema) -> str:
    """The description of the nearest key on the path that has one (roles → lead-unit: the roles')."""
    for part in reversed(path):
        if isinstance(part, str) and part in schema.descriptions:
            return schema.descriptions[part]
    return ""


def _field(path: tuple) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return wording.item(path[-1]) if path else wording.ROOT


def _show(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    return str(value)


# ---- unique ids in the vocabularies ---------------------------------------------------------------


def _check_unique_ids(corpus: Corpus, problems_doc: YamlDoc | None) -> None:
    files = [(path, corpus.vocab_yaml[path], "id")
             for path in (f"{DATA}/{n}.yml" for n in ("topics", "bodies", "forms", "roles", "kinds", "fields", "sections"))
             if path in corpus.vocab_yaml]
    if problems_doc is not None:
        files.append((f"{DATA}/problems.yml", problems_doc, "code"))
    for path, ydoc, key in files:
        entries = ydoc.data if isinstance(ydoc.data, list) else []
        _unique(corpus, path, ydoc, [((i,), e.get(key)) for i, e in enumerate(entries) if isinstance(e, dict)], key)
        if path.endswith("kinds.yml"):
            _unique(corpus, path, ydoc, [((i,), e.get("folder")) for i, e in enumerate(entries) if isinstance(e, dict)], "folder")
            for i, e in enumerate(entries):
                types = e.get("types") if isinstance(e, dict) else None
                if isinstance(types, list):
                    _unique(corpus, path, ydoc, [((i, "types", j), t.get("id")) for j, t in enumerate(types)
                                                 if isinstance(t, dict)], "id")


def _unique(corpus: Corpus, path: str, ydoc: YamlDoc, entries: list, key: str | None) -> None:
    first: dict = {}
    for where, value in entries:
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            continue
        line = ydoc.line_of(where + ((key,) if key else ()))
        if value in first:
            corpus.reporter.add("ZX209", path, line, id=value, first_line=first[value])
        else:
            first[value] = line
