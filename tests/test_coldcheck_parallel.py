"""A cold check shared among processes (reading handed out in shares, each process checking what it
read, hashing the files it reads) finds what a run without the cache finds, after random breakages:
the same problems in the same order with the same text — and the next, warm run agrees too."""
from __future__ import annotations

import random

import pytest

from checks_support import PLAN, PLAN_DATA, RULE, SUMMARY, SUMMARY_DATA
from test_cache_verdicts import MUTATIONS
from zhengxie.cache import FOLDER, Cache
from zhengxie.build.validate import validate, validate_with_cache

# More documents of other years and bodies: shares then split plans from the summaries naming them.
EXTRA_YEARS = ("2017", "2018", "2020")


def with_more_documents(repo):
    for year in EXTRA_YEARS:
        for rel in (PLAN, PLAN_DATA, SUMMARY, SUMMARY_DATA, RULE):
            text = repo.read(rel).replace("2019-test-", f"{year}-test-").replace("2019", year)
            repo.write(rel.replace("2019-test-", f"{year}-test-"), text)
    return repo


@pytest.fixture
def shared(zx_repo, monkeypatch):
    import zhengxie.incremental as incremental

    monkeypatch.setattr(incremental, "PARALLEL_FROM", 1)
    monkeypatch.setattr(incremental, "MAX_WORKERS", 2)
    monkeypatch.setattr(incremental, "SMALLEST_SHARE", 1)
    monkeypatch.setattr(incremental.os, "cpu_count", lambda: 2)
    return with_more_documents(zx_repo)


def cold(root) -> list:
    import shutil

    shutil.rmtree(root.joinpath(*FOLDER), ignore_errors=True)
    return [p.as_dict() for p in validate_with_cache(root, Cache(root)).problems]


@pytest.mark.parametrize("seed", range(3))
def test_cold_shared_check_equals_the_plain_check_after_random_breakages(shared, seed):
    rng = random.Random(seed)
    for _ in range(6):
        try:
            rng.choice(MUTATIONS)(shared)
        except AssertionError:
            continue  # the text it edits is gone: another mutation changed it
        expected = [p.as_dict() for p in validate(shared.root)[1]]
        assert cold(shared.root) == expected
        assert [p.as_dict() for p in validate_with_cache(shared.root, Cache(shared.root)).problems] == expected


def test_a_cold_shared_run_leaves_every_file_hash_for_the_warm_run(shared):
    import marshal

    cold(shared.root)
    saved = marshal.loads(shared.root.joinpath(*FOLDER, "files.marshal").read_bytes())[1]
    listed = {str(p.relative_to(shared.root)) for p in shared.root.glob("docs/**/*.md")}
    listed |= {str(p.relative_to(shared.root)) for p in shared.root.glob("data/*/*.yml")}
    assert listed <= set(saved)  # a warm run hashes nothing again
