"""In `make serve`, the search index follows the saved page: written after the build by a background
job, published without taking the previous index away, and superseded by a newer save."""
from __future__ import annotations

import gzip
import json

from fixture_site import SUMMARY, assemble
from serve_support import Preview

SUMMARY_PAGE = f"docs/summaries/{SUMMARY}.md"
WORD = "zxprobe"


def indexed_text(site_dir) -> str:
    """Every fragment of the published index, as text (Pagefind's fragments are gzip'd JSON)."""
    texts = []
    for path in (site_dir / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        texts.append(data.removeprefix(b"pagefind_dcd").decode("utf-8").replace("\u200b", ""))
    return "\n".join(texts)


def save(root, token: str) -> None:
    path = root / SUMMARY_PAGE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("大部分按时举行", f"大部分按时举行 {token}", 1), encoding="utf-8")


def status(site_dir) -> dict:
    return json.loads((site_dir / "zx-preview-status.json").read_text(encoding="utf-8"))


def test_the_index_follows_a_save_and_keeps_the_previous_chunks(tmp_path, monkeypatch):
    monkeypatch.setenv("ZX_SEARCH", "1")
    preview = Preview(assemble(tmp_path / "repo"), tmp_path / "site")
    preview.rebuild()
    preview.settle()
    before = {p for p in (preview.site_dir / "pagefind").rglob("*") if p.is_file()}
    assert WORD not in indexed_text(preview.site_dir)

    save(preview.root, f"{WORD}one")
    preview.rebuild()
    preview.settle()
    assert f"{WORD}one" in indexed_text(preview.site_dir)
    assert status(preview.site_dir)["generation"] == 2
    # A page loaded before the save still finds the chunks its entry file names.
    assert all(p.exists() for p in before)
    assert not list(preview.site_dir.glob(".zx-pagefind-*")), "the scratch bundle is left behind"


def test_a_newer_save_supersedes_the_running_job(tmp_path, monkeypatch):
    monkeypatch.setenv("ZX_SEARCH", "1")
    preview = Preview(assemble(tmp_path / "repo"), tmp_path / "site")
    preview.rebuild()
    first = preview.process.after_build.latest
    save(preview.root, f"{WORD}two")
    preview.rebuild()  # the first job may still be indexing: it stops, the second one publishes
    preview.settle()
    assert first.done.is_set()
    assert status(preview.site_dir)["generation"] == 2
    assert f"{WORD}two" in indexed_text(preview.site_dir)
