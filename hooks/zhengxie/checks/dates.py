"""Dates that must agree with one another (ZX233–ZX236): a document is adopted, then signed (成文),
then published, and takes effect no earlier than it is adopted and signed; a plan is dated within
its period or shortly before it; what a summary reports of a plan item happened within the plan's
period (not before it, nor after the summary is dated); a plan item dated with a year is dated in its
plan's year.

Only dates the document writes are compared: a date the original leaves out (原文未载) is never
supplied, and a period without years (会议以来, a session) gives nothing to compare with.
"""

from __future__ import annotations

import datetime as dt

from zhengxie.model.corpus import Corpus, Document
from zhengxie.text.values import Adoption, Period, When

MONTHS_BEFORE = 6  # a plan may be dated up to six months before its period begins
# The order dates follow (data/fields.yml ids; "adopted" is the adoption's date): each is on or after
# every one before it. 施行 is compared with adoption and 成文 only: a rule may take effect on signing
# and be posted on a website later.
ORDER = (("adopted", "date", "published"), ("adopted", "date", "effective"))
PLAN_DATES = ("date", "published")
HELD = "held"  # a report's status (summary-data schema) for an item that took place


def check_dates(corpus: Corpus) -> None:
    for doc in corpus.documents.values():
        _check_order(corpus, doc)
        if doc.items or _is_plan(corpus, doc):
            _check_plan_dates(corpus, doc)
            _check_item_years(corpus, doc)
        if doc.summary is not None and doc.data_path is not None:
            _check_reports(corpus, doc, doc.data_path)


def _is_plan(corpus: Corpus, doc: Document) -> bool:
    kind = corpus.vocab.kinds.get(doc.kind)
    return kind is not None and kind.data == "plan-items"


def _dates(doc: Document) -> dict[str, dt.date]:
    found: dict[str, dt.date] = {}
    adopted = doc.fields.get("adopted")
    if isinstance(adopted, Adoption) and isinstance(adopted.date, dt.date):
        found["adopted"] = adopted.date
    for key in ("date", "published", "effective"):
        value = doc.fields.get(key)
        if isinstance(value, dt.date):
            found[key] = value
    return found


def _label(corpus: Corpus, key: str) -> str:
    spec = corpus.vocab.fields.get(key)
    if key == "adopted":
        return f"{spec.label if spec else key}日期（adopted.date）"
    return f"{spec.label if spec else key}（{key}）"


def _check_order(corpus: Corpus, doc: Document) -> None:
    dates = _dates(doc)
    reported: set[tuple[str, str]] = set()
    for chain in ORDER:
        for i, earlier in enumerate(chain):
            for later in chain[i + 1 :]:
                if earlier in dates and later in dates and dates[later] < dates[earlier]:
                    if (earlier, later) in reported:
                        continue
                    reported.add((earlier, later))
                    line = doc.meta_line(later) if later != "adopted" else doc.meta_line("adopted")
                    corpus.reporter.add(
                        "ZX233",
                        doc.path,
                        line,
                        later=_label(corpus, later),
                        later_date=dates[later].isoformat(),
                        earlier=_label(corpus, earlier),
                        earlier_date=dates[earlier].isoformat(),
                    )


def _bounds(period: Period) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The period's first and last month as (year, month), or None for one without years."""
    if period.start is None or period.end is None:
        return None
    first, last = {None: (1, 12), 1: (1, 6), 2: (7, 12)}.get(period.half, (1, 12))
    return (period.start, first), (period.end, last)


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _ym(index: int) -> str:
    return f"{index // 12}年{index % 12 + 1}月"


def _check_plan_dates(corpus: Corpus, doc: Document) -> None:
    """A plan is dated and published within its period, or at most MONTHS_BEFORE before it begins."""
    if not doc.period:
        return
    bounds = _bounds(doc.period)
    if bounds is None:
        return
    (start_year, start_month), (end_year, end_month) = bounds
    low = _month_index(start_year, start_month) - MONTHS_BEFORE
    high = _month_index(end_year, end_month)
    dates = _dates(doc)
    for key in PLAN_DATES:
        day = dates.get(key)
        if day is None or low <= _month_index(day.year, day.month) <= high:
            continue
        corpus.reporter.add(
            "ZX234",
            doc.path,
            doc.meta_line(key),
            field=_label(corpus, key),
            date=day.isoformat(),
            period=doc.period.text,
            start=_ym(low),
            end=_ym(high),
        )


def _years(doc: Document) -> tuple[int, int] | None:
    if not doc.period or doc.period.start is None or doc.period.end is None:
        return None
    return doc.period.start, doc.period.end


def _check_item_years(corpus: Corpus, doc: Document) -> None:
    """A time with a year (2024-03-15) in a plan for 2023 is flagged, not placed in 2023."""
    years = _years(doc)
    if years is None or doc.data_path is None:
        return
    for item in doc.items:
        times: list[tuple[When, tuple[str | int, ...]]] = []
        if isinstance(item.time, When):
            times.append((item.time, ("items", item.index, "time")))
        for n, stage in enumerate(item.stages):
            if isinstance(stage.time, When):
                times.append((stage.time, ("items", item.index, "stages", n, "time")))
        for when, path in times:
            if when.year is not None and not years[0] <= when.year <= years[1]:
                corpus.reporter.add(
                    "ZX236",
                    doc.data_path,
                    doc.data_line(*path) or item.line,
                    item=item.id,
                    time=when.text,
                    period=doc.period.text if doc.period else "",
                )


def _check_reports(corpus: Corpus, doc: Document, data_path: str) -> None:
    """What a summary reports of a plan item happened no earlier than the plan's period begins (a 2023
    item is not held in 2021) and, when held, no later than the summary reporting it is dated (a postponement names a later date). An item carried over
    past its plan's year is what reports say, not a contradiction."""
    assert doc.summary is not None
    own = doc.date if isinstance(doc.date, dt.date) else None
    for report in doc.summary.reports:
        if not isinstance(report.date, dt.date):
            continue
        plan_id = report.item.partition("#")[0]
        plan = corpus.documents.get(plan_id)
        if plan is None:
            continue  # the reference check reports it
        corpus.note_dependency(doc.path, f"id:{plan_id}")
        years = _years(plan)
        if years is not None and report.date.year < years[0]:
            why = f"早于所属计划的期间 {plan.period.text if plan.period else years[0]}"
        elif own is not None and report.date > own and report.status == HELD:  # postponed to a later date: fine
            why = f"晚于本总结的成文日期 {own.isoformat()}"
        else:
            continue
        corpus.reporter.add(
            "ZX235",
            data_path,
            doc.data_line("reports", report.index, "date") or report.line,
            item=report.item,
            date=report.date.isoformat(),
            why=why,
        )
