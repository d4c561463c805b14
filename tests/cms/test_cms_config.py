"""The editor's configuration is the registry's: a collection per kind with the fields of
data/fields.yml (labels, help, 原文未载 where allowed), choices by Chinese name with ids as values,
and the files the site publishes at admin/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from zhengxie.outputs import cms
from zhengxie.sources.loader import load_vocabulary

CORPUS = load_vocabulary(ROOT)
VOCAB = CORPUS.vocab
CONFIG = cms.config(ROOT, CORPUS)
COLLECTIONS = {c["name"]: c for c in CONFIG["collections"]}


def fields_of(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in collection["fields"]}


def walk(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for spec in fields:
        found.append(spec)
        found += walk(spec.get("fields", []) + ([spec["field"]] if "field" in spec else []))
    return found


@pytest.mark.parametrize("kind", list(VOCAB.kinds.values()), ids=list(VOCAB.kinds))
def test_a_collection_per_kind_with_the_fields_of_the_table(kind) -> None:
    collection = COLLECTIONS[kind.folder]
    assert collection["label"] == kind.name and collection["folder"] == f"docs/{kind.folder}"
    assert collection["filter"] == {"field": "kind", "value": kind.id}  # index.md is no document
    fields = fields_of(collection)
    for spec in VOCAB.fields.values():
        if not spec.applies_to(kind.id):
            assert spec.id not in fields
            continue
        widget = fields[spec.id]
        assert (widget["label"], widget["hint"]) == (spec.label, spec.help)
        offers = widget.get("zx_not_stated", False)
        assert offers == (spec.not_stated and widget["widget"] == "zx-value"), spec.id
        assert offers or not spec.not_stated or spec.type == "ref", f"{spec.id} may be 原文未载 but does not offer it"
    assert fields["kind"] == {**fields["kind"], "widget": "hidden", "default": kind.id}
    assert [o["value"] for o in fields["type"]["options"]] == list(kind.types)


def test_choices_show_chinese_names_and_store_ids() -> None:
    every = [
        f
        for c in COLLECTIONS.values()
        for f in walk(c.get("fields", []) + [g for file in c.get("files", []) for g in file["fields"]])
    ]
    selects = [f for f in every if f["widget"] == "select" and f["name"] != "unit"]
    assert selects
    for spec in selects:
        for option in spec["options"]:
            assert option["label"] != option["value"], (spec["name"], option)
    items = {f["name"]: f for f in fields_of(COLLECTIONS["plan-items"])["items"]["fields"]}
    assert {o["label"]: o["value"] for o in items["form"]["options"]}["双月协商座谈会"] == "bimonthly-forum"
    assert {o["label"]: o["value"] for o in items["topics"]["options"]}["乡村振兴"] == "rural-revitalization"
    assert [f["label"] for f in items["roles"]["fields"]] == [r.name for r in VOCAB.roles.values()]
    assert all(f["zx_not_stated"] for f in items["roles"]["fields"]) and items["time"]["zx_not_stated"]
    assert items["id"]["widget"] == "hidden"  # made on saving: p01, p02 …
    figure = {f["name"]: f for f in fields_of(COLLECTIONS["summary-figures"])["figures"]["fields"]}
    assert figure["of"]["options"][0]["value"] == "原文未载" and figure["sic"]["label"].startswith("原文如此")


def test_waivers_are_chosen_by_problem_and_give_a_reason_and_scope() -> None:
    waive = fields_of(COLLECTIONS["plans"])["waive"]
    assert [f["name"] for f in waive["fields"]] == ["code", "reason", "scope"]
    codes = [o["value"] for o in waive["fields"][0]["options"]]
    assert "ZX301" in codes and all(CORPUS.reporter.catalogue[c].waivable for c in codes)


def test_the_editorial_workflow_and_the_local_backend() -> None:
    assert CONFIG["locale"] == "zh_Hans" and CONFIG["publish_mode"] == "editorial_workflow"
    assert CONFIG["local_backend"]["url"].startswith("http://127.0.0.1:")


@pytest.mark.parametrize(
    ("kind", "type_id", "end"),
    [
        ("plan", "consultation", "consultation-plan"),
        ("plan", "key-points", "key-points"),
        ("summary", "annual", "annual-summary"),
        ("summary", "proposal-report", "proposal-report"),
        ("rule", "rules", "rules"),
        ("rule", "procedure", "procedure-rule"),
        ("note", "study", "study-note"),
    ],
)
def test_new_documents_are_named_as_by_hand(kind: str, type_id: str, end: str) -> None:
    assert cms.default_slug(kind, type_id) == end


def test_the_site_publishes_the_editor(tmp_path: Path) -> None:
    """Without node_modules/ the page and configuration are there and say how to install the
    scripts (the page links to no missing file); with it, every script the page loads is published
    beside it."""
    (tmp_path / "data").symlink_to(ROOT / "data")
    bare = dict(cms.files(tmp_path, CORPUS))
    assert set(bare) == {"admin/index.html", "admin/config.yml", "admin/zx-cms.js"}
    assert "npm ci" in bare["admin/index.html"]
    assert yaml.safe_load(bare["admin/config.yml"]) == CONFIG
    dist = tmp_path / "node_modules"
    for path in [*cms.VENDOR.values(), f"{cms.CHUNKS}/1.decap-cms.js"]:
        (dist / path).parent.mkdir(parents=True, exist_ok=True)
        (dist / path).write_text("/* */", encoding="utf-8")
    published = dict(cms.files(tmp_path, CORPUS))
    assert '<script src="zx-cms.js"' in bare["admin/index.html"] and "decap-cms.js" not in bare["admin/index.html"]
    for script in ("js-yaml.min.js", "pinyin-pro.js", "decap-cms.js", "zx-cms.js"):
        assert f'<script src="{script}"' in published["admin/index.html"] and f"admin/{script}" in published
    assert "admin/1.decap-cms.js" in published


def test_package_lock_pins_the_editor_with_integrity_hashes() -> None:
    import json

    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for name, version in package["dependencies"].items():
        assert version[0].isdigit(), f"{name} is not pinned to one version"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    assert all(
        entry.get("integrity", "").startswith("sha512-")
        for path, entry in lock["packages"].items()
        if path and not entry.get("link")
    )
