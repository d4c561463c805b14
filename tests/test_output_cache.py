"""A build reuses each page an earlier build stored when what the page shows has not changed
(zhengxie.outputcache, fingerprints from zhengxie.rebuild), and publishes the very same site a build
without any cache (ZX_NO_CACHE=1) publishes: every file, byte for byte, search bundle included —
after edits of a body, a plan item a summary reports, a date or title listings show, an added or
deleted document, a vocabulary; and with the same verdict when the corpus has a problem."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from fixture_site import NOTE, PLAN, RULE, SUMMARY, assemble
from zhengxie.outputcache import stored_src_uri

STORE = Path("build") / "cache" / "outputs"
PAGES = STORE / "pages"


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


def verdict(result: subprocess.CompletedProcess) -> tuple:
    """The exit code and every warning or error line, without the build's timing."""
    lines = [line for line in (result.stdout + result.stderr).splitlines()
             if line.startswith(("WARNING", "ERROR")) or "Aborted" in line]
    return result.returncode, sorted(lines)


def assert_same_as_uncached(root: Path, out: Path) -> tuple[Path, set]:
    """Build with the cache, then without; same files and verdict. Returns the cached build's site
    and the pages it rendered (stored again) rather than reused."""
    before = stored_pages(root)
    warm = build(root, out / "warm")
    plain = build(root, out / "no-cache", cache=False)
    assert verdict(warm) == verdict(plain)
    assert_same_site(out / "warm", out / "no-cache")
    after = stored_pages(root)
    return out / "warm", {uri for uri, stamp in after.items() if before.get(uri) != stamp}


def stored_pages(root: Path) -> dict[str, tuple]:
    """src_uri -> (size, mtime, inode) of each stored page: which pages a build stored again."""
    found = {}
    for path in (root / PAGES).iterdir() if (root / PAGES).is_dir() else ():
        uri = stored_src_uri(path)
        if uri is not None:
            st = path.stat()
            found[uri] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return found


def edit(root: Path, rel: str, old: str, new: str) -> str:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


