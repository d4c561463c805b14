"""A mini-repository built whole and as 2 shards merged: the same pages (index pages differ only in
the list of search bundles), a link across shards that works, one search bundle per shard."""

from __future__ import annotations

import re

from shards_support import OTHER_BODY, OTHER_RULE, add_other_shard, build_whole
from zhengxie.build.validate import validate
from zhengxie.shards import partition as shards

BUNDLES = re.compile(r'\s*data-zx-bundles="[^"]*"')


def _pages(site):
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).parts[0].startswith("pagefind")
    }


def _bundles(page) -> list[str]:
    return re.search(r'data-zx-bundles="([^"]*)"', page.read_text(encoding="utf-8")).group(1).split()


def test_the_documents_fall_on_both_shards(shard_sites):
    repo, _, _ = shard_sites
    corpus, _ = validate(repo.root)
    partition = shards.Partition.of(corpus, 2)
    assert partition.bodies["luoyang-city"] != partition.bodies[OTHER_BODY]


def test_merged_shards_equal_the_whole_build(shard_sites):
    _, whole, merged = shard_sites
    assert _pages(merged) == _pages(whole)
    for rel in sorted(_pages(whole)):
        a, b = ((site / rel).read_text(encoding="utf-8") for site in (whole, merged))
        assert BUNDLES.sub("", a) == BUNDLES.sub("", b), rel
    locs = [
        re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")) for site in (whole, merged)
    ]
    assert sorted(locs[0]) == sorted(locs[1])
    for name in ("feeds", "calendars", "opendata"):  # the hub's outputs from the one model
        assert sorted(p.name for p in (merged / name).rglob("*")) == sorted(p.name for p in (whole / name).rglob("*"))


def test_each_shard_has_its_search_bundle_and_every_page_lists_them(shard_sites):
    _, whole, merged = shard_sites
    assert _bundles(whole / "index.html") == ["pagefind"] and not (whole / "pagefind-2").exists()
    assert (merged / "pagefind" / "pagefind-entry.json").is_file() and (
        merged / "pagefind-2" / "pagefind-entry.json"
    ).is_file()
    for page in ("index.html", "404.html", "rules/2019-test-juxian-rules/index.html", "topics/index.html"):
        assert _bundles(merged / page) == ["pagefind", "pagefind-2"], page


def test_a_link_across_shards_works_in_the_merged_site(shard_sites):
    _, _, merged = shard_sites
    note = (merged / "notes" / "2019-test-study-note" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../rules/2019-test-juxian-rules/#article-1"' in note
    target = (merged / "rules" / "2019-test-juxian-rules" / "index.html").read_text(encoding="utf-8")
    assert 'id="article-1"' in target
    assert 'href="../2019-test-rules/#article-2"' in target  # and back, from shard 2 to the hub's shard


def test_a_broken_link_still_fails_the_shard_build(tmp_path):
    """Excluding other shards' pages keeps links to them valid; a link to nothing still fails."""
    from checks_support import MiniRepo, make_buildable
    from shards_support import build_sharded

    repo = make_buildable(MiniRepo(tmp_path / "repo"))
    add_other_shard(repo)
    repo.edit(OTHER_RULE, "2019-test-rules.md#article-2", "2019-test-missing.md")
    result = build_sharded(repo, 2, tmp_path / "site", ZX_SEARCH="0")
    assert result.returncode != 0
    assert "2019-test-missing.md" in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()


def test_a_bad_selection_fails_the_build_with_its_code(tmp_path):
    from checks_support import MiniRepo, make_buildable

    repo = make_buildable(MiniRepo(tmp_path / "repo"))
    result = build_whole(repo, tmp_path / "site", ZX_SEARCH="0", ZX_SHARD="3/2")
    assert result.returncode != 0
    assert "ZX128" in result.stderr and "Traceback" not in result.stderr
