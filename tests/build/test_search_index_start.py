"""A build starts its search index as soon as every document page is on disk, so Pagefind indexes on
one core while the engine renders the generated pages and writes calendars, feeds and open data on
the other; the index then holds every document, and a failed build leaves no Pagefind behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest

from conftest import ROOT
from zhengxie.build import website
from zhengxie.build.website import Site


class Recorder:
    """Stands in for Pagefind: records when indexing starts, finishes or stops."""

    started: ClassVar[list[Recorder]] = []

    def __init__(self, site_dir: Path, bundle: str, folders: list[str]):
        self.site_dir, self.bundle, self.folders = site_dir, bundle, folders
        self.finished = self.stopped = False
        Recorder.started.append(self)

    def finish(self) -> None:
        self.finished = True

    def stop(self) -> None:
        self.stopped = True


@pytest.fixture
def site(zx_repo, monkeypatch, tmp_path):
    monkeypatch.setenv("ZX_SEARCH", "1")
    monkeypatch.setattr(website, "Indexing", Recorder)
    Recorder.started = []
    return Site.load(zx_repo.root, template_dir=ROOT / "overrides")


def test_indexing_starts_at_the_first_page_after_the_last_document(site, tmp_path):
    documents = list(site.corpus.by_src_uri)
    assert len(documents) >= 2
    site.page_rendered("index.md", tmp_path)  # a page before the documents: nothing to index yet
    for uri in documents:
        assert Recorder.started == []  # the page just rendered is written after the call
        site.page_rendered(uri, tmp_path)
    assert Recorder.started == []
    site.page_rendered("topics/index.md", tmp_path)  # every document page is on disk now
    site.page_rendered("years/index.md", tmp_path)
    assert len(Recorder.started) == 1
    indexing = Recorder.started[0]
    assert set(indexing.folders) == {kind.folder for kind in site.corpus.vocab.kinds.values()}
    site.post_build(tmp_path)
    assert indexing.finished and len(Recorder.started) == 1  # the same run, not a second one


def test_a_build_that_never_rendered_every_document_indexes_after_its_pages(site, tmp_path):
    site.page_rendered(next(iter(site.corpus.by_src_uri)), tmp_path)
    site.page_rendered("topics/index.md", tmp_path)
    assert Recorder.started == []
    site.post_build(tmp_path)
    assert len(Recorder.started) == 1 and Recorder.started[0].finished


def test_a_failed_build_stops_the_index_it_started(site, tmp_path):
    for uri in [*site.corpus.by_src_uri, "topics/index.md"]:
        site.page_rendered(uri, tmp_path)
    site.stop_indexing()
    assert Recorder.started[0].stopped and not Recorder.started[0].finished


def test_no_search_no_index(site, tmp_path, monkeypatch):
    monkeypatch.setenv("ZX_SEARCH", "0")
    for uri in [*site.corpus.by_src_uri, "topics/index.md"]:
        site.page_rendered(uri, tmp_path)
    site.post_build(tmp_path)
    assert Recorder.started == []


def test_the_built_index_holds_every_document(fixture_copy, tmp_path):
    """The real thing: `mkdocs build` with search indexes every document page of the fixture corpus."""
    out = tmp_path / "built"
    env = dict(os.environ, ZX_SEARCH="1", NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "hooks"))
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=fixture_copy,
        env=env,
        check=True,
    )
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    documents = Site.load(fixture_copy, template_dir=fixture_copy / "overrides").corpus.documents
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(documents)
