"""Which pages a live preview rebuilds after a save: those whose output can change.

MkDocs' `--dirty` rebuilds a page when its source file is newer than its output. That misses most of
what a save changes here: a summary's page shows the follow-through of the plans it reports on, index
pages list other documents' titles and dates, a document page names its neighbours. So each page gets
a fingerprint of everything it shows, taken from the model (its own source and data, the slices of the
corpus its template renders), and is rebuilt when the fingerprint differs from the last successful
build's. A change to what every page shows (vocabularies, templates, code, mkdocs.yml, the nav pages)
rebuilds everything.

The fingerprints are digests (blake2b over the repr of tuples of str, bytes, int and None, which is
the same in every process), so `mkdocs build` can keep them with each stored page
(zhengxie.outputcache) and reuse a page whose fingerprint has not changed.

The live preview calls this in two phases: while it reads pages, the nav pages are read too (their titles
and front matter appear in every page's nav), unless a previous read of theirs is remembered (nav pages
change only with a full rebuild); while it writes pages, only the changed ones are written.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .listings import OVERVIEW
from .model import Document

# Files whose change may alter every page: the model's vocabularies and registry, templates, code.
GLOBAL_FILES = ("mkdocs.yml",)
GLOBAL_TREES = ("overrides", "hooks", "data/schemas")
GLOBAL_SUFFIXES = (".yml", ".yaml", ".json", ".html", ".py", ".js", ".css", ".svg")
# Templates that list a bounded slice of the corpus, read from the page's front matter.
SLICED_TEMPLATES = {"zx-topic.html", "zx-year.html", "zx-body.html", "zx-figures.html", "zx-section.html"}
PLAIN_TEMPLATES = {None, "main.html"}  # a page showing its own content only
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def digest(value) -> bytes:
    """A stable digest of a value built from str, bytes, int, None and tuples of them: their repr is
    canonical and the same in every process (hash() of a str is not: PYTHONHASHSEED). A value whose
    repr varied (an object address) would only ever miss, never match wrongly."""
    return hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def content_digest(content: str | bytes) -> bytes:
    """A digest of a generated file's content (a chart): hashed as it is, without the repr `digest`
    would make of a long text first."""
    data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).digest()


def digests_digest(named) -> bytes:
    """A digest of (name, digest) pairs: the names (document ids: no line breaks) and the fixed-size
    digests are concatenated, not repr'd — listings hold hundreds."""
    hasher = hashlib.blake2b(digest_size=16)
    for name, found in named:
        hasher.update(name.encode("utf-8", "surrogatepass") + b"\n" + found)
    return hasher.digest()


def card_digest(doc: Document) -> bytes:
    """What a link to the document shows: its id, URL and front matter (title, date, body …)."""
    return digest((doc.id, doc.src_uri, repr(doc.meta)))


class Sources:
    """Content digests of files, re-read only when their size or modification time changes."""

    def __init__(self, root: Path, file_hash=None):
        """file_hash: rel -> a stable content hash (cache.Cache.file_hash, which already hashed the
        files the model was loaded from); by default each file is read and hashed here."""
        self.root = Path(root)
        self._file_hash = file_hash
        self._prefix = str(self.root) + os.sep
        self._known: dict[str, tuple] = {}  # repo-relative path -> (mtime_ns, size, digest)
        self._now: dict[str, object] = {}  # digests looked at during this rebuild

    def begin(self) -> None:
        """A new rebuild: files may have changed since the last one looked."""
        self._now = {}

    def digest(self, rel: str | None):
        if rel is None:
            return None
        found = self._now.get(rel, self)
        if found is self:
            found = self._now[rel] = self._digest(rel)
        return found

    def _digest(self, rel: str):
        if self._file_hash is not None:
            return self._file_hash(rel)
        path = self._prefix + rel
        try:
            stat = os.stat(path)
        except OSError:
            return None
        known = self._known.get(rel)
        if known is not None and known[:2] == (stat.st_mtime_ns, stat.st_size):
            return known[2]
        try:
            with open(path, "rb") as file:
                digest = hashlib.blake2b(file.read(), digest_size=16).digest()
        except OSError:
            return None
        self._known[rel] = (stat.st_mtime_ns, stat.st_size, digest)
        return digest

    def tree(self) -> bytes:
        """One digest of every file that all pages depend on."""
        found = [(rel, self.digest(rel)) for rel in GLOBAL_FILES]
        data = self.root / "data"
        if data.is_dir():
            found += [(f"data/{p.name}", self.digest(f"data/{p.name}")) for p in sorted(data.iterdir()) if p.is_file()]
        for top in GLOBAL_TREES:
            for folder, dirs, files in os.walk(self.root / top):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                for name in sorted(files):
                    if name.endswith(GLOBAL_SUFFIXES):
                        rel = os.path.relpath(os.path.join(folder, name), self.root)
                        found.append((rel, self.digest(rel)))
        return digest(tuple(found))


