"""The JSON Schemas, the quick pre-check against jsonschema, the catalogue and the slugs."""

from __future__ import annotations

import copy
import json
import re

import pytest
import yaml
from jsonschema import Draft202012Validator

from checks_support import ROOT
from fixture_site import FIXTURE

SCHEMAS = sorted((ROOT / "data" / "schemas").glob("*.schema.json"))
EXPECTED = {
    "front-matter",
    "plan-data",
    "summary-data",
    "topics",
    "bodies",
    "forms",
    "roles",
    "kinds",
    "fields",
    "pagination",
    "sections",
    "problems",
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_schema_exists_and_is_valid():
    assert {p.name[: -len(".schema.json")] for p in SCHEMAS} >= EXPECTED
    for path in SCHEMAS:
        schema = _load(path)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)


def _objects(node):
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


def test_objects_are_closed_and_described_in_chinese():
    for path in SCHEMAS:
        schema = _load(path)
        for obj in _objects(schema):
            if "if" in obj or (obj.get("properties", {}).keys() <= {"status", "kind"} and "type" not in obj):
                continue  # the `if` part of a conditional
            if "properties" not in obj and isinstance(obj.get("additionalProperties"), dict):
                continue  # a map keyed by data (roles, waivers, choices): its values have a schema
            assert obj.get("additionalProperties") is False, (path.name, list(obj.get("properties", {})))
            for name, prop in obj.get("properties", {}).items():
                assert CJK.search(prop.get("description", "")), (path.name, name)


def test_data_files_point_editors_at_their_schema():
    for path in sorted((ROOT / "data").rglob("*.yml")):
        first = path.read_text(encoding="utf-8-sig").split("\n", 1)[0]
        match = re.match(r"# yaml-language-server: \$schema=(\S+)$", first)
        assert match, path
        assert (path.parent / match.group(1)).resolve().is_file(), path


# ---- the quick pre-check agrees with jsonschema ---------------------------------------------------


def _instances():
    """Every real and fixture data file and front matter, each with many broken variants."""
    from zhengxie.text.reading import parse_yaml, read_text, split_front_matter

    found = []
    names = {
        "topics": "topics",
        "bodies": "bodies",
        "forms": "forms",
        "roles": "roles",
        "kinds": "kinds",
        "fields": "fields",
        "sections": "sections",
        "problems": "problems",
    }
    for name, schema in names.items():
        found.append((schema, yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))))
    for root in (ROOT, FIXTURE):  # the fixture's documents too: the test never depends on which samples exist
        for folder, schema in (("plans", "plan-data"), ("summaries", "summary-data")):
            for path in sorted((root / "data" / folder).glob("*.yml")):
                found.append((schema, parse_yaml(read_text(path)[0]).data))
        for path in sorted((root / "docs").glob("*/*.md")):
            split = split_front_matter(read_text(path)[0])
            if split.front_matter and path.name != "index.md" and path.parent.name != "guide":
                found.append(("front-matter", parse_yaml(split.front_matter).data))
    return found


REPLACEMENTS = [
    None,
    "",
    "x",
    0,
    -1,
    13,
    2.5,
    100.0,
    101,
    True,
    [],
    ["a", "a"],
    [1],
    {},
    {"zz": 1},
    "2018-02-30",
    "2018-2-6",
    "2018",
    "2018-H3",
    "held",
    "merged",
    "ABC#x",
]


def _variants(instance):
    yield instance
    paths = []

    def walk(node, path):
        paths.append(path)
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node[:3]):
                walk(value, (*path, index))

    walk(instance, ())
    for path in paths[:60]:
        for replacement in REPLACEMENTS:
            variant = copy.deepcopy(instance)
            if not path:
                yield replacement
                continue
            parent = variant
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = replacement
            yield variant
        variant = copy.deepcopy(instance)
        parent = variant
        for part in path[:-1]:
            parent = parent[part]
        if path and isinstance(parent, dict):
            del parent[path[-1]]
            yield variant
        if path and isinstance(parent, dict):
            extra = copy.deepcopy(instance)
            target = extra
            for part in path[:-1]:
                target = target[part]
            target["unknown_key"] = 1
            yield extra


