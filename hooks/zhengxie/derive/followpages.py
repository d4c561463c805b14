"""落实情况 (follow-through) in bounded pages, built once per build from zhengxie.followthrough.

One page listing every plan's items grew with the corpus (about 13 MB at 5000 documents), and any
plan's edit rendered it again whole. So follow-through/ is an overview — per year: plans, items,
how many were held, merged, postponed, cancelled or not yet reported, the completion rate of the plans a
summary reports on (尚无总结 for a year none of whose plans has a report yet) — and
each year's plans are on follow-through/<year>/ (undated/ for plans without a year), cut as
zhengxie.paging cuts a year page: their items in a fixed ascending order (plan date, plan id, the
plan's own order) into pages of the page size, the later pages at follow-through/<year>/2/ … A plan
whose items run over a page boundary continues on the next page (续). The pages follow from the
number of items per year alone, so the link check knows them without building anything
(listings.doc_slices), and a plan's page shows where its plan starts (`url_of`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from zhengxie.derive.followthrough import NO_SUMMARY, FollowThrough, ItemStatus, PlanProgress
from zhengxie.model import paging, urls
from zhengxie.model.corpus import Document

URL = urls.FOLLOW_THROUGH_URL
OVERVIEW_SRC = URL + "index.md"
OVERVIEW, SLICE = "overview", "slice"  # as zhengxie.listings names a listing's pages (pager.html reads `role`)


@dataclass(frozen=True, slots=True)
class YearRow:
    """One year of the overview: its plans' items by status."""

    year: int | None
    url: str
    plans: int
    total: int
    counts: dict[str, int]
    done: int
    reported_plans: int = 0  # plans some summary reports on: the rate counts their items only
    reported_total: int = 0  # items of those plans
    reported_done: int = 0

    @property
    def label(self) -> str:
        return f"{self.year} 年" if self.year else "年份未定"

    @property
    def unreported_plans(self) -> int:
        """Plans no summary reports on yet (尚无总结): outside the rate, never counted as 0%."""
        return self.plans - self.reported_plans

    @property
    def rate_text(self) -> str:
        if not self.reported_plans:
            return NO_SUMMARY
        return f"{100 * self.reported_done / self.reported_total:.1f}%" if self.reported_total else "—"


@dataclass(frozen=True, slots=True)
class PlanPart:
    """A plan as one page shows it: all its items, or a run of them (`continued`: not its first)."""

    progress: PlanProgress
    statuses: tuple[ItemStatus, ...]  # of ItemStatus on this page, in the plan's order
    continued: bool = False
    first_number: int = 1  # the number of its first item in the plan (an <ol>'s start)

    @property
    def plan(self) -> Document:
        return self.progress.plan


@dataclass
class FollowPage:
    """One page of 落实情况: the overview, or a page of one year's plans."""

    role: str
    title: str
    year: int | None = None
    plans: list[PlanPart] = field(default_factory=list)  # of PlanPart, oldest first (the pages' fixed order)
    rows: list[YearRow] = field(default_factory=list)  # overview: YearRow newest year first
    slices: list[paging.SliceLink] = field(default_factory=list)  # of paging.SliceLink, newest year first
    pager: paging.Pager | None = None
    listing_url: str = URL

    @property
    def url(self) -> str:
        return self.pager.url if self.pager else URL

    @property
    def src_uri(self) -> str:
        return OVERVIEW_SRC if self.role == OVERVIEW else paging.src_uri(self.url)

    @property
    def paged(self) -> bool:
        return self.pager is not None and self.pager.total > 1


def _ascending(progress: PlanProgress) -> tuple[dt.date, str]:
    return (progress.plan.date or dt.date.min, progress.plan.id)


def _position(progress: PlanProgress, status: ItemStatus) -> int:
    return next(n for n, s in enumerate(progress.statuses, start=1) if s is status)


def _cut(plans: list[PlanProgress], size: int) -> list[list[PlanPart]]:
    """The plans' items, in order, on pages of `size` items (paging.chunks): each page as PlanParts."""
    items = [(progress, status) for progress in plans for status in progress.statuses]
    pages: list[list[PlanPart]] = []
    for chunk in paging.chunks(items, size):
        parts: list[tuple[PlanProgress, list[ItemStatus]]] = []
        for progress, status in chunk:
            if parts and parts[-1][0] is progress:
                parts[-1][1].append(status)
            else:
                parts.append((progress, [status]))
        pages.append(
            [
                PlanPart(
                    progress, tuple(statuses), statuses[0] is not progress.statuses[0], _position(progress, statuses[0])
                )
                for progress, statuses in parts
            ]
        )
    return pages


class FollowPages:
    def __init__(self, follow: FollowThrough, size: int):
        by_year: dict[int | None, list[PlanProgress]] = {}
        for progress in sorted(follow.by_plan.values(), key=_ascending):
            by_year.setdefault(progress.plan.year, []).append(progress)
        years = sorted(by_year, key=lambda y: y or 0, reverse=True)
        self.pages: dict[str, FollowPage] = {}
        self._url_of: dict[str, str] = {}  # plan id -> URL of its page
        rows: list[YearRow] = []
        for year in years:
            plans = by_year[year]
            base = paging.slice_url(URL, year)
            counts = {s.id: sum(p.counts.get(s.id, 0) for p in plans) for s in follow.statuses}
            reported = [p for p in plans if p.reported]
            rows.append(
                YearRow(
                    year,
                    base,
                    len(plans),
                    sum(p.total for p in plans),
                    counts,
                    sum(p.done for p in plans),
                    len(reported),
                    sum(p.total for p in reported),
                    sum(p.done for p in reported),
                )
            )
        slices = [paging.SliceLink(row.year, row.url, row.plans) for row in rows]
        self.overview = FollowPage(OVERVIEW, "落实情况", rows=rows, slices=slices)
        self.pages[OVERVIEW_SRC] = self.overview
        for year in years:
            base = paging.slice_url(URL, year)
            cut = _cut(by_year[year], size)
            marked = [paging.SliceLink(s.year, s.url, s.count, s.year == year) for s in slices]
            for number, parts in enumerate(cut, start=1):
                title = f"落实情况：{year} 年" if year else "落实情况：年份未定"
                page = FollowPage(
                    SLICE,
                    title if number == 1 else f"{title}（第 {number} 页）",
                    year=year,
                    plans=parts,
                    slices=marked,
                    pager=paging.Pager(base, number, len(cut)),
                )
                self.pages[page.src_uri] = page
                for part in parts:
                    if not part.continued:
                        self._url_of[part.plan.id] = page.url

    def page(self, src_uri: str) -> FollowPage | None:
        return self.pages.get(src_uri)

    def url_of(self, plan_id: str) -> str:
        """The page that shows the plan's follow-through (the overview for a plan without items)."""
        return self._url_of.get(plan_id, URL)

    @property
    def generated(self) -> list[FollowPage]:
        """The year pages (the overview is one of pages.generated_pages' fixed pages)."""
        return [p for p in self.pages.values() if p.role == SLICE]
