"""A built site whose listings paginate (page size 10, 35 notes in 2019): the pages exist, the strict
build passes, page navigation links work, and every note is reachable from each of its listings.
Listings at or under the page size (the fixture's other topics and bodies) have no year pages and
link to none."""

from __future__ import annotations

import re

import pytest

from checks_support import MiniRepo, build_site, make_buildable
from checks_support import paging_note as note
from site_checks import content_links


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    repo = make_buildable(MiniRepo(tmp_path_factory.mktemp("paging") / "repo"))
    repo.write("data/pagination.yml", "page_size: 10\n")
    for number in range(35):
        note(repo, 2019, number, month=1 + number % 11)
    out = repo.root / "site"
    result = build_site(repo, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def html(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_every_note_is_on_one_page_of_each_listing(site):
    for base in ("notes/2019/", "topics/study/2019/", "bodies/luoyang-city/2019/", "years/2019/"):
        pages = [base] + [f"{base}{n}/" for n in range(2, 5)]
        text = "".join(html(site, url) for url in pages)
        for number in range(35):
            assert text.count(f'2019-paging-note-{number:03d}/"') == 1, (base, number)
        assert not (site / base / "6" / "index.html").exists()


def test_pages_say_where_they_are_and_link_their_neighbours(site):
    page = html(site, "notes/2019/2/")
    assert "第 2 页，共 4 页" in page
    assert re.search(r'<nav class="zx-pages" aria-label="分页"', page)
    assert 'aria-current="page" aria-label="第 2 页"' in page
    assert 'href="../../../notes/2019/3/" rel="next"' in page or 'rel="next"' in page
    for target in re.findall(r'href="([^"#]+)"[^>]*rel="(?:prev|next)"', page):
        assert (site / "notes/2019/2" / target / "index.html").resolve().is_file(), target
    overview = html(site, "notes/")
    assert "notes/2019/" in overview and "更早的文档见各年份页面" in overview


def test_small_listings_are_one_page_without_year_links(site):
    topic = html(site, "topics/ecology/")
    assert "2019 年" in topic and "topics/ecology/2019/" not in topic
    assert not (site / "topics/ecology/2019/index.html").exists()


def test_listing_pages_link_only_to_pages_that_exist(site):
    listing_pages = [
        p.parent.relative_to(site).as_posix()
        for folder in ("topics", "bodies", "notes", "years")
        for p in (site / folder).rglob("index.html")
    ]
    assert len(listing_pages) > 20
    for url in listing_pages:
        for target in content_links(site, f"/{url}/"):
            if target.startswith(("/topics/", "/bodies/", "/notes/", "/years/")):
                assert (site / target.strip("/") / "index.html").is_file(), (url, target)
