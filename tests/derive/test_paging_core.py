"""Bounded listing pages (zhengxie.model.paging, zhengxie.derive.listings): every page within the page size,
every entry on exactly one page of its slice, URLs that stay put as documents are added."""

from __future__ import annotations

import pytest

from checks_support import MiniRepo
from checks_support import paging_note as note
from zhengxie.build.validate import validate
from zhengxie.derive.followpages import FollowPages
from zhengxie.derive.followthrough import FollowThrough
from zhengxie.derive.indexes import Indexes
from zhengxie.derive.listings import SLICE, Listings, known_page_urls
from zhengxie.model import paging

SIZE = 10


def listings(repo: MiniRepo) -> Listings:
    corpus, _ = validate(repo.root)
    return Listings(corpus, Indexes(corpus, FollowThrough(corpus)), SIZE)


def slice_urls(found: Listings, corpus) -> set:
    """Every generated page below a listing's first page: the listings' and 落实情况's (zhengxie.derive.followpages)."""
    follow = FollowPages(FollowThrough(corpus), SIZE)
    return {p.url for p in found.pages.values() if p.role == SLICE} | {p.url for p in follow.generated}


def slice_pages(found: Listings) -> dict:
    """URL -> ids of the entries on every slice page."""
    return {
        p.url: [d.id for d in p.docs] + [e.item.ref for e in p.items] for p in found.pages.values() if p.role == SLICE
    }


@pytest.fixture
def repo(tmp_path):
    repo = MiniRepo(tmp_path / "repo")
    repo.write("docs/notes/index.md", "---\ntitle: 学习园地\ntemplate: zx-section.html\nzx_section: note\n---\n")
    for number in range(35):
        note(repo, 2019, number, month=1 + number % 11)
    return repo


def test_pages_never_exceed_the_size_and_hold_every_entry_once(repo):
    found = listings(repo)
    pages = slice_pages(found)
    assert all(len(ids) <= SIZE for ids in pages.values())
    assert all(len(p.docs) + len(p.items) <= SIZE for p in found.pages.values())
    notes = [u for u in pages if u.startswith("notes/2019/")]
    assert sorted(notes) == ["notes/2019/", "notes/2019/2/", "notes/2019/3/", "notes/2019/4/"]
    for prefix in ("notes/2019/", "topics/study/2019/", "bodies/luoyang-city/2019/", "years/2019/"):
        listed = [i for u, ids in pages.items() if u.startswith(prefix) for i in ids]
        assert len(listed) == len(set(listed)), prefix
        assert {f"2019-paging-note-{n:03d}" for n in range(35)} <= set(listed), prefix


def test_known_urls_are_the_generated_pages(repo):
    found = listings(repo)
    corpus, _ = validate(repo.root)
    assert known_page_urls(corpus, SIZE) == slice_urls(found, corpus)


def small_repo(tmp_path, notes: int) -> MiniRepo:
    """A notes section, topic and body of exactly `notes` entries each, in 2019 and 2020 (the
    fixture's own note is removed; the topic and body have no other entries)."""
    repo = MiniRepo(tmp_path / "small")
    repo.write("docs/notes/index.md", "---\ntitle: 学习园地\ntemplate: zx-section.html\nzx_section: note\n---\n")
    for old in repo.path("docs/notes").glob("*.md"):
        if old.name != "index.md":
            old.unlink()
    for number in range(notes):
        note(repo, 2019 + number % 2, number, body="yunxi-city", topic="unity")
    return repo


LISTINGS = ("notes/", "topics/unity/", "bodies/yunxi-city/")


def test_a_listing_at_the_page_size_has_no_year_pages(tmp_path):
    repo = small_repo(tmp_path, SIZE)
    found = listings(repo)
    urls = {p.url for p in found.pages.values()}
    for listing in LISTINGS:
        assert not any(u.startswith(listing) and u != listing for u in urls), listing
    for listing in ("topics/unity/", "bodies/yunxi-city/"):
        first = found.page(paging.src_uri(listing))
        assert first.slices == [] and not first.truncated
        assert len(first.docs) == SIZE and [g.year for g in first.groups] == [2020, 2019]
    assert found.section("note").slices == [] and len(found.section("note").docs) == SIZE
    assert "years/2019/" in urls and "years/2020/" in urls  # year pages exist whatever their size
    corpus, _ = validate(repo.root)
    assert known_page_urls(corpus, SIZE) == slice_urls(found, corpus)


def test_one_entry_more_adds_the_year_pages(tmp_path):
    repo = small_repo(tmp_path, SIZE + 1)
    found = listings(repo)
    urls = {p.url for p in found.pages.values()}
    for listing in LISTINGS:
        assert {f"{listing}2019/", f"{listing}2020/"} <= urls, listing
    first = found.page(paging.src_uri("topics/unity/"))
    assert [s.url for s in first.slices] == ["topics/unity/2020/", "topics/unity/2019/"]
    assert len(first.docs) == SIZE and first.truncated  # the first page keeps the newest entries
    corpus, _ = validate(repo.root)
    assert known_page_urls(corpus, SIZE) == slice_urls(found, corpus)


def test_a_new_year_changes_no_existing_page(repo):
    before = slice_pages(listings(repo))
    for number in range(40, 55):
        note(repo, 2020, number)
    after = slice_pages(listings(repo))
    assert {u: ids for u, ids in after.items() if u in before} == before
    assert "notes/2020/2/" in after


def test_a_newly_issued_document_changes_only_the_last_page_of_its_slices(repo):
    before = slice_pages(listings(repo))
    note(repo, 2019, 99, month=12)  # issued after every other 2019 note
    after = slice_pages(listings(repo))
    changed = {u for u in after if before.get(u) != after[u]}
    for base in ("notes/2019/", "topics/study/2019/", "bodies/luoyang-city/2019/"):
        last = max(
            (u for u in after if u.startswith(base) and u.count("/") <= base.count("/") + 1), key=lambda u: (len(u), u)
        )
        assert {u for u in changed if u.startswith(base)} == {last}, base


def test_a_back_filled_document_changes_only_the_pages_from_its_position(repo):
    before = slice_pages(listings(repo))
    note(repo, 2019, 98, month=6)
    after = slice_pages(listings(repo))
    assert after["notes/2019/"] == before["notes/2019/"]  # the earliest notes keep their page


def test_page_links_are_bounded_and_mark_the_current_page():
    pager = paging.Pager("years/2019/", 50, 100)
    links = pager.links
    assert len(links) <= 2 * paging.WINDOW + 5
    assert [link.number for link in links if link is not None and link.current] == [50]
    assert pager.label == "第 50 页，共 100 页"
    assert pager.prev_url == "years/2019/49/" and pager.next_url == "years/2019/51/"
    assert paging.Pager("years/2019/", 1, 1).prev_url is None


@pytest.mark.parametrize("value", ["5", "abc", "100000", "true", "[]"])
def test_an_invalid_page_size_is_a_coded_problem(repo, value):
    repo.write("data/pagination.yml", f"page_size: {value}\n")
    corpus, problems = validate(repo.root)
    assert any(p.file == "data/pagination.yml" and p.code.startswith("ZX2") for p in problems)
    assert corpus.vocab.page_size == paging.DEFAULT_PAGE_SIZE
