"""Every paginated listing page of the site, computed once per build from the indexes.

Sections (one per document kind whose folder has an index page), topics, bodies and years are cut
into pages as zhengxie.paging describes; each page is a `ListingPage` keyed by its src_uri, and its
template renders only the entries it holds. Building them is one pass over each listing's entries,
so the work stays linear in the corpus and no page costs more than its own entries and year links.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from zhengxie.derive.indexes import INFERRED_MARK, SLUG, Indexes, ItemEntry, MonthGroup, YearEntry, YearGroup, by_year
from zhengxie.markup.typography import year_label
from zhengxie.model import paging, urls
from zhengxie.model.corpus import Corpus, Document

OVERVIEW = "overview"  # the first page of a listing (per-year links and the newest entries)
SLICE = "slice"  # one page of a year of a listing


@dataclass
class ListingPage:
    """One page of a listing: what its template renders and how it links to its neighbours."""

    listing: str  # section, topic, body or year
    key: object  # kind id, topic id, body id or year
    title: str
    listing_url: str  # the listing's first page, at the URL it has always had
    role: str  # OVERVIEW or SLICE (a years/<year>/ page is a SLICE of its year)
    slices: list[paging.SliceLink] = field(default_factory=list)  # of paging.SliceLink, newest year first
    year: int | None = None  # the slice's year
    pager: paging.Pager | None = None
    docs: list[Document] = field(default_factory=list)  # documents on this page, in the order shown
    items: list[ItemEntry] = field(default_factory=list)  # plan items (ItemEntry) on this page
    groups: Sequence[YearGroup | MonthGroup] = field(
        default_factory=list
    )  # overview: YearGroups newest first; year page: MonthGroups
    months: list[tuple[str, str]] = field(default_factory=list)  # year page: (label, url with #anchor) of each month
    truncated: bool = False  # overview: older entries are only on the year pages

    @property
    def url(self) -> str:
        return self.pager.url if self.pager else self.listing_url

    def slice_url(self, year: int | None) -> str:
        return paging.slice_url(self.listing_url, year)

    @property
    def paged(self) -> bool:
        """Whether the page needs page links: its slice has more than one page."""
        return self.pager is not None and self.pager.total > 1

    @property
    def src_uri(self) -> str:
        return paging.src_uri(self.url)


@dataclass(frozen=True, slots=True)
class Section:
    """The pages a listing is cut into: the overview and every year's pages."""

    kind: str
    key: object
    title: str
    url: str
    groups: list[YearGroup]  # of YearGroup, newest year first; docs and items newest first (as the indexes keep them)


