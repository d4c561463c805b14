"""Indexes by topic, year and body, built in one pass over the corpus once per build.

Each generated page reads its own slice (a dict lookup), so generation stays linear in the number
of documents and plan items. Entries that point at ids missing from the vocabularies are kept under
their raw id: the checks report them, the indexes must neither crash on them nor drop them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from zhengxie.derive.followthrough import FollowThrough, ItemStatus, PlanProgress
from zhengxie.model import urls
from zhengxie.model.corpus import Body, Corpus, Document, PlanItem, Topic, Vocabulary
from zhengxie.text.values import NOT_STATED, NotStated, When

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")  # ids that may become a URL path segment
LEVELS = {"province": "省级", "city": "市级", "county": "县级", "district": "区级", "township": "乡镇（街道）"}
UNDATED_LABEL = "年份未定"  # documents whose originals state no year, none inferred (file names undated-…)
INFERRED_MARK = "年份为推定"  # documents filed under a year inferred from context, with its basis
QUARTER_MONTHS = {1: "1—3 月", 2: "4—6 月", 3: "7—9 月", 4: "10—12 月"}


@dataclass(frozen=True)
class ItemEntry:
    """A plan item as the indexes list it: with its plan, year and follow-through status."""

    item: PlanItem
    plan: Document
    year: int | None
    status: ItemStatus | None

    @property
    def url(self) -> str:
        return urls.item_url(self.plan.url, self.item.id)

    @property
    def when(self) -> str:
        """The time as the plan states it; 原文未载 or 时间未定 when it states none."""
        return self.item.time_label

    @property
    def sort_month(self) -> float:
        """Month used for ordering: a span sorts after its last month, no time after December."""
        when = self.item.when
        return when.sort_month if when else 99


def item_year(item: PlanItem, plan: Document) -> int | None:
    """The year an item is listed under: the year its time names (2024-03-15), else its plan's. An
    item dated in another year than its plan is listed where its date puts it (and the check flags it)."""
    when = item.when
    return when.year if when is not None and when.year is not None else plan.year


def _doc_key(doc: Document) -> tuple[dt.date, str]:
    return (doc.date or dt.date.min, doc.id)


def _item_key(entry: ItemEntry) -> tuple[int, float, dt.date, str, int]:
    return (entry.year or 0, entry.sort_month, entry.plan.date or dt.date.min, entry.plan.id, entry.item.index)


@dataclass
class YearGroup:
    year: int | None
    docs: list[Document] = field(default_factory=list)
    items: list[ItemEntry] = field(default_factory=list)


def by_year(docs: list[Document], items: list[ItemEntry]) -> list[YearGroup]:
    """Documents and items grouped by year, newest year first (lists are already newest first)."""
    groups: dict[int | None, YearGroup] = {}
    for doc in docs:
        groups.setdefault(doc.year, YearGroup(doc.year)).docs.append(doc)
    for entry in items:
        groups.setdefault(entry.year, YearGroup(entry.year)).items.append(entry)
    return sorted(groups.values(), key=lambda g: g.year or 0, reverse=True)


@dataclass
class TopicEntry:
    id: str
    topic: Topic | None  # None: used by a document or item but missing from data/topics.yml
    docs: list[Document] = field(default_factory=list)  # newest first
    items: list[ItemEntry] = field(default_factory=list)  # of ItemEntry, newest first
    years: list[YearGroup] = field(default_factory=list)  # of YearGroup

    @property
    def name(self) -> str:
        return self.topic.name if self.topic else self.id

    @property
    def has_page(self) -> bool:
        return bool(SLUG.match(self.id))

    @property
    def url(self) -> str:
        return urls.topic_url(self.id)


@dataclass
class MonthGroup:
    key: str  # anchor on the year page: m03, q2, later
    label: str
    docs: list[Document] = field(default_factory=list)  # issued in that month
    items: list[ItemEntry] = field(default_factory=list)  # scheduled in that month (or quarter)


@dataclass
class YearEntry:
    year: int
    months: list[MonthGroup] = field(default_factory=list)  # of MonthGroup, January first, only non-empty
    issued: list[Document] = field(default_factory=list)  # documents issued this year, newest first
    items: list[ItemEntry] = field(default_factory=list)  # items scheduled this year, in calendar order
    about: list[Document] = field(default_factory=list)  # documents on this year issued in another year
    date_not_stated: list[Document] = field(default_factory=list)  # documents on this year whose 成文日期 is 原文未载
    inferred: list[Document] = field(default_factory=list)  # documents filed here by a year inferred (推定)

    @property
    def url(self) -> str:
        return urls.year_url(self.year)

    @property
    def doc_count(self) -> int:
        """Every document the year's page lists: issued this year, on this year but issued in another,
        on this year with no 成文日期 stated, on this year by an inferred year (the four never overlap)."""
        return len(self.issued) + len(self.about) + len(self.date_not_stated) + len(self.inferred)

    @property
    def doc_text(self) -> str:
        """文档 N 篇, and when not all were issued this year how they came to be on its page (only the
        non-empty parts): a year whose documents were issued in another year, or whose 成文日期 the
        originals leave out, never reads 印发 0 篇."""
        parts = [
            ("本年印发", len(self.issued)),
            ("其他年份印发", len(self.about)),
            ("成文日期原文未载", len(self.date_not_stated)),
            (INFERRED_MARK, len(self.inferred)),
        ]
        stated = [f"{how} {n} 篇" for how, n in parts if n]
        detail = f"（{'，'.join(stated)}）" if self.about or self.date_not_stated or self.inferred else ""
        return f"文档 {self.doc_count} 篇{detail}"


@dataclass(frozen=True)
class Completeness:
    """How many of a body's values of one kind its originals state, and how many they leave out."""

    label: str  # 成文日期, 计划项目时间, 计划项目牵头单位 …
    unit: str  # 篇 (documents) or 项 (plan items)
    stated: int
    not_stated: int

    @property
    def text(self) -> str:
        return f"{self.label}：{self.stated} {self.unit}写明，{self.not_stated} {self.unit}原文未载"


