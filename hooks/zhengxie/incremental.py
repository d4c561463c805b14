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

import os
import pickle
import posixpath
import traceback
from dataclasses import dataclass, field

from . import cache as cache_module
from .checks import run_checks
from .checks.references import ITEM_REF
from .listings import doc_slices
from .loader import load_corpus, load_document
from .model import Corpus, CorpusIndex
from .pages import known_urls
from .problems import Problem
from .validate import _collector_paused

RECORDS = "check.marshal"  # {src_uri: (own, deps, facts, problems, verdict notes)}
PARALLEL_FROM = 400  # documents to read before the work is shared among processes
MAX_WORKERS = 8
SMALLEST_SHARE = 40  # documents: the last shares of the reading (about 20 ms each)
GLOBAL_DOC_IDS, GLOBAL_PLAN_IDS, GLOBAL_YEARS = ("global", "doc_ids"), ("global", "plan_ids"), ("global", "years")


@dataclass
class Result:
    corpus: Corpus  # vocabularies, listing and the documents this run read
    problems: list  # every problem of the repository, as validate() finds them
    documents: int  # documents listed
    checked: set = field(default_factory=set)  # src_uris of the documents and pages checked again
    notes: dict = field(default_factory=dict)  # src_uri -> its verdict's notes (see _notes) — the build shows them
    _dependents: object = None  # () -> {repo path or "id:<id>": src_uris whose verdict it can change}

    @property
    def dependents(self) -> dict:
        """Only `check --files` asks: computed on first use."""
        if callable(self._dependents):
            self._dependents = self._dependents()
        return self._dependents or {}


def check(root, cache: cache_module.Cache, store=None, parallel: bool = True) -> Result:
    """`store` (a cache.DocumentStore) reads documents instead of loader.load_document (the build's);
    `parallel=False` keeps the work in this process (a process with other threads must not fork)."""
    with _collector_paused():
        try:
            return _Run(root, cache, store, parallel).run()
        except Exception:
            if not cache.enabled:
                raise  # e.g. an unreadable problem catalogue: the caller reports it
            # Records of this version that do not have the shape written above (a damaged file that
            # still unmarshals): forget them and check from scratch, which rewrites them.
            cache.discard(RECORDS)
            return _Run(root, cache, store, parallel).run()


def _problem(t) -> Problem:
    return Problem(*t)


def _notes(corpus: Corpus, doc_ids: set) -> dict:
    """Doc id -> what its check leaves besides problems, which its page shows: the waivers that set
    findings aside (code, reason, the findings) and the inconsistencies kept as printed (原文如此)."""
    found: dict = {}
    for waiver in corpus.waivers:
        if waiver.doc.id in doc_ids:
            found.setdefault(waiver.doc.id, ([], []))[0].append(
                (waiver.code, waiver.reason, tuple(p.as_record() for p in waiver.problems)))
    for ack in corpus.acknowledged:
        if ack.doc.id in doc_ids:
            found.setdefault(ack.doc.id, ([], []))[1].append(
                (ack.path, ack.label, ack.value, ack.code, ack.note, ack.reason))
    return {doc_id: (tuple(w), tuple(a)) for doc_id, (w, a) in found.items()}


def complete(result: Result, read) -> Corpus:
    """The whole corpus behind a check's result, as a build needs it: every listed document (those
    the check did not read come from `read`), with the waivers and 原文如此 notes of every document
    from the check's records — the checks do not run again."""
    from .checks.measures import Acknowledged
    from .checks.waivers import Waiver

    corpus = result.corpus
    loaded = {doc.src_uri: doc for doc in corpus.documents.values()}
    corpus.documents.clear()
    for entry in corpus.entries:
        doc = loaded.get(entry.src_uri)
        corpus.documents[entry.id] = doc if doc is not None else read(corpus.root, entry, corpus.reporter, corpus.vocab)
    for name in ("by_src_uri", "items", "reports"):
        corpus.__dict__.pop(name, None)
    corpus.unread = set()
    corpus.waivers, corpus.acknowledged = [], []
    for entry in corpus.entries:
        notes = result.notes.get(entry.src_uri)
        if notes:
            doc = corpus.documents[entry.id]
            waivers, acknowledged = notes
            corpus.waivers += [Waiver(doc, code, reason, tuple(map(_problem, found))) for code, reason, found in waivers]
            corpus.acknowledged += [Acknowledged(doc, tuple(path), *rest) for path, *rest in acknowledged]
    return corpus


