"""A quick yes/no pre-check for the JSON Schema subset our schemas use, compiled to Python code.

jsonschema stays the authority: `compile_schema(schema)` returns a predicate that answers True only
when the instance certainly satisfies the schema; on False the caller runs jsonschema, which then
reports the errors. For a schema using any keyword not handled here it returns None (always ask
jsonschema). Valid files — nearly all of them — then cost one straight-line Python function call
instead of a full jsonschema walk. The semantics follow jsonschema's Draft 2020-12 keywords one for
one (tests/test_checks_schemas.py compares both on many valid and broken instances).
"""
from __future__ import annotations

import datetime as dt
import re

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "examples", "default", "$defs", "definitions",
               "deprecated", "readOnly", "writeOnly"}
KEYWORDS = {"type", "properties", "required", "additionalProperties", "items", "minItems", "minLength", "uniqueItems",
            "pattern", "format", "minimum", "maximum", "enum", "const", "allOf", "if", "then", "$ref", "minProperties"}
EXACT = {"properties", "required", "const", "enum", "type"}  # keywords allowed inside `if`
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_MISSING = object()

TYPE_TESTS = {
    "string": "isinstance({v}, str)",
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
    "integer": "((isinstance({v}, int) and not isinstance({v}, bool)) or (isinstance({v}, float) and {v}.is_integer()))",
    "number": "(isinstance({v}, (int, float)) and not isinstance({v}, bool))",
    "boolean": "isinstance({v}, bool)",
    "null": "{v} is None",
}


class Unsupported(Exception):
    pass


def compile_schema(schema: dict):
    """A predicate instance -> bool (True = certainly valid), or None if the schema is not covered."""
    try:
        return _Compiler(schema).build()
    except Unsupported:
        return None


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _unique(value: list) -> bool:
    if all(isinstance(x, str) for x in value):
        return len(set(value)) == len(value)
    return False  # not sure: let jsonschema decide


def _require_exact(schema) -> None:
    """An `if` must be decided exactly, not just "certainly valid": allow only keywords whose code
    here is exact both ways (string const/enum, required, type, nested properties)."""
    if isinstance(schema, bool):
        return
    if not isinstance(schema, dict) or set(schema) - ANNOTATIONS - EXACT:
        raise Unsupported("if")
    for sub in (schema.get("properties") or {}).values():
        _require_exact(sub)


