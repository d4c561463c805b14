"""The build's cache of loaded documents (build/cache/docs/) never changes what the build finds or
publishes: the same problems warm, cold and with ZX_NO_CACHE=1, and the same model."""
from __future__ import annotations

import os
import subprocess
import sys

from checks_support import PLAN, PLAN_DATA, SUMMARY, SUMMARY_DATA, make_buildable
from zhengxie.cache import FOLDER, Cache
from zhengxie.build.validate import validate


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


def _notes(corpus) -> tuple:
    """What pages show from the check besides problems: waivers and 原文如此 notes."""
    waivers = sorted((w.doc.id, w.code, w.reason, tuple(p.format() for p in w.problems)) for w in corpus.waivers)
    return waivers, sorted(repr(a.to_dict()) for a in corpus.acknowledged)


def test_the_build_takes_waivers_and_sic_notes_from_the_check_cache(zx_repo):
    """The build reads its verdict from the check's records (checks run only for what changed), so
    the waivers and 原文如此 notes it shows must follow edits to a document and to what it depends on."""
    from zhengxie.incremental import check

    zx_repo.edit(SUMMARY_DATA, "figures:\n", "figures:\n  - {measure: plan-items, value: 3, plan: 2019-test-consultation-plan, sic: 原件如此}\n")
    zx_repo.edit(SUMMARY, "## 三、下一步工作\n\n继续做好各项工作。\n", "")
    zx_repo.edit(SUMMARY, "topics: [proposals]\n", "topics: [proposals]\nwaive: {ZX301: 原件没有写下一步工作（示例）}\n")

    def same_as_plain():
        plain_corpus, plain_problems = validate(zx_repo.root)
        corpus, problems, _ = with_cache(zx_repo.root)
        assert problems == [p.as_dict() for p in plain_problems]
        assert _notes(corpus) == _notes(plain_corpus)
        assert list(corpus.documents) == list(plain_corpus.documents)
        return _notes(corpus), problems

    notes, problems = same_as_plain()
    assert [w[1] for w in notes[0]] == ["ZX301"] and len(notes[1]) == 1 and problems == []
    check(zx_repo.root, Cache(zx_repo.root))  # `make check` first: the build then finds nothing to check again
    assert same_as_plain() == (notes, problems)
    # The plan gets a third item: the summary's count of 3 is now right, so its sic is a problem.
    zx_repo.edit(PLAN_DATA, "    summary: 听取各方面意见。\n", "    summary: 听取各方面意见。\n"
                 "  - {id: p03, title: 示例议题, form: thematic, time: 11月, roles: {lead-unit: 市政协办公室}}\n")
    zx_repo.edit(PLAN_DATA, "stated_count: 2", "stated_count: 3")
    notes, problems = same_as_plain()
    assert notes[1] == [] and [p["code"] for p in problems] == ["ZX426"]
    zx_repo.edit(SUMMARY, "waive: {ZX301: 原件没有写下一步工作（示例）}\n", "")
    notes, problems = same_as_plain()
    assert notes == ([], []) and sorted(p["code"] for p in problems) == ["ZX301", "ZX426"]