@dataclass
class Plan:
    """What one rebuild reads and writes (pages) and copies (generated assets). `full`: everything
    (the first build, or a change every page shows)."""

    full: bool
    changed: frozenset  # src_uris whose output changes
    nav: frozenset  # src_uris read in any case: their titles and front matter are in every page's nav
    nav_kept: dict = field(default_factory=dict)  # src_uri -> (title, meta) of the nav pages not read again
    stale: tuple = ()  # output paths (site-relative) of pages the last build had and this one has not
    fingerprints: dict = field(default_factory=dict)
    overall: bytes = b""
    outputs: dict = field(default_factory=dict)  # src_uri -> output path, for the next build's stale files
    writing: bool = False  # False while the builder reads pages, True once it writes them

    def decides(self, src_uri: str) -> bool:
        """Whether the plan knows the file: pages and generated assets (other files keep MkDocs' rule)."""
        return src_uri in self.fingerprints

    def must_build(self, src_uri: str) -> bool:
        if self.full or src_uri in self.changed:
            return True
        return not self.writing and src_uri in self.nav

    def remove_stale(self, site_dir: Path) -> None:
        for rel in self.stale:
            try:
                (Path(site_dir) / rel).unlink()
            except OSError:
                pass


class Rebuilds:
    """The fingerprints of the last successful build, kept by the serving process across rebuilds."""

    def __init__(self, root: Path):
        self.sources = Sources(root)
        self.last: dict | None = None  # src_uri -> fingerprint
        self.last_overall: bytes | None = None
        self.last_outputs: dict = {}  # src_uri -> output path
        self.last_changed: frozenset = frozenset()  # what the last successful build wrote
        self._fronts: dict = {}  # page source -> its front matter (generated pages repeat each build)
        self.nav_read: dict = {}  # src_uri -> (title, meta) of each nav page as the builder last read it

    def plan(self, site, pages: dict[str, str], nav) -> Plan:
        """pages: src_uri -> output path (site-relative) of every page of this build; nav: src_uris
        of the pages in the nav. The site's generated assets are planned too."""
        self.sources.begin()
        overall = digest((self.sources.tree(), nav_digest(site, self.sources, nav)))
        fingerprints = Fingerprints(site, self.sources, self._fronts).of(pages)
        assets = {path: content_digest(content) for path, content in site.generated_assets()}  # charts: copied when changed
        fingerprints.update(assets)
        pages = {**pages, **{path: path for path in assets}}
        full = self.last is None or overall != self.last_overall
        changed = frozenset(uri for uri, fp in fingerprints.items() if full or self.last.get(uri) != fp)
        outputs = set(pages.values())
        stale = tuple(sorted(path for uri, path in self.last_outputs.items() if uri not in pages and path not in outputs))
        kept = {} if full else {uri: self.nav_read[uri] for uri in nav if uri in self.nav_read and uri not in changed}
        return Plan(full=full, changed=changed, nav=frozenset(nav) - set(kept), nav_kept=kept, stale=stale,
                    fingerprints=fingerprints, overall=overall, outputs=pages)

    def remember_nav(self, read: dict) -> None:
        """(title, meta) of the nav pages the builder read: every page's nav shows them."""
        self.nav_read.update(read)

    def built(self, plan: Plan) -> None:
        self.last, self.last_overall, self.last_outputs = plan.fingerprints, plan.overall, plan.outputs
        self.last_changed = plan.changed

    def failed(self) -> None:
        """The site may be half written: the next build writes everything."""
        self.last = None
        self.nav_read = {}



