"""Summaries (data/summaries/<id>.yml) and periods: the macros have data to show, the period suits the
summary type and the date, and the follow-through reports are consistent (merged_into only when
merged, each item once). The figures themselves are audited in checks/measures.py."""

from __future__ import annotations

import calendar
import re

from zhengxie.checks.pages import data_unread
from zhengxie.checks.plan_items import check_macro_data
from zhengxie.model.corpus import Corpus, Document

FIGURES_MACRO = re.compile(r"\{\{\s*summary_figures\(\)\s*\}\}")
FOLLOW_MACRO = re.compile(r"\{\{\s*follow_through\(\)\s*\}\}")
PERIOD = re.compile(r"^([0-9]{4})(?:-H([12]))?$")
MONTHS_AFTER = 4  # a summary may be dated up to four months after its period


def check_figures(corpus: Corpus) -> None:
    for doc in corpus.documents.values():
        _check_period_form(corpus, doc)  # any type that declares its period (plans too)
        if _data_model(corpus, doc) != "summary-figures":
            continue
        _check_period(corpus, doc)
        data = doc.data_yaml.data if doc.data_yaml is not None and isinstance(doc.data_yaml.data, dict) else None
        check_macro_data(
            corpus,
            doc,
            FIGURES_MACRO,
            "{{ summary_figures() }}",
            "figures",
            has_data=(data is not None and "figures" in data) or data_unread(doc),  # unread: its own problem
        )
        check_macro_data(
            corpus,
            doc,
            FOLLOW_MACRO,
            "{{ follow_through() }}",
            "reports",
            has_data=(data is not None and bool(data.get("reports"))) or data_unread(doc),
        )
        if data is None or doc.data_path is None:  # (a data file is read only with its path)
            continue
        _check_reports(corpus, doc, doc.data_path, data.get("reports"))


def _check_period_form(corpus: Corpus, doc: Document) -> None:
    """The period is of the form the document's type states (data/kinds.yml `period`). Ranges and
    "since the last session" periods are any type's choice."""
    period = doc.period
    if not period or period.kind not in ("year", "half-year"):
        return  # missing, malformed (the schema reports it), 原文未载, a range or session-anchored
    doc_type = corpus.vocab.doc_type(doc.kind, doc.type)
    if doc_type is None:
        return
    wanted = doc_type.period
    if wanted in ("year", "half-year") and wanted != period.kind:
        year = period.start
        expected = f'"{year}-H1" 或 "{year}-H2"' if wanted == "half-year" else f'"{year}"'
        corpus.reporter.add(
            "ZX415", doc.path, doc.meta_line("period"), type_name=doc_type.name, expected=expected, period=period.text
        )


def _check_period(corpus: Corpus, doc: Document) -> None:
    """A summary's date falls in or shortly after its period."""
    period = doc.period
    if not period or period.kind not in ("year", "half-year"):
        return  # missing, malformed (the schema reports it), 原文未载, a range or session-anchored
    year, half = period.start, period.half
    if year is None or not doc.date:  # (a year or half-year always has its year)
        return
    start_month, end_month = {None: (1, 12), 1: (1, 6), 2: (7, 12)}[half]
    # Days as (year, month, day): a period's year may lie outside the calendar of dt.date ("0000", "9999")
    start = (year, start_month, 1)
    last_month = end_month + MONTHS_AFTER
    end_year, end_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
    end = (end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    date = doc.date
    if not start <= (date.year, date.month, date.day) <= end:
        corpus.reporter.add(
            "ZX414",
            doc.path,
            doc.meta_line("date"),
            period=period.text,
            date=date.isoformat(),
            start=_iso(*start),
            end=_iso(*end),
        )


def _iso(year: int, month: int, day: int) -> str:
    """As dt.date.isoformat writes the day, for any year."""
    return f"{year:04d}-{month:02d}-{day:02d}"


def _check_reports(corpus: Corpus, doc: Document, data_path: str, raw_reports: object) -> None:
    if not isinstance(raw_reports, list):
        return
    first: dict[str, int | None] = {}
    for index, raw in enumerate(raw_reports):
        if not isinstance(raw, dict):
            continue
        status = raw.get("status")
        if "merged_into" in raw and isinstance(status, str) and status != "merged":
            corpus.reporter.add("ZX416", data_path, doc.data_line("reports", index, "merged_into"), status=status)
        item = raw.get("item")
        if isinstance(item, str):
            line = doc.data_line("reports", index, "item")
            if item in first:
                corpus.reporter.add("ZX417", data_path, line, ref=item, first_line=first[item])
            else:
                first[item] = line


def _data_model(corpus: Corpus, doc: Document) -> str | None:
    kind = corpus.vocab.kinds.get(doc.kind)
    return kind.data if kind else None
