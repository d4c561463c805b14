"""The cache never changes a verdict: after every edit an editor can make, the check through the cache
(warm, cold, incremental) finds exactly the problems — same list, order and text — of a run without it."""
from __future__ import annotations

import os
import random

import pytest

from checks_support import PLAN, PLAN_DATA, RULE, SUMMARY, SUMMARY_DATA, MiniRepo
from zhengxie.cache import FOLDER, Cache
from zhengxie.build.validate import validate, validate_with_cache

RULE_2 = "docs/rules/2020-test-rules.md"


def plain(root) -> list:
    return [p.as_dict() for p in validate(root)[1]]


def cached(root) -> list:
    return [p.as_dict() for p in validate_with_cache(root, Cache(root)).problems]


def assert_same(repo: MiniRepo) -> list:
    """The plain verdict, after proving the cached one equal to it (incremental, then warm)."""
    expected = plain(repo.root)
    assert cached(repo.root) == expected
    assert cached(repo.root) == expected  # warm: nothing read again
    return expected


def codes(problems) -> set:
    return {(p["code"], p["file"]) for p in problems}


@pytest.fixture
def repo(zx_repo):
    zx_repo.edit(RULE, "## 第二章　附则", "见[计划第一项](../plans/2019-test-consultation-plan.md#item-p01)。\n\n## 第二章　附则")
    assert_same(zx_repo)  # warm the cache
    return zx_repo


def test_no_problems_warm_and_cold(repo):
    assert assert_same(repo) == []


def test_vocabulary_change(repo):
    repo.edit("data/topics.yml", "id: ecology", "id: ecology-renamed")
    assert ("ZX501", PLAN) in codes(assert_same(repo))


def test_plan_item_removed_that_a_summary_reports(repo):
    text = repo.read(PLAN_DATA)
    repo.write(PLAN_DATA, text[: text.index("  - id: p02")].replace("stated_count: 2", "stated_count: 1"))
    found = codes(assert_same(repo))
    assert ("ZX504", SUMMARY_DATA) in found


def test_renamed_file_breaks_links(repo):
    repo.path(PLAN).rename(repo.path("docs/plans/2019-test-consultation-plan-renamed.md"))
    found = codes(assert_same(repo))
    assert ("ZX505", RULE) in found and ("ZX505", "docs/index.md") in found


def test_document_added_and_removed(repo):
    repo.write(RULE_2, repo.read(RULE).replace("date: 2019-05-01", "date: 2020-05-01\nsupersedes: [2019-test-rules]"))
    found = codes(assert_same(repo))
    assert ("ZX218", RULE_2) in found  # the old rule does not point back yet
    repo.edit(RULE, "topics: [self-building]", "topics: [self-building]\nsuperseded_by: 2020-test-rules\nstatus: repealed")
    assert ("ZX218", RULE_2) not in codes(assert_same(repo))
    repo.delete(RULE_2)
    assert ("ZX217", RULE) in codes(assert_same(repo))


def test_data_file_edited(repo):
    repo.edit(PLAN_DATA, "form: thematic", "form: thematik")
    assert ("ZX503", PLAN_DATA) in codes(assert_same(repo))
    repo.edit(PLAN_DATA, "form: thematik", "form: thematic")
    assert assert_same(repo) == []


def test_waiver_added(repo):
    repo.edit(SUMMARY_DATA, "reason: 与 p01 合并召开", "reason: 与 p01 合并召开\n    merged_into: 2019-test-consultation-plan#p09")
    repo.edit(SUMMARY, "type: annual", "type: annual\nwaive: {ZX301: 原件如此}")
    assert_same(repo)


def test_anchor_removed_from_linked_page(repo):
    repo.edit(PLAN_DATA, "id: p01", "id: p01x")
    found = codes(assert_same(repo))
    assert ("ZX506", RULE) in found and ("ZX504", SUMMARY_DATA) in found


