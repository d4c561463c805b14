"""The corpus model: plain objects that validation, indexes, generated pages and exports all read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal, Protocol

from zhengxie.model.paging import DEFAULT_PAGE_SIZE
from zhengxie.model.portal import Original, Portal
from zhengxie.registry.names import Names
from zhengxie.registry.problems import Problem, Reporter
from zhengxie.text.frozen import pickled_by_fields
from zhengxie.text.outline import Article, Heading
from zhengxie.text.reading import YamlDoc
from zhengxie.text.values import NOT_STATED, NOT_STATED_TEXT, Adoption, Amount, Inferred, NotStated, Period, When

# What a front-matter field holds once read (zhengxie.model.fields.READERS, by the field's type):
# text, texts/refs, date, period, flag, adoption, waivers, an inferred year — or NOT_STATED where allowed.
FieldValue = (
    str | tuple[str, ...] | dt.date | Period | NotStated | bool | Adoption | dict[str, "WaiverEntry"] | Inferred
)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class WaiverEntry:
    """One code of a document's `waive`: the editor's reason and exactly what it excuses (`scope`: the
    section, heading, count … as the finding names it, data/problems.yml `scope`). Written without a
    scope (the old `ZX301: 原因` form) it is `scoped=False`: a problem that shows what to write."""

    reason: str
    scopes: tuple[str, ...] = ()
    scoped: bool = True


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Sic:
    """原文如此 on a figure or breakdown part: the editor's reason and the values it acknowledges — the
    value as printed and what the related figures compute (a sum, a rate, the other statement). When
    either changes the inconsistency is flagged again. Written as a bare reason (the old form) it has
    neither: `scoped=False`, a problem that shows what to write."""

    reason: str
    printed: str = ""
    computed: tuple[str, ...] = ()
    scoped: bool = True

    def __bool__(self) -> bool:
        return bool(self.reason)

    def __str__(self) -> str:
        return self.reason


class HeadingPattern(Protocol):
    """A heading pattern from data/sections.yml, compiled by RE2 (matching in linear time)."""

    pattern: str

    def search(self, text: str) -> object | None: ...


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
    code: str | None = None  # the body's code in the 索引号 (data/site.yml index_number); None: no 索引号


@dataclass(frozen=True, slots=True)
class Form:
    id: str
    name: str
    parent: str | None = None  # a local form is indexed under its parent form
    body: str | None = None  # a body's own form: only its documents use it
    requires: tuple[str, ...] = ()  # "time" and role ids an item of this form must state (or mark 原文未载)

    @property
    def root(self) -> str:
        return self.parent or self.id


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    name: str
    lists: bool = False  # stands for "who leads" in one-line lists


@dataclass(frozen=True, slots=True)
class Status:
    """A 落实情况 a summary may report of a plan item (data/statuses.yml)."""

    id: str
    name: str  # what pages show: 已举行
    done: bool = False  # the item counts as completed (完成率)
    held: bool = False  # the item took place (checked against 开展协商 N 项)
    dated: bool = False  # the report's date is when the item took place or now takes place


@dataclass(frozen=True, slots=True)
class DocType:
    id: str
    name: str
    profiles: tuple[str, ...] = ()  # section profile ids (data/sections.yml), in the order they are tried
    period: str | None = None  # "year" | "half-year" | "any" | None: what `period` a document states
    title_patterns: tuple[str, ...] = ()  # other names a title may call the type by (make import)


@dataclass(frozen=True, slots=True)
class Kind:
    id: str
    name: str
    folder: str
    types: dict[str, DocType]  # in declared order (the first is the default)
    data: str | None = None  # the data-file model of its documents ("plan-items", "summary-figures")
    behaviours: tuple[str, ...] = ()  # further behaviour modules, e.g. ("articles",)
    macros: tuple[str, ...] = ()  # the data macros its documents may call, e.g. ("plan_items",)

    def type_of(self, type_id: str | None) -> DocType | None:
        """The declared type, or the kind's first type when the document names none."""
        if type_id is None:
            return next(iter(self.types.values()), None)
        return self.types.get(type_id)


SectionPosition = Literal["first", "last"]  # where a section must stand (data/sections.yml `position`)


@dataclass(frozen=True, slots=True)
class SectionSpec:
    name: str
    aliases: tuple[str, ...] = ()
    patterns: tuple[HeadingPattern, ...] = ()  # over the title (numbering removed)
    position: SectionPosition | None = None
    optional: bool = False

    def matches(self, title: str) -> bool:
        return title == self.name or title in self.aliases or any(p.search(title) for p in self.patterns)