class Listings:
    def __init__(self, corpus: Corpus, index: Indexes, size: int):
        self.size = size
        # (listing, key) -> its pages, in the order the site lists them: sections, topics, bodies, years.
        self._by_listing: dict[tuple[str, object], list[ListingPage]] = {}
        for listing in _listings(corpus, index):
            self._by_listing[listing.kind, listing.key] = self._cut(listing)
        for year in index.years.values():
            self._by_listing["year", year.year] = self._cut_year(year)
        self._register()

    def _register(self) -> None:
        self.pages: dict[str, ListingPage] = {}  # src_uri -> page (overviews of sections included)
        self.generated: list[ListingPage] = []  # pages the builder must add (not the sections' overviews)
        self._section_overview: dict[object, str] = {}  # kind id -> src_uri of its hand-written index page
        for (listing, key), pages in self._by_listing.items():
            for page in pages:
                if listing == "section" and page.role == OVERVIEW:  # its first page is the folder's index.md
                    self._section_overview[key] = f"{page.listing_url}index.md"
                    self.pages[f"{page.listing_url}index.md"] = page
                else:
                    self.pages[page.src_uri] = page
                    self.generated.append(page)

    def page(self, src_uri: str) -> ListingPage | None:
        return self.pages.get(src_uri)

    def section(self, kind: str) -> ListingPage | None:
        return self.pages.get(self._section_overview.get(kind, ""))

    # ---- sections, topics, bodies: overview (+ one slice per year above the page size) ----------

    def _cut(self, listing: Section) -> list[ListingPage]:
        slice_links = [
            paging.SliceLink(g.year, paging.slice_url(listing.url, g.year), len(g.docs) + len(g.items))
            for g in listing.groups
        ]
        if not paging.has_year_pages(sum(s.count for s in slice_links), self.size):
            slice_links = []  # the first page holds every entry: no year pages, no links to them
        overview = ListingPage(listing.kind, listing.key, listing.title, listing.url, OVERVIEW, slice_links)
        overview.groups, overview.truncated = _newest(listing.groups, self.size)
        overview.docs = [d for g in overview.groups for d in g.docs]
        overview.items = [e for g in overview.groups for e in g.items]
        cut = [overview]
        for group, link in zip(listing.groups, slice_links, strict=False):
            # Stable order: oldest first, so a newly issued document appends to the slice's last page.
            entries: list[tuple[str, Document | ItemEntry]] = [("doc", d) for d in reversed(group.docs)]
            entries += [("item", e) for e in reversed(group.items)]
            pages = paging.chunks(entries, self.size)
            current = [paging.SliceLink(s.year, s.url, s.count, s is link) for s in slice_links]
            for number, chunk in enumerate(pages, 1):
                title = f"{listing.title}：{link.label}" + (f"（第 {number} 页）" if number > 1 else "")
                page = ListingPage(
                    listing.kind,
                    listing.key,
                    title,
                    listing.url,
                    SLICE,
                    current,
                    group.year,
                    paging.Pager(link.url, number, len(pages)),
                )
                page.docs = [e for _tag, e in chunk if isinstance(e, Document)]  # tagged "doc"
                page.items = [e for _tag, e in chunk if isinstance(e, ItemEntry)]  # tagged "item"
                cut.append(page)
        return cut

    # ---- years/<year>/: already one year; chunked in calendar order ----------------------------

    def _cut_year(self, year: YearEntry) -> list[ListingPage]:
        entries: list[tuple[str, str, str, Document | ItemEntry]] = []  # (group key, label, tag, entry)
        for month in year.months:
            entries += [(month.key, month.label, "doc", d) for d in month.docs]
            entries += [(month.key, month.label, "item", e) for e in month.items]
        entries += [("about", f"{year.year} 年度的文档（在其他年份印发）", "doc", d) for d in reversed(year.about)]
        entries += [
            ("date-not-stated", f"{year.year} 年度的文档（成文日期原文未载）", "doc", d)
            for d in reversed(year.date_not_stated)
        ]
        entries += [
            ("inferred", f"{year.year} 年度的文档（原件没有写明年份，{INFERRED_MARK}）", "doc", d)
            for d in reversed(year.inferred)
        ]
        base = urls.year_url(year.year)
        pages = paging.chunks(entries, self.size)
        first_page: dict[str, tuple[str, str]] = {}  # group key -> (label, page URL) where it starts
        for number, chunk in enumerate(pages, 1):
            for key, label, _tag, _entry in chunk:
                first_page.setdefault(key, (label, paging.page_url(base, number)))
        months = [
            (label, f"{url}#{key}")
            for key, (label, url) in first_page.items()
            if key not in ("about", "date-not-stated", "inferred")
        ]
        cut: list[ListingPage] = []
        for number, chunk in enumerate(pages, 1):
            title = year_label(year.year) + (f"（第 {number} 页）" if number > 1 else "")
            page = ListingPage(
                "year",
                year.year,
                title,
                base,
                SLICE,
                year=year.year,
                pager=paging.Pager(base, number, len(pages)),
                months=months,
            )
            groups: list[MonthGroup] = []
            for key, label, _tag, entry in chunk:
                if not groups or groups[-1].key != key:
                    continued = first_page[key][1] != page.url
                    groups.append(MonthGroup(key, label + ("（续）" if continued else "")))
                if isinstance(entry, Document):  # tagged "doc"
                    groups[-1].docs.append(entry)
                else:
                    groups[-1].items.append(entry)
            page.groups = groups
            page.docs = [e for _k, _l, _tag, e in chunk if isinstance(e, Document)]
            page.items = [e for _k, _l, _tag, e in chunk if isinstance(e, ItemEntry)]
            cut.append(page)
        return cut


