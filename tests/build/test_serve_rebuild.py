"""`make serve` rebuilds the whole site after every save, and the result is the site a clean build makes.

Each case edits the fixture site the way an editor saves a file, runs the rebuild `mkdocs serve` runs
(in-process, tests/support/serve_support.py) and compares every file of the preview with a clean `mkdocs build`
of the same sources in a process of its own (calendars, feeds and open data included, once the
background job has written them); the preview's problem box is the one difference allowed. Sequences
of saves in a row, each compared with a clean build (broken YAML and its fix among them), are
tests/build/test_differential.py's; what the real `mkdocs serve` shows after each, tests/build/test_preview.py's.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from fixture_site import PLAN, RULE, SUMMARY, assemble
from serve_support import (
    LONE,
    LONE_PLAN,
    Preview,
    add_lone_body,
    assert_same_site,
    finish_clean_build,
    start_clean_build,
)

PLAN_DATA = f"data/plans/{PLAN}.yml"
SUMMARY_DATA = f"data/summaries/{SUMMARY}.yml"
SUMMARY_PAGE = f"docs/summaries/{SUMMARY}.md"
RULE_PAGE = f"docs/rules/{RULE}.md"
PLAN_PAGE = f"docs/plans/{PLAN}.md"
BOX = 'class="zx-preview-problems"'


class Edited(Preview):
    tmp: Path
    checks = 0
    clean: tuple[subprocess.Popen[str], Path] | None = None  # the clean build of the sources last rebuilt

    def rebuilt(self) -> None:
        """What the server does after a save, its background job waited for; meanwhile a clean build of
        the same sources runs in a process of its own (the other core), for assert_same_as_clean_build."""
        self._drop_clean()
        Edited.checks += 1
        out = self.tmp / f"clean-{Edited.checks}"
        self.clean = (start_clean_build(self.root, out), out)
        self.rebuild()
        self.settle()

    def first_build(self) -> None:
        """The first build of `mkdocs serve`, before any save: nothing to compare yet."""
        self.rebuild()
        self.settle()

    def assert_same_as_clean_build(self) -> None:
        assert self.clean is not None, "rebuilt() starts the clean build to compare with"
        (process, out), self.clean = self.clean, None
        finish_clean_build(process)
        assert_same_site(self.site_dir, out)

    def _drop_clean(self) -> None:
        """A clean build no test compared with (the sources changed again): stopped."""
        if self.clean is not None:
            self.clean[0].kill()
            self.clean[0].communicate()
            self.clean = None

    def close(self) -> None:
        self._drop_clean()
        super().close()


@pytest.fixture()
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Edited]:
    monkeypatch.setenv("ZX_SEARCH", "0")
    with Edited(assemble(tmp_path / "repo"), tmp_path / "preview") as preview:
        preview.tmp = tmp_path
        # No first build unless a case looks at the site before its edit (`preview.first_build()`):
        # `mkdocs serve` rebuilds the whole site into a cleaned folder and keeps nothing between
        # builds but the process, and rebuilds after earlier ones in the same process are what
        # test_differential.py's sequences compare.
        yield preview


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def page(preview: Preview, url: str) -> str:
    return (preview.site_dir / url / "index.html").read_text(encoding="utf-8")


def test_a_body_edit_shows(preview):
    edit(preview.root, SUMMARY_PAGE, "大部分按时举行", "大部分按时举行（修改后的正文）")
    preview.rebuilt()
    assert "修改后的正文" in page(preview, f"summaries/{SUMMARY}")
    preview.assert_same_as_clean_build()


def test_a_title_edit_reaches_every_page_that_shows_it(preview):
    edit(preview.root, SUMMARY_PAGE, "title: 明湖市政协2016年工作总结", "title: 明湖市政协2016年工作总结（改）")
    preview.rebuilt()
    for url in (f"plans/{PLAN}", "summaries", "years/2016", "bodies/minghu-city"):  # the plan names its reports
        assert "明湖市政协2016年工作总结（改）" in page(preview, url), url
    assert "明湖市政协2016年工作总结（改）" in (preview.site_dir / "feeds" / "all.xml").read_text(encoding="utf-8")
    preview.assert_same_as_clean_build()


def test_a_plan_item_edit_reaches_the_summary_that_reports_it(preview):
    edit(preview.root, PLAN_DATA, "title: 村庄规划编制与乡村振兴", "title: 村庄规划编制与乡村振兴（改）")
    preview.rebuilt()
    assert "村庄规划编制与乡村振兴（改）" in page(preview, f"summaries/{SUMMARY}")
    preview.assert_same_as_clean_build()


def test_a_report_status_edit_reaches_the_plan(preview):
    edit(
        preview.root,
        SUMMARY_DATA,
        "    status: held\n    date: 2016-05-24",
        "    status: postponed\n    date: 2016-09-24\n    reason: 座谈会改期到九月",
    )
    preview.rebuilt()
    assert "座谈会改期到九月" in page(preview, f"plans/{PLAN}")
    preview.assert_same_as_clean_build()


def test_a_date_edit_moves_the_document_between_year_pages(preview):
    preview.first_build()
    assert "青溪县政协机关办公规则</a>" in page(preview, "years/2015")
    edit(preview.root, RULE_PAGE, "date: 2015-06-18", "date: 2016-06-18")
    preview.rebuilt()
    assert "青溪县政协机关办公规则" in page(preview, "years/2016")
    assert "青溪县政协机关办公规则</a>" not in page(preview, "years/2015")
    preview.assert_same_as_clean_build()


def test_a_deleted_document_leaves_no_page_behind(preview):
    preview.first_build()
    assert (preview.site_dir / "rules" / RULE).is_dir()
    (preview.root / RULE_PAGE).unlink()
    preview.rebuilt()
    assert not (preview.site_dir / "rules" / RULE).exists()
    assert f"rules/{RULE}/" not in page(preview, "rules")
    preview.assert_same_as_clean_build()


def test_a_vocabulary_edit_reaches_every_page(preview):
    edit(preview.root, "data/topics.yml", "name: 乡村振兴", "name: 乡村全面振兴")
    preview.rebuilt()
    assert "乡村全面振兴" in page(preview, "topics/rural-revitalization")
    assert "乡村全面振兴" in page(preview, f"summaries/{SUMMARY}")
    preview.assert_same_as_clean_build()


def test_the_preview_box_shows_the_saved_documents_problems(preview):
    edit(preview.root, SUMMARY_PAGE, "date: 2016-12-26", "date: 2016-13-26")
    preview.rebuilt()
    html = page(preview, f"summaries/{SUMMARY}")
    assert BOX in html and re.search(r"<code>ZX\d{3}</code>", html), "the preview box should name the new problem"
    assert BOX not in page(preview, f"plans/{PLAN}"), "a document without problems shows no box"
    preview.assert_same_as_clean_build()  # the box aside
    edit(preview.root, SUMMARY_PAGE, "date: 2016-13-26", "date: 2016-12-26")
    preview.rebuilt()
    assert BOX not in page(preview, f"summaries/{SUMMARY}"), "the fixed document still shows a problem"
    preview.assert_same_as_clean_build()


def test_a_figure_edit_redraws_the_data_pages(preview):
    # the fixture states each measure once: a table row on the 数据 pages, no chart (charts: tests/render)
    preview.first_build()
    assert "45件" in page(preview, "figures")
    edit(
        preview.root,
        SUMMARY_DATA,
        "{measure: opinions-submitted, value: 45}",
        "{measure: opinions-submitted, value: 54}",
    )
    preview.rebuilt()
    assert "54件" in page(preview, "figures") and "45件" not in page(preview, "figures"), "the data page follows"
    assert "54" in page(preview, f"summaries/{SUMMARY}")
    preview.assert_same_as_clean_build()


def test_paged_listings_follow_a_date_edit(tmp_path, monkeypatch):
    """With listings cut into pages of ten entries, a date that moves a document between pages
    reaches every page."""
    monkeypatch.setenv("ZX_SEARCH", "0")
    root = assemble(tmp_path / "repo")
    (root / "data" / "pagination.yml").write_text("page_size: 10\n", encoding="utf-8")
    for number in range(25):  # with the fixture's, more than ten in 2016 for the year, the body and the topic
        (root / f"docs/notes/2016-paged-note-{number:02d}.md").write_text(
            f"---\ntitle: 学习体会{number}（示例）\nkind: note\ntype: study\nbody: baishi-town\n"
            f"date: 2016-{1 + number % 11:02d}-{1 + number % 28:02d}\ntopics: [study]\n---\n\n示例正文。\n",
            encoding="utf-8",
        )
    with Edited(root, tmp_path / "preview") as preview:
        preview.tmp = tmp_path
        preview.first_build()
        assert (preview.site_dir / "years/2016/3/index.html").is_file()
        assert (preview.site_dir / "topics/study/2016/2/index.html").is_file()

        def year_page_listing(title: str) -> list[str]:
            return sorted(
                str(p.relative_to(preview.site_dir))
                for p in (preview.site_dir / "years/2016").rglob("index.html")
                if f"{title}</a>" in p.read_text(encoding="utf-8")
            )

        before = year_page_listing("学习体会3（示例）")
        edit(root, "docs/notes/2016-paged-note-03.md", "date: 2016-04-04", "date: 2016-12-30")
        preview.rebuilt()
        after = year_page_listing("学习体会3（示例）")
        assert len(before) == len(after) == 1 and before != after, "the note moves to another page of 2016"
        preview.assert_same_as_clean_build()


@pytest.mark.parametrize("template", ["partials/zx/footer.html", "partials/zx/plan-items.html"])
def test_a_template_edit_shows(preview, template):
    """overrides/ holds the theme's templates (footer.html, rendered by MkDocs) and the core's
    (plan-items.html, rendered by the model's views): an edit of either shows on the next rebuild."""
    path = preview.root / "overrides" / template
    path.write_text(path.read_text(encoding="utf-8") + "\n<p>模板修改测试</p>\n", encoding="utf-8")
    preview.rebuilt()
    assert "模板修改测试" in page(preview, f"plans/{PLAN}")
    preview.assert_same_as_clean_build()


def test_an_asset_edit_shows(preview):
    path = preview.root / "docs" / "assets" / "zx.css"
    path.write_text(path.read_text(encoding="utf-8") + "\n/* 样式修改测试 */\n", encoding="utf-8")
    preview.rebuilt()
    assert "样式修改测试" in (preview.site_dir / "assets" / "zx.css").read_text(encoding="utf-8")
    preview.assert_same_as_clean_build()


def test_a_bodys_only_document_deleted_takes_its_feed_and_calendar(tmp_path, monkeypatch):
    monkeypatch.setenv("ZX_SEARCH", "0")
    root = assemble(tmp_path / "repo")
    add_lone_body(root)
    with Edited(root, tmp_path / "preview") as preview:
        preview.tmp = tmp_path
        preview.rebuilt()
        feed, calendar = preview.site_dir / f"feeds/body-{LONE}.xml", preview.site_dir / f"calendars/{LONE}.ics"
        assert feed.is_file() and calendar.is_file()
        preview.assert_same_as_clean_build()
        (root / f"docs/plans/{LONE_PLAN}.md").unlink()
        (root / f"data/plans/{LONE_PLAN}.yml").unlink()
        preview.rebuilt()
        assert not feed.exists() and not calendar.exists()
        preview.assert_same_as_clean_build()