@dataclass(frozen=True, slots=True)
class Profile:
    """One structure a document of a type may follow (data/sections.yml)."""

    id: str
    name: str
    sections: tuple[SectionSpec, ...]  # in order
    heading: HeadingPattern | None = None  # applies only with a ## heading matching it
    no_heading: HeadingPattern | None = None  # applies only without such a heading
    body: str | None = None  # a body's own profile
    types: tuple[str, ...] = ()  # with `body`: the types it serves
    line: int | None = None

    def applies(self, headings: Iterable[str]) -> bool:
        """Whether the profile fits a document with these ## headings (full text, numbering included)."""
        if self.heading is not None and not any(self.heading.search(h) for h in headings):
            return False
        return not (self.no_heading is not None and any(self.no_heading.search(h) for h in headings))

    @property
    def required(self) -> tuple[SectionSpec, ...]:
        return tuple(s for s in self.sections if not s.optional)


@dataclass(frozen=True, slots=True)
class Field:
    """A front-matter field (data/fields.yml)."""

    id: str
    label: str
    type: str
    required: bool | tuple[str, ...] = False  # True, or the "kind" / "kind/type" it is required for
    kinds: tuple[str, ...] = ()  # the kinds it applies to (empty: all)
    not_stated: bool = False
    header: bool = False
    filter: str = ""
    vocabulary: str = ""
    choices: dict[str, str] = field(default_factory=dict)  # value -> label
    help: str = ""
    example: object = None  # any YAML value, as written

    def applies_to(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    def required_for(self, kind: str, type_id: str | None) -> bool:
        if self.required is True:
            return True
        return isinstance(self.required, tuple) and (kind in self.required or f"{kind}/{type_id}" in self.required)


@dataclass(frozen=True, slots=True)
class Measure:
    """A recurring quantity a summary may report (data/measures.yml)."""

    id: str
    name: str
    group: str
    unit: str = ""
    units: tuple[str, ...] = ()  # every unit the original may use, the default first
    rate: bool = False
    numerator: str | None = None
    denominator: str | None = None
    parts: tuple[str, ...] = ()  # measures that add up to this one
    at_most: str | None = None
    merging: bool = False  # 并案: its place in the sums is the body's declaration
    difference: tuple[str, ...] = ()  # (minuend, subtrahend)
    plan: str | None = None  # "stated" | "held": a statement about the summary's plan


# The fields whose ids the model reads besides the refs of data/fields.yml, and their vocabularies.
TYPES = "types"
CHOICES = "choices/"
CODE_FIELDS = {"kind": "kinds", "type": TYPES, "profile": "profiles"}


@dataclass
class Vocabulary:
    topics: dict[str, Topic] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    forms: dict[str, Form] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)  # in page order
    statuses: dict[str, Status] = field(default_factory=dict)  # 落实情况, in the order pages count them
    kinds: dict[str, Kind] = field(default_factory=dict)
    fields: dict[str, Field] = field(default_factory=dict)  # in header order
    profiles: dict[str, Profile] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)  # in table order
    units: tuple[str, ...] = ()  # units a figure may have
    breakdowns: dict[str, str] = field(default_factory=dict)  # breakdown id -> name (领域, 界别, 承办单位, 会次)
    page_size: int = DEFAULT_PAGE_SIZE  # entries on one listing page (data/pagination.yml)
    # vocabulary -> its names (name, alias or id -> id): "topics", "bodies", "forms", "roles",
    # "measures", "breakdowns", "kinds", "profiles", "types/<kind>", "choices/<field>"
    names: dict[str, Names] = field(default_factory=dict)

    def names_of(self, vocabulary: str) -> Names:
        """The names of one vocabulary (empty when it has none): what a clerk may write for its ids."""
        return self.names.get(vocabulary) or Names()

    def field_names(self, spec: Field, kind: str) -> Names | None:
        """The names a front-matter field's value may be written with, or None for a field of free text:
        a ref's vocabulary, a choice's labels, and the kind, type and structure the model reads."""
        if spec.type == "choice":
            return self.names_of(f"{CHOICES}{spec.id}")
        vocabulary = spec.vocabulary or CODE_FIELDS.get(spec.id)
        if vocabulary == TYPES:
            return self.names_of(f"{TYPES}/{kind}")
        return self.names_of(vocabulary) if vocabulary else None

    portal: Portal = field(default_factory=Portal)  # footer, 索引号 scheme, originals, licence (data/site.yml)

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

    def has_behaviour(self, doc: Document | None, behaviour: str) -> bool:
        """Whether the document's kind declares a behaviour (data/kinds.yml `behaviours`), e.g. "articles"."""
        kind = self.kinds.get(doc.kind) if doc is not None else None
        return kind is not None and behaviour in kind.behaviours

    def macros_of(self, doc: Document | None) -> tuple[str, ...] | None:
        """The data macros a document may call (its kind's), or None for a page that is no document."""
        if doc is None:
            return None
        kind = self.kinds.get(doc.kind)
        return kind.macros if kind else ()

    def profiles_for(self, kind: str, type_id: str | None, body: str | None) -> list[Profile]:
        """The profiles a document may follow: its body's own first, then its type's, in order."""
        doc_type = self.doc_type(kind, type_id)
        if doc_type is None:
            return []
        own = [
            p
            for p in self.profiles.values()
            if p.body is not None and p.body == body and (not p.types or doc_type.id in p.types)
        ]
        declared = [self.profiles[p] for p in doc_type.profiles if p in self.profiles]
        return own + declared


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Stage:
    """One step of an item that runs through several forms (联组讨论 → 大会发言 → 常委会议)."""

    form: str | None
    time: When | NotStated | None = None
    note: str = ""


