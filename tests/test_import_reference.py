"""make import on the reference collection (../shared/reference beside the repository): it is
split into its seven documents, every heading, article and figure the texts hold is kept, and no
placeholder survives unmarked. The folder is always present (CI copies shared/ beside the clone)."""
from __future__ import annotations

import re

import yaml

from checks_support import ROOT

from zhengxie.checks.residue import RESIDUE
from zhengxie.tools.importer import import_file
from zhengxie.tools.importer.report import format_report

# Beside the clone (ROOT.parent); a git worktree one folder further down finds the same folder.
REFERENCE = next((folder / "shared" / "reference" for folder in ROOT.parents
                  if (folder / "shared" / "reference").is_dir()), ROOT.parent / "shared" / "reference") \
    / "seed-zhengxie-samples.txt"
KINDS = "rule,summary,plan,summary,plan,note,summary"
TYPES = "rules,annual,consultation,half-year,work,study,half-year"
BODIES = "juxian-county,suichuan-county,luoyang-city,qiaokou-district,qingfeng-town,suichuan-county,qiaokou-district"
HEADING_LINE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9]+[、.])[^。]{1,30}$")


def _import(zx_repo):
    return import_file(zx_repo.root, REFERENCE, kind=KINDS, type_=TYPES, body=BODIES)


def test_collection_is_split_into_seven_drafts(zx_repo):
    imported = _import(zx_repo)
    assert [part.number for part in imported.parts] == [1, 2, 3, 4, 5, 6, 7]
    assert all(part.paths and not part.error for part in imported.parts)
    assert imported.preface > 0  # the collection's own preface belongs to no document
    report = format_report(imported)
    assert "篇七" in report and "需要人工处理" in report


def test_headings_articles_and_figures_are_kept(zx_repo):
    imported = _import(zx_repo)
    source = REFERENCE.read_text(encoding="utf-8")
    heading_lines = [line.strip() for line in source.split("\n") if HEADING_LINE.match(line.strip())]
    drafts = "\n".join(zx_repo.read(path) for part in imported.parts for path in part.paths[:1])
    markdown_headings = [line for line in drafts.split("\n") if line.startswith("#") and not line.startswith("# ")]
    assert len(markdown_headings) >= len(heading_lines)
    rule = imported.parts[0]
    assert rule.found.counts["articles"] == 4
    summary = imported.parts[1]
    data = yaml.safe_load(zx_repo.read(summary.paths[1]))
    measures = {row["measure"]: row["value"] for row in data["figures"] if "measure" in row}
    assert measures == {"proposals-received": 138, "proposals-filed": 134,
                        "proposals-answer-rate": 100, "proposals-solved-rate": 89.6,
                        "proposals-satisfaction-rate": 95.5, "opinions-submitted": 40}
    assert imported.parts[2].found.stated_count == "18项"
    assert imported.parts[2].found.items == []  # the plan names 18 items but lists none: none invented
    half = imported.parts[6]
    assert half.found.counts["figures"] >= 5


def test_no_placeholder_is_kept_silently(zx_repo):
    imported = _import(zx_repo)
    for part in imported.parts:
        for path in part.paths:
            text = zx_repo.read(path)
            assert RESIDUE.search(text.split("---\n", 2)[-1]) is None, path
    assert sum(part.found.counts["residue"] for part in imported.parts) >= 30
    problems = [p for p in zx_repo.check() if p.code == "ZX130"]
    assert len(problems) >= 30
