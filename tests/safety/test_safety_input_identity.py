"""Identity: one id, one document; names that differ only in case are refused; documents may live
in docs/<kind-folder>/<year>/ and anything nested otherwise is reported, never silently skipped."""

from __future__ import annotations

from checks_support import NOTE, PLAN, PLAN_DATA, RULE, summary
from zhengxie.sources.loader import load_corpus


def test_the_same_file_name_in_two_kinds_is_an_error_naming_both(zx_repo):
    twin = "docs/notes/2019-test-rules.md"
    zx_repo.write(twin, zx_repo.read(NOTE))
    problems = [p for p in zx_repo.check() if p.code == "ZX118"]
    assert [(p.file, p.line) for p in problems] == [(twin, 1)]
    assert RULE in problems[0].message
    corpus = load_corpus(zx_repo.root)
    assert corpus.documents["2019-test-rules"].path == RULE  # the first stays; the twin is not published
    assert not corpus.listing.publishable("notes/2019-test-rules.md")


def test_the_same_file_name_in_a_year_folder_is_an_error(zx_repo):
    twin = "docs/plans/2019/2019-test-consultation-plan.md"
    zx_repo.write(twin, zx_repo.read(PLAN))
    problems = [p for p in zx_repo.check() if p.code == "ZX118"]
    assert [(p.file, PLAN in p.message) for p in problems] == [(twin, True)]


def test_names_differing_only_in_case_name_both_files(zx_repo):
    zx_repo.write("docs/notes/2019-Test-study-note.md", zx_repo.read(NOTE))
    zx_repo.write("data/plans/2019-TEST-consultation-plan.yml", zx_repo.read(PLAN_DATA))
    problems = [p for p in zx_repo.check() if p.code == "ZX119"]
    assert sorted((p.file, p.message.split("与 ")[1].split(" ")[0]) for p in problems) == [
        (PLAN_DATA, "data/plans/2019-TEST-consultation-plan.yml"),
        (NOTE, "docs/notes/2019-Test-study-note.md"),
    ]


def test_documents_in_a_year_folder_are_loaded_and_checked(zx_repo):
    moved = "docs/plans/2019/2019-test-consultation-plan.md"
    zx_repo.write(moved, zx_repo.read(PLAN))
    zx_repo.delete(PLAN)
    for rel in ("docs/index.md", "docs/summaries/2019-test-annual-summary.md"):
        zx_repo.write(
            rel,
            zx_repo.read(rel).replace(
                "plans/2019-test-consultation-plan.md", "plans/2019/2019-test-consultation-plan.md"
            ),
        )
    assert zx_repo.check() == []
    doc = load_corpus(zx_repo.root).documents["2019-test-consultation-plan"]
    assert (doc.src_uri, doc.url, doc.data_path) == (
        "plans/2019/2019-test-consultation-plan.md",
        "plans/2019/2019-test-consultation-plan/",
        PLAN_DATA,
    )
    assert len(doc.items) == 2


def test_a_document_in_a_year_folder_is_checked_like_any_other(zx_repo):
    zx_repo.write("docs/notes/2020/2020-other-study-note.md", zx_repo.read(NOTE).replace("title: 学习体会\n", ""))
    problems = [p for p in zx_repo.check() if p.file == "docs/notes/2020/2020-other-study-note.md"]
    assert any("title" in p.message and p.severity == "error" for p in problems), summary(problems)


def test_other_nesting_is_reported_not_ignored(zx_repo):
    for rel in (
        "docs/plans/2019/extra/2019-a-consultation-plan.md",
        "docs/plans/drafts/2019-b-consultation-plan.md",
        "docs/plans/2019/index.md",
        "data/plans/2019/2019-test-consultation-plan.yml",
    ):
        zx_repo.write(rel, "---\ntitle: x\n---\n")
        assert ("ZX117", rel, 1) in summary(zx_repo.check()), rel


def test_pages_outside_the_kind_folders_may_nest(zx_repo):
    zx_repo.write("docs/guide/deep/more/page.md", "---\ntitle: 说明\n---\n\n说明。\n")
    assert zx_repo.check() == []
