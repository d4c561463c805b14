"""make import on the project's own sample collection (tests/fixtures/import/collection.txt, 示例
content written for these tests; its README names the features relied on): it is split into its
seven documents, every heading, article and figure the texts hold is kept, and no placeholder
survives unmarked — the collection itself holds none, so the test blanks its years, 届次 and counts
the way template texts leave them and imports that copy."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from zhengxie.checks.residue import RESIDUE
from zhengxie.tools.importer import import_file
from zhengxie.tools.importer.report import format_report

COLLECTION = Path(__file__).parents[1] / "fixtures" / "import" / "collection.txt"
KINDS = "rule,summary,plan,summary,plan,note,summary"
TYPES = "rules,annual,consultation,half-year,work,study,half-year"
BODIES = "juxian-county,suichuan-county,luoyang-city,qiaokou-district,qingfeng-town,suichuan-county,qiaokou-district"
HEADING_LINE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9]+[、.])[^。]{1,30}$")


def _import(zx_repo):
    return import_file(zx_repo.root, COLLECTION, kind=KINDS, type_=TYPES, body=BODIES)


def test_collection_is_split_into_seven_drafts(zx_repo):
    imported = _import(zx_repo)
    assert [part.number for part in imported.parts] == [1, 2, 3, 4, 5, 6, 7]
    assert all(part.paths and not part.error for part in imported.parts)
    assert imported.preface > 0  # the collection's own preface belongs to no document
    report = format_report(imported)
    assert "篇七" in report and "需要人工处理" in report


def test_headings_articles_and_figures_are_kept(zx_repo):
    imported = _import(zx_repo)
    source = COLLECTION.read_text(encoding="utf-8")
    heading_lines = [line.strip() for line in source.split("\n") if HEADING_LINE.match(line.strip())]
    drafts = "\n".join(zx_repo.read(path) for part in imported.parts for path in part.paths[:1])
    markdown_headings = [line for line in drafts.split("\n") if line.startswith("#") and not line.startswith("# ")]
    assert len(markdown_headings) >= len(heading_lines)
    rule = imported.parts[0]
    assert rule.found.counts["articles"] == 4
    summary = imported.parts[1]
    data = yaml.safe_load(zx_repo.read(summary.paths[1]))
    measures = {row["measure"]: row["value"] for row in data["figures"] if "measure" in row}
    assert measures == {
        "proposals-received": 138,
        "proposals-filed": 134,
        "proposals-answer-rate": 100,
        "proposals-solved-rate": 89.6,
        "proposals-satisfaction-rate": 95.5,
        "opinions-submitted": 40,
        "inspections": 4,  # 组织视察4次: the registry's 视察
    }
    assert imported.parts[2].found.stated_count == "18项"
    assert imported.parts[2].found.items == []  # the plan names 18 items but lists none: none invented
    half = imported.parts[6]
    assert half.found.counts["figures"] >= 5


# Template residue as collections of model texts leave it: a year 20xx, a session 十x届, a count or
# a name blanked out as xx / xxx.
BLANKS = (
    (re.compile(r"(?<![0-9])20[0-9]{2}(?=年)"), "20xx"),
    (re.compile(r"十[一二三四五六七八九]届"), "十x届"),
    (re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?=[%件条篇次项名户册场人小])"), "xx"),
    (re.compile(r"政协(?=章程)"), "xxx"),
)


def _blanked(tmp_path) -> tuple[Path, int]:
    """The collection with its years, sessions, counts and one name blanked out, and how many were."""
    text, count = COLLECTION.read_text(encoding="utf-8"), 0
    for pattern, placeholder in BLANKS:
        text, n = pattern.subn(placeholder, text)
        count += n
    path = tmp_path / "blanked.txt"
    path.write_text(text, encoding="utf-8")
    return path, count


def test_no_placeholder_is_kept_silently(zx_repo, tmp_path):
    assert RESIDUE.search(COLLECTION.read_text(encoding="utf-8")) is None  # the sample is written out in full
    blanked, count = _blanked(tmp_path)
    assert count >= 30
    imported = import_file(zx_repo.root, blanked, kind=KINDS, type_=TYPES, body=BODIES)
    for part in imported.parts:
        for path in part.paths:
            text = zx_repo.read(path)
            assert RESIDUE.search(text.split("---\n", 2)[-1]) is None, path
    assert sum(part.found.counts["residue"] for part in imported.parts) == count  # every one, each once
    problems = [p for p in zx_repo.check() if p.code == "ZX130"]
    assert len(problems) >= count
