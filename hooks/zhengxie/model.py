"""The corpus model: plain objects that validation, indexes, generated pages and exports all read."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .outline import Article, Heading
from .sources import YamlDoc


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


@dataclass(frozen=True)
class Form:
    id: str
    name: str


@dataclass(frozen=True)
class Kind:
    id: str
    name: str
    folder: str
    types: dict  # type id -> Chinese name


@dataclass(frozen=True)
class SectionSpec:
    name: str
    aliases: tuple = ()
    position: str | None = None  # "first" | "last" | None

    def matches(self, title: str) -> bool:
        return title == self.name or title in self.aliases


@dataclass(frozen=True)
class SectionRule:
    kind: str
    type: str | None
    sections: tuple  # of SectionSpec, in required order
    line: int | None = None


@dataclass
class Vocabulary:
    topics: dict = field(default_factory=dict)  # id -> Topic
    bodies: dict = field(default_factory=dict)  # id -> Body
    forms: dict = field(default_factory=dict)  # id -> Form
    kinds: dict = field(default_factory=dict)  # id -> Kind
    section_rules: list = field(default_factory=list)  # of SectionRule

    def kind_of_folder(self, folder: str) -> Kind | None:
        return next((k for k in self.kinds.values() if k.folder == folder), None)

    def section_rule(self, kind: str, type_: str | None) -> SectionRule | None:
        """The rule for (kind, type), falling back to the kind's rule without a type."""
        exact = [r for r in self.section_rules if r.kind == kind and r.type == type_]
        if exact:
            return exact[0]
        return next((r for r in self.section_rules if r.kind == kind and r.type is None), None)


@dataclass
class PlanItem:
    plan: str  # document id of the plan
    id: str
    title: str
    form: str | None
    month: int | None
    quarter: int | None
    lead: str
    departments: list
    topics: list
    summary: str = ""
    line: int | None = None  # line in the plan's data file
    index: int = 0  # position in the items list (for locating its fields)

    @property
    def ref(self) -> str:
        return f"{self.plan}#{self.id}"

    @property
    def anchor(self) -> str:
        return f"item-{self.id}"


@dataclass
class Proposals:
    received: int | None = None
    filed: int | None = None
    answered: int | None = None
    answer_rate: float | None = None
    solved_rate: float | None = None
    satisfaction_rate: float | None = None


@dataclass
class Figure:
    label: str
    value: float | int | None
    unit: str = ""


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
    proposals: Proposals | None = None
    social_opinions: int | None = None
    figures: list = field(default_factory=list)  # of Figure
    reports: list = field(default_factory=list)  # of Report


@dataclass
class Document:
    id: str
    kind: str  # from the folder (the front matter's `kind` must agree)
    path: str  # repo-relative, e.g. docs/plans/2018-luoyang-consultation-plan.md
    src_uri: str  # docs-relative, e.g. plans/2018-luoyang-consultation-plan.md
    title: str = ""
    type: str | None = None
    body: str | None = None
    date: dt.date | None = None
    period: str | None = None
    topics: list = field(default_factory=list)
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
        if self.period and self.period[:4].isdigit():
            return int(self.period[:4])
        return self.date.year if self.date else None

    def meta_line(self, key: str) -> int | None:
        if self.meta_yaml is None:
            return 1
        return self.meta_yaml.line_of((key,), 1)

    def data_line(self, *path) -> int | None:
        if self.data_yaml is None:
            return None
        return self.data_yaml.line_of(tuple(path), 1)


@dataclass
class Corpus:
    root: Path
    vocab: Vocabulary
    documents: dict = field(default_factory=dict)  # id -> Document, in path order
    vocab_yaml: dict = field(default_factory=dict)  # data file path -> YamlDoc (for line numbers)
    problems: list = field(default_factory=list)  # Problems found while loading
    orphan_data: list = field(default_factory=list)  # data/<folder>/*.yml with no document
    reporter: object = None  # the problems.Reporter that checks add their findings to

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