def _tally(counts: dict[str, tuple[int, int]], key: str, value: object) -> None:
    """Count a written value as stated or 原文未载 (a value not written at all is not counted)."""
    if value is None:
        return
    stated, missing = counts.get(key, (0, 0))
    counts[key] = (stated, missing + 1) if value is NOT_STATED else (stated + 1, missing)


def _item_time(item: PlanItem) -> When | NotStated | None:
    """The item's time, or its stages' when it has none of its own: stated if any stage states one."""
    if item.time is not None or not item.stages:
        return item.time
    times = [s.time for s in item.stages if s.time is not None]
    return next((t for t in times if t), times[0] if times else None)


def completeness(vocab: Vocabulary, docs: list[Document]) -> list[Completeness]:
    """Per field that may be 原文未载 (data/fields.yml), and per plan-item time and role: how many
    values the documents state and how many they mark as not stated in the original."""
    doc_counts: dict[str, tuple[int, int]] = {}
    item_counts: dict[str, tuple[int, int]] = {}
    for doc in docs:
        for spec in vocab.fields.values():
            if spec.not_stated and spec.applies_to(doc.kind):
                _tally(doc_counts, spec.id, doc.fields.get(spec.id))
        for item in doc.items:
            _tally(item_counts, "time", _item_time(item))
            for role_key, names in item.roles.items():
                _tally(item_counts, role_key, names)
    lines = [
        Completeness(spec.label, "篇", *doc_counts[spec.id]) for spec in vocab.fields.values() if spec.id in doc_counts
    ]
    if "time" in item_counts:
        lines.append(Completeness("计划项目时间", "项", *item_counts.pop("time")))
    order = list(vocab.roles) + sorted(set(item_counts) - set(vocab.roles))
    for role_id in order:
        if role_id in item_counts:
            role = vocab.roles.get(role_id)
            lines.append(Completeness(f"计划项目{role.name if role else role_id}", "项", *item_counts[role_id]))
    return lines


@dataclass
class BodyEntry:
    id: str
    body: Body | None  # None: used by a document but missing from data/bodies.yml
    docs: list[Document] = field(default_factory=list)  # newest first
    plans: list[tuple[Document, PlanProgress | None]] = field(
        default_factory=list
    )  # of (plan, PlanProgress | None), newest first
    item_count: int = 0
    children: list[BodyEntry] = field(default_factory=list)  # of BodyEntry
    parent: BodyEntry | None = None
    vocab: Vocabulary | None = field(default=None, repr=False, compare=False)

    @cached_property
    def completeness(self) -> list[Completeness]:
        """Of Completeness, over its documents and plan items: counted when a page shows it (the
        body's first page), so a preview's rebuild does not count every body's."""
        return completeness(self.vocab, self.docs) if self.vocab is not None else []

    @property
    def not_stated_count(self) -> int:
        return sum(line.not_stated for line in self.completeness)

    @property
    def name(self) -> str:
        return self.body.short if self.body else self.id

    @property
    def level(self) -> str:
        return LEVELS.get(self.body.level, self.body.level) if self.body else ""

    @property
    def has_page(self) -> bool:
        return bool(SLUG.match(self.id))

    @property
    def url(self) -> str:
        return urls.body_url(self.id)


