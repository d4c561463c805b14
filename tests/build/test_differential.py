"""Differential test of the build: random sequences of edits, each rebuilt by the in-process preview,
compared byte for byte with a clean `mkdocs build` of the same sources into a fresh folder.

Each example assembles the fixture site (tests/support/fixture_site.py) and draws a few edits an editor
makes: body text, a title or a date in front matter, a plan item's title or time (data/plans/),
a report's status (data/summaries/), a document deleted or added (a new note, or a deleted document
back), YAML broken and later fixed. After each edit the preview rebuilds (what `mkdocs serve` runs
after a save) and its background job settles; every file it serves — calendars, feeds and open data
included, the search bundle and .gz files aside — must equal the clean build's, the preview's problem
box being the one difference allowed. The same process also builds the site as `mkdocs build` does,
once before the edits and once after (a warm build), and that second build must equal the clean one.

A save may carry several edits, as when an editor saves a few files before the server notices (it
rebuilds once for all of them). The suite runs fixed sequences: one makes every kind of edit in four
saves, another deletes a document and edits an item's time in one save, then breaks a data file (once
drawn at random). Each save is two builds, the preview's and a clean one, so the fixed sequences are
what the suite can afford; a derandomized draw would be the same few sequences on every run anyway.
ZX_DIFFERENTIAL_EXAMPLES=N explores N new random sequences; a failure names its edits: add them as
an @example to replay them.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from fixture_site import assemble, data_file
from serve_support import SERVE_URL, Preview, differences, finish_clean_build, start_clean_build

EXAMPLES = int(os.environ.get("ZX_DIFFERENTIAL_EXAMPLES", "0"))
SETTINGS = settings(
    max_examples=EXAMPLES or 1,
    database=None,
    deadline=None,
    # The suite runs the @examples only; ZX_DIFFERENTIAL_EXAMPLES=n draws n more. No shrinking: each try
    # is a few saves of two builds each; the message names the edits.
    phases=[Phase.explicit, Phase.generate] if EXAMPLES else [Phase.explicit],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

FOLDERS = ("rules", "plans", "summaries", "notes")  # docs/<folder>/<id>.md
TOKEN = st.text(alphabet="甲乙丙丁改订正文稿abcxyz0123", min_size=1, max_size=6)
INDEX = st.integers(min_value=0, max_value=63)
DATE = st.tuples(st.integers(2014, 2017), st.integers(1, 12), st.integers(1, 28))
Edit = tuple[Any, ...]
EDITS: st.SearchStrategy[Edit] = st.one_of(
    st.tuples(st.just("body"), INDEX, TOKEN),
    st.tuples(st.just("title"), INDEX, TOKEN),
    st.tuples(st.just("date"), INDEX, DATE),
    st.tuples(st.just("item title"), INDEX, TOKEN),
    st.tuples(st.just("item time"), INDEX, st.sampled_from(["3月", "5月", "第四季度", "全年", "2016-07-01"])),
    st.tuples(st.just("status"), INDEX, st.sampled_from(["held", "postponed", "cancelled", "merged"])),
    st.tuples(st.just("delete"), INDEX),
    st.tuples(st.just("add"), INDEX, DATE),
    st.tuples(st.just("break"), INDEX),
    st.tuples(st.just("fix"), INDEX),
)


@dataclass
class Sources:
    """The assembled site under edit, and what the edits took away or broke (to bring back)."""

    root: Path
    removed: list[dict[Path, str]] = field(default_factory=list)
    broken: dict[Path, str] = field(default_factory=dict)
    added: int = 0

    def docs(self) -> list[Path]:
        """The documents (by folder: their front matter may be broken)."""
        return sorted(
            p for folder in FOLDERS for p in (self.root / "docs" / folder).glob("*.md") if p.name != "index.md"
        )

    def data(self, folder: str) -> list[Path]:
        return sorted((self.root / "data" / folder).glob("*.yml"))

    def replace(self, path: Path, pattern: str, new: Any, which: int = 0) -> bool:
        """Replace the which-th match (modulo their number) of a multiline pattern; False if none."""
        text = path.read_text(encoding="utf-8")
        matches = list(re.finditer(pattern, text, flags=re.MULTILINE))
        if not matches:
            return False
        match = matches[which % len(matches)]
        replacement = new(match) if callable(new) else new
        path.write_text(text[: match.start()] + replacement + text[match.end() :], encoding="utf-8")
        return True

    def apply(self, edit: Edit) -> str:
        """Make the edit; a description of what it did, for the failure message."""
        kind, index, *args = edit
        docs = self.docs()
        doc = docs[index % len(docs)]
        rel = doc.relative_to(self.root)
        if kind == "body":
            with doc.open("a", encoding="utf-8") as out:
                out.write(f"\n差分测试的正文：{args[0]}。\n")
        elif kind == "title":
            self.replace(doc, r"^title: (.*)$", lambda m: f"title: {m.group(1)}{args[0]}")
        elif kind == "date":
            year, month, day = args[0]
            if not self.replace(doc, r"^date: \d{4}-\d\d-\d\d$", f"date: {year}-{month:02d}-{day:02d}"):
                return f"no date in {rel}"
        elif kind in ("item title", "item time", "status"):
            folder, pattern = (
                ("summaries", r"^    status: \w+$") if kind == "status" else ("plans", rf"^    {kind[5:]}: .*$")
            )
            files = self.data(folder)
            if not files:
                return f"no data file in data/{folder}"
            path = files[index % len(files)]
            rel = path.relative_to(self.root)
            new = {
                "item title": lambda m: m.group() + args[0],
                "item time": f"    time: {args[0]}",
                "status": f"    status: {args[0]}",
            }[kind]
            if not self.replace(path, pattern, new, which=index // len(files)):
                return f"nothing to edit in {rel}"
        elif kind == "delete":
            if len(docs) <= 2:
                return "too few documents left to delete one"
            # Kept as they were before any break: a document comes back whole.
            gone = {
                p: self.broken.pop(p, None) or p.read_text(encoding="utf-8") for p in [doc, *data_file(self.root, doc)]
            }
            for path in gone:
                path.unlink()
            self.removed.append(gone)
        elif kind == "add":
            if self.removed and index % 2 == 0:
                back = self.removed.pop(index % len(self.removed))
                for path, text in back.items():
                    path.write_text(text, encoding="utf-8")
                return f"{edit}: {', '.join(str(p.relative_to(self.root)) for p in back)} back"
            year, month, day = args[0]
            self.added += 1
            path = self.root / "docs" / "notes" / f"{year}-baishi-differential-note-{self.added}.md"
            path.write_text(
                f"---\ntitle: 差分测试学习体会{self.added}\nkind: note\ntype: study\nbody: baishi-town\n"
                f"date: {year}-{month:02d}-{day:02d}\ntopics: [study]\n---\n\n差分测试的学习体会。\n",
                encoding="utf-8",
            )
            rel = path.relative_to(self.root)
        elif kind == "break":
            candidates = [p for p in [*docs, *self.data("plans"), *self.data("summaries")] if p not in self.broken]
            if not candidates:
                return "everything is broken already"
            path = candidates[index % len(candidates)]
            rel = path.relative_to(self.root)
            original = path.read_text(encoding="utf-8")
            # An unclosed quote in front matter, an unclosed bracket in a data file: YAML that does not parse.
            if not self.replace(
                path, r"^(\s*(?:- )?)(\w+): (.*)$", lambda m: f'{m.group(1)}{m.group(2)}: ["{m.group(3)}'
            ):
                return f"nothing to break in {rel}"
            self.broken[path] = original
        elif kind == "fix":
            if not self.broken:
                return "nothing broken to fix"
            path = sorted(self.broken)[index % len(self.broken)]
            rel = path.relative_to(self.root)
            path.write_text(self.broken.pop(path), encoding="utf-8")
        return f"{edit} on {rel}"


@pytest.fixture()
def no_search(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZX_SEARCH", "0")
    monkeypatch.delenv("ZX_SHARD", raising=False)


@pytest.fixture()
def scratch() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="zx-differential-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def build_in_process(root: Path, site_dir: Path, startup: bool) -> None:
    """What `mkdocs build` runs (on_startup only for the first build of the process), at the serve URL."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir))
    config.site_url = SERVE_URL
    if startup:
        config.plugins.on_startup(command="build", dirty=False)
    build(config)


