"""In `make serve`, the search index follows the saved page: written after the build by a background
job, published without taking the previous index away (MkDocs empties the site folder before each
rebuild; the published index is put back with the pages), and superseded by a newer save."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from fixture_site import SUMMARY, assemble
from serve_support import Preview
from zhengxie.build.afterbuild import AfterBuild

SUMMARY_PAGE = f"docs/summaries/{SUMMARY}.md"
WORD = "zxprobe"


@pytest.fixture()
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Preview]:
    monkeypatch.setenv("ZX_SEARCH", "1")
    with Preview(assemble(tmp_path / "repo"), tmp_path / "site") as preview:
        yield preview


def fragment_text(content: bytes) -> str:
    """A fragment of the index as text (Pagefind's fragments are gzip'd JSON)."""
    return gzip.decompress(content).removeprefix(b"pagefind_dcd").decode("utf-8").replace("\u200b", "")


def indexed_text(site_dir: Path) -> str:
    """Every fragment of the published index, as text."""
    return "\n".join(fragment_text(p.read_bytes()) for p in (site_dir / "pagefind" / "fragment").glob("*.pf_fragment"))


def bundle(site_dir: Path) -> dict[Path, bytes]:
    return {p.relative_to(site_dir): p.read_bytes() for p in (site_dir / "pagefind").rglob("*") if p.is_file()}


def save(root: Path, token: str) -> None:
    path = root / SUMMARY_PAGE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("大部分按时举行", f"大部分按时举行 {token}", 1), encoding="utf-8")


def status(site_dir: Path) -> dict:
    return json.loads((site_dir / "zx-preview-status.json").read_text(encoding="utf-8"))


def test_the_index_follows_a_save_and_keeps_the_previous_chunks(preview, monkeypatch):
    preview.rebuild()
    preview.settle()
    before = bundle(preview.site_dir)
    assert WORD not in indexed_text(preview.site_dir)

    indexed = threading.Event()  # the next index waits to be published until the test has looked
    publish = AfterBuild.publish_bundle

    def held(self: AfterBuild, scratch: Path, site_dir: Path) -> None:
        assert indexed.wait(300)
        publish(self, scratch, site_dir)

    monkeypatch.setattr(AfterBuild, "publish_bundle", held)
    save(preview.root, f"{WORD}one")
    preview.rebuild()
    # The pages are rebuilt (MkDocs emptied the folder first), the new index is not published yet:
    # the search answers from the previous one.
    assert bundle(preview.site_dir) == before, "the published index should stay while the next one is built"
    indexed.set()
    preview.settle()
    assert f"{WORD}one" in indexed_text(preview.site_dir)
    assert status(preview.site_dir)["generation"] == 2
    # A page loaded before the save still finds the chunks its entry file names.
    after = bundle(preview.site_dir)
    assert all(after.get(rel) == content for rel, content in before.items() if rel.name != "pagefind-entry.json")
    assert not list(preview.site_dir.glob(".zx-pagefind*")), "a scratch bundle is left in the site"

    first_fragment = [
        rel
        for rel, content in before.items()
        if rel.suffix == ".pf_fragment" and "大部分按时举行" in fragment_text(content)
    ]
    assert len(first_fragment) == 1 and first_fragment[0] in after

    save(preview.root, f"{WORD}two")  # two generations on, the first index's chunks go
    preview.rebuild()
    preview.settle()
    assert f"{WORD}two" in indexed_text(preview.site_dir)
    assert not (preview.site_dir / first_fragment[0]).exists(), "a chunk two generations old is kept"


def test_a_newer_save_supersedes_the_running_job(preview):
    preview.rebuild()
    first = preview.job()
    save(preview.root, f"{WORD}two")
    preview.rebuild()  # the first job may still be indexing: it stops, the second one publishes
    preview.settle()
    assert first.done.is_set()
    assert status(preview.site_dir)["generation"] == 2
    assert f"{WORD}two" in indexed_text(preview.site_dir)
