"""The corpus model: plain objects that validation, indexes, generated pages and exports all read."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from zhengxie.model.paging import DEFAULT_PAGE_SIZE
from zhengxie.text.reading import YamlDoc
from zhengxie.text.values import NOT_STATED, NOT_STATED_TEXT


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    short: str
    level: str
    region: str = ""
    parent: str | None = None
    merged_proposals: str | None = None  # 并案: "within-filed" (out of 立案) | "beside-filed" | None (undeclared)


@dataclass(frozen=True, slots=True)
class Form:
    id: str
    name: str
    parent: str | None = None  # a local form is indexed under its parent form
    body: str | None = None  # a body's own form: only its documents use it
    requires: tuple = ()  # "time" and role ids an item of this form must state (or mark 原文未载)

    @property
    def root(self) -> str:
        return self.parent or self.id


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    name: str
    lists: bool = False  # stands for "who leads" in one-line lists


@dataclass(frozen=True, slots=True)
class DocType:
    id: str
    name: str
    profiles: tuple = ()  # section profile ids (data/sections.yml), in the order they are tried
    period: str | None = None  # "year" | "half-year" | "any" | None: what `period` a document states


@dataclass(frozen=True, slots=True)
class Kind:
    id: str
    name: str
    folder: str
    types: dict  # type id -> DocType, in declared order (the first is the default)
    data: str | None = None  # the data-file model of its documents ("plan-items", "summary-figures")
    behaviours: tuple = ()  # further behaviour modules, e.g. ("articles",)
    macros: tuple = ()  # the data macros its documents may call, e.g. ("plan_items",)

    def type_of(self, type_id: str | None) -> DocType | None:
        """The declared type, or the kind's first type when the document names none."""
        if type_id is None:
            return next(iter(self.types.values()), None)
        return self.types.get(type_id)


@dataclass(frozen=True, slots=True)
class SectionSpec:
    name: str
    aliases: tuple = ()
    patterns: tuple = ()  # compiled regular expressions over the title (numbering removed)
    position: str | None = None  # "first" | "last" | None
    optional: bool = False

    def matches(self, title: str) -> bool:
        return title == self.name or title in self.aliases or any(p.search(title) for p in self.patterns)


@dataclass(frozen=True, slots=True)
class Profile:
    """One structure a document of a type may follow (data/sections.yml)."""

    id: str
    name: str
    sections: tuple  # of SectionSpec, in order
    heading: object = None  # compiled pattern: applies only with a ## heading matching it
    no_heading: object = None  # compiled pattern: applies only without such a heading
    body: str | None = None  # a body's own profile
    types: tuple = ()  # with `body`: the types it serves
    line: int | None = None

    def applies(self, headings) -> bool:
        """Whether the profile fits a document with these ## headings (full text, numbering included)."""
        if self.heading is not None and not any(self.heading.search(h) for h in headings):
            return False
        if self.no_heading is not None and any(self.no_heading.search(h) for h in headings):
            return False
        return True

    @property
    def required(self) -> tuple:
        return tuple(s for s in self.sections if not s.optional)