# Every kind of edit once in four saves, breaks and fixes beside other edits (documents by index in
# sorted order: 0 the note, 1 and 2 the plans, 3 the interim rules, 5 the annual summary; break index 8:
# the first plan's data file; the deleted document comes back in the next save). The last break is
# fixed by a fifth save.
EVERY_KIND: list[list[Edit]] = [
    [("body", 5, "甲乙"), ("break", 8), ("title", 3, "改")],
    [("break", 0), ("item title", 1, "丙"), ("date", 2, (2017, 3, 5))],
    [("fix", 0), ("status", 2, "postponed"), ("delete", 1)],
    [("item time", 4, "全年"), ("add", 0, (2014, 6, 1)), ("add", 1, (2014, 6, 1))],
]


@pytest.mark.slow
@SETTINGS
@given(saves=st.lists(st.lists(EDITS, min_size=1, max_size=3), min_size=2, max_size=3))
@example(saves=EVERY_KIND)
@example(saves=[[("delete", 29), ("item time", 12, "2016-07-01")], [("break", 9)]])
def test_edit_sequences_in_the_preview_and_a_warm_build_equal_clean_builds(no_search, scratch, saves):
    example = Path(tempfile.mkdtemp(prefix="example-", dir=scratch))
    sources = Sources(assemble(example / "repo"))
    build_in_process(sources.root, example / "warm", startup=True)  # the first of two builds in this process
    done: list[str] = []
    with Preview(sources.root, example / "preview") as preview:
        preview.rebuild()
        preview.settle()

        def step(save: list[Edit]) -> None:
            done.append(" + ".join(sources.apply(edit) for edit in save))
            clean_dir = example / f"clean-{len(done)}"
            clean = start_clean_build(sources.root, clean_dir)  # meanwhile the preview rebuilds
            preview.rebuild()
            preview.settle()
            finish_clean_build(clean)
            found = differences(preview.site_dir, clean_dir)
            assert not found, "after " + " → ".join(done) + ":\n" + "\n".join(found[:30])
            shutil.rmtree(clean_dir)

        for save in saves:
            step(save)
        while sources.broken:  # every break gets its fix
            step([("fix", 0)])
    # The same process builds the site again, as `mkdocs build` (no serve): a warm build.
    clean_dir = example / "clean-final"
    clean = start_clean_build(sources.root, clean_dir)
    build_in_process(sources.root, example / "warm", startup=False)
    finish_clean_build(clean)
    found = differences(example / "warm", clean_dir)
    assert not found, "warm build after " + " → ".join(done) + ":\n" + "\n".join(found[:30])
    shutil.rmtree(example, ignore_errors=True)