def _listings(corpus: Corpus, index: Indexes) -> Iterator[Section]:
    """Sections (kinds whose folder has an index page), topics and bodies with a page of their own."""
    by_kind: dict[str, list[Document]] | None = None
    for kind in corpus.vocab.kinds.values():
        url = f"{kind.folder}/"
        if corpus.listing.has_page(f"{url}index.md"):
            if by_kind is None:
                by_kind = {}
                for doc in sorted(corpus.documents.values(), key=_newest_first, reverse=True):
                    by_kind.setdefault(doc.kind, []).append(doc)
            yield Section("section", kind.id, kind.name, url, by_year(by_kind.get(kind.id, []), []))
    for topic in index.topics.values():
        if topic.has_page:
            yield Section("topic", topic.id, topic.name, topic.url, topic.years)
    for body in index.bodies.values():
        if body.has_page:
            yield Section("body", body.id, body.body.name if body.body else body.id, body.url, by_year(body.docs, []))


def _newest_first(doc: Document) -> tuple[str, str]:
    return (doc.date.isoformat() if doc.date else "", doc.id)


def _newest(groups: list[YearGroup], size: int) -> tuple[list[YearGroup], bool]:
    """The first `size` entries of the newest years (documents before items within a year), as
    YearGroups, and whether any entry was left for the year pages only."""
    left = size
    shown: list[YearGroup] = []
    for group in groups:
        if left <= 0:
            return shown, True
        docs = group.docs[:left]
        items = group.items[: left - len(docs)]
        left -= len(docs) + len(items)
        shown.append(YearGroup(group.year, docs, items))
        if len(docs) < len(group.docs) or len(items) < len(group.items):
            return shown, True
    return shown, False


def slice_sizes(corpus: Corpus) -> dict[tuple[str, str], int]:
    """(listing base URL, year slug) -> entries, counted straight from the corpus (the link check's
    view, without building the indexes); the same membership the listings above use. The slug is ""
    for a year page (years/2019/ is one slice already)."""
    sizes: dict[tuple[str, str], int] = {}
    for doc in corpus.documents.values():
        for base, slug, n in doc_slices(corpus, doc):
            sizes[base, slug] = sizes.get((base, slug), 0) + n
    return sizes


def doc_slices(corpus: Corpus, doc: Document) -> tuple[tuple[str, str, int], ...]:
    """(listing base URL, year slug, entries) this document adds to the listings. A section, topic or body counts under its own URL with the year's slug, so
    the link check can total each listing and tell whether its year pages exist; a year page
    counts under its own URL with the slug ""."""
    sizes: dict[tuple[str, str], int] = {}

    def count(base: str, slug: str = "") -> None:
        sizes[base, slug] = sizes.get((base, slug), 0) + 1

    year = doc.year  # (a property: asked once)
    slug = paging.year_slug(year)
    section = corpus.vocab.kinds.get(doc.kind)
    topics, bodies = corpus.vocab.topics, corpus.vocab.bodies
    if section is not None and corpus.listing is not None and corpus.listing.has_page(f"{section.folder}/index.md"):
        count(f"{section.folder}/", slug)
    for t in dict.fromkeys(doc.topics):
        if t in topics and SLUG.match(t):
            count(urls.topic_url(t), slug)
    if doc.body is not None and doc.body in bodies and SLUG.match(doc.body):
        count(urls.body_url(doc.body), slug)
    if doc.date:
        count(urls.year_url(doc.date.year))
    if year and (not doc.date or doc.date.year != year):
        count(urls.year_url(year))
    if doc.items:
        follow = paging.slice_url(urls.FOLLOW_THROUGH_URL, year)  # 落实情况's year pages (zhengxie.followpages)
        year_page = urls.year_url(year) if year else None
        for item in doc.items:
            count(follow)
            if year_page is not None:
                count(year_page)
            for t in dict.fromkeys(item.topics):
                if t in topics and SLUG.match(t):
                    count(urls.topic_url(t), slug)
    return tuple((base, s, n) for (base, s), n in sorted(sizes.items()))


def known_page_urls(corpus: Corpus, size: int) -> set[str]:
    """Every page URL of every slice that exists: each year page (years/2019/, years/2019/2/ …) and,
    for a listing above the page size only, its year pages (topics/x/2019/ …)."""
    sizes = slice_sizes(corpus)
    totals: dict[str, int] = {}
    for (base, slug), entries in sizes.items():
        if slug:
            totals[base] = totals.get(base, 0) + entries
    found: set[str] = set()
    for (base, slug), entries in sizes.items():
        if not slug:
            found.update(paging.slice_urls(base, entries, size))
        elif paging.has_year_pages(totals[base], size):
            found.update(paging.slice_urls(f"{base}{slug}/", entries, size))
    return found
