"""Shards: the documents split into N parts that build as separate MkDocs runs, then merge into one site.

`make build-sharded SHARDS=N` (or a CI matrix, .github/workflows/site.yml) builds shard k of N with
ZX_SHARD=k/N. Every shard loads the whole model (indexes, links and the check need it); it renders
only the documents it owns, plus, for shard 1 (the hub), everything shared: home, sections, the
topic/year/body/follow-through indexes, guide, feeds, calendars, open data and assets.

Which shard owns a document follows its body (data/shards.yml): a body's documents go with its
group — its top-most parent by default, so a township office travels with its county — and a group
goes to shard 1 + sha256(group id) mod N. The rule reads nothing but the group's own id, so adding a
body moves no existing body, and a body never spans two shards. Documents without a known body, and
every page that is not a document, belong to the hub.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from zhengxie.model.corpus import Corpus, Document
from zhengxie.registry.problems import Problem, Reporter

ENV = "ZX_SHARD"
FILE = "data/shards.yml"
HUB = 1
Grouping = Literal["root-body", "body"]  # a body goes with its top-most parent's group, or is its own
GROUPS: tuple[Grouping, ...] = ("root-body", "body")
DEFAULT_GROUP: Grouping = "root-body"
DEFAULT_MAX = 64
BUNDLE = "pagefind"  # the hub's (and the unsharded build's) search bundle; shard k writes pagefind-k
_SELECTION = re.compile(r"^\s*([0-9]{1,4})\s*/\s*([0-9]{1,4})\s*$")


@dataclass(frozen=True, slots=True)
class Selection:
    """Shard `index` of `count` (1-based), as ZX_SHARD=k/N names it."""

    index: int
    count: int

    @property
    def hub(self) -> bool:
        return self.index == HUB

    @property
    def bundle(self) -> str:
        return bundle_name(self.index)

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass(frozen=True, slots=True)
class Settings:
    """data/shards.yml: how bodies are grouped, and how many shards a build may ask for."""

    group: Grouping = DEFAULT_GROUP
    max_shards: int = DEFAULT_MAX
    max_line: int | None = None  # line of max_shards, for ZX129


def bundle_name(index: int) -> str:
    return BUNDLE if index == HUB else f"{BUNDLE}-{index}"


def read_settings(root: Path) -> Settings:
    """The declared settings, or the defaults where the file is absent or a value unusable (the schema
    check reports a malformed data/shards.yml as a coded problem in `make check` and the build)."""
    path = Path(root) / FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    group = next((g for g in GROUPS if g == data.get("group")), DEFAULT_GROUP)
    most = data.get("max_shards")
    most = most if isinstance(most, int) and not isinstance(most, bool) and most >= 1 else DEFAULT_MAX
    line = next((n for n, row in enumerate(text.splitlines(), 1) if row.startswith("max_shards:")), None)
    return Settings(group=group, max_shards=most, max_line=line)


class ShardError(ValueError):
    """A selection that cannot be built: `code` is its problem code (data/problems.yml)."""

    def __init__(self, code: str, file: str, line: int | None = None, **params: object):
        super().__init__(code)
        self.code, self.file, self.line, self.params = code, file, line, params

    def report(self, reporter: Reporter) -> Problem:
        return reporter.add(self.code, self.file, self.line, column=None, **self.params)


def parse_selection(text: str, settings: Settings) -> Selection:
    """`k/N` -> Selection; anything else, k outside 1..N or N above max_shards -> ShardError."""
    match = _SELECTION.match(text or "")
    if not match:
        raise ShardError("ZX128", ENV, value=text, reason="应写成“第几片/共几片”，例如 2/4")
    index, count = int(match.group(1)), int(match.group(2))
    if count < 1 or not 1 <= index <= count:
        raise ShardError("ZX128", ENV, value=text, reason=f"第几片应在 1 到 {max(count, 1)} 之间")
    if count > settings.max_shards:
        raise ShardError("ZX129", FILE, settings.max_line, count=count, most=settings.max_shards)
    return Selection(index, count)


def selection_from_env(settings: Settings, environ: Mapping[str, str] = os.environ) -> Selection | None:
    """The shard this build renders, or None for the whole site (ZX_SHARD unset or empty)."""
    text = environ.get(ENV, "")
    return parse_selection(text, settings) if text.strip() else None


def group_of(body_id: str, parents: Mapping[str, str | None], group: Grouping = DEFAULT_GROUP) -> str:
    """The id a body is placed by: itself, or its top-most parent (a cycle stops where it closes;
    the check reports it)."""
    if group == "body":
        return body_id
    seen = {body_id}
    while (parent := parents.get(body_id)) and parent in parents and parent not in seen:
        seen.add(parent)
        body_id = parent
    return body_id


def bucket(group_id: str, count: int) -> int:
    """1 + sha256(group id) mod count: the same on every machine and Python (unlike hash())."""
    digest = hashlib.sha256(group_id.encode("utf-8")).digest()
    return HUB + int.from_bytes(digest[:8], "big") % count


@dataclass(frozen=True)
class Partition:
    """Which shard owns each body, document and page, for one shard count."""

    count: int
    bodies: dict[str, int]  # body id -> shard (1..count)

    @classmethod
    def of(cls, corpus: Corpus, count: int, settings: Settings = Settings()) -> Partition:
        parents = {b.id: b.parent for b in corpus.vocab.bodies.values()}
        return cls(count, {b: bucket(group_of(b, parents, settings.group), count) for b in parents})

    def shard_of(self, doc: Document | None) -> int:
        return self.bodies.get(doc.body, HUB) if doc is not None and doc.body is not None else HUB

    def owner(self, src_uri: str, by_src_uri: Mapping[str, Document]) -> int:
        """The shard that publishes a file of the site: a document's body's shard, else the hub."""
        return self.shard_of(by_src_uri.get(src_uri))

    def sizes(self, documents: Iterable[Document]) -> dict[int, int]:
        """shard -> number of documents, every shard listed (an empty shard counts 0)."""
        found = dict.fromkeys(range(HUB, self.count + 1), 0)
        for doc in documents:
            found[self.shard_of(doc)] += 1
        return found

    def bundles(self, documents: Iterable[Document]) -> list[str]:
        """The search bundles the merged site has: the hub's, and one per shard holding documents
        (a shard without documents indexes nothing and writes no bundle)."""
        sizes = self.sizes(documents)
        return [bundle_name(k) for k, n in sizes.items() if k == HUB or n]


def matrix(count: int, settings: Settings) -> list[str]:
    """The k/N selections of an N-shard build, for a CI matrix; ShardError when N is not allowed."""
    parse_selection(f"{HUB}/{count}", settings)
    return [str(Selection(k, count)) for k in range(HUB, count + 1)]


@dataclass(frozen=True)
class ShardView:
    """What one build publishes: the whole site (no selection), or the pages shard k owns."""

    selection: Selection | None = None
    partition: Partition | None = None
    by_src_uri: Mapping[str, Document] | None = None
    bundles: tuple[str, ...] = (BUNDLE,)  # every search bundle of the merged site, the hub's first

    @classmethod
    def from_env(
        cls, root: Path, corpus: Corpus, environ: Mapping[str, str] = os.environ
    ) -> tuple[ShardView, Problem | None]:
        """The view ZX_SHARD asks for, and the coded problem of a selection that cannot be built
        (the build then renders the whole site and fails on the logged error)."""
        settings = read_settings(root)
        try:
            selection = selection_from_env(settings, environ)
        except ShardError as error:
            return cls(), error.report(corpus.reporter)
        if selection is None:
            return cls(), None
        partition = Partition.of(corpus, selection.count, settings)
        docs = corpus.documents.values()
        return cls(selection, partition, corpus.by_src_uri, tuple(partition.bundles(docs))), None

    @property
    def hub(self) -> bool:
        return self.selection is None or self.selection.hub

    @property
    def bundle(self) -> str:
        return BUNDLE if self.selection is None else self.selection.bundle

    def publishes(self, src_uri: str) -> bool:
        """Whether this build renders the page or copies the file (the others stay known to the
        builder, so links to them resolve, but are left to their own shard)."""
        if self.selection is None:
            return True
        assert self.partition is not None and self.by_src_uri is not None  # from_env sets all three together
        return self.partition.owner(src_uri, self.by_src_uri) == self.selection.index