def test_fast_validator_agrees_with_jsonschema():
    """jsonschema-rs decides valid/invalid; jsonschema explains. They must agree on every variant."""
    import jsonschema_rs

    compared = 0
    for schema_name, instance in _instances():
        schema = _load(ROOT / "data" / "schemas" / f"{schema_name}.schema.json")
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        quick = jsonschema_rs.validator_for(schema, validate_formats=True)
        for variant in _variants(instance):
            valid = next(iter(validator.iter_errors(variant)), None) is None
            assert quick.is_valid(variant) == valid, (schema_name, str(variant)[:300])
            compared += 1
    assert compared > 1000


# ---- the catalogue --------------------------------------------------------------------------------


def test_catalogue_is_complete_and_valid():
    entries = yaml.safe_load((ROOT / "data" / "problems.yml").read_text(encoding="utf-8"))
    Draft202012Validator(_load(ROOT / "data" / "schemas" / "problems.schema.json")).validate(entries)
    codes = [e["code"] for e in entries]
    assert len(codes) == len(set(codes))
    used = set()
    for path in (ROOT / "hooks" / "zhengxie").rglob("*.py"):
        used |= set(re.findall(r"[\"'](ZX\d{3})[\"']", path.read_text(encoding="utf-8")))
    assert used <= set(codes), used - set(codes)
    for entry in entries:
        for key in ("message", "hint"):
            assert "\n" not in entry[key].strip(), entry["code"]


def test_catalogue_groups():
    entries = yaml.safe_load((ROOT / "data" / "problems.yml").read_text(encoding="utf-8"))
    for entry in entries:
        group = entry["code"][2]
        assert group in "123456", entry["code"]


# ---- slugs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "一、指导思想",
        "（一）围绕中心，服务大局",
        "ZX301 缺少必需章节",
        "Hello World 2018",
        "第一章　总则",
        "“放管服”改革 &amp; A-b_c",
        "<em>强调</em>标题",
        "  空格  ",
    ],
)
def test_slugify_matches_pymdownx(text):
    from pymdownx.slugs import slugify as reference

    from zhengxie.text.slugs import slugify

    assert slugify(text) == reference(case="lower")(text, "-")


def test_heading_text_strips_inline_markup():
    from zhengxie.text.slugs import heading_slug

    assert heading_slug("**一、** 指导思想") == "一-指导思想"
    assert heading_slug("[链接](x.md)标题") == "链接标题"
    assert heading_slug("`code` 标题") == "code-标题"


def test_unique_matches_the_toc_extension():
    from markdown.extensions.toc import unique as reference

    from zhengxie.text.slugs import unique

    ours, theirs = set(), set()
    for slug in ["a", "a", "a_1", "a", "", "", "b_1", "b_1"]:
        assert unique(slug, ours) == reference(slug, theirs)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda s: s.update(minLength=-1), "-1"),  # no schema by the metaschema
        (lambda s: s.update(pattern="(["), "(["),  # a pattern Python cannot compile
        (lambda s: s.update({"$id": "::no uri"}), "::no uri"),  # valid by the metaschema, unbuildable by jsonschema-rs
    ],
    ids=["metaschema", "pattern", "id"],
)
def test_a_broken_schema_is_one_zx103_every_time_it_is_checked(zx_repo, change, says):
    """A pull request that breaks a schema gets one ZX103 naming the file and what is wrong, never a
    traceback — and the same again when the same process checks the same text (make serve, tests)."""
    path = zx_repo.path("data/schemas/topics.schema.json")
    schema = json.loads(path.read_text(encoding="utf-8"))
    change(schema)
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    for _ in range(2):
        problems = [p for p in zx_repo.check() if p.code == "ZX103"]
        assert [p.file for p in problems] == ["data/schemas/topics.schema.json"]
        assert says in problems[0].message