def nav_digest(site, sources: Sources, nav) -> bytes:
    """What every page's nav shows of the nav pages: their sources (titles, front matter)."""
    def source(src_uri):
        generated = site.generated_source(src_uri)
        return generated if generated is not None else sources.digest(f"docs/{src_uri}")

    return digest(tuple((uri, source(uri)) for uri in sorted(nav)))


class Fingerprints:
    """Per page, a digest of what it shows; per document, digests of what other pages show of it.
    Each document's card and listing digest, and each listing's slice, is computed once."""

    def __init__(self, site, sources: Sources, fronts: dict):
        self.site, self.sources, self.fronts = site, sources, fronts
        self.corpus = site.corpus
        # Digests of what documents show elsewhere: they depend on the documents' cards and data files
        # only, so the site keeps them (zhengxie.carry takes them over while those are unchanged).
        memo = getattr(site, "shown_memo", None)
        memo = memo if memo is not None else {}
        self._listed: dict[str, bytes] = memo.setdefault("listed", {})
        self._cards: dict[str, bytes] = memo.setdefault("cards", {})
        self._slices: dict[tuple, bytes | None] = memo.setdefault("slices", {})
        self._pages: dict[int, tuple] = memo.setdefault("listing pages", {})  # id(page) -> (page, digest)
        if "partners" not in memo:
            memo["partners"] = partners_of(site.follow)
        self._partners = memo["partners"]
        if memo.get("around of") is not site.wayfinding:
            memo["around"], memo["around of"] = {}, site.wayfinding
        self._around: dict[str, bytes] = memo["around"]  # document id -> `surroundings`
        self._ref_fields = tuple(f.id for f in self.corpus.vocab.fields.values() if f.type in ("doc-ref", "doc-refs"))
        self._problems_by_file: dict | None = None

    def of(self, pages) -> dict:
        return {uri: self.page(uri) for uri in pages}

    def page(self, src_uri: str) -> bytes:
        doc = self.corpus.by_src_uri.get(src_uri)
        if doc is not None:
            return self.document(doc)
        generated = self.site.generated_source(src_uri)
        source = generated if generated is not None else self.sources.digest(f"docs/{src_uri}")
        listing_page = self.site.listing_page(src_uri)
        follow_page = self.site.follow_page(src_uri) if listing_page is None else None
        if listing_page is not None:
            shown = self.listing(listing_page)
        elif follow_page is not None:
            shown = self.follow(follow_page)
        else:
            shown = self.slice(self._front(generated, src_uri))
        return digest((src_uri, source, self._problems(src_uri), shown))

    # ---- what a document page shows ------------------------------------------------------------

    def document(self, doc: Document) -> bytes:
        return digest((
            doc.src_uri, self.sources.digest(doc.path), self.sources.digest(doc.data_path),
            self._problems(doc.src_uri),
            tuple((w.code, w.reason, tuple(p.format() for p in w.problems))
                  for w in self.site.waivers_by_doc.get(doc.id, ())),
            tuple(sorted(map(repr, self.site.views.acknowledged.get(doc.id, {}).items()))),
            self.site.follow_pages.url_of(doc.id), self.surroundings(doc),
        ))

    def surroundings(self, doc: Document) -> bytes:
        """What a document's page shows of others: previous/next and related documents (the
        wayfinding), those linked with it by follow-through, those its fields refer to. Kept with
        the wayfinding it was read from: that is built again whenever a card changes."""
        found = self._around.get(doc.id)
        if found is None:
            around = self.site.around(doc)
            found = self._around[doc.id] = digest((
                self.card(around.previous), self.card(around.next),
                tuple((group.label, tuple(self.card(d) for d in group.docs)) for group in around.related),
                tuple(self.own(p) for p in self._partners.get(doc.id, ())),
                tuple(self.card(self.corpus.documents.get(ref)) for ref in self._refs(doc)),
            ))
        return found

    def card(self, doc: Document | None) -> bytes | None:
        """What a link to the document shows: its id, URL and front matter (title, date, body …)."""
        if doc is None:
            return None
        found = self._cards.get(doc.id)
        if found is None:
            found = self._cards[doc.id] = card_digest(doc)
        return found

    def own(self, doc: Document) -> tuple:
        """The document's card and data file (plan items, figures, reports)."""
        return (self.card(doc), self.sources.digest(doc.data_path))

    def listed(self, doc: Document) -> bytes:
        """What any listing may show of the document: card, data, and the follow-through of its
        items or reports (the data of the plans and summaries it is linked with)."""
        found = self._listed.get(doc.id)
        if found is None:
            found = self._listed[doc.id] = digest((self.own(doc), tuple(self.own(p) for p in self._partners.get(doc.id, ()))))
        return found

    def of_documents(self, docs) -> bytes:
        """What listings, charts, calendars … may show of these documents (see `listed`)."""
        return digests_digest(sorted((d.id, self.listed(d)) for d in docs))

    def of_own(self, docs) -> bytes:
        """The cards and data files of these documents (what, e.g., the charts read of summaries)."""
        return digest(tuple(sorted((d.id, self.own(d)) for d in docs)))

    def cards(self, docs) -> bytes:
        return digest(tuple(sorted((d.id, self.card(d)) for d in docs)))

    def _refs(self, doc: Document):
        for field_id in self._ref_fields:
            value = doc.fields.get(field_id)
            if isinstance(value, str):
                yield value
            elif isinstance(value, (list, tuple)):
                yield from (v for v in value if isinstance(v, str))

    def _problems(self, src_uri: str) -> tuple:
        """The problems of the page's file (and its document's data file): the preview shows them in
        its problem box; a build does not, but they tell when a link of the page starts or stops
        resolving (a deleted or added target: ZX505), which changes what the builder writes."""
        if self._problems_by_file is None:
            self._problems_by_file = {}
            for problem in self.site.problems:
                self._problems_by_file.setdefault(problem.file, []).append(problem)
        doc = self.corpus.by_src_uri.get(src_uri)
        files = [f"docs/{src_uri}"] + ([doc.data_path] if doc is not None and doc.data_path else [])
        return tuple(p.format() for f in files for p in self._problems_by_file.get(f, ()))

    # ---- what an index page shows ---------------------------------------------------------------

    def listing(self, page) -> bytes:
        """A page of a paginated listing (zhengxie.listings) shows its own entries, its year links
        and page links: a digest of those, so the cost is the page's size, not the listing's."""
        known = self._pages.get(id(page))
        if known is not None and known[0] is page:
            return known[1]
        found = self._listing(page)
        self._pages[id(page)] = (page, found)
        return found

    def _listing(self, page) -> bytes:
        # Groups split the page's entries (by year or month): the groups name their entries, and the
        # documents shown are digested once each (an item shows its plan's `listed`).
        shown: dict = {}

        def entries(docs, items) -> tuple[str, str]:
            shown.update((d.id, d) for d in docs)
            shown.update((e.plan.id, e.plan) for e in items)
            return "\n".join(d.id for d in docs), "\n".join(e.item.ref for e in items)

        groups = tuple((getattr(g, "key", None), getattr(g, "label", None), getattr(g, "year", None),
                        entries(g.docs, g.items)) for g in page.groups)
        own = entries(page.docs, page.items)
        return digest((page.title, page.role, page.year, page.truncated, tuple(page.months),
                       tuple((s.year, s.url, s.count, s.current) for s in page.slices),
                       (page.pager.base, page.pager.number, page.pager.total) if page.pager else None,
                       groups, own, digests_digest((i, self.listed(d)) for i, d in shown.items()),
                       self._whole_body(page)))

    def _whole_body(self, page) -> bytes | None:
        """A body's first page also sums up all its documents, the older ones on its year pages
        included: 资料完整度, its plans with their progress, how many items and documents."""
        if page.listing != "body" or page.role != OVERVIEW:
            return None
        entry = self.site.index.bodies.get(page.key)
        return self.of_documents(entry.docs) if entry is not None else None

    def follow(self, page) -> bytes:
        """A page of 落实情况 (zhengxie.followpages): a year page shows its plans, their items and the
        reports on them (each plan's `listed`), its year and page links; the overview shows every
        year's counts and the reports that name no existing item, so it reads all documents."""
        if page.role != "slice":
            return digest((page.title, self.everything))
        return digest((page.title, page.year, tuple((s.year, s.url, s.count, s.current) for s in page.slices),
                       (page.pager.base, page.pager.number, page.pager.total),
                       tuple(self.listed(p.plan) for p in page.plans)))

    def slice(self, meta: dict) -> bytes | None:
        """What another index page may show (data pages, hand-written listings): all documents of
        its listing."""
        template = meta.get("template")
        if template in PLAIN_TEMPLATES:
            return None
        if template not in SLICED_TEMPLATES:
            return self.everything
        key = (template, repr(meta.get("zx_topic")), repr(meta.get("zx_year")), repr(meta.get("zx_body")),
               repr(meta.get("zx_figures_body")), repr(meta.get("zx_section")))
        found = self._slices.get(key, self)
        if found is self:
            found = self._slices[key] = self._slice(template, meta)
        return found

    def _slice(self, template: str, meta: dict) -> bytes:
        index = self.site.index
        if template == "zx-topic.html":
            entry = index.topics.get(meta.get("zx_topic"))
            docs = (entry.docs + [e.plan for e in entry.items]) if entry else []
        elif template == "zx-year.html":
            entry = index.years.get(meta.get("zx_year"))
            docs = (entry.issued + entry.about + entry.date_not_stated + [e.plan for e in entry.items]) if entry else []
        elif template == "zx-body.html" or (template == "zx-figures.html" and meta.get("zx_figures_body")):
            entry = index.bodies.get(meta.get("zx_body") or meta.get("zx_figures_body"))
            docs = entry.docs if entry else []
        elif template == "zx-section.html":
            docs = self.corpus.of_kind(meta.get("zx_section"))
        elif template == "zx-figures.html":  # every body's 数据: the summaries' figures (zhengxie.series)
            return self.of_own(d for d in self.corpus.documents.values() if d.summary is not None)
        else:
            return self.everything
        return self.of_documents({d.id: d for d in docs}.values())

    @property
    def everything(self) -> bytes:
        found = self._listed.get("")
        if found is None:
            found = self._listed[""] = self.of_documents(self.corpus.documents.values())
        return found

    def _front(self, generated: str | None, src_uri: str) -> dict:
        if generated is None:
            try:
                text = (self.sources.root / "docs" / src_uri).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeError):
                return {}
        else:
            text = generated
        meta = self.fronts.get(text)
        if meta is None:
            match = _FRONT.match(text)
            try:
                meta = yaml.load(match.group(1), Loader=_YAML_LOADER) if match else {}
            except yaml.YAMLError:
                meta = {}
            meta = self.fronts[text] = meta if isinstance(meta, dict) else {}
        return meta


def partners_of(follow, only: set | None = None, before: dict | None = None) -> dict[str, tuple]:
    """Document id -> the documents linked with it by follow-through: a summary, the plans it reports
    on and the plans their items were merged into, all show each other's items or reports. With
    `only` (ids whose links may have changed) and `before` (this map for the follow-through before),
    only those are linked again: through the lines of the summaries among them and of those citing them."""
    if only is None:
        summaries = follow.by_summary.keys() if follow else ()
    else:
        summaries = {s for s in only if s in follow.by_summary}
        summaries.update(s for p in only for s in follow.citing.get(p, ()))
    linked: dict[str, dict] = {}
    for summary_id in summaries:
        for line in follow.by_summary.get(summary_id, ()):
            group = [d for d in (line.summary, line.plan, line.merged_plan) if d is not None]
            for doc in group:
                for other in group:
                    if other is not doc:
                        linked.setdefault(doc.id, {})[other.id] = other
    found = {doc_id: tuple(sorted(docs.values(), key=lambda d: d.id)) for doc_id, docs in linked.items()
             if only is None or doc_id in only}
    if only is None:
        return found
    merged = {doc_id: docs for doc_id, docs in before.items() if doc_id not in only}
    merged.update(found)
    return merged