def test_corrupt_and_partial_cache_files(repo):
    repo.edit(PLAN_DATA, "form: thematic", "form: thematik")
    expected = plain(repo.root)
    folder = repo.root.joinpath(*FOLDER)
    for name in os.listdir(folder):
        (folder / name).write_bytes(b"\x00garbage")
    assert cached(repo.root) == expected
    for name in os.listdir(folder):
        data = (folder / name).read_bytes()
        (folder / name).write_bytes(data[: len(data) // 2])
    assert cached(repo.root) == expected


def test_records_of_the_wrong_shape(repo):
    import marshal

    repo.edit(PLAN_DATA, "form: thematic", "form: thematik")
    expected = plain(repo.root)
    records = repo.root.joinpath(*FOLDER, "check.marshal")
    version = Cache(repo.root).version
    for damaged in ({"plans/2019-test-consultation-plan.md": ()}, {k: (None, 5, None, 7) for k in ("index.md",)}, [1, 2]):
        records.write_bytes(marshal.dumps((version, damaged)))
        assert cached(repo.root) == expected


def test_touched_without_change(repo):
    expected = assert_same(repo)
    for rel in (PLAN, PLAN_DATA, "data/topics.yml"):
        os.utime(repo.path(rel))
    assert cached(repo.root) == expected


def test_cache_off_writes_nothing(zx_repo):
    assert [p.as_dict() for p in validate_with_cache(zx_repo.root, Cache(zx_repo.root, enabled=False)).problems] \
        == plain(zx_repo.root)
    assert not zx_repo.root.joinpath(*FOLDER).exists()


MUTATIONS = [
    lambda r: r.edit(PLAN_DATA, "id: p02", "id: p03") if "id: p02" in r.read(PLAN_DATA) else r.edit(PLAN_DATA, "id: p03", "id: p02"),
    lambda r: r.edit(PLAN, "title: 洛阳", "title: 洛阳xx"),
    lambda r: r.write("docs/notes/2019-extra-note.md", "---\ntitle: 示例\nkind: note\n---\n\n[坏链接](../plans/missing.md)\n"),
    lambda r: r.path("docs/notes/2019-extra-note.md").unlink() if r.path("docs/notes/2019-extra-note.md").exists() else None,
    lambda r: r.edit("docs/index.md", "#item-p02", "#item-p01"),
    lambda r: r.edit(SUMMARY_DATA, "status: held", "status: planned") if "status: held" in r.read(SUMMARY_DATA) else None,
    lambda r: r.write(PLAN_DATA, r.read(PLAN_DATA) + "\n  - oops: [\n"),
    lambda r: r.write(PLAN_DATA, r.read(PLAN_DATA).split("\n  - oops: [")[0]),
    lambda r: r.write("data/plans/2019-orphan.yml", "items: []\n"),
    lambda r: r.edit("data/bodies.yml", "luoyang-city", "luoyang-cty"),
    lambda r: r.edit("data/bodies.yml", "luoyang-cty", "luoyang-city"),
    lambda r: r.path(RULE).rename(r.path("docs/rules/2019-test-rulez.md")) if r.path(RULE).exists()
    else r.path("docs/rules/2019-test-rulez.md").rename(r.path(RULE)),
]


@pytest.mark.parametrize("seed", range(4))
def test_random_edit_sequences(repo, seed):
    rng = random.Random(seed)
    for _ in range(8):
        mutation = rng.choice(MUTATIONS)
        try:
            mutation(repo)
        except AssertionError:
            continue  # the text it edits is gone: another mutation changed it
        expected = plain(repo.root)
        assert cached(repo.root) == expected


def test_shared_among_processes(zx_repo, monkeypatch):
    """A cold cache with many documents is checked by several processes: the same verdict."""
    import zhengxie.incremental as incremental

    monkeypatch.setattr(incremental, "PARALLEL_FROM", 1)
    monkeypatch.setattr(incremental, "MAX_WORKERS", 2)
    monkeypatch.setattr(incremental.os, "cpu_count", lambda: 2)
    zx_repo.edit(PLAN_DATA, "id: p01", "id: p01x")
    zx_repo.write("docs/notes/2020-extra-note.md", "---\ntitle: 示例\nkind: note\n---\n\n[坏](../plans/none.md)\n")
    expected = plain(zx_repo.root)
    assert expected and cached(zx_repo.root) == expected
    zx_repo.edit(PLAN_DATA, "id: p01x", "id: p01")
    assert cached(zx_repo.root) == plain(zx_repo.root)