class _Run:
    """One check. Its units are the documents (Markdown + data file) and the other pages (home,
    section indexes, guide), each with a cached record: (own file hashes, dependencies with their
    fingerprints, facts, problems)."""

    def __init__(self, root, cache, store=None, parallel: bool = True):
        self.cache = cache
        self.store = store
        self.read = store.read if store is not None else load_document
        self.parallel = parallel
        self.corpus = load_corpus(root, only=set())
        self.root = self.corpus.root
        listing = self.corpus.listing
        self.entries = self.corpus.entries
        self.by_src = {e.src_uri: e for e in self.entries}
        self.by_id = {e.id: e for e in self.entries}
        self.pages = set(listing.pages)
        self.files = set(listing.files)
        self.folders = set(listing.folders)
        self.others = [src for src in listing.pages if src not in self.by_src]  # pages that are no documents
        self.units = [e.src_uri for e in self.entries] + self.others
        self.unit_set = set(self.units)
        self.own = _OwnHashes(self)
        self._fingerprints: dict = {}
        self.loaded: dict = {}  # src_uri -> Document read in this run
        self._known_facts: dict = {}

    def run(self) -> Result:
        cache = self.cache
        saved = cache.load(RECORDS)
        old = saved if isinstance(saved, dict) else {}
        changed = [src for src in self.units if src not in old or tuple(old[src][0]) != self.own[src]]
        changed_docs = [src for src in changed if src in self.by_src]
        workers = min(os.cpu_count() or 1, MAX_WORKERS)
        records = None
        if self.parallel and workers > 1 and len(changed_docs) >= PARALLEL_FROM and hasattr(os, "fork"):
            records, listing_problems = _Parallel(self, old, changed_docs, workers).run()
        if records is None:  # few changes, one core, or a worker failed: here, in this process
            for src in changed_docs:
                self._load(src)
            self._set_index({src: self._facts(src) for src in changed_docs}, old)
            dirty = changed + self._dependency_dirty(old, set(changed))
            records, listing_problems = self._check_units(dirty)
        merged = listing_problems
        for src in self.units:
            record = records.get(src)
            if record is None:
                record = records[src] = old[src]
            merged += [_problem(t) for t in record[3]]
        merged.sort(key=lambda p: p.sort_key())
        cache.store(RECORDS, {src: records[src] for src in self.units})
        cache.save()
        cache.changed_documents = {self.by_src[src].id for src in changed_docs}
        checked = {src for src in self.units if records[src] is not old.get(src)}
        notes = {src: records[src][4] for src in self.units if records[src][4]}
        return Result(self.corpus, merged, len(self.entries), checked, notes, lambda: self._dependents(records))

    def _set_index(self, new_facts: dict, old: dict) -> None:
        """The corpus-wide sets, from the facts of documents read now and the cached facts of the rest."""
        facts = {e.src_uri: new_facts[e.src_uri] if e.src_uri in new_facts else old[e.src_uri][2] for e in self.entries}
        self.corpus.__dict__["index"] = CorpusIndex(
            tuple(e.id for e in self.entries), tuple(e.id for e in self.entries if facts[e.src_uri][0]),
            frozenset(facts[e.src_uri][1] for e in self.entries if facts[e.src_uri][1]),
            tuple(s for e in self.entries for s in facts[e.src_uri][2]))

    def _dependency_dirty(self, old: dict, changed: set) -> list:
        """Units whose own files are unchanged but a dependency's fingerprint is not."""
        return [src for src in self.units if src not in changed
                and any(self.fingerprint(tuple(k)) != f for k, f in old[src][1])]

    def _check_units(self, dirty: list) -> tuple[dict, list]:
        """Check these units (read with what they depend on): ({src: record}, the listing's problems)."""
        corpus = self.corpus
        dirty_set = set(dirty)
        for src in dirty:
            self._load(src)
        deps = {src: self._deps(src) for src in dirty}
        wanted = {self._unit_of(key) for keys in deps.values() for key in keys} - {None}
        for src in sorted(wanted, key=self._order):
            self._load(src)
        self._reorder()
        corpus.unread = set(self.others) - dirty_set - wanted
        problems = run_checks(corpus)
        owner = {f"docs/{src}": src for src in self.others}
        for e in self.entries:
            owner[e.path] = e.src_uri
            if e.data_path:
                owner[e.data_path] = e.src_uri
        fresh: dict = {src: [] for src in dirty}
        listing_problems = []
        for p in problems:
            src = owner.get(p.file)
            if src is None:
                listing_problems.append(p)
            elif src in dirty_set:
                fresh[src].append(p.as_record())
        notes = _notes(corpus, {self.by_src[src].id for src in dirty if src in self.by_src})
        records = {src: (self.own[src], tuple((k, self.fingerprint(k)) for k in sorted(deps[src])),
                         self._facts(src) if src in self.by_src else None, tuple(fresh[src]),
                         notes.get(self.by_src[src].id) if src in self.by_src else None)
                   for src in dirty}
        return records, listing_problems

    # ---- own files and facts ------------------------------------------------------------------

    def _facts(self, src: str) -> tuple:
        found = self._known_facts.get(src)  # asked for the index, then for the record: computed once
        if found is None:
            doc = self.loaded[src]
            found = self._known_facts[src] = (bool(doc.items), doc.year, doc_slices(self.corpus, doc))
        return found

    def _load(self, src: str) -> None:
        """Read a document (other pages are read by the checks, unless in corpus.unread)."""
        entry = self.by_src.get(src)
        if entry is not None and src not in self.loaded:
            self.own[src]  # hashed before it is read: a file saved in between is checked again next time
            self.loaded[src] = self.read(self.root, entry, self.corpus.reporter, self.corpus.vocab)

    def _order(self, src: str) -> int:
        positions = self.__dict__.get("_positions")
        if positions is None:
            positions = self.__dict__["_positions"] = {s: i for i, s in enumerate(self.units)}
        return positions[src]

    def _reorder(self) -> None:
        """corpus.documents in listing order, as a full run loads them."""
        self.corpus.documents.clear()
        for e in self.entries:
            if e.src_uri in self.loaded:
                self.corpus.documents[e.id] = self.loaded[e.src_uri]
        self.corpus.__dict__.pop("by_src_uri", None)
        self.corpus.__dict__.pop("items", None)

    # ---- dependencies -------------------------------------------------------------------------

    def _unit_of(self, key) -> str | None:
        """The document or other page a dependency needs read (its content, not only its hash)."""
        kind, name = key
        if kind == "doc":
            entry = self.by_id.get(name)
            return entry.src_uri if entry else None
        if kind == "path":
            return name if name in self.unit_set else None
        return None

    def _deps(self, src: str) -> set:
        doc = self.loaded.get(src)
        if doc is None:  # a page that is no document: only its links
            from .checks._pages import _read_page

            page = _read_page(self.root, self.root / "docs", src)
            return self._link_deps(src, page.text, page.body_line)
        keys: set = set()
        links = [doc.fields.get("superseded_by")] + list(doc.fields.get("supersedes") or ())
        for other in links:
            if isinstance(other, str) and other:
                keys.add(("doc", other))
                if other not in self.by_id:
                    keys.add(GLOBAL_DOC_IDS)
        data = doc.data_yaml.data if doc.data_yaml is not None else None
        if isinstance(data, dict):
            plans = self._plan_ids
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

    @property
    def _plan_ids(self) -> frozenset:
        found = self.__dict__.get("_plans")
        if found is None:
            found = self.__dict__["_plans"] = frozenset(self.corpus.index.plan_ids)
        return found

    def _link_deps(self, src_uri: str, text: str, body_line: int) -> set:
        from .checks._pages import Page
        from .checks.links import links_found, links_of, resolve

        keys: set = set()
        if "](" not in text and "]:" not in text:
            return keys  # no link (links_of looks at the text with code blanked: a subset)
        page = Page(src_uri, "", text, body_line)
        for target, _line, _column in links_of(page, links_found(self.corpus)):
            resolved = resolve(page, target)
            if resolved is None or not resolved[0]:
                continue
            path = resolved[0]
            keys.add(("path", path))
            if path not in self.pages:
                keys.add(("folder", posixpath.dirname(path)))
                keys.add(GLOBAL_YEARS)
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
            return None if entry is None else (entry.src_uri,) + self.own[entry.src_uri]
        if kind == "path":
            stripped = name.rstrip("/")
            return tuple(self._place(c) for c in (name, name + ".md", name + "/index.md", stripped + "/index.md", stripped))
        if kind == "folder":
            return cache_module.content_hash("\n".join(sorted(self._folders.get(name, ()))).encode())
        index = self.corpus.index
        if name == "years":  # every generated page a link may reach: years, and each listing's pages
            values = sorted(known_urls(self.corpus))
        else:
            values = {"doc_ids": index.doc_ids, "plan_ids": index.plan_ids}[name]
        return cache_module.content_hash("\n".join(map(str, values)).encode())

    @property
    def _folders(self) -> dict:
        """docs folder -> names of the pages in it."""
        found = self.__dict__.get("_pages_by_folder")
        if found is None:
            found = self.__dict__["_pages_by_folder"] = {}
            for page in self.pages:
                found.setdefault(posixpath.dirname(page), []).append(page)
        return found

    def _place(self, src: str):
        if src in self.pages:
            return self.own[src] if src in self.unit_set else ("page", self.cache.file_hash(f"docs/{src}"))
        if src in self.files:
            return "file"
        if src in self.folders:
            return "folder"
        return None

    def _dependents(self, records: dict) -> dict:
        """Repo path (or "id:<id>") -> units whose verdict it can change: their own files, or a dependency's."""
        found: dict = {}

        def add(path, src):
            found.setdefault(path, set()).add(src)

        for src, record in records.items():
            for path in self._files_of(src):
                add(path, src)
            for (kind, name), _ in record[1]:
                if kind == "doc":
                    entry = self.by_id.get(name)
                    for path in self._files_of(entry.src_uri) if entry else ():
                        add(path, src)
                    add(f"id:{name}", src)  # a deleted or renamed document's paths are not listed
                elif kind == "path":
                    for path in self._files_of(name) if name in self.unit_set else (f"docs/{name}",):
                        add(path, src)
        return found

    def _own_hashes(self, src: str) -> tuple:
        entry = self.by_src.get(src)
        if entry is None:
            return (self.cache.file_hash(f"docs/{src}"),)
        return (self.cache.file_hash(entry.path), self.cache.file_hash(entry.data_path) if entry.data_path else None)

    def _files_of(self, src: str) -> tuple:
        entry = self.by_src.get(src)
        if entry is None:
            return (f"docs/{src}",)
        return (entry.path, entry.data_path) if entry.data_path else (entry.path,)


