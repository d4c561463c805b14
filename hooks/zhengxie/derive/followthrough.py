"""Follow-through (落实情况): what the summaries report about each plan item, computed once per build.

Summaries declare `reports:` in their data file; this turns them into a status per item, a progress
figure per plan and the lines each summary lists. References to unknown plans or items are kept (with
`item=None`) so that pages can show them: the checks report them, the pages must not hide them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from zhengxie.model import urls
from zhengxie.model.corpus import Corpus, Document, PlanItem, Report, Status
from zhengxie.text.values import NOT_STATED_TEXT

# An item no summary reports on: derived, never written (the statuses a summary writes are data/statuses.yml).
NO_REPORT = Status("none", "尚无报告")
NO_SUMMARY = "尚无总结"  # no summary reports on any item of the plan yet: no completion rate, not 0.0%
NO_SUMMARY_RULE = "还没有任何工作总结报告其落实情况的计划显示为“尚无总结”，不计算完成率"


def status_of(statuses: Mapping[str, Status], status: str) -> Status:
    """The registered status of an id; one that is not registered (the schema check's finding) is shown
    as unclear, never counted as done."""
    return statuses.get(status) or Status(status, f"状态不明（{status or '未填写'}）")


def done_rule(statuses: Mapping[str, Status]) -> str:
    """How the completion rate counts, in words, from the registry."""
    done = "和".join(s.name for s in statuses.values() if s.done)
    return f"{done}的项目计为完成，完成率是完成的项目占计划项目总数的比例"


@dataclass(frozen=True)
class ReportLine:
    """One report as its summary lists it: the item and its plan when they exist."""

    report: Report
    state: Status  # the report's status as registered
    summary: Document
    item: PlanItem | None
    plan: Document | None
    merged_into: PlanItem | None = None  # the item it was merged into, when that exists
    merged_plan: Document | None = None

    @property
    def anchor(self) -> str:
        """Anchor of the report's row on the summary page."""
        return "report-" + self.report.item.replace("#", "-")

    @property
    def url(self) -> str:
        return f"{self.summary.url}#{self.anchor}"

    @property
    def item_url(self) -> str | None:
        return urls.item_url(self.plan.url, self.item.id) if self.item and self.plan else None

    @property
    def merged_url(self) -> str | None:
        if self.merged_into is None or self.merged_plan is None:
            return None
        return urls.item_url(self.merged_plan.url, self.merged_into.id)

    @property
    def label(self) -> str:
        return self.state.name

    @property
    def date_text(self) -> str:
        """The report's date as Chinese text, with what it means for the status."""
        d = self.report.date
        if d is None:
            return ""
        if not isinstance(d, dt.date):  # 原文未载
            return NOT_STATED_TEXT
        text = f"{d.year}年{d.month}月{d.day}日"
        return f"改至{text}" if self.report.status == "postponed" else text


@dataclass(frozen=True)
class ItemStatus:
    item: PlanItem
    latest: ReportLine | None  # the report that decides the status (newest summary)
    earlier: tuple[ReportLine, ...] = ()  # older reports on the same item, oldest first

    @property
    def state(self) -> Status:
        return self.latest.state if self.latest else NO_REPORT

    @property
    def status(self) -> str:
        return self.state.id

    @property
    def label(self) -> str:
        return self.state.name

    @property
    def done(self) -> bool:
        return self.state.done


@dataclass
class PlanProgress:
    plan: Document
    statuses: list[ItemStatus]  # of ItemStatus, in the plan's order
    order: tuple[Status, ...] = ()  # the statuses pages count, in the registry's order, NO_REPORT last
    counts: dict[str, int] = field(default_factory=dict)  # status -> number of items

    @property
    def total(self) -> int:
        return len(self.statuses)

    @property
    def done(self) -> int:
        return sum(1 for s in self.statuses if s.done)

    @property
    def reported(self) -> bool:
        """Whether any summary reports on any of the plan's items: only then is there a completion rate."""
        return any(s.latest is not None for s in self.statuses)

    @property
    def rate(self) -> float | None:
        return 100 * self.done / self.total if self.total and self.reported else None

    @property
    def rate_text(self) -> str:
        """The completion rate, or 尚无总结 while no summary reports on the plan (never 0.0% for that)."""
        if not self.reported:
            return NO_SUMMARY
        return "—" if self.rate is None else f"{self.rate:.1f}%"

    @property
    def progress_text(self) -> str:
        """完成率 55.6%, or 尚无总结: what a listing shows beside the plan."""
        return f"完成率 {self.rate_text}" if self.reported else NO_SUMMARY

    @property
    def anchor(self) -> str:
        return f"plan-{self.plan.id}"

    def count_items(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for every status with items, in the registry's order, unknown ones last."""
        states = {s.state.id: s.state for s in self.statuses}
        order = [*self.order, *(states[k] for k in sorted(self.counts) if k not in {s.id for s in self.order})]
        return [(s.id, s.name, self.counts[s.id]) for s in order if self.counts.get(s.id)]


def _report_order(line: ReportLine) -> tuple[dt.date, str, int]:
    return (line.summary.date or dt.date.min, line.summary.id, line.report.index)


class FollowThrough:
    def __init__(self, corpus: Corpus):
        self.statuses: tuple[Status, ...] = (*corpus.vocab.statuses.values(), NO_REPORT)
        self.done_rule = done_rule(corpus.vocab.statuses)
        self.by_summary: dict[str, list[ReportLine]] = {
            doc.id: _lines(corpus, doc) for doc in corpus.documents.values() if doc.summary is not None
        }
        self.unresolved: list[ReportLine] = [  # reports whose item does not exist
            line for lines in self.by_summary.values() for line in lines if line.item is None
        ]
        reports_of: dict[str, list[ReportLine]] = {}
        for lines in self.by_summary.values():
            for line in lines:
                if line.item is not None:
                    reports_of.setdefault(line.item.ref, []).append(line)
        self.by_item: dict[str, ItemStatus] = {}
        self.by_plan: dict[str, PlanProgress] = {}
        for doc in corpus.documents.values():
            if not doc.items:
                continue
            progress = _progress(doc, reports_of, self.statuses)
            for status in progress.statuses:
                # Duplicate item ids (a checks error) share a ref: the first one keeps it.
                self.by_item.setdefault(status.item.ref, status)
            self.by_plan[doc.id] = progress

    def of_item(self, item: PlanItem) -> ItemStatus | None:
        return self.by_item.get(item.ref)

    def of_plan(self, doc: Document) -> PlanProgress | None:
        return self.by_plan.get(doc.id)

    def of_summary(self, doc: Document) -> list[ReportLine]:
        return self.by_summary.get(doc.id, [])

    def plans(self) -> list[PlanProgress]:
        """Every plan with items, newest first."""
        return sorted(self.by_plan.values(), key=lambda p: (p.plan.date or dt.date.min, p.plan.id), reverse=True)


def _lines(corpus: Corpus, summary: Document) -> list[ReportLine]:
    """The lines of a summary's reports, each with its item and plan when they exist."""
    items, lines = corpus.items, []
    data = summary.summary
    for report in data.reports if data is not None else ():  # FollowThrough reads summaries only
        item = items.get(report.item)
        merged = items.get(report.merged_into) if report.merged_into else None
        lines.append(
            ReportLine(
                report,
                status_of(corpus.vocab.statuses, report.status),
                summary,
                item,
                corpus.documents.get(item.plan) if item else None,
                merged,
                corpus.documents.get(merged.plan) if merged else None,
            )
        )
    return lines


def _progress(plan: Document, reports_of: dict[str, list[ReportLine]], order: tuple[Status, ...]) -> PlanProgress:
    progress = PlanProgress(plan, [], order)
    for item in plan.items:
        lines: list[ReportLine] | tuple[()] = reports_of.get(item.ref, ())
        if len(lines) > 1:  # most items are reported on once or never
            lines = sorted(lines, key=_report_order)
        status = ItemStatus(item, lines[-1] if lines else None, tuple(lines[:-1]))
        progress.statuses.append(status)
        progress.counts[status.status] = progress.counts.get(status.status, 0) + 1
    return progress
