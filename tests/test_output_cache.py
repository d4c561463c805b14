"""A build that reuses what an earlier clean build of the same inputs stored (zhengxie.outputcache)
publishes the very same site: every file, byte for byte, search bundle included — and an edit, or
ZX_NO_CACHE=1, gives the site a build without any cache gives."""
from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixture_site import PLAN, SUMMARY, assemble

STORE = Path("build") / "cache" / "outputs"


def build(root: Path, out: Path, *, cache: bool = True, search: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZX_SEARCH="1" if search else "0", ZX_NO_CACHE="0" if cache else "1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                            cwd=root, env=env, capture_output=True, text=True)
    return result


def built(root: Path, out: Path, **options) -> Path:
    result = build(root, out, **options)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not varies_per_run(p.relative_to(out).as_posix())}


def varies_per_run(path: str) -> bool:
    """Pagefind writes its filter chunks, the meta file naming them and its entry file differently on
    every run, even for two builds without any cache of the same site; its fragments and word
    indexes (what a search finds) are compared like every other file."""
    return path.startswith("pagefind/filter/") or path == "pagefind/pagefind-entry.json" or (
        path.startswith("pagefind/pagefind.") and path.endswith(".pf_meta"))


def assert_same_site(a: Path, b: Path) -> None:
    left, right = tree(a), tree(b)
    assert sorted(left) == sorted(right)
    differing = [path for path in left if left[path] != right[path]]
    assert not differing, differing[:10]


def stored(root: Path) -> list[str]:
    """The fingerprints a clean build stored (at most one: older ones are dropped)."""
    folder = root / STORE
    return sorted(p.name for p in folder.iterdir() if (p / "complete").is_file()) if folder.is_dir() else []


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = assemble(tmp_path_factory.mktemp("cached") / "site")
    out = tmp_path_factory.mktemp("out")
    cold = built(root, out / "cold", search=True)
    return root, out, cold


def test_a_second_build_of_the_same_inputs_reuses_the_stored_pages_and_publishes_the_same_site(site):
    root, out, cold = site
    assert len(stored(root)) == 1
    pages = list((root / STORE / stored(root)[0] / "pages").glob("*.html"))
    assert len(pages) == len(list(cold.rglob("*.html"))) - 1  # every page but 404.html, which MkDocs renders itself
    warm = built(root, out / "warm", search=True)
    assert_same_site(cold, warm)
    assert (warm / "pagefind").is_dir()


def test_without_the_cache_the_site_is_the_same(site):
    root, out, cold = site
    before = stored(root)
    plain = built(root, out / "no-cache", cache=False, search=True)
    assert_same_site(cold, plain)
    assert stored(root) == before  # ZX_NO_CACHE=1 neither reads nor writes


def test_after_an_edit_nothing_stored_is_reused(site, tmp_path):
    """A plan's title shows on its own page and on the pages of the summary that reports on it:
    after the edit, the cached build equals an uncached one and shows the new title everywhere."""
    root, out, cold = site
    plan = root / "docs" / "plans" / f"{PLAN}.md"
    original = plan.read_text(encoding="utf-8")
    try:
        title = next(line for line in original.splitlines() if line.startswith("title:"))
        plan.write_text(original.replace(title, "title: 改过标题的协商计划（示例）", 1), encoding="utf-8")
        warm = built(root, tmp_path / "edited")
        plain = built(root, tmp_path / "edited-no-cache", cache=False)
        assert_same_site(warm, plain)
        assert "改过标题的协商计划" in (warm / "plans" / PLAN / "index.html").read_text(encoding="utf-8")
        assert "改过标题的协商计划" in (warm / "summaries" / SUMMARY / "index.html").read_text(encoding="utf-8")
        assert not filecmp.cmp(cold / "summaries" / SUMMARY / "index.html",
                               warm / "summaries" / SUMMARY / "index.html", shallow=False)
    finally:
        plan.write_text(original, encoding="utf-8")


def test_a_build_with_a_warning_stores_nothing_so_the_next_build_repeats_it(site, tmp_path):
    root, out, cold = site
    page = root / "docs" / "guide" / "cache-probe.md"
    before = stored(root)
    try:
        page.write_text("# 链接\n\n[不存在的页面](missing.md)\n", encoding="utf-8")
        first = build(root, tmp_path / "first")
        assert first.returncode != 0 and "missing.md" in first.stdout + first.stderr
        assert stored(root) == before
        again = build(root, tmp_path / "again")
        assert again.returncode != 0 and "missing.md" in again.stdout + again.stderr
    finally:
        page.unlink()
    assert not list((root / STORE).glob("*.partial"))


def test_the_second_build_writes_the_stored_html_rather_than_rendering_again(site, tmp_path):
    """Proof that pages are reused (no timing): a marker put into a stored page shows up in the
    next build's output of that page, and only there."""
    root, out, cold = site
    built(root, tmp_path / "store")  # the fingerprint of the current inputs is stored
    [key] = stored(root)
    page = cold / "plans" / PLAN / "index.html"
    html = page.read_text(encoding="utf-8")
    stored_pages = [p for p in (root / STORE / key / "pages").glob("*.html") if p.read_text(encoding="utf-8") == html]
    assert len(stored_pages) == 1
    stored_pages[0].write_text(html.replace("</body>", "<!-- stored -->\n</body>"), encoding="utf-8")
    try:
        warm = built(root, tmp_path / "warm")
        assert "<!-- stored -->" in (warm / "plans" / PLAN / "index.html").read_text(encoding="utf-8")
        assert "<!-- stored -->" not in (warm / "index.html").read_text(encoding="utf-8")
    finally:
        stored_pages[0].write_text(html, encoding="utf-8")


def test_the_fingerprint_never_reads_through_a_symlink_or_a_fifo(tmp_path):
    """A pull request may add a symlink or a FIFO under docs/ (the check refuses both): the build's
    fingerprint names them and goes on, without opening what they point to or blocking on a read."""
    from zhengxie.outputcache import fingerprint

    root, outside = tmp_path / "repo", tmp_path / "outside.txt"
    (root / "docs" / "folder").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    outside.write_text("before", encoding="utf-8")
    os.symlink(outside, root / "docs" / "link.md")
    os.symlink(tmp_path, root / "docs" / "folder" / "linked-folder")
    os.mkfifo(root / "docs" / "pipe.md")
    first = fingerprint(root, root / "mkdocs.yml", {})
    outside.write_text("after", encoding="utf-8")
    assert fingerprint(root, root / "mkdocs.yml", {}) == first
    os.remove(root / "docs" / "link.md")
    assert fingerprint(root, root / "mkdocs.yml", {}) != first
