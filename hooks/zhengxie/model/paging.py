"""Bounded listing pages with stable URLs: the scheme every generated listing follows.

A listing (a section, topic or body) with at most the page size of entries is one page, at the URL
it has always had: every entry, grouped by year, with no year pages. Only a listing with more
entries is split by year: its first page, at the same URL, is an overview (per-year counts and
links, and the newest entries); each year is a slice at <listing>/<year>/ (<listing>/undated/ for
documents without a year). A year page (years/<year>/) is one slice already, whatever its size.
Only a slice with more entries than the page size is chunked, in a fixed ascending order (date,
then id; plan items in calendar order), into <slice>/2/, <slice>/3/ …

What moves when documents are added: the first page of a listing never moves and always shows
its newest entries. A listing that crosses the page size gains its year pages (and its first page
becomes the overview); from then on, while it stays above the size, a new year adds a slice and
changes no other page; an entry that sorts last in its slice (the usual case: a newly issued
document) lands on the slice's last page, or opens a new last page. An entry that sorts earlier
(a back-filled document) shifts the entries after it by one, so pages from its position to the end
of its slice change; pages before it and every other slice keep their entries. No entry ever
changes slice. (A listing that drops back to the page size, when documents are removed, loses its
year pages again: their entries are all on its first page.)

The page size is declared once, in data/pagination.yml (`page_size`); a missing file means the
default. Templates only render the slice a page is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 100
MIN_PAGE_SIZE, MAX_PAGE_SIZE = 10, 1000  # as data/schemas/pagination.schema.json allows
UNDATED = "undated"  # the slice of entries without a year
WINDOW = 2  # page links shown either side of the current page (first and last always)


def page_size(data: object) -> int:
    """The registry's page size, or the default for a missing or invalid entry (the schema check
    reports an invalid one: the build must still have pages of a sane size)."""
    value = data.get("page_size") if isinstance(data, dict) else None
    if isinstance(value, int) and not isinstance(value, bool) and MIN_PAGE_SIZE <= value <= MAX_PAGE_SIZE:
        return value
    return DEFAULT_PAGE_SIZE


def has_year_pages(entries: int, size: int) -> bool:
    """Whether a listing (section, topic, body) of `entries` is cut into year pages: only above the
    page size; at or under it, its first page lists them all."""
    return entries > size


def page_count(entries: int, size: int) -> int:
    """Pages a slice of `entries` takes: at least one (an empty slice still has its page)."""
    return max(1, -(-entries // size))


def chunks(entries: list[T], size: int) -> list[list[T]]:
    """The slice's entries, in their order, cut into pages of at most `size`."""
    return [entries[i : i + size] for i in range(0, len(entries), size)] or [[]]


def page_url(base: str, number: int) -> str:
    """years/2019/ is page 1; years/2019/2/ page 2."""
    return base if number == 1 else f"{base}{number}/"


def year_slug(year: int | None) -> str:
    return str(year) if year else UNDATED


def slice_url(listing_url: str, year: int | None) -> str:
    """topics/ecology/ + 2019 -> topics/ecology/2019/."""
    return f"{listing_url}{year_slug(year)}/"


def slice_urls(base: str, entries: int, size: int) -> list[str]:
    return [page_url(base, n) for n in range(1, page_count(entries, size) + 1)]


def src_uri(url: str) -> str:
    """topics/ecology/2019/2/ -> topics/ecology/2019/2.md (the builder turns it back into the URL)."""
    return url.rstrip("/") + ".md"


@dataclass(frozen=True, slots=True)
class PageLink:
    number: int
    url: str
    current: bool


@dataclass(frozen=True, slots=True)
class Pager:
    """Where one page is among its slice's pages: 第 2 页，共 5 页, previous, next and page links."""

    base: str
    number: int
    total: int

    @property
    def label(self) -> str:
        return f"第 {self.number} 页，共 {self.total} 页"

    @property
    def url(self) -> str:
        return page_url(self.base, self.number)

    @property
    def prev_url(self) -> str | None:
        return page_url(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return page_url(self.base, self.number + 1) if self.number < self.total else None

    @property
    def links(self) -> list[PageLink | None]:
        """PageLinks for the first, the last and WINDOW pages around this one; None marks a gap,
        so a slice of 100 pages still shows at most 2 * WINDOW + 3 links."""
        shown = {1, self.total} | set(range(max(1, self.number - WINDOW), min(self.total, self.number + WINDOW) + 1))
        found: list[PageLink | None] = []
        for n in sorted(shown):
            if found and found[-1] is not None and found[-1].number < n - 1:
                found.append(None)
            found.append(PageLink(n, page_url(self.base, n), n == self.number))
        return found


@dataclass(frozen=True, slots=True)
class SliceLink:
    """One year of a listing, as the overview and the year pages link it."""

    year: int | None
    url: str
    count: int
    current: bool = False

    @property
    def label(self) -> str:
        return f"{self.year} 年" if self.year else "年份未定"