class Indexes:
    def __init__(self, corpus: Corpus, follow: FollowThrough):
        vocab = self._vocab = corpus.vocab
        docs = sorted(corpus.documents.values(), key=_doc_key, reverse=True)
        entries = [
            ItemEntry(item, plan, item_year(item, plan), follow.by_item.get(item.ref))
            for plan in corpus.documents.values()
            for item in plan.items
        ]
        entries.sort(key=_item_key, reverse=True)

        self.topics: dict[str, TopicEntry] = {t: TopicEntry(t, topic) for t, topic in vocab.topics.items()}
        for doc in docs:
            for t in dict.fromkeys(doc.topics):
                self._topic(t).docs.append(doc)
        for entry in entries:
            for t in dict.fromkeys(entry.item.topics):
                self._topic(t).items.append(entry)
        for topic_entry in self.topics.values():
            topic_entry.years = by_year(topic_entry.docs, topic_entry.items)

        self.years: dict[int, YearEntry] = {}
        self.undated: list[Document] = []  # 年份未定: no year stated (period, date) nor inferred
        self.unscheduled: list[ItemEntry] = []  # items of plans without a year
        for doc in docs:
            if doc.date:
                self._year(doc.date.year).issued.append(doc)
            if doc.year and not doc.date and doc.inferred_year is not None:  # filed by its 推定 year, marked so
                self._year(doc.year).inferred.append(doc)
            elif doc.year and not doc.date:  # 原文未载: never say it was issued in another year
                self._year(doc.year).date_not_stated.append(doc)
            elif doc.year and isinstance(doc.date, dt.date) and doc.date.year != doc.year:
                self._year(doc.year).about.append(doc)
            if doc.year is None:
                self.undated.append(doc)
        for entry in reversed(entries):  # calendar order within a year
            (self._year(entry.year).items if entry.year else self.unscheduled).append(entry)
        for year in self.years.values():
            year.months = _months(year)
        self.years = dict(sorted(self.years.items(), reverse=True))

        self.bodies: dict[str, BodyEntry] = {b: BodyEntry(b, body, vocab=vocab) for b, body in vocab.bodies.items()}
        self.no_body: list[Document] = []  # documents without a body
        for doc in docs:
            if not doc.body:
                self.no_body.append(doc)
                continue
            body_entry = self._body(doc.body)
            body_entry.docs.append(doc)
            if doc.items:
                body_entry.plans.append((doc, follow.of_plan(doc)))
                body_entry.item_count += len(doc.items)
        self._link_bodies()

    def _link_bodies(self) -> None:
        for entry in self.bodies.values():
            parent = self.bodies.get(entry.body.parent) if entry.body and entry.body.parent else None
            if parent is not None and parent is not entry:
                entry.parent = parent
                parent.children.append(entry)

    def _topic(self, topic_id: str) -> TopicEntry:
        entry = self.topics.get(topic_id)
        if entry is None:
            entry = self.topics[topic_id] = TopicEntry(topic_id, None)
        return entry

    def _year(self, year: int) -> YearEntry:
        entry = self.years.get(year)
        if entry is None:
            entry = self.years[year] = YearEntry(year)
        return entry

    def _body(self, body_id: str) -> BodyEntry:
        entry = self.bodies.get(body_id)
        if entry is None:
            entry = self.bodies[body_id] = BodyEntry(body_id, None, vocab=self._vocab)
        return entry


def _months(year: YearEntry) -> list[MonthGroup]:
    """Month groups of a year: documents by month issued, items by month (or quarter) scheduled."""
    groups: dict[float, MonthGroup] = {}

    def group(order: float, key: str, label: str) -> MonthGroup:
        if order not in groups:
            groups[order] = MonthGroup(key, label)
        return groups[order]

    for doc in reversed(year.issued):  # oldest first within a month
        date = doc.date
        if not date:  # never: only dated documents are issued in a year
            continue
        group(date.month, f"m{date.month:02d}", f"{date.month} 月").docs.append(doc)
    for entry in year.items:
        when = entry.item.when
        if when is None or not when.placed:  # not stated (or only 年内, 适时 …): never placed in a month
            group(99, "later", "时间未定").items.append(entry)
        elif when.month:
            group(when.month, f"m{when.month:02d}", f"{when.month} 月").items.append(entry)
        else:
            # A span the plan gives (quarter, half-year, 7—9月, 全年): listed as such, never put in a month.
            label = (
                when.label
                if when.kind in ("year", "months")
                else f"{when.label}（{when.first_month}—{when.last_month} 月）"
            )
            group(when.sort_month, f"m{when.first_month:02d}-{when.last_month:02d}", label).items.append(entry)
    return [groups[k] for k in sorted(groups)]


def _entry_doc(entry: ItemEntry | Document) -> Document:
    """The document an index entry belongs to: itself, or an item's plan."""
    return entry.plan if isinstance(entry, ItemEntry) else entry