@dataclass(frozen=True, slots=True)
class Field:
    """A front-matter field (data/fields.yml)."""

    id: str
    label: str
    type: str
    required: object = False  # True, or a tuple of "kind" / "kind/type" it is required for
    kinds: tuple = ()  # the kinds it applies to (empty: all)
    not_stated: bool = False
    header: bool = False
    filter: str = ""
    vocabulary: str = ""
    choices: dict = field(default_factory=dict)
    help: str = ""
    example: object = None

    def applies_to(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    def required_for(self, kind: str, type_id: str | None) -> bool:
        if self.required is True:
            return True
        return bool(self.required) and (kind in self.required or f"{kind}/{type_id}" in self.required)


@dataclass(frozen=True, slots=True)
class Measure:
    """A recurring quantity a summary may report (data/measures.yml)."""

    id: str
    name: str
    group: str
    unit: str = ""
    units: tuple = ()  # every unit the original may use, the default first
    rate: bool = False
    numerator: str | None = None
    denominator: str | None = None
    parts: tuple = ()  # measures that add up to this one
    at_most: str | None = None
    merging: bool = False  # 并案: its place in the sums is the body's declaration
    difference: tuple = ()  # (minuend, subtrahend)
    plan: str | None = None  # "stated" | "held": a statement about the summary's plan


@dataclass
class Vocabulary:
    topics: dict = field(default_factory=dict)  # id -> Topic
    bodies: dict = field(default_factory=dict)  # id -> Body
    forms: dict = field(default_factory=dict)  # id -> Form
    roles: dict = field(default_factory=dict)  # id -> Role, in page order
    kinds: dict = field(default_factory=dict)  # id -> Kind
    fields: dict = field(default_factory=dict)  # id -> Field, in header order
    profiles: dict = field(default_factory=dict)  # id -> Profile
    measures: dict = field(default_factory=dict)  # id -> Measure, in table order
    units: tuple = ()  # units a figure may have
    breakdowns: dict = field(default_factory=dict)  # breakdown id -> name (领域, 界别, 承办单位, 会次)
    page_size: int = DEFAULT_PAGE_SIZE  # entries on one listing page (data/pagination.yml)

    def kind_of_folder(self, folder: str) -> Kind | None:
        return next((k for k in self.kinds.values() if k.folder == folder), None)

    def doc_type(self, kind: str, type_id: str | None) -> DocType | None:
        kind_obj = self.kinds.get(kind)
        return kind_obj.type_of(type_id) if kind_obj else None

    def type_name(self, kind: str, type_id: str | None) -> str:
        doc_type = self.doc_type(kind, type_id)
        if doc_type is not None:
            return doc_type.name
        kind_obj = self.kinds.get(kind)
        return kind_obj.name if kind_obj else kind

    def has_behaviour(self, doc, behaviour: str) -> bool:
        """Whether the document's kind declares a behaviour (data/kinds.yml `behaviours`), e.g. "articles"."""
        kind = self.kinds.get(doc.kind) if doc is not None else None
        return kind is not None and behaviour in kind.behaviours

    def macros_of(self, doc) -> tuple | None:
        """The data macros a document may call (its kind's), or None for a page that is no document."""
        if doc is None:
            return None
        kind = self.kinds.get(doc.kind)
        return kind.macros if kind else ()

    def profiles_for(self, kind: str, type_id: str | None, body: str | None) -> list:
        """The profiles a document may follow: its body's own first, then its type's, in order."""
        doc_type = self.doc_type(kind, type_id)
        if doc_type is None:
            return []
        own = [p for p in self.profiles.values()
               if p.body is not None and p.body == body and (not p.types or doc_type.id in p.types)]
        declared = [self.profiles[p] for p in doc_type.profiles if p in self.profiles]
        return own + declared


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of an item that runs through several forms (联组讨论 → 大会发言 → 常委会议)."""

    form: str | None
    time: object = None  # When | NOT_STATED | None
    note: str = ""


@dataclass
class PlanItem:
    plan: str  # document id of the plan
    id: str
    title: str
    form: str | None  # the item's form; with stages, the first stage's
    time: object = None  # values.When | NOT_STATED | None (not written)
    roles: dict = field(default_factory=dict)  # role id -> tuple of names | NOT_STATED, in data/roles.yml order
    stages: tuple = ()  # of Stage
    topics: list = field(default_factory=list)
    summary: str = ""
    points: tuple = ()  # 主要内容: the plan's sub-points for the item
    lead: str = ""  # who leads, as one line for lists: the first `lists: true` role the item names
    line: int | None = None  # line in the plan's data file
    index: int = 0  # position in the items list (for locating its fields)

    @property
    def ref(self) -> str:
        return f"{self.plan}#{self.id}"

    @property
    def anchor(self) -> str:
        return f"item-{self.id}"

    @property
    def forms(self) -> tuple:
        """Every form the item takes, stages included, in order."""
        if self.stages:
            return tuple(dict.fromkeys(s.form for s in self.stages if s.form))
        return (self.form,) if self.form else ()

    @property
    def time_label(self) -> str:
        """The time as the plan states it; 原文未载 when it states none, 时间未定 when nothing is written."""
        if self.time is NOT_STATED:
            return NOT_STATED_TEXT
        when = self.when
        return when.label if when else "时间未定"

    @property
    def when(self):
        """A When for calendars and month indexes, or None when the time is not stated or not written."""
        return self.time or next((s.time for s in self.stages if s.time), None)



@dataclass
class Part:
    """One line of a breakdown, as printed: a field, 界别, 承办单位 or session and its amount."""

    label: str
    value: object  # values.Amount | None
    breakdown: "Breakdown | None" = None  # nested
    sic: str = ""
    path: tuple = ()  # key path in the data file, for line numbers

    def to_dict(self) -> dict:
        return {"label": self.label, **_amount_dict(self.value), "sic": self.sic or None,
                "breakdown": self.breakdown.to_dict() if self.breakdown else None}


@dataclass
class Breakdown:
    by: str  # data/measures.yml breakdowns id
    parts: list = field(default_factory=list)  # of Part

    def to_dict(self) -> dict:
        return {"by": self.by, "parts": [p.to_dict() for p in self.parts]}


@dataclass
class Figure:
    """A number a summary states, as printed (data/summaries/<id>.yml `figures`)."""

    label: str  # the measure's name, or the editor's label for a custom figure
    value: object  # values.Amount | None (malformed: the schema reports it)
    unit: str = ""
    measure: str | None = None  # data/measures.yml id; None for a custom figure
    rate: bool = False
    of: object = None  # a rate's base as the document states it: measure id | NOT_STATED | None (the declared one)
    plan: str | None = None  # the plan document a plan-items figure is about
    breakdown: Breakdown | None = None
    sic: str = ""  # 原文如此: the editor's reason for keeping an inconsistent value as printed
    line: int | None = None
    index: int = 0

    @property
    def path(self) -> tuple:
        return ("figures", self.index)

    @property
    def text(self) -> str:
        """The value and unit as printed: 174件, 99%以上, 1200余人次."""
        if self.value is None:
            return ""
        text, qualifier = self.value.text, self.value.qualifier
        if self.rate and not self.value.percent:  # 99以上 -> 99%以上, 77 -> 77%
            if qualifier in ("以上", "左右") and text.endswith(qualifier):
                return f"{text[: -len(qualifier)]}%{qualifier}"
            return f"{text}%"
        unit = "" if self.rate or self.unit in text else self.unit
        if unit and qualifier in ("以上", "左右") and text.endswith(qualifier):
            return f"{text[: -len(qualifier)]}{unit}{qualifier}"
        return text + unit

    def to_dict(self) -> dict:
        """Every property of the figure for exports: measure, unit, qualifier, base, sic."""
        return {
            "measure": self.measure, "label": self.label, **_amount_dict(self.value), "unit": self.unit or None,
            "rate": self.rate, "base": str(self.of) if self.of is not None else None, "plan": self.plan,
            "sic": self.sic or None, "breakdown": self.breakdown.to_dict() if self.breakdown else None,
        }


def _amount_dict(amount) -> dict:
    if amount is None:
        return {"value": None, "text": None, "qualifier": None}
    low, high = amount.bounds
    return {"value": amount.value, "text": amount.text, "qualifier": amount.qualifier or None,
            "bounds": [low, None if high == float("inf") else high]}


@dataclass
class Report:
    summary: str  # document id of the reporting summary
    item: str  # "<plan-id>#<item-id>"
    status: str
    date: dt.date | None = None
    reason: str = ""
    merged_into: str | None = None
    line: int | None = None
    index: int = 0


@dataclass
class SummaryData:
    figures: list = field(default_factory=list)  # of Figure, in the order the data file lists them
    reports: list = field(default_factory=list)  # of Report

    def figure(self, measure: str):
        """The first figure of a measure, or None."""
        return next((f for f in self.figures if f.measure == measure), None)

    def to_dict(self) -> dict:
        return {"figures": [f.to_dict() for f in self.figures]}


@dataclass
class Document:
    id: str
    kind: str  # from the folder (the front matter's `kind` must agree)
    path: str  # repo-relative, e.g. docs/plans/2018-luoyang-consultation-plan.md
    src_uri: str  # docs-relative, e.g. plans/2018-luoyang-consultation-plan.md
    title: str = ""
    type: str | None = None
    body: str | None = None
    date: object = None  # dt.date | NOT_STATED | None: 成文日期
    period: object = None  # values.Period | NOT_STATED | None
    topics: list = field(default_factory=list)
    fields: dict = field(default_factory=dict)  # field id -> parsed value, for every field written (data/fields.yml)
    sample: bool = False
    sample_note: str = ""
    meta: dict = field(default_factory=dict)  # the front matter as written
    meta_yaml: YamlDoc | None = None  # for line numbers of front-matter keys
    text: str = ""  # the Markdown body (after front matter), BOM removed, \n line ends
    body_line: int = 1  # line number of the body's first line in the file
    headings: list = field(default_factory=list)  # of Heading
    articles: list = field(default_factory=list)  # of Article
    data_path: str | None = None  # repo-relative path of data/<folder>/<id>.yml when it exists
    data_yaml: YamlDoc | None = None
    items: list = field(default_factory=list)  # of PlanItem (plans)
    summary: SummaryData | None = None  # summaries

    @property
    def url(self) -> str:
        """Site-relative URL with directory URLs, e.g. plans/2018-luoyang-consultation-plan/."""
        return self.src_uri[: -len(".md")] + "/"

    @property
    def year(self) -> int | None:
        """The year the document is filed under: its period's (last) year, else its date's, else its
        file name's (documents are named <year>-…)."""
        if self.period and self.period.year:
            return self.period.year
        if self.date:
            return self.date.year
        return int(self.id[:4]) if self.id[:4].isdigit() else None

    @property
    def waivers(self) -> dict:
        """Problem code -> the editor's reason, for departures from the usual format the original makes."""
        return self.fields.get("waive") or {}

    def meta_line(self, key: str) -> int | None:
        if self.meta_yaml is None:
            return 1
        return self.meta_yaml.line_of((key,), 1)

    def data_line(self, *path) -> int | None:
        if self.data_yaml is None:
            return None
        return self.data_yaml.line_of(tuple(path), 1)


@dataclass(frozen=True, slots=True)
class DocEntry:
    """A document as the listing names it, before it is read."""

    id: str
    kind: str
    src_uri: str
    path: str  # docs/<folder>/…/<id>.md
    data_path: str | None  # data/<folder>/<id>.yml when that file exists


@dataclass(frozen=True, slots=True)
class CorpusIndex:
    """Corpus-wide sets the checks consult besides the documents they check ("did you mean" over
    every document id, every plan id, the years with a generated page), derived from the documents."""

    doc_ids: tuple = ()
    plan_ids: tuple = ()  # documents with plan items
    years: frozenset = frozenset()

    @classmethod
    def of(cls, documents) -> "CorpusIndex":
        docs = list(documents)
        return cls(tuple(d.id for d in docs), tuple(d.id for d in docs if d.items),
                   frozenset(d.year for d in docs if d.year))


@dataclass
class Corpus:
    root: Path
    vocab: Vocabulary
    documents: dict = field(default_factory=dict)  # id -> Document, in path order
    vocab_yaml: dict = field(default_factory=dict)  # data file path -> YamlDoc (for line numbers)
    problems: list = field(default_factory=list)  # Problems found while loading
    orphan_data: list = field(default_factory=list)  # data/<folder>/*.yml with no document
    reporter: object = None  # the problems.Reporter that checks add their findings to
    waivers: list = field(default_factory=list)  # checks.waivers.Waiver: findings set aside by the documents' waive
    acknowledged: list = field(default_factory=list)  # checks.figures.Acknowledged: inconsistencies kept as printed (sic)
    listing: object = None  # discovery.Listing: what docs/ and data/ hold, and what may be published
    entries: list = field(default_factory=list)  # DocEntry of every document listed, loaded or not
    unread: set = field(default_factory=set)  # src_uris of other pages a run does not read
    # What a file's verdict read besides itself: file -> {"docs/<page>" or "id:<document id>"}. Each
    # cross-document check notes what it looks at (as Sphinx's note_dependency), so `check --changed`
    # derives who is affected by a change instead of restating every check's reads.
    dependencies: dict = field(default_factory=dict)

    def note_dependency(self, reader: str | None, read: str) -> None:
        if reader:
            self.dependencies.setdefault(reader, set()).add(read)

    @cached_property
    def index(self) -> CorpusIndex:
        """Corpus-wide sets the checks consult besides the documents they check."""
        return CorpusIndex.of(self.documents.values())

    # The corpus is not changed after loading, so derived lookups are computed once.
    @cached_property
    def by_src_uri(self) -> dict:
        return {d.src_uri: d for d in self.documents.values()}

    @cached_property
    def items(self) -> dict:
        """Every plan item by its global reference "<plan-id>#<item-id>"."""
        return {item.ref: item for doc in self.documents.values() for item in doc.items}

    @cached_property
    def reports(self) -> list:
        return [r for doc in self.documents.values() if doc.summary for r in doc.summary.reports]

    def of_kind(self, kind: str) -> list:
        return [d for d in self.documents.values() if d.kind == kind]