@dataclass
class PlanItem:
    plan: str  # document id of the plan
    id: str
    title: str
    form: str | None  # the item's form; with stages, the first stage's
    time: When | NotStated | None = None  # None: not written
    roles: dict[str, tuple[str, ...] | NotStated] = field(
        default_factory=dict
    )  # role id -> names, in data/roles.yml order
    stages: tuple[Stage, ...] = ()
    topics: list[str] = field(default_factory=list)
    summary: str = ""
    points: tuple[str, ...] = ()  # 主要内容: the plan's sub-points for the item
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
    def forms(self) -> tuple[str, ...]:
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
    def when(self) -> When | None:
        """A When for calendars and month indexes, or None when the time is not stated or not written."""
        return self.time or next((s.time for s in self.stages if s.time), None)


KeyPath = tuple[str | int, ...]  # keys and list indexes into a data file, as YamlDoc.line_of takes them


@dataclass
class Part:
    """One line of a breakdown, as printed: a field, 界别, 承办单位 or session and its amount."""

    label: str
    value: Amount | None
    breakdown: Breakdown | None = None  # nested
    sic: Sic | None = None
    path: KeyPath = ()  # in the data file, for line numbers
    share: Amount | None = None  # 占X% as printed: of the breakdown's total (Breakdown.share_of)

    def to_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            **_amount_dict(self.value),
            "share": self.share.text if self.share else None,
            "sic": self.sic.reason if self.sic else None,
            "breakdown": self.breakdown.to_dict() if self.breakdown else None,
        }


@dataclass
class Breakdown:
    by: str  # data/measures.yml breakdowns id
    parts: list[Part] = field(default_factory=list)
    share_of: NotStated | None = None  # the base of the parts' shares: None, the total; 原文未载, not stated

    def to_dict(self) -> dict[str, object]:
        return {
            "by": self.by,
            "parts": [p.to_dict() for p in self.parts],
            "share_of": NOT_STATED_TEXT if self.share_of is NOT_STATED else None,
        }


@dataclass
class Figure:
    """A number a summary states, as printed (data/summaries/<id>.yml `figures`)."""

    label: str  # the measure's name, or the editor's label for a custom figure
    value: Amount | None  # None: malformed (the schema reports it)
    unit: str = ""
    measure: str | None = None  # data/measures.yml id; None for a custom figure
    rate: bool = False
    of: str | NotStated | None = None  # a rate's base as the document states it: a measure id; None: the declared one
    plan: str | None = None  # the plan document a plan-items figure is about
    breakdown: Breakdown | None = None
    sic: Sic | None = None  # 原文如此: the editor's reason for keeping an inconsistent value as printed
    line: int | None = None
    index: int = 0

    @property
    def path(self) -> tuple[str, int]:
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

    def to_dict(self) -> dict[str, object]:
        """Every property of the figure for exports: measure, unit, qualifier, base, sic."""
        return {
            "measure": self.measure,
            "label": self.label,
            **_amount_dict(self.value),
            "unit": self.unit or None,
            "rate": self.rate,
            "base": str(self.of) if self.of is not None else None,
            "plan": self.plan,
            "sic": self.sic.reason if self.sic else None,
            "breakdown": self.breakdown.to_dict() if self.breakdown else None,
        }


