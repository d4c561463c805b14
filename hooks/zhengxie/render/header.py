"""The page header of a document, from the field table (data/fields.yml): every `header: true` field
the document has, in table order, with its label, as rows a template lists without knowing any field.

A row holds one or several values; each value has its text (fields.display), an optional link (a
site-relative URL) and the Pagefind filter it feeds (the field's `filter`). 原文未载 is a value like
any other, marked `not_stated` so the page can show it muted; a field the document does not have is
no row at all. The 题注 of an adopted document is returned apart: the page prints it under the title,
as the original does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from zhengxie.markup.typography import year_label
from zhengxie.model import urls
from zhengxie.model.corpus import Corpus, Document, Field, FieldValue, Vocabulary, Waived
from zhengxie.model.fields import Adoption, chinese_date, display
from zhengxie.sources.history import FileDates
from zhengxie.text.values import NOT_STATED, NOT_STATED_TEXT, Inferred, Period

# The year a document is filed under is derived (period, else date), not a field of the table; it
# feeds the search filter of this name and links to the year's page.
YEAR_LABEL = "年份"
YEAR_FILTER = "年份"
UNDATED_LABEL = "年份未定"  # a document whose original states no year (and none is inferred)
INFERRED_MARK = "推定"
UNDATED_URL = "years/#undated"  # the years index lists them under 年份未定

# Rule status values that readers must not miss (the page shows them as a prominent badge).
ALERT_CHOICES = ("amended", "repealed")


@dataclass(frozen=True, slots=True)
class Value:
    text: str
    link: str = ""  # site-relative URL, or "" for plain text
    filter: str = ""  # Pagefind filter name, or ""
    filter_value: str = ""  # the filter's value when it differs from the text
    not_stated: bool = False  # 原文未载: shown muted
    badge: str = ""  # "" or a badge style: "alert" / "plain"


@dataclass(frozen=True, slots=True)
class Row:
    id: str  # field id, for anchors and styling only
    label: str
    values: tuple[Value, ...]  # of Value
    chips: bool = False  # several vocabulary entries (topics): shown as chips, not a 、-list


@dataclass(frozen=True, slots=True)
class Header:
    caption: str = ""  # the 题注 under the title, as printed
    rows: tuple[Row, ...] = ()
    notes: tuple[WaiverNote, ...] = field(default=())  # of WaiverNote


@dataclass(frozen=True, slots=True)
class WaiverNote:
    """An editor's note on a document that departs from the usual format because its original does.
    Readers see `text`, plain Chinese; the problem code and the rule's title are for the editors'
    pages (格式说明), never shown on a reader's page."""

    code: str
    title: str  # the problem catalogue's title: which rule the original departs from
    reason: str

    @property
    def text(self) -> str:
        """The note as a reader reads it: that the page follows the original, and the editor's reason."""
        reason = self.reason.strip()
        if reason and reason[-1] not in "。！？；…":
            reason += "。"
        return f"本文照原件编排，与常规格式不同：{reason}" if reason else "本文照原件编排，与常规格式不同。"


def doc_header(
    corpus: Corpus,
    doc: Document,
    waivers: tuple[Waived, ...] = (),
    index_number: str = "",
    dates: FileDates | None = None,
) -> Header:
    """The header of `doc`; `waivers` are its entries of corpus.waivers; `index_number` its 索引号
    (zhengxie.derive.indexnumbers) and `dates` its file's history (zhengxie.sources.history), if any."""
    rows: list[Row] = []
    caption = ""
    for spec in corpus.vocab.fields.values():
        if not spec.header or not spec.applies_to(doc.kind):
            continue
        value = _value_of(corpus, doc, spec)
        if value is None:
            continue
        if isinstance(value, Adoption):
            caption = value.caption
            rows += _adoption_rows(spec, value)
            continue
        values = _values(corpus, doc, spec, value)
        if values:
            rows.append(Row(spec.id, spec.label, values, chips=spec.type == "refs" and values[0].link != ""))
    _add_year(doc, rows)
    rows[:0] = index_rows(index_number)
    rows += history_rows(dates, own_published=any(row.id == PUBLISHED_FIELD for row in rows))
    catalogue = corpus.reporter.catalogue if corpus.reporter is not None else {}
    notes = tuple(
        WaiverNote(w.code, catalogue[w.code].title if w.code in catalogue else w.code, w.reason) for w in waivers
    )
    return Header(caption, tuple(rows), notes)


def _value_of(corpus: Corpus, doc: Document, spec: Field) -> FieldValue | None:
    value = doc.fields.get(spec.id)
    if value is None and spec.id == "type":
        # Not written: the kind's first type (the registry's default), which the page still names.
        doc_type = corpus.vocab.doc_type(doc.kind, None)
        return doc_type.id if doc_type else None
    return value


