"""The check with a cache: only documents whose verdict can have changed are read and checked again.

A document's verdict (its problems, after waivers, in its Markdown file and its data file) depends on
its own two files, on the code and vocabularies (the cache version: any change there is a cold run),
and on its forward dependencies, taken from the model:

* ("doc", id)      a rule it supersedes / is superseded by, a plan whose items its reports name
                   (item, merged_into), the plan of a figure — fingerprint: that document's files;
* ("path", src)    a page a link reaches (with the page names the link check tries for it) —
                   fingerprint: what is there (the page's files, a file, a folder, nothing);
* ("folder", dir)  the pages beside a link target that does not exist (its "did you mean");
* ("global", name) corpus-wide sets a broken reference's "did you mean" or a generated page uses:
                   every document id, every plan id, the years with a page.

A document is checked again when its own files, or the fingerprint of any dependency, changed.
Problems of everything else (vocabularies, pages that are no documents, the listing: refused files,
duplicate ids, orphan data files) are found again on every run: that is a walk and a few files.

The result equals a run without the cache: the same problems in the same order with the same text.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from . import cache as cache_module
from .checks import run_checks
from .loader import load_corpus, load_document
from .model import Corpus, CorpusIndex
from .problems import Problem
from .validate import _collector_paused

RECORDS = "check.marshal"  # {src_uri: (id, own, deps, facts, problems)}
GLOBAL_DOC_IDS, GLOBAL_PLAN_IDS, GLOBAL_YEARS = ("global", "doc_ids"), ("global", "plan_ids"), ("global", "years")


@dataclass
class Result:
    corpus: Corpus  # vocabularies, listing and the documents this run read
    problems: list  # every problem of the repository, as validate() finds them
    documents: int  # documents listed
    checked: set = field(default_factory=set)  # src_uris of the documents checked again
    dependents: dict = field(default_factory=dict)  # repo path -> src_uris of documents depending on it


def check(root, cache: cache_module.Cache) -> Result:
    with _collector_paused():
        return _Run(root, cache).run()


def _problem_tuple(p: Problem) -> tuple:
    return (p.code, p.severity, p.file, p.line, p.message, p.hint, p.column)


def _problem(t) -> Problem:
    return Problem(*t)


class _Run:
    def __init__(self, root, cache):
        self.cache = cache
        self.corpus = load_corpus(root, only=set())
        self.root = self.corpus.root
        listing = self.corpus.listing
        self.entries = self.corpus.entries
        self.by_src = {e.src_uri: e for e in self.entries}
        self.by_id = {e.id: e for e in self.entries}
        self.pages = set(listing.pages)
        self.files = set(listing.files)
        self.folders = set(listing.folders)
        self.own = {e.src_uri: (cache.file_hash(e.path), cache.file_hash(e.data_path) if e.data_path else None)
                    for e in self.entries}
        self._fingerprints: dict = {}
        self.loaded: dict = {}  # src_uri -> Document read in this run

    def run(self) -> Result:
        cache, corpus = self.cache, self.corpus
        saved = cache.load(RECORDS)
        old = saved if isinstance(saved, dict) else {}
        changed = [e.src_uri for e in self.entries if not self._same_own(old.get(e.src_uri), e)]
        for src in changed:
            self._load(src)
        facts = {src: (old[src][3] if src not in self.loaded else self._facts(src))
                 for src in (e.src_uri for e in self.entries)}
        ids = tuple(e.id for e in self.entries)
        corpus.__dict__["index"] = CorpusIndex(
            ids, tuple(e.id for e in self.entries if facts[e.src_uri][0]),
            frozenset(facts[e.src_uri][1] for e in self.entries if facts[e.src_uri][1]))
        changed_set = set(changed)
        dirty = changed + [e.src_uri for e in self.entries if e.src_uri not in changed_set
                           and any(self.fingerprint(tuple(k)) != f for k, f in old[e.src_uri][2])]
        for src in dirty:
            self._load(src)
        deps = {src: self._deps(self.loaded[src]) for src in dirty}
        wanted = {self._doc_of(key) for keys in deps.values() for key in keys}
        wanted |= {self._doc_of(key) for key in self._other_pages_deps()}
        for src in sorted(wanted - {None}, key=self._order):
            self._load(src)
        self._reorder()
        problems = run_checks(corpus)
        owner = {}
        for e in self.entries:
            owner[e.path] = e.src_uri
            if e.data_path:
                owner[e.data_path] = e.src_uri
        dirty_set = set(dirty)
        fresh: dict = {src: [] for src in dirty}
        global_problems = []
        for p in problems:
            src = owner.get(p.file)
            if src is None:
                global_problems.append(p)
            elif src in dirty_set:
                fresh[src].append(p)
        records = {}
        for e in self.entries:
            src = e.src_uri
            if src in dirty_set:
                records[src] = (e.id, self._own_key(e), tuple((k, self.fingerprint(k)) for k in sorted(deps[src])),
                                facts[src], tuple(_problem_tuple(p) for p in fresh[src]))
            else:
                records[src] = old[src]
        merged = list(global_problems)
        for e in self.entries:
            merged += fresh[e.src_uri] if e.src_uri in dirty_set else [_problem(t) for t in records[e.src_uri][4]]
        merged.sort(key=lambda p: p.sort_key())
        cache.store(RECORDS, records)
        cache.save()
        cache.changed_documents = {self.by_src[src].id for src in changed}
        return Result(corpus, merged, len(self.entries), dirty_set, self._dependents(records))

    # ---- own files and facts ------------------------------------------------------------------

    def _own_key(self, entry) -> tuple:
        return (entry.id, entry.kind, entry.path, entry.data_path) + self.own[entry.src_uri]

    def _same_own(self, record, entry) -> bool:
        return record is not None and tuple(record[1]) == self._own_key(entry)

    def _facts(self, src: str) -> tuple:
        doc = self.loaded[src]
        return (bool(doc.items), doc.year)

    def _load(self, src: str) -> None:
        loaded = self.loaded
        if src not in loaded:
            entry = self.by_src[src]
            loaded[src] = load_document(self.root, entry, self.corpus.reporter, self.corpus.vocab)

    def _order(self, src: str) -> int:
        return self._positions[src]

    @property
    def _positions(self) -> dict:
        positions = self.__dict__.get("_pos")
        if positions is None:
            positions = self.__dict__["_pos"] = {e.src_uri: i for i, e in enumerate(self.entries)}
        return positions

    def _reorder(self) -> None:
        """corpus.documents in listing order, as a full run loads them."""
        loaded = self.loaded
        self.corpus.documents.clear()
        for e in self.entries:
            if e.src_uri in loaded:
                self.corpus.documents[e.id] = loaded[e.src_uri]
        self.corpus.__dict__.pop("by_src_uri", None)
        self.corpus.__dict__.pop("items", None)

    # ---- dependencies -------------------------------------------------------------------------

    def _doc_of(self, key) -> str | None:
        kind, name = key
        if kind == "doc":
            entry = self.by_id.get(name)
            return entry.src_uri if entry else None
        if kind == "path":
            return name if name in self.by_src else None
        return None

    def _deps(self, doc) -> set:
        keys: set = set()
        index = self.corpus.index
        links = [doc.fields.get("superseded_by")] + list(doc.fields.get("supersedes") or ())
        for other in links:
            if isinstance(other, str) and other:
                keys.add(("doc", other))
                if other not in self.by_id:
                    keys.add(GLOBAL_DOC_IDS)
        data = doc.data_yaml.data if doc.data_yaml is not None else None
        if isinstance(data, dict):
            from .checks.references import ITEM_REF

            plans = set(index.plan_ids)
            for raw in data.get("reports") if isinstance(data.get("reports"), list) else ():
                for key in ("item", "merged_into"):
                    ref = raw.get(key) if isinstance(raw, dict) else None
                    match = ITEM_REF.match(ref) if isinstance(ref, str) else None
                    if match:
                        keys.add(("doc", match.group(1)))
                        if match.group(1) not in plans:
                            keys.add(GLOBAL_PLAN_IDS)
        if doc.summary is not None:
            keys.update(("doc", f.plan) for f in doc.summary.figures if f.plan)
        keys |= self._link_deps(doc.src_uri, doc.text, doc.body_line)
        return keys

    def _link_deps(self, src_uri: str, text: str, body_line: int) -> set:
        from .checks._pages import Page
        from .checks.links import links_of, resolve

        keys: set = set()
        page = Page(src_uri, "", text, body_line)
        for target, _line, _column in links_of(page):
            resolved = resolve(page, target)
            if resolved is None or not resolved[0]:
                continue
            path = resolved[0]
            keys.add(("path", path))
            if path not in self.pages:
                keys.add(("folder", posixpath.dirname(path)))
                keys.add(GLOBAL_YEARS)
        return keys

    def _other_pages_deps(self) -> set:
        """Pages that are no documents are checked on every run: what they link to must be read."""
        from .checks._pages import _read_page

        keys: set = set()
        docs_dir = self.root / "docs"
        for src in self.pages - self.by_src.keys():
            page = _read_page(self.root, docs_dir, src)
            keys |= {k for k in self._link_deps(src, page.text, page.body_line) if k[0] == "path"}
        return keys

    def fingerprint(self, key: tuple):
        found = self._fingerprints.get(key, self)
        if found is self:
            found = self._fingerprints[key] = self._fingerprint(key)
        return found

    def _fingerprint(self, key: tuple):
        kind, name = key
        if kind == "doc":
            entry = self.by_id.get(name)
            return None if entry is None else (entry.src_uri,) + self._own_key(entry)
        if kind == "path":
            stripped = name.rstrip("/")
            return tuple(self._place(c) for c in (name, name + ".md", name + "/index.md", stripped + "/index.md", stripped))
        if kind == "folder":
            return cache_module.content_hash("\n".join(sorted(p for p in self.pages if posixpath.dirname(p) == name)).encode())
        index = self.corpus.index
        values = {"doc_ids": index.doc_ids, "plan_ids": index.plan_ids, "years": tuple(sorted(index.years))}[name]
        return cache_module.content_hash("\n".join(map(str, values)).encode())

    def _place(self, src: str):
        if src in self.pages:
            entry = self.by_src.get(src)
            return self._own_key(entry) if entry else ("page", self.cache.file_hash(f"docs/{src}"))
        if src in self.files:
            return "file"
        if src in self.folders:
            return "folder"
        return None

    def _dependents(self, records: dict) -> dict:
        """Repo path -> documents whose verdict it can change (their own files, or a dependency's)."""
        found: dict = {}
        for src, record in records.items():
            entry = self.by_src[src]
            for path in (entry.path, entry.data_path):
                if path:
                    found.setdefault(path, set()).add(src)
            for (kind, name), _ in record[2]:
                target = self.by_id.get(name) if kind == "doc" else self.by_src.get(name) if kind == "path" else None
                if target is not None:
                    for path in (target.path, target.data_path):
                        if path:
                            found.setdefault(path, set()).add(src)
                elif kind == "path":
                    found.setdefault(f"docs/{name}", set()).add(src)
                if kind == "doc":  # by id too: a deleted or renamed document's paths are not listed
                    found.setdefault(f"id:{name}", set()).add(src)
        return found