def _amount_dict(amount: Amount | None) -> dict[str, object]:
    if amount is None:
        return {"value": None, "text": None, "qualifier": None}
    low, high = amount.bounds
    return {
        "value": amount.value,
        "text": amount.text,
        "qualifier": amount.qualifier or None,
        "bounds": [low, None if high == float("inf") else high],
    }


@dataclass
class Report:
    summary: str  # document id of the reporting summary
    item: str  # "<plan-id>#<item-id>"
    status: (
        str  # held | postponed | cancelled | merged as data/schemas/summary-data.schema.json allows; kept as written
    )
    date: dt.date | NotStated | None = None
    reason: str = ""
    merged_into: str | None = None
    line: int | None = None
    index: int = 0


@dataclass
class SummaryData:
    figures: list[Figure] = field(default_factory=list)  # in the order the data file lists them
    reports: list[Report] = field(default_factory=list)

    def figure(self, measure: str) -> Figure | None:
        """The first figure of a measure, or None."""
        return next((f for f in self.figures if f.measure == measure), None)

    def to_dict(self) -> dict[str, object]:
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
    date: dt.date | NotStated | None = None  # 成文日期
    period: Period | NotStated | None = None
    topics: list[str] = field(default_factory=list)
    fields: dict[str, FieldValue] = field(
        default_factory=dict
    )  # field id -> parsed value, for every field written (data/fields.yml)
    sample: bool = False
    sample_note: str = ""
    meta: dict[object, object] = field(default_factory=dict)  # the front matter as written (YAML: any key)
    meta_yaml: YamlDoc | None = None  # for line numbers of front-matter keys
    text: str = ""  # the Markdown body (after front matter), BOM removed, \n line ends
    body_line: int = 1  # line number of the body's first line in the file
    headings: list[Heading] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    data_path: str | None = None  # repo-relative path of data/<folder>/<id>.yml when it exists
    data_yaml: YamlDoc | None = None
    items: list[PlanItem] = field(default_factory=list)  # plans
    summary: SummaryData | None = None  # summaries
    originals: list[Original] = field(default_factory=list)  # 附件: the originals it attaches, accepted

    @property
    def url(self) -> str:
        """Site-relative URL with directory URLs, e.g. plans/2018-luoyang-consultation-plan/."""
        return self.src_uri[: -len(".md")] + "/"

    @property
    def year(self) -> int | None:
        """The year the document is filed under: its period's (last) year, else its date's, else the
        year the editor inferred (`inferred_year: {value, basis}`), else its file name's (<year>-…); None for
        an undated document (undated-…, with period and date 原文未载): filed under 年份未定."""
        if self.period and self.period.year:
            return self.period.year
        if self.date:
            return self.date.year
        if self.inferred_year is not None:
            return self.inferred_year.value
        return int(self.id[:4]) if self.id[:4].isdigit() else None

    @property
    def inferred_year(self) -> Inferred | None:
        """The year inferred from context with its basis, when the original states none (period and
        date give no year): the document is filed under it, marked 推定."""
        if (self.period and self.period.year) or self.date:
            return None
        value = self.fields.get("inferred_year")
        return value if isinstance(value, Inferred) else None

    @property
    def waivers(self) -> dict[str, WaiverEntry]:
        """Problem code -> the editor's reason and scope, for departures from the usual format the original makes."""
        waive = self.fields.get("waive")
        return waive if isinstance(waive, dict) and waive else {}

    def meta_line(self, key: str) -> int | None:
        if self.meta_yaml is None:
            return 1
        return self.meta_yaml.line_of((key,), 1)

    def data_line(self, *path: str | int) -> int | None:
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

    doc_ids: tuple[str, ...] = ()
    plan_ids: tuple[str, ...] = ()  # documents with plan items
    years: frozenset[int] = frozenset()

    @classmethod
    def of(cls, documents: Iterable[Document]) -> CorpusIndex:
        docs = list(documents)
        return cls(
            tuple(d.id for d in docs), tuple(d.id for d in docs if d.items), frozenset(d.year for d in docs if d.year)
        )


DOCS = "docs"
PAGE_SUFFIX = ".md"


