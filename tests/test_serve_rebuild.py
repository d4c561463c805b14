"""`make serve` rebuilds only the pages a save changes, and the result is the site a full build makes.

Each case edits the fixture site the way an editor saves a file, runs the dirty rebuild `mkdocs serve
--dirty` runs, and compares every file of the preview with a fresh full build of the same sources
(calendars, feeds and open data included, once the background job has written them).
"""
from __future__ import annotations

import re

import pytest

from fixture_site import PLAN, RULE, SUMMARY, assemble
from serve_support import Preview, site_files

PLAN_DATA = f"data/plans/{PLAN}.yml"
SUMMARY_DATA = f"data/summaries/{SUMMARY}.yml"
SUMMARY_PAGE = f"docs/summaries/{SUMMARY}.md"
RULE_PAGE = f"docs/rules/{RULE}.md"


@pytest.fixture()
def preview(tmp_path, monkeypatch):
    monkeypatch.setenv("ZX_SEARCH", "0")
    root = assemble(tmp_path / "repo")
    preview = Preview(root, tmp_path / "preview")
    preview.rebuild()
    preview.settle()
    preview.tmp = tmp_path
    return preview


def edit(root, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rebuilt(preview: Preview) -> set:
    preview.rebuild()
    preview.settle()
    return set(preview.process.rebuilds.last_changed)


def assert_same_as_full_build(preview: Preview, name: str) -> None:
    dirty = site_files(preview.site_dir)
    fresh = Preview(preview.root, preview.tmp / f"full-{name}")
    fresh.rebuild()
    fresh.settle()
    full = site_files(fresh.site_dir)
    assert sorted(dirty) == sorted(full), "the preview has other files than a full build"
    differ = [rel for rel in full if dirty[rel] != full[rel]]
    assert not differ, f"pages the rebuild left stale: {differ}"


def page(preview: Preview, url: str) -> str:
    return (preview.site_dir / url / "index.html").read_text(encoding="utf-8")


def test_a_body_edit_rebuilds_its_page_only(preview):
    edit(preview.root, SUMMARY_PAGE, "大部分按时举行", "大部分按时举行（修改后的正文）")
    assert rebuilt(preview) == {SUMMARY_PAGE.removeprefix("docs/")}
    assert "修改后的正文" in page(preview, f"summaries/{SUMMARY}")
    assert_same_as_full_build(preview, "body")


def test_a_title_edit_reaches_every_page_that_shows_it(preview):
    edit(preview.root, SUMMARY_PAGE, "title: 明湖市政协2016年工作总结", "title: 明湖市政协2016年工作总结（改）")
    changed = rebuilt(preview)
    assert f"plans/{PLAN}.md" in changed  # its follow-through names the reporting summary
    assert "summaries/index.md" in changed and "years/2016.md" in changed
    assert "明湖市政协2016年工作总结（改）" in page(preview, "summaries")
    assert len(changed) < len(preview.process.rebuilds.last)
    assert_same_as_full_build(preview, "title")


def test_a_plan_item_edit_reaches_the_summary_that_reports_it(preview):
    edit(preview.root, PLAN_DATA, "title: 村庄规划编制与乡村振兴", "title: 村庄规划编制与乡村振兴（改）")
    changed = rebuilt(preview)
    assert f"summaries/{SUMMARY}.md" in changed
    assert "村庄规划编制与乡村振兴（改）" in page(preview, f"summaries/{SUMMARY}")
    assert_same_as_full_build(preview, "item")


def test_a_report_status_edit_reaches_the_plan(preview):
    edit(preview.root, SUMMARY_DATA, "    status: held\n    date: 2016-05-24", "    status: postponed\n    date: 2016-09-24\n    reason: 改期")
    changed = rebuilt(preview)
    assert f"plans/{PLAN}.md" in changed and "follow-through/index.md" in changed
    assert_same_as_full_build(preview, "status")


def test_a_date_edit_moves_the_document_between_year_pages(preview):
    edit(preview.root, RULE_PAGE, "date: 2015-06-18", "date: 2016-06-18")
    changed = rebuilt(preview)
    assert {"years/2015.md", "years/2016.md"} <= changed
    assert "青溪县政协机关办公规则" in page(preview, "years/2016")
    assert_same_as_full_build(preview, "date")


def test_a_deleted_document_leaves_no_page_behind(preview):
    (preview.root / RULE_PAGE).unlink()
    rebuilt(preview)
    assert not (preview.site_dir / "rules" / RULE / "index.html").exists()
    assert_same_as_full_build(preview, "deleted")


def test_a_vocabulary_edit_rebuilds_everything(preview):
    edit(preview.root, "data/topics.yml", "name: 乡村振兴", "name: 乡村全面振兴")
    changed = rebuilt(preview)
    assert changed == set(preview.process.rebuilds.last)
    assert_same_as_full_build(preview, "vocabulary")


def test_the_preview_box_shows_the_saved_documents_problems(preview):
    edit(preview.root, SUMMARY_PAGE, "date: 2016-12-26", "date: 2016-13-26")
    assert f"summaries/{SUMMARY}.md" in rebuilt(preview)
    html = page(preview, f"summaries/{SUMMARY}")
    assert re.search(r"ZX\d{3}", html), "the preview box should name the new problem"
    edit(preview.root, SUMMARY_PAGE, "date: 2016-13-26", "date: 2016-12-26")
    rebuilt(preview)
    assert_same_as_full_build(preview, "problem")


def test_a_figure_edit_redraws_the_charts_and_the_data_pages(preview):
    edit(preview.root, SUMMARY_DATA, "{measure: opinions-submitted, value: 45}", "{measure: opinions-submitted, value: 54}")
    changed = rebuilt(preview)
    assert "figures/index.md" in changed and f"summaries/{SUMMARY}.md" in changed
    assert any(uri.endswith(".svg") for uri in changed), "the charts of the figure are drawn again"
    assert_same_as_full_build(preview, "figure")


def test_paged_listings_follow_a_date_edit(tmp_path, monkeypatch):
    """With listings cut into pages of two entries, each listing page's fingerprint covers only its
    own entries and links: a date that moves a document between pages still reaches every page."""
    monkeypatch.setenv("ZX_SEARCH", "0")
    root = assemble(tmp_path / "repo")
    (root / "data" / "pagination.yml").write_text("page_size: 10\n", encoding="utf-8")
    for number in range(25):  # with the fixture's, more than ten in 2016 for the year, the body and the topic
        (root / f"docs/notes/2016-paged-note-{number:02d}.md").write_text(
            f"---\ntitle: 学习体会{number}（示例）\nkind: note\ntype: study\nbody: baishi-town\n"
            f"date: 2016-{1 + number % 11:02d}-{1 + number % 28:02d}\ntopics: [study]\n---\n\n示例正文。\n",
            encoding="utf-8")
    preview = Preview(root, tmp_path / "preview")
    preview.rebuild()
    preview.settle()
    preview.tmp = tmp_path
    assert (preview.site_dir / "years/2016/3/index.html").is_file()
    assert (preview.site_dir / "topics/study/2016/2/index.html").is_file()
    edit(root, "docs/notes/2016-paged-note-03.md", "date: 2016-04-04", "date: 2016-12-30")
    changed = rebuilt(preview)
    assert len(changed) < len(preview.process.rebuilds.last)
    assert_same_as_full_build(preview, "paged")


def test_saves_in_a_row_carry_the_indexes_only_while_what_documents_show_elsewhere_is_unchanged(preview):
    """A body edit takes the indexes, listings and generated pages over from the rebuild before
    (zhengxie.carry); the next save that changes a title, an item or a date builds them again; each
    rebuild still equals a full build."""
    def index_object():
        return preview.process.carry._site.index

    first = index_object()
    edit(preview.root, SUMMARY_PAGE, "大部分按时举行", "大部分按时举行（第一次修改）")
    assert rebuilt(preview) == {SUMMARY_PAGE.removeprefix("docs/")}
    assert index_object() is first, "a body edit builds the indexes again"
    assert_same_as_full_build(preview, "carry-body")

    steps = [
        (SUMMARY_PAGE, "title: 明湖市政协2016年工作总结", "title: 明湖市政协2016年工作总结（改）", "summaries/index.md"),
        (PLAN_DATA, "title: 村庄规划编制与乡村振兴", "title: 村庄规划编制与乡村振兴（改）", f"summaries/{SUMMARY}.md"),
        (RULE_PAGE, "date: 2015-06-18", "date: 2016-06-18", "years/2016.md"),
    ]
    for number, (rel, old, new, reaches) in enumerate(steps):
        before, wayfinding = index_object(), preview.process.carry._site.wayfinding
        edit(preview.root, rel, old, new)
        assert reaches in rebuilt(preview)
        assert index_object() is not before, f"{rel}: an edit others show must build the indexes again"
        # The wayfinding reads cards and plan↔summary links only: an item's title keeps it.
        kept = preview.process.carry._site.wayfinding is wayfinding
        assert kept == (rel == PLAN_DATA), rel
        assert_same_as_full_build(preview, f"carry-{number}")
        body_before = index_object()
        edit(preview.root, SUMMARY_PAGE, "修改", "修订")  # a body edit right after: carried again
        rebuilt(preview)
        assert index_object() is body_before
        edit(preview.root, SUMMARY_PAGE, "修订", "修改")
        rebuilt(preview)
        assert_same_as_full_build(preview, f"carry-{number}-body")


def test_a_template_edit_shows_although_compiled_templates_are_kept(preview):
    """The preview keeps compiled templates between rebuilds (zhengxie.templatecache): an edited
    template is compiled again, on every page."""
    edit(preview.root, "overrides/partials/zx/footer.html", ">开放数据</a>", ">开放数据（示例改名）</a>")
    changed = rebuilt(preview)
    assert changed == set(preview.process.rebuilds.last)
    assert "开放数据（示例改名）" in page(preview, f"summaries/{SUMMARY}")
    assert_same_as_full_build(preview, "template")