class _Compiler:
    def __init__(self, root: dict):
        self.root = root
        self.constants: dict = {"_is_date": _is_date, "_unique": _unique, "_MISSING": _MISSING}
        self.functions: list = []  # source of every generated function
        self.refs: dict = {}  # "$ref" -> function name
        self.counter = 0

    def name(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def constant(self, value, prefix: str = "C") -> str:
        name = self.name(prefix)
        self.constants[name] = value
        return name

    def build(self):
        entry = self.function(self.root)
        namespace = dict(self.constants)
        exec("\n\n".join(self.functions), namespace)  # noqa: S102 - code generated from our own schema files
        return namespace[entry]

    def function(self, schema) -> str:
        name = self.name("f")
        body = self.emit(schema, "v0", 1)
        self.functions.append(f"def {name}(v0):\n" + "\n".join(body + ["    return True"]))
        return name

    def emit(self, schema, v: str, depth: int) -> list[str]:
        pad = "    " * depth
        if schema is True:
            return []
        if schema is False:
            return [f"{pad}return False"]
        if not isinstance(schema, dict):
            raise Unsupported(schema)
        unknown = set(schema) - ANNOTATIONS - KEYWORDS
        if unknown or ("then" in schema and "if" not in schema):
            raise Unsupported(unknown)
        out: list[str] = []
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if any(t not in TYPE_TESTS for t in types):
                raise Unsupported(types)
            out.append(f"{pad}if not ({' or '.join(TYPE_TESTS[t].format(v=v) for t in types)}): return False")
        if "enum" in schema or "const" in schema:
            allowed = schema["enum"] if "enum" in schema else [schema["const"]]
            if not all(isinstance(a, str) for a in allowed):
                raise Unsupported("enum")
            c = self.constant(frozenset(allowed))
            out.append(f"{pad}if not (isinstance({v}, str) and {v} in {c}): return False")
        if "minLength" in schema:
            out.append(f"{pad}if isinstance({v}, str) and len({v}) < {int(schema['minLength'])}: return False")
        if "pattern" in schema:
            c = self.constant(re.compile(schema["pattern"]), "P")
            out.append(f"{pad}if isinstance({v}, str) and {c}.search({v}) is None: return False")
        if "format" in schema:
            if schema["format"] != "date":
                raise Unsupported("format")
            out.append(f"{pad}if isinstance({v}, str) and not _is_date({v}): return False")
        number = TYPE_TESTS["number"].format(v=v)
        if "minimum" in schema:
            c = self.constant(schema["minimum"])
            out.append(f"{pad}if {number} and {v} < {c}: return False")
        if "maximum" in schema:
            c = self.constant(schema["maximum"])
            out.append(f"{pad}if {number} and {v} > {c}: return False")
        if {"required", "minProperties", "properties", "additionalProperties"} & set(schema):
            out += self.emit_object(schema, v, depth)
        if {"items", "minItems", "uniqueItems"} & set(schema):
            out += self.emit_array(schema, v, depth)
        for sub in schema.get("allOf") or []:
            out += self.emit(sub, v, depth)
        if "if" in schema:
            _require_exact(schema["if"])
            condition = self.function(schema["if"])
            if "then" in schema:
                then = self.function(schema["then"])
                out.append(f"{pad}if {condition}({v}) and not {then}({v}): return False")
        if "$ref" in schema:
            out.append(f"{pad}if not {self.ref(schema['$ref'])}({v}): return False")
        return out

    def emit_object(self, schema, v: str, depth: int) -> list[str]:
        pad = "    " * depth
        inner = "    " * (depth + 1)
        out = [f"{pad}if isinstance({v}, dict):"]
        for key in schema.get("required") or []:
            out.append(f"{inner}if {key!r} not in {v}: return False")
        if "minProperties" in schema:
            out.append(f"{inner}if len({v}) < {int(schema['minProperties'])}: return False")
        properties = schema.get("properties") or {}
        extra = schema.get("additionalProperties", True)
        if extra is not True:
            names = self.constant(frozenset(properties))
            key = f"k{depth}"
            item = f"x{depth}"
            out.append(f"{inner}for {key}, {item} in {v}.items():")
            out.append(f"{inner}    if {key} not in {names}:")
            body = self.emit(extra, item, depth + 3)
            out += body if body else [f"{inner}        pass"]
        for prop, sub in properties.items():
            item = f"p{depth}_{self.name('')}"
            body = self.emit(sub, item, depth + 2)
            if body:
                out.append(f"{inner}{item} = {v}.get({prop!r}, _MISSING)")
                out.append(f"{inner}if {item} is not _MISSING:")
                out += body
        return out if len(out) > 1 else []

    def emit_array(self, schema, v: str, depth: int) -> list[str]:
        pad = "    " * depth
        inner = "    " * (depth + 1)
        out = [f"{pad}if isinstance({v}, list):"]
        if "minItems" in schema:
            out.append(f"{inner}if len({v}) < {int(schema['minItems'])}: return False")
        if schema.get("uniqueItems"):
            out.append(f"{inner}if not _unique({v}): return False")
        if "items" in schema:
            item = f"i{depth}"
            body = self.emit(schema["items"], item, depth + 2)
            if body:
                out.append(f"{inner}for {item} in {v}:")
                out += body
        return out if len(out) > 1 else []

    def ref(self, ref: str) -> str:
        if not ref.startswith("#/"):
            raise Unsupported(ref)
        if ref not in self.refs:
            target = self.root
            for part in ref[2:].split("/"):
                target = target[part]
            name = self.name("r")
            self.refs[ref] = name
            body = self.emit(target, "v0", 1)
            self.functions.append(f"def {name}(v0):\n" + "\n".join(body + ["    return True"]))
        return self.refs[ref]