def _values(corpus: Corpus, doc: Document, spec: Field, value: FieldValue) -> tuple[Value, ...]:
    vocab = corpus.vocab
    if value is NOT_STATED:
        return (Value(NOT_STATED_TEXT, not_stated=True),)
    if spec.id == "type":
        if not isinstance(value, str):  # a text field: fields.parse gives a str
            raise TypeError(f"type: {value!r}")
        return (Value(vocab.type_name(doc.kind, value), filter=spec.filter),)
    if spec.type in ("ref", "refs") and spec.vocabulary:
        return tuple(_ref(vocab, spec, ref) for ref in ((value,) if isinstance(value, str) else _iter(value)))
    if spec.type in ("doc-ref", "doc-refs"):
        return tuple(_doc_ref(corpus, spec, ref) for ref in ((value,) if isinstance(value, str) else _iter(value)))
    if spec.type == "texts":
        return tuple(Value(name, filter=spec.filter) for name in _iter(value))
    if spec.type == "choice":
        return (Value(display(spec, value), filter=spec.filter, badge="alert" if value in ALERT_CHOICES else "plain"),)
    if (
        spec.type == "period" and isinstance(value, (Period, dt.date)) and value.year
    ):  # the period stands for the year: its page and filter
        return (
            Value(
                display(spec, value),
                link=urls.year_url(value.year),
                filter=spec.filter or YEAR_FILTER,
                filter_value=str(value.year),
            ),
        )
    if isinstance(value, Inferred):  # 2019 年（推定：依据“九届二次会议”推定）: filed under the year, marked
        return (
            Value(
                f"{year_label(value.value)}（{INFERRED_MARK}：{value.basis}）",
                link=urls.year_url(value.value),
                filter=spec.filter or YEAR_FILTER,
                filter_value=str(value.value),
            ),
        )
    return (Value(display(spec, value), filter=spec.filter),)


def _iter(value: FieldValue) -> Iterable[str]:
    """A list field's value as the parser gives it (texts, refs: a tuple of str), iterated as is."""
    if isinstance(value, (str, tuple, dict)):
        return value
    raise TypeError(f"not iterable: {value!r}")


def _ref(vocab: Vocabulary, spec: Field, ref: str) -> Value:
    """An id in a vocabulary: its name, linked to its index page when it has one."""
    if spec.vocabulary == "bodies":
        body = vocab.bodies.get(ref)
        return Value(body.short if body else ref, link=urls.body_url(ref) if body else "", filter=spec.filter)
    if spec.vocabulary == "topics":
        topic = vocab.topics.get(ref)
        return Value(topic.name if topic else ref, link=urls.topic_url(ref) if topic else "", filter=spec.filter)
    return Value(ref, filter=spec.filter)


def _doc_ref(corpus: Corpus, spec: Field, ref: str) -> Value:
    target = corpus.documents.get(ref)
    if target is None:  # the fields check reports it; the page still names it
        return Value(ref, filter=spec.filter)
    return Value(target.title or ref, link=target.url, filter=spec.filter)


def _adoption_rows(spec: Field, adoption: Adoption) -> list[Row]:
    """通过: the meeting, and 通过日期 as its own labelled date."""
    rows: list[Row] = []
    meeting = adoption.session + adoption.meeting
    if meeting:
        rows.append(Row(spec.id, spec.label, (Value(meeting),)))
    if adoption.date is NOT_STATED:
        rows.append(Row(f"{spec.id}-date", f"{spec.label}日期", (Value(NOT_STATED_TEXT, not_stated=True),)))
    elif adoption.date:
        rows.append(Row(f"{spec.id}-date", f"{spec.label}日期", (Value(chinese_date(adoption.date)),)))
    return rows


def _add_year(doc: Document, rows: list[Row]) -> None:
    """The derived year, linked to its page and fed to the year filter, unless a period row stands for it."""
    if (doc.period and doc.period.year) or doc.inferred_year is not None:
        return  # the period's or the inferred year's own row stands for it
    if not doc.year:
        rows.append(
            Row("year", YEAR_LABEL, (Value(UNDATED_LABEL, link=UNDATED_URL, filter=YEAR_FILTER, not_stated=True),))
        )
        return
    year = Value(year_label(doc.year), link=urls.year_url(doc.year), filter=YEAR_FILTER, filter_value=str(doc.year))
    dates = [i for i, row in enumerate(rows) if row.id in ("period", "date")]
    at = dates[-1] + 1 if dates else len(rows)  # beside the dates
    rows.insert(at, Row("year", YEAR_LABEL, (year,)))


# ---- government portal rows: 索引号 first, 发布日期 and 更新日期 (from git) last ---------------------

INDEX_NUMBER_LABEL = "索引号"
PUBLISHED_LABEL = "发布日期"
UPDATED_LABEL = "更新日期"
NOT_COMMITTED_TEXT = "未提交"
PUBLISHED_FIELD = "published"  # data/fields.yml: the 发布日期 the original itself states


def index_rows(number: str) -> list[Row]:
    return [Row("index-number", INDEX_NUMBER_LABEL, (Value(number),))] if number else []


def history_rows(dates: FileDates | None, own_published: bool = False) -> list[Row]:
    """发布日期 and 更新日期 from the file's history: a date git knows, 未提交 for a file not committed
    (or changed since), nothing when there is no history or the date was cut off (a shallow clone).
    A document whose front matter states its own 发布日期 (`published`, as the original prints it)
    keeps that one: never two rows of one label."""
    if dates is None:
        return []
    rows: list[Row] = []
    if not own_published:
        value = _history_value(dates.published, dates.committed or dates.published is not None)
        if value is not None:
            rows.append(Row("site-published", PUBLISHED_LABEL, (value,)))
    value = _history_value(dates.updated, dates.committed)
    if value is not None:
        rows.append(Row("site-updated", UPDATED_LABEL, (value,)))
    return rows


def _history_value(when: dt.datetime | None, committed: bool) -> Value | None:
    if when is not None:
        return Value(chinese_date(when.date()))
    return None if committed else Value(NOT_COMMITTED_TEXT, not_stated=True)