@dataclass
class Listing:
    """What docs/ and data/ hold and what may be published, as zhengxie.sources.discovery lists it."""

    documents: list[tuple[str, str]] = field(default_factory=list)  # (kind folder, src_uri), in path order
    pages: list[str] = field(default_factory=list)  # src_uri of every publishable .md (documents too)
    files: list[str] = field(default_factory=list)  # src_uri of every other publishable file
    folders: set[str] = field(default_factory=set)  # docs-relative folders (no trailing slash)
    refused: set[str] = field(default_factory=set)  # repo-relative paths refused (reported)

    def refuse_page(self, src_uri: str) -> None:
        """Keep a page out of the site (its problem is reported by the caller)."""
        self.pages.remove(src_uri)
        self.refused.add(f"{DOCS}/{src_uri}")
        self.__dict__.pop("_accepted_set", None)

    def refuse_file(self, src_uri: str) -> None:
        """Keep a file that is not a page out of the site (its problem is reported by the caller)."""
        if src_uri in self.files:
            self.files.remove(src_uri)
            self.refused.add(f"{DOCS}/{src_uri}")
            self.__dict__.pop("_accepted_set", None)

    def publishable(self, src_uri: str) -> bool:
        return src_uri in self._accepted

    def has_page(self, src_uri: str) -> bool:
        """`src_uri in pages`, without a scan of the list (pages and files never share a name:
        only .md files are pages)."""
        return src_uri.endswith(PAGE_SUFFIX) and src_uri in self._accepted

    @property
    def _accepted(self) -> set[str]:
        accepted: set[str] | None = self.__dict__.get("_accepted_set")
        if accepted is None:
            accepted = self.__dict__["_accepted_set"] = set(self.pages) | set(self.files)
        return accepted


# What the checks leave on the corpus for the pages. Their classes live with the checks, above the
# model, so the corpus names what it holds of them: the attributes its readers use.


class Waived(Protocol):
    """A waiver (zhengxie.checks.waivers.Waiver): findings set aside by a document's `waive`."""

    @property
    def doc(self) -> Document: ...
    @property
    def code(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def problems(self) -> tuple[Problem, ...]: ...


class KeptAsPrinted(Protocol):
    """An inconsistency kept as printed, 原文如此 (zhengxie.checks.measures.Acknowledged)."""

    @property
    def doc(self) -> Document: ...
    @property
    def path(self) -> KeyPath: ...  # of the figure or breakdown part in the data file
    @property
    def label(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def note(self) -> str: ...
    @property
    def reason(self) -> str: ...
    def to_dict(self) -> dict[str, object]: ...


@dataclass
class Corpus:
    root: Path
    vocab: Vocabulary
    documents: dict[str, Document] = field(default_factory=dict)  # in path order
    vocab_yaml: dict[str, YamlDoc] = field(default_factory=dict)  # data file path -> its YAML (for line numbers)
    problems: list[Problem] = field(default_factory=list)  # found while loading
    orphan_data: list[str] = field(default_factory=list)  # data/<folder>/*.yml with no document
    # The reporter that checks add their findings to: the loader's, which knows the catalogue
    # (until it is set, one with an empty catalogue: it accepts no finding).
    reporter: Reporter = field(default_factory=lambda: Reporter({}))
    waivers: list[Waived] = field(default_factory=list)  # findings set aside by the documents' waive
    acknowledged: list[KeptAsPrinted] = field(default_factory=list)  # inconsistencies kept as printed (sic)
    # What docs/ and data/ hold, and what may be published (empty for a corpus of vocabularies only).
    listing: Listing = field(default_factory=Listing)
    entries: list[DocEntry] = field(default_factory=list)  # every document listed, loaded or not
    unread: set[str] = field(default_factory=set)  # src_uris of other pages a run does not read
    # What a file's verdict read besides itself: file -> {"docs/<page>" or "id:<document id>"}. Each
    # cross-document check notes what it looks at (as Sphinx's note_dependency), so `check --changed`
    # derives who is affected by a change instead of restating every check's reads.
    dependencies: dict[str, set[str]] = field(default_factory=dict)

    def note_dependency(self, reader: str | None, read: str) -> None:
        if reader:
            self.dependencies.setdefault(reader, set()).add(read)

    @cached_property
    def index(self) -> CorpusIndex:
        """Corpus-wide sets the checks consult besides the documents they check."""
        return CorpusIndex.of(self.documents.values())

    # The corpus is not changed after loading, so derived lookups are computed once.
    @cached_property
    def by_src_uri(self) -> dict[str, Document]:
        return {d.src_uri: d for d in self.documents.values()}

    @cached_property
    def items(self) -> dict[str, PlanItem]:
        """Every plan item by its global reference "<plan-id>#<item-id>"."""
        return {item.ref: item for doc in self.documents.values() for item in doc.items}

    @cached_property
    def reports(self) -> list[Report]:
        return [r for doc in self.documents.values() if doc.summary for r in doc.summary.reports]

    def of_kind(self, kind: str) -> list[Document]:
        return [d for d in self.documents.values() if d.kind == kind]
