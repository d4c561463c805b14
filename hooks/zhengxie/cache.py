"""One content-hash cache under build/cache/, shared by the check, the build and the live preview.

    cache = Cache(root)                 # Cache(root, enabled=False) (or ZX_NO_CACHE=1): nothing read or written
    cache.version                       # hash of the code, vocabularies, templates and library versions
    cache.file_hash("docs/plans/….md")  # blake2b of the content; None when absent ("symlink" for a link)
    cache.load(name) / cache.store(name, value)   # values valid for this version only (*.marshal: plain
                                        # data in marshal's format; other names: pickles of model objects)
    cache.save()                        # keep the file hashes of this run (the rest is pruned)
    cache.changed_documents             # ids whose files changed since the previous run that used
                                        # this cache (set by zhengxie.incremental.check and, through
                                        # DocumentStore, by validate(root, cache) / Site.load)

Two users: the check keeps per-document verdicts (zhengxie.incremental, check.marshal) and the
schema texts it found valid (schemas.marshal, see zhengxie.cli); the build keeps each loaded
Document (DocumentStore: build/cache/docs/<key>.pickle, the key hashing the version, the document's
paths and its files' hashes), so a warm build unpickles instead of parsing. A value equal to the
one read in this run, and file hashes all found as recorded, are not written again.

Everything in the cache is derived: any change to hooks/zhengxie/**.py, data/*.yml, data/schemas/*.json,
overrides/, mkdocs.yml, Python or PyYAML / jsonschema / nh3 gives a new version, and every entry of an
older version is ignored (a cold run). A file's hash is reused while its (size, mtime, inode) is
unchanged, like git's index; a file modified within a few seconds of the previous run is hashed again
(its mtime could repeat). An unreadable, partial or foreign cache file is never an error: it is read
as empty and rewritten. Writes go to a temporary file and are renamed into place, only under
build/cache/ — never docs/ or data/.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import stat
import sys
import tempfile
import time
from functools import cached_property
from pathlib import Path

from .sources import read_bytes

FOLDER = ("build", "cache")
FILES = "files.marshal"
DISABLE_ENV = "ZX_NO_CACHE"
RACY_NS = 3_000_000_000  # a file modified this close to the previous run is hashed again
LIBRARIES = ("pyyaml", "jsonschema", "nh3", "markdown", "pymdown-extensions")
SYMLINK = "symlink"


def enabled_by_env(default: bool = True) -> bool:
    return default and os.environ.get(DISABLE_ENV, "") in ("", "0")


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _library_versions() -> list:
    """"name=version" of each of LIBRARIES, read from the name of its installed metadata folder
    (<name>-<version>.dist-info) on sys.path: what importlib.metadata finds, without its import."""
    def normal(name: str) -> str:
        return name.lower().replace("-", "_").replace(".", "_")

    wanted = {normal(name): name for name in LIBRARIES}
    found: dict = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in sorted(names):
            if entry.endswith(".dist-info"):
                name, _, version = entry[: -len(".dist-info")].partition("-")
                found.setdefault(wanted.get(normal(name)), version)
    return [f"{name}={found.get(name, '-')}" for name in LIBRARIES]


class Cache:
    def __init__(self, root: Path | str, enabled: bool = True):
        self.root = Path(root)
        self.enabled = enabled
        self.folder = self.root.joinpath(*FOLDER)
        self._prefix = os.path.join(self.root, "")  # + a repo-relative path
        self.changed_documents: set = set()  # ids, from the last run (see the module docstring)
        self._previous: dict = {}  # rel -> (size, mtime_ns, inode, hash) of the previous run
        self._seen: dict = {}  # this run's
        self._previous_at = 0
        self._racy = False  # a file was hashed again only because it changed close to the previous run
        self._loaded: dict = {}  # name -> the value read this run (an equal value is not written again)
        if enabled:
            saved = self._read(FILES)
            if isinstance(saved, tuple) and len(saved) == 2 and isinstance(saved[1], dict):
                self._previous_at, self._previous = saved

    # ---- the version ------------------------------------------------------------------------------

    @cached_property
    def version(self) -> str:
        digest = hashlib.blake2b(digest_size=16)
        package = Path(__file__).resolve().parent
        parts = [("code", p) for p in sorted(package.rglob("*.py"))]
        data = self.root / "data"
        parts += [("data", p) for p in sorted(data.glob("*.yml")) + sorted((data / "schemas").glob("*.json"))]
        overrides = self.root / "overrides"
        parts += [("overrides", p) for p in sorted(overrides.rglob("*")) if p.is_file() and not p.is_symlink()]
        parts.append(("config", self.root / "mkdocs.yml"))
        for label, path in parts:
            digest.update(f"{label}:{path.relative_to(package if label == 'code' else self.root)}\0".encode())
            try:
                digest.update(path.read_bytes() if not path.is_symlink() else b"<symlink>")
            except OSError:
                digest.update(b"<missing>")
            digest.update(b"\0")
        digest.update(sys.version.encode())
        for entry in _library_versions():
            digest.update(entry.encode())
        import yaml

        digest.update(str(hasattr(yaml, "CSafeLoader")).encode())
        return digest.hexdigest()

    # ---- file hashes ------------------------------------------------------------------------------

    def file_hash(self, rel: str) -> str | None:
        """Content hash of a repo-relative file; None when it is missing or no regular file."""
        seen = self._seen.get(rel)
        if seen is not None:
            return seen[3]
        path = self._prefix + rel
        try:
            st = os.lstat(path)
        except OSError:
            return None
        if stat.S_ISLNK(st.st_mode):
            return SYMLINK  # never followed (discovery and the loader refuse it)
        if not stat.S_ISREG(st.st_mode):
            return None
        key = (st.st_size, st.st_mtime_ns, st.st_ino)
        old = self._previous.get(rel)
        if old is not None and old[:3] == key and st.st_mtime_ns < self._previous_at - RACY_NS:
            digest = old[3]
        else:
            self._racy = self._racy or (old is not None and old[:3] == key)
            try:
                digest = content_hash(read_bytes(path, st.st_size))
            except OSError:
                return None
        self._seen[rel] = key + (digest,)
        return digest

    def hashed(self) -> tuple:
        """What this process hashed (a forked worker sends it to the parent, which `adopt`s it)."""
        return dict(self._seen), self._racy

    def adopt(self, hashed: tuple) -> None:
        seen, racy = hashed
        for rel, entry in seen.items():
            self._seen.setdefault(rel, entry)
        self._racy = self._racy or racy

    # ---- stored values ----------------------------------------------------------------------------

    def load(self, name: str):
        """The value stored under `name` by this version, or None."""
        if not self.enabled:
            return None
        saved = self._read(name)
        if isinstance(saved, tuple) and len(saved) == 2 and saved[0] == self.version:
            self._loaded[name] = saved[1]
            return saved[1]
        return None

    def store(self, name: str, value) -> None:
        # A warm run stores what it loaded (mostly the same objects: the comparison is quick).
        if self.enabled and not (name in self._loaded and self._loaded[name] == value):
            self._write(name, (self.version, value))
            self._loaded[name] = value

    def discard(self, name: str) -> None:
        try:
            os.unlink(self.folder / name)
        except OSError:
            pass

    def save(self) -> None:
        """Keep this run's file hashes (files not met in this run are dropped). When every file was
        met as it was recorded and nothing had to be hashed again, the record stands as it is."""
        if self.enabled and (self._racy or self._seen != self._previous):
            self._write(FILES, (time.time_ns(), dict(self._seen)))  # a copy: this Cache may hash more files

    def _read(self, name: str):
        path = self.folder / name
        remembered = _remembered(path)
        if remembered is not _NOTHING:
            return remembered
        try:
            with open(path, "rb") as handle:
                data = handle.read()  # marshal.load on a file reads it in many small pieces: 4x slower
            value = (marshal if name.endswith(".marshal") else pickle).loads(data)
        except Exception:  # noqa: BLE001 - missing, partial, corrupt or from another Python: a cold run
            return None
        if name.endswith(".marshal"):
            _remember(path, value)
        return value

    def _write(self, name: str, value) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self.folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    if name.endswith(".marshal"):
                        marshal.dump(value, handle)
                    else:
                        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temp, target)
                if name.endswith(".marshal"):
                    _remember(target, value)
            except BaseException:
                os.unlink(temp)
                raise
        except OSError:
            pass  # a read-only checkout still checks, only without a cache


# The last few record files this process read or wrote, with the (size, mtime, inode) they had then:
# a live preview reads its own records back on every save, and unmarshalling them costs more than
# the rest of a small rebuild's check. Any other writer changes the file's stat, so it is read again.
_MEMORY: dict = {}
_MEMORY_SIZE = 4
_NOTHING = object()


def _stat_key(path: Path):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def _remembered(path: Path):
    found = _MEMORY.get(str(path))
    if found is not None and found[0] is not None and found[0] == _stat_key(path):
        return found[1]
    return _NOTHING


def _remember(path: Path, value) -> None:
    _MEMORY.pop(str(path), None)
    while len(_MEMORY) >= _MEMORY_SIZE:
        _MEMORY.pop(next(iter(_MEMORY)))
    _MEMORY[str(path)] = (_stat_key(path), value)


DOCS_FOLDER = "docs"


# Documents a serving process loaded, by the same key as their pickles: a live preview's next rebuild
# takes them from memory. A key hashes the code version and the document's files, so a kept Document
# is the one its files would load to; documents are not changed once loaded.
_LIVE: dict = {}


class DocumentStore:
    """Loaded documents by content: `read` stands in for loader.load_document (same Document, same
    loading problems, replayed); `flush` writes the new ones (a forked worker flushes its own);
    `finish` writes them and drops those no document uses now. `live`: keep them in this process too
    (a live preview rebuilds in the same process)."""

    def __init__(self, cache: Cache, live: bool = False):
        self.cache = cache
        self.live = live
        self.folder = cache.folder / DOCS_FOLDER
        self.used: set = set()
        self.new: list = []  # (name, document, problems)
        self.changed: set = set()
        self.kept: dict = {}  # name -> (document, problems) of this run, for the live memory

    def _name(self, entry) -> str:
        own = (self.cache.file_hash(entry.path), self.cache.file_hash(entry.data_path) if entry.data_path else None)
        key = "\0".join(map(str, (self.cache.version, entry.id, entry.kind, entry.src_uri, entry.data_path) + own))
        return content_hash(key.encode()) + ".pickle"

    def read(self, root, entry, reporter, vocab):
        from .loader import load_document
        from .problems import Problem

        name = self._name(entry)
        self.used.add(name)
        found = _LIVE.get(name) if self.live else None
        if found is None:
            try:
                with open(self.folder / name, "rb") as handle:
                    found = pickle.load(handle)
            except Exception:  # noqa: BLE001 - missing, partial or unreadable: read the files
                found = None
        if found is not None:
            doc, problems = found
            reporter.problems.extend(Problem(*p) for p in problems)
        else:
            before = len(reporter.problems)
            doc = load_document(root, entry, reporter, vocab)
            problems = [p.as_record() for p in reporter.problems[before:]]
            self.new.append((name, doc, problems))
            self.changed.add(entry.id)
        if self.live:
            self.kept[name] = (doc, problems)
        return doc

    def flush(self) -> None:
        """Write the documents read from their files since the last flush."""
        for name, doc, problems in self.new:
            self.cache._write(f"{DOCS_FOLDER}/{name}", (doc, problems))
        self.new = []

    def finish(self) -> None:
        self.cache.changed_documents |= self.changed  # with the check's (a forked worker's reads are not here)
        self.flush()
        if self.live:
            _LIVE.clear()
            _LIVE.update(self.kept)
        try:
            for name in os.listdir(self.folder):
                if name not in self.used:
                    os.unlink(self.folder / name)  # documents (or versions) no longer in use
        except OSError:
            pass
        self.cache.save()