@contextmanager
def edited(root: Path, rel: str, old: str, new: str):
    """The file edited for the block, as it was afterwards (the site is shared by the module's tests)."""
    original = edit(root, rel, old, new)
    try:
        yield
    finally:
        (root / rel).write_text(original, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = assemble(tmp_path_factory.mktemp("cached") / "site")
    out = tmp_path_factory.mktemp("out")
    cold = built(root, out / "cold", search=True)
    return root, out, cold


def all_pages(root: Path) -> set:
    return set(stored_pages(root))


def test_a_second_build_of_the_same_inputs_reuses_every_page_and_publishes_the_same_site(site):
    root, out, cold = site
    pages = stored_pages(root)
    assert len(pages) == len(list(cold.rglob("*.html"))) - 1  # every page but 404.html, which MkDocs renders itself
    warm = built(root, out / "warm", search=True)
    assert_same_site(cold, warm)
    assert (warm / "pagefind").is_dir()
    assert stored_pages(root) == pages  # nothing rendered again


def test_without_the_cache_the_site_is_the_same(site):
    root, out, cold = site
    before = stored_pages(root)
    plain = built(root, out / "no-cache", cache=False, search=True)
    assert_same_site(cold, plain)
    assert stored_pages(root) == before  # ZX_NO_CACHE=1 neither reads nor writes


def test_a_body_edit_renders_that_page_only(site, tmp_path):
    root, out, cold = site
    page = f"docs/summaries/{SUMMARY}.md"
    with edited(root, page, "大部分按时举行", "大部分按时举行（修改后的正文）"):
        warm, rendered = assert_same_as_uncached(root, tmp_path)
        assert rendered == {f"summaries/{SUMMARY}.md"}
        assert "修改后的正文" in (warm / "summaries" / SUMMARY / "index.html").read_text(encoding="utf-8")


def test_a_plan_item_edit_reaches_the_summary_that_reports_on_it(site, tmp_path):
    root, out, cold = site
    data = f"data/plans/{PLAN}.yml"
    with edited(root, data, "title: 村庄规划编制与乡村振兴", "title: 村庄规划编制与乡村振兴（改过的标题）"):
        warm, rendered = assert_same_as_uncached(root, tmp_path)
        assert {f"plans/{PLAN}.md", f"summaries/{SUMMARY}.md"} <= rendered < all_pages(root)
        assert "改过的标题" in (warm / "summaries" / SUMMARY / "index.html").read_text(encoding="utf-8")


def test_a_title_edit_reaches_the_listings_and_the_plan_it_reports_on(site, tmp_path):
    root, out, cold = site
    page = f"docs/summaries/{SUMMARY}.md"
    with edited(root, page, "title: 明湖市政协2016年工作总结", "title: 明湖市政协2016年工作总结（改）"):
        warm, rendered = assert_same_as_uncached(root, tmp_path)
        assert {f"plans/{PLAN}.md", "summaries/index.md", "years/2016.md"} <= rendered < all_pages(root)
        assert "明湖市政协2016年工作总结（改）" in (warm / "summaries" / "index.html").read_text(encoding="utf-8")


def test_a_date_edit_moves_the_document_between_year_pages(site, tmp_path):
    root, out, cold = site
    page = f"docs/rules/{RULE}.md"
    with edited(root, page, "date: 2015-06-18", "date: 2016-06-18"):
        warm, rendered = assert_same_as_uncached(root, tmp_path)
        assert {"years/2015.md", "years/2016.md", f"rules/{RULE}.md"} <= rendered < all_pages(root)


def test_an_added_and_a_deleted_document(site, tmp_path):
    root, out, cold = site
    note = root / "docs" / "notes" / f"{NOTE}.md"
    added = note.with_name("2016-baishi-second-study-note.md")
    original = note.read_text(encoding="utf-8")
    added.write_text(original.replace("title: 联络组学习机关办公规则的体会", "title: 联络组再学机关办公规则（示例）")
                     .replace("date: 2016-09-08", "date: 2016-10-12"), encoding="utf-8")
    try:
        warm, rendered = assert_same_as_uncached(root, tmp_path / "added")
        assert "notes/2016-baishi-second-study-note.md" in rendered < all_pages(root)
        assert "联络组再学机关办公规则" in (warm / "notes" / "index.html").read_text(encoding="utf-8")
        added.unlink()
        note.unlink()
        warm, rendered = assert_same_as_uncached(root, tmp_path / "deleted")
        assert not (warm / "notes" / NOTE).exists()
        assert f"notes/{NOTE}.md" not in all_pages(root)  # one entry a page the site has: no more
    finally:
        added.unlink(missing_ok=True)
        note.write_text(original, encoding="utf-8")


def test_a_deleted_document_other_pages_link_to_fails_the_build_as_without_the_cache(site, tmp_path):
    root, out, cold = site
    rule = root / "docs" / "rules" / f"{RULE}.md"
    original = rule.read_text(encoding="utf-8")
    rule.unlink()
    try:
        warm = build(root, tmp_path / "warm")
        assert warm.returncode != 0 and "ZX505" in warm.stdout + warm.stderr
        plain = build(root, tmp_path / "no-cache", cache=False)
        assert verdict(warm) == verdict(plain)
        assert_same_site(tmp_path / "warm", tmp_path / "no-cache")
    finally:
        rule.write_text(original, encoding="utf-8")


def test_a_vocabulary_edit_renders_every_page(site, tmp_path):
    root, out, cold = site
    with edited(root, "data/topics.yml", "name: 乡村振兴", "name: 乡村全面振兴"):
        warm, rendered = assert_same_as_uncached(root, tmp_path)
        assert rendered == all_pages(root)


def test_a_page_whose_rendering_warned_is_not_stored_and_the_others_are_reused(site, tmp_path):
    """One faulty page fails the build (strict) and is rendered again each time, so the warning is
    repeated; every other page is reused, and the verdict is that of a build without the cache."""
    root, out, cold = site
    page = root / "docs" / "guide" / "cache-probe.md"
    built(root, tmp_path / "before")
    try:
        page.write_text("# 链接\n\n[不存在的页面](missing.md)\n", encoding="utf-8")
        before = stored_pages(root)
        first = build(root, tmp_path / "first")
        assert first.returncode != 0 and "missing.md" in first.stdout + first.stderr
        assert "guide/cache-probe.md" not in stored_pages(root)
        assert stored_pages(root) == before  # the others were reused
        again = build(root, tmp_path / "again")
        plain = build(root, tmp_path / "no-cache", cache=False)
        assert verdict(again) == verdict(first) == verdict(plain)
        assert_same_site(tmp_path / "again", tmp_path / "no-cache")
    finally:
        page.unlink()
    assert not list((root / PAGES).glob("*.tmp"))


def test_a_stored_page_is_written_as_stored_after_another_document_changed(site, tmp_path):
    """Proof that pages are reused (no timing): a marker put into a stored page shows up in the
    next build's output of that page, and only there, even after an edit of another document."""
    root, out, cold = site
    built(root, tmp_path / "store")
    [stored] = [p for p in (root / PAGES).iterdir() if stored_src_uri(p) == f"plans/{PLAN}.md"]
    content = stored.read_bytes()
    stored.write_bytes(content.replace(b"</body>", b"<!-- stored -->\n</body>"))
    page = f"docs/rules/{RULE}.md"
    original = edit(root, page, "制定本规则。", "制定本规则（示例：改过的正文）。")
    try:
        warm = built(root, tmp_path / "warm")
        assert "<!-- stored -->" in (warm / "plans" / PLAN / "index.html").read_text(encoding="utf-8")
        assert "<!-- stored -->" not in (warm / "index.html").read_text(encoding="utf-8")
        assert "改过的正文" in (warm / "rules" / RULE / "index.html").read_text(encoding="utf-8")
    finally:
        stored.write_bytes(content)
        (root / page).write_text(original, encoding="utf-8")


def test_a_damaged_store_is_a_miss_and_the_page_renders(site, tmp_path):
    root, out, cold = site
    built(root, tmp_path / "store")
    entries = sorted((root / PAGES).iterdir())
    damaged = {stored_src_uri(entries[0]), stored_src_uri(entries[1])}
    entries[0].write_bytes(entries[0].read_bytes()[:40])
    entries[1].write_bytes(b"\xff" * 8 + b"not a header")
    for value in (root / STORE / "values").iterdir():
        value.write_bytes(b"\x00garbage")
    (root / STORE / "values" / "left-over.tmp").write_bytes(b"")
    warm, rendered = assert_same_as_uncached(root, tmp_path / "damaged")
    assert damaged <= rendered
    assert not (root / STORE / "values" / "left-over.tmp").exists()


def test_the_global_fingerprint_never_reads_through_a_symlink_or_a_fifo(tmp_path):
    """A pull request may add a symlink or a FIFO under overrides/ (the check refuses both): the
    build's fingerprint names them and goes on, without opening what they point to or blocking on a read."""
    from zhengxie.outputcache import global_fingerprint

    root, outside = tmp_path / "repo", tmp_path / "outside.txt"
    (root / "overrides" / "folder").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    outside.write_text("before", encoding="utf-8")
    os.symlink(outside, root / "overrides" / "link.html")
    os.symlink(tmp_path, root / "overrides" / "folder" / "linked-folder")
    os.mkfifo(root / "overrides" / "pipe.html")
    first = global_fingerprint(root, root / "mkdocs.yml", {})
    outside.write_text("after", encoding="utf-8")
    assert global_fingerprint(root, root / "mkdocs.yml", {}) == first
    os.remove(root / "overrides" / "link.html")
    assert global_fingerprint(root, root / "mkdocs.yml", {}) != first


def test_fingerprints_are_the_same_in_another_process(tmp_path):
    """What is stored must match in the next build's process: no hash(), no address in a digest."""
    root = assemble(tmp_path / "site")
    script = ("import sys\nfrom pathlib import Path\nfrom zhengxie.build.site import Site\n"
              "from zhengxie.rebuild import Fingerprints, Sources\n"
              "root = Path(sys.argv[1])\nsite = Site.load(root, template_dir=root / 'overrides')\n"
              "uris = sorted([d.src_uri for d in site.corpus.documents.values()] + [u for u, _ in site.generated_pages()])\n"
              "fp = Fingerprints(site, Sources(root), {})\nprint(b''.join(fp.page(u) for u in uris).hex())\n")
    def digests(seed: int) -> str:
        env = dict(os.environ, PYTHONHASHSEED=str(seed), PYTHONPATH=str(root / "hooks"), ZX_NO_CACHE="1")
        return subprocess.run([sys.executable, "-c", script, str(root)], env=env, capture_output=True, text=True,
                              check=True).stdout

    runs = {digests(1), digests(2)}
    assert len(runs) == 1 and len(next(iter(runs))) > 64


# ---- calendars, feeds and open data: kept per document ---------------------------------------------

OTHER_PLAN = "2016-qingxi-consultation-plan"


def outputs(site: Path) -> dict[str, bytes]:
    """The files built from the model besides pages, each parsed back as its readers do."""
    import csv
    import io
    import json
    import xml.etree.ElementTree as ElementTree

    import icalendar

    found = {path: content for path, content in tree(site).items()
             if path.endswith(".ics") or path.startswith(("feeds/", "opendata/"))}
    assert "calendar.ics" in found and "opendata/items.json" in found and "feeds/all.xml" in found
    for path, content in found.items():
        if path.endswith(".ics"):
            icalendar.Calendar.from_ical(content)
        elif path.endswith(".json"):
            json.loads(content)
        elif path.endswith(".csv"):
            list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        elif path.endswith(".xml"):
            ElementTree.fromstring(content)
    return found


def stored_parts(root: Path, prefix: str) -> Path:
    """The output cache's file of one kind of parts (e.g. "calendar events")."""
    import marshal

    for path in (root / STORE / "values").iterdir():
        try:
            value = marshal.loads(path.read_bytes())
        except (EOFError, ValueError, TypeError):
            continue
        if isinstance(value, tuple) and len(value) == 4 and str(value[1]).startswith(prefix):
            return path
    raise AssertionError(f"no stored {prefix}")


def test_a_plan_data_edit_gives_calendars_feeds_and_open_data_as_without_the_cache(site, tmp_path):
    root, out, cold = site
    data = f"data/plans/{PLAN}.yml"
    built(root, tmp_path / "before")
    before = outputs(tmp_path / "before")
    with edited(root, data, "title: 重点提案办理协商", "title: 重点提案办理协商（改过的活动）"):
        warm, _ = assert_same_as_uncached(root, tmp_path / "edited")
        after, plain = outputs(warm), outputs(tmp_path / "edited" / "no-cache")
        assert after == plain
        changed = {path for path in after if after[path] != before.get(path)}
        assert {"calendar.ics", "opendata/items.json", "opendata/items.csv"} <= changed
        assert not any(path.startswith("feeds/") for path in changed)  # no card changed
        assert "改过的活动" in after["opendata/items.json"].decode("utf-8")
    again, _ = assert_same_as_uncached(root, tmp_path / "restored")
    assert outputs(again) == before


def test_after_a_plan_edit_the_other_plans_events_and_rows_are_reused(site, tmp_path):
    """Proof of reuse (no timing): markers put into another plan's stored events and rows show up in
    the next build's calendars and open data after an edit of this plan, and this plan's edit too."""
    import marshal

    from zhengxie.outputs.opendata import TABLES

    root, out, cold = site
    built(root, tmp_path / "store")
    saved = {}
    items = list(TABLES).index("items")
    for prefix in ("calendar events", "open data rows"):
        path = stored_parts(root, prefix)
        saved[path] = path.read_bytes()
        value = marshal.loads(saved[path])
        key, content = value[3][OTHER_PLAN]
        if prefix == "calendar events":
            content = content.replace(b"SUMMARY:", b"SUMMARY:STORED ")
        else:
            json_rows, csv_lines = content[items]
            content = content[:items] + ((json_rows.replace(b'"title": "', b'"title": "STORED '), csv_lines),) + content[items + 1:]
        path.write_bytes(marshal.dumps((*value[:3], {**value[3], OTHER_PLAN: (key, content)})))
    data = f"data/plans/{PLAN}.yml"
    with edited(root, data, "title: 重点提案办理协商", "title: 重点提案办理协商（改过的活动）"):
        warm = built(root, tmp_path / "warm")
        ics = (warm / "calendar.ics").read_text(encoding="utf-8")
        assert "SUMMARY:STORED " in ics and "改过的活动" in ics
        items = (warm / "opendata" / "items.json").read_text(encoding="utf-8")
        assert '"title": "STORED ' in items and "改过的活动" in items
        marked = {p.name for p in (warm / "calendars").iterdir() if "STORED" in p.read_text(encoding="utf-8")}
        assert len(marked) == 1 < len(list((warm / "calendars").iterdir()))  # the other plan's body only
        for path, content in saved.items():  # the store as it was: no markers for the other tests
            path.write_bytes(content)


def test_a_bodys_first_page_follows_an_edit_of_a_document_only_its_year_pages_list(tmp_path):
    """A body's first page lists its newest documents but counts what all its originals state (资料完整度):
    marking an older document's 文号 as 原文未载 reaches that page, with the cache as without it."""
    root = assemble(tmp_path / "site")
    (root / "data" / "pagination.yml").write_text("page_size: 10\n", encoding="utf-8")
    for number in range(12):  # newer than the old note: it is not on the body's first page
        (root / f"docs/notes/2016-paged-note-{number:02d}.md").write_text(
            f"---\ntitle: 学习体会{number}（示例）\nkind: note\ntype: study\nbody: baishi-town\n"
            f"date: 2016-{1 + number % 11:02d}-{1 + number % 28:02d}\ntopics: [study]\n---\n\n示例正文。\n",
            encoding="utf-8")
    old = "docs/notes/2012-old-note.md"
    (root / old).write_text("---\ntitle: 早年的学习体会（示例）\nkind: note\ntype: study\nbody: baishi-town\n"
                            "date: 2012-03-05\ntopics: [study]\n---\n\n示例正文。\n", encoding="utf-8")
    built(root, tmp_path / "cold")
    assert "2012-old-note" not in (tmp_path / "cold" / "bodies" / "baishi-town" / "index.html").read_text(encoding="utf-8")
    edit(root, old, "date: 2012-03-05\n", "date: 2012-03-05\ndoc_number: 原文未载\n")
    warm, rendered = assert_same_as_uncached(root, tmp_path)
    assert "bodies/baishi-town.md" in rendered
    first_page = (warm / "bodies" / "baishi-town" / "index.html").read_text(encoding="utf-8")
    assert "1 篇原文未载" in first_page