class _OwnHashes(dict):
    """src_uri -> the content hashes of its own files, hashed when first asked for. A unit without a
    record is checked whatever its hashes are, so a cold run hashes each file in the process that
    reads it (a forked worker sends its hashes back, see Cache.hashed) instead of all of them first."""

    def __init__(self, run: _Run):
        super().__init__()
        self.run = run

    def __missing__(self, src: str) -> tuple:
        found = self[src] = self.run._own_hashes(src)
        return found


class _Parallel:
    """A run with many documents to read (a cold cache) shared among forked processes. The documents
    go out in shares to the first process that is free, year by year and in id order within a year
    (a summary's plan is usually of its own year and body, so few documents are read twice), in
    shares that shrink as the queue does (a quarter of what is left for two processes, then less):
    the processes finish reading together, and so, having read alike, finish checking together.
    Each sends the facts the corpus-wide sets need; once all are read, it gets those sets back,
    checks what it read (reading what that depends on) and sends the records and the file hashes."""

    def __init__(self, run: _Run, old: dict, changed_docs: list, workers: int):
        self.run_, self.old, self.workers = run, old, workers
        by_year: dict = {}
        for src in changed_docs:
            by_year.setdefault(run.by_src[src].id[:4], []).append(src)
        self.queue = [src for year in sorted(by_year.values(), key=len, reverse=True)
                      for src in sorted(year, key=lambda src: run.by_src[src].id)]
        self.smallest = max(1, min(SMALLEST_SHARE, len(self.queue) // (2 * workers)))

    def _next_share(self) -> list:
        size = max(len(self.queue) // (2 * self.workers), self.smallest)
        share, self.queue = self.queue[:size], self.queue[size:]
        return share

    def run(self) -> tuple[dict | None, list]:
        import multiprocessing
        from multiprocessing.connection import wait

        run = self.run_
        context = multiprocessing.get_context("fork")
        pipes, processes = [], []
        try:
            for _ in range(min(self.workers, len(self.queue))):
                parent, child = context.Pipe()
                process = context.Process(target=_worker, args=(child, run), daemon=True)
                process.start()
                child.close()
                pipes.append(parent)
                processes.append(process)
            busy = set()
            for pipe in pipes:
                if self.queue:
                    pipe.send(("read", self._next_share()))
                    busy.add(pipe)
            from .checks import schemas

            valid_schemas = schemas.preload(run.root)  # once here rather than in every process
            facts = {}
            while busy:
                for pipe in wait(list(busy)):
                    facts.update(_receive(pipe))
                    if self.queue:
                        pipe.send(("read", self._next_share()))
                    else:
                        busy.discard(pipe)
            run._set_index(facts, self.old)
            changed = {src for src in run.units if src not in self.old or tuple(self.old[src][0]) != run.own[src]}
            extra = run._dependency_dirty(self.old, changed)
            extra_docs = [src for src in extra if src in run.by_src]
            shared = pickle.dumps((run.corpus.index, valid_schemas), pickle.HIGHEST_PROTOCOL)  # once for all
            for i, pipe in enumerate(pipes):
                pipe.send(("check", shared, extra_docs[i :: len(pipes)]))
            others = [src for src in run.units if src not in run.by_src and (src in changed or src in extra)]
            records, listing_problems = run._check_units(others)  # meanwhile, here: the other pages
            for pipe in pipes:
                checked, hashed = _receive(pipe)
                records.update(checked)
                run.cache.adopt(hashed)
            return records, listing_problems
        except _WorkerFailed:
            return None, []
        finally:
            for pipe in pipes:
                pipe.close()
            for process in processes:
                process.join(timeout=5)
                if process.is_alive():
                    process.kill()


class _WorkerFailed(Exception):
    pass


def _receive(pipe):
    try:
        status, value = pipe.recv()
    except (EOFError, OSError, pickle.PickleError) as error:
        raise _WorkerFailed(str(error)) from error
    if status != "ok":
        raise _WorkerFailed(value)
    return value


def _worker(pipe, run: _Run) -> None:
    """("read", srcs) -> their facts, as often as asked; then ("check", pickled (index, schema texts
    known valid), extra documents) -> (records, the files hashed here)."""
    try:
        share: list = []
        while True:
            message = pipe.recv()
            if message[0] != "read":
                break
            for src in message[1]:
                run._load(src)
            share += message[1]
            pipe.send(("ok", {src: run._facts(src) for src in message[1]}))
        _, shared, extra = message
        index, valid_schemas = pickle.loads(shared)
        from .checks import schemas

        schemas.remember(valid_schemas)
        run.corpus.__dict__["index"] = index
        records, _ = run._check_units(share + extra)
        if run.store is not None:
            run.store.flush()  # the parent reads them back: what this process read is not the parent's
        pipe.send(("ok", (records, run.cache.hashed())))
    except BaseException:  # noqa: BLE001 - the parent checks in its own process instead
        try:
            pipe.send(("error", traceback.format_exc()))
        except Exception:  # noqa: BLE001
            pass
    finally:
        pipe.close()
