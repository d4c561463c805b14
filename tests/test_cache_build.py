"""The build's cache of loaded documents (build/cache/docs/) never changes what the build finds or
publishes: the same problems warm, cold and with ZX_NO_CACHE=1, and the same model."""
from __future__ import annotations

import os
import subprocess
import sys

from checks_support import PLAN, PLAN_DATA, SUMMARY_DATA, make_buildable
from zhengxie.cache import FOLDER, Cache
from zhengxie.validate import validate


def with_cache(root):
    cache = Cache(root)
    corpus, problems = validate(root, cache)
    return corpus, [p.as_dict() for p in problems], cache.changed_documents


def test_documents_from_the_cache_equal_parsed_ones(zx_repo):
    zx_repo.edit(PLAN_DATA, "time: 3月", "time: 原文未载")
    zx_repo.edit(SUMMARY_DATA, "status: held", "status: hold")
    plain_corpus, plain_problems = validate(zx_repo.root)
    expected = [p.as_dict() for p in plain_problems]
    cold = with_cache(zx_repo.root)
    warm = with_cache(zx_repo.root)
    assert cold[1] == warm[1] == expected and expected
    assert warm[2] == set() and cold[2] == set(plain_corpus.documents)
    for doc_id, doc in plain_corpus.documents.items():
        assert repr(warm[0].documents[doc_id]) == repr(doc)
    assert warm[0].documents["2019-test-consultation-plan"].items[0].time_label == "原文未载"


def test_changed_documents_and_corrupt_entries(zx_repo):
    with_cache(zx_repo.root)
    zx_repo.edit(PLAN, "title: 洛阳", "title: 示例洛阳")
    assert with_cache(zx_repo.root)[2] == {"2019-test-consultation-plan"}
    folder = zx_repo.root.joinpath(*FOLDER, "docs")
    for name in os.listdir(folder):
        (folder / name).write_bytes(b"not a pickle")
    corpus, problems, changed = with_cache(zx_repo.root)
    assert problems == [p.as_dict() for p in validate(zx_repo.root)[1]]
    assert changed == set(corpus.documents)


def _build(repo, out, no_cache: str):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZX_SEARCH="0", ZX_NO_CACHE=no_cache)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(out)],
                          cwd=repo.root, env=env, capture_output=True, text=True)
    return sorted(line for line in done.stderr.splitlines() if "ZX" in line)


def test_build_warm_cache_and_no_cache_report_the_same(zx_repo, tmp_path):
    repo = make_buildable(zx_repo)
    repo.edit(SUMMARY_DATA, "2019-test-consultation-plan#p01\n", "2019-test-consultation-plan#p09\n")
    without = _build(repo, tmp_path / "a", "1")
    assert not repo.root.joinpath(*FOLDER).exists()
    cold = _build(repo, tmp_path / "b", "0")
    warm = _build(repo, tmp_path / "c", "0")
    assert without == cold == warm and any("ZX504" in line for line in warm)
    assert (tmp_path / "c" / "plans").is_dir()
