"""What a build rendered, kept per page for the next build: a page whose fingerprint is unchanged is
written as stored, even when other documents changed.

A page's fingerprint (zhengxie.rebuild.Fingerprints, from the model: its own source and data, its
problems, the cards of the documents it names, the slice of the corpus its listing shows) is
combined with a global part: the code, templates and vocabularies (hooks/, overrides/, data/*.yml,
data/schemas/), the config file, the resolved settings that change output (site_url, …), the
versions of the packages that render, and the nav pages' sources (every page's nav shows their
titles). The output of a build that reuses pages is byte for byte that of a build without any cache
(tests/test_output_cache.py edits documents, plan items, dates, vocabularies, adds and deletes
documents, and compares every file with a build under ZX_NO_CACHE=1).

A page is stored only when its own reading and rendering logged no warning: reusing it would not
repeat the warning. Warnings outside any page (the check's problems, the nav, anchors, which MkDocs
validates again from each reused page's stored links) are logged by every build anyway, so a
corpus with one faulty document still reuses all its other pages, and the verdict is the same.

The generated pages, charts and feeds are stored as values, each keyed by the global part and a
digest of what it reads (Site passes it: e.g. charts only read the summaries). Calendars and open
data are stored in parts, one a document (a plan's events, a document's rows), each keyed by what
that document shows, so an edit recomputes its own parts and the files are put together again.

Layout: build/cache/outputs/pages/<name of the src_uri> (one file a page: a length, a marshalled
header (format, src_uri, fingerprint, record), then the HTML) and values/<name>; each file is
written to a temporary name and renamed, so a reader sees an old entry or a new one, never half of
one; a build that ran to the end removes the entries of pages and values it no longer has, so the
store holds one entry per page. A missing, damaged or foreign entry is a miss: the page renders.
ZX_NO_CACHE=1 turns it off; so do shard builds (ZX_SHARD).
"""
from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import sys
from importlib import metadata
from pathlib import Path

from .cache import enabled_by_env

FOLDER = Path("build") / "cache" / "outputs"
FORMAT = 2  # bump when what is stored changes shape
# What every page may depend on besides the model: code, templates, vocabularies and their schemas.
GLOBAL_FOLDERS = ("hooks", "overrides", "data/schemas")
# Packages whose version changes what a page looks like.
RENDERERS = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "Markdown", "pymdown-extensions", "Jinja2",
             "MarkupSafe", "nh3", "pygal", "icalendar", "feedgen", "PyYAML")
_SKIPPED = ("__pycache__", ".pyc")
_LENGTH = 8  # bytes of the header's length at the start of a page file


def disabled() -> bool:
    # A shard build (ZX_SHARD) renders part of the site; shards built side by side would each prune
    # the others' pages, so they render every time (their model still comes from the cache).
    return not enabled_by_env() or bool(os.environ.get("ZX_SHARD"))


def global_fingerprint(root: Path, config_file: Path, settings: dict) -> bytes:
    """A digest of what every page may depend on besides the model (see the module's docstring)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((FORMAT, sys.version, sorted(settings.items()), _versions())).encode())
    digest.update(b"\0config\0" + config_file.read_bytes())
    data = root / "data"
    files = sorted(p for p in data.iterdir() if not p.is_dir()) if data.is_dir() else []
    for folder in GLOBAL_FOLDERS:
        files += _files(root / folder)
    for path in files:
        digest.update(b"\0" + path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(_content(path))
    return digest.digest()


def _content(path: Path) -> bytes:
    """A symlink, FIFO or device is refused by the check (ZX116 …): its name (and a link's target
    name) is enough, so nothing outside the repository is read and nothing can block the build."""
    if path.is_symlink():
        return b"->" + os.readlink(path).encode()
    return path.read_bytes() if path.is_file() else b""


def _files(folder: Path) -> list[Path]:
    found = []
    for parent, dirs, names in os.walk(folder):  # never into a symlinked folder: it is listed by name
        links = [d for d in dirs if os.path.islink(os.path.join(parent, d))]
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED and d not in links)
        found += [Path(parent) / n for n in sorted(names + links) if not n.endswith(_SKIPPED)]
    return found


def _versions() -> tuple:
    found = []
    for name in RENDERERS:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, None))
    return tuple(found)


def combine(*parts: bytes) -> bytes:
    return hashlib.blake2b(b"\0".join(parts), digest_size=16).digest()


class OutputCache:
    """Stored pages and values, each with the fingerprint it was made for."""

    def __init__(self, root: Path, key: bytes):
        self.base = root / FOLDER
        self.key = key  # the global part
        self.pages = self.base / "pages"
        self.values = self.base / "values"
        self._fingerprints: dict[str, bytes] = {}  # src_uri -> fingerprint, of every page looked up
        self._offsets: dict[str, int] = {}  # src_uri -> where the stored HTML starts, for matching pages
        self._values_used: set[str] = set()
        self._broken = False
        try:
            self.pages.mkdir(parents=True, exist_ok=True)
            self.values.mkdir(exist_ok=True)
        except OSError:
            self._broken = True

    @classmethod
    def open(cls, root: Path, config_file: Path, settings: dict) -> "OutputCache | None":
        if disabled():
            return None
        try:
            return cls(root, global_fingerprint(root, config_file, settings))
        except OSError:
            return None  # an unreadable input: build without the cache

    # ---- values ---------------------------------------------------------------------------------

    def value(self, name: str, key: bytes, compute):
        """compute(), or what it returned in a build with the same key (plain data: marshal's types)."""
        file = self.values / _name(name)
        self._values_used.add(file.name)
        key = combine(self.key, key)
        found = _read_marshal(file)
        if isinstance(found, tuple) and len(found) == 4 and found[:3] == (FORMAT, name, key):
            return found[3]
        result = compute()
        try:
            data = marshal.dumps((FORMAT, name, key, result))
        except ValueError:
            return result  # not plain data: not kept
        self._write(file, (data,))
        return result

    def parts(self, name: str, keys: dict, compute) -> dict:
        """{part: value} for each part of `keys` (part id -> a digest of what the part shows): the
        value a build stored under the same digest, else compute(part). One entry for all parts of
        `name`, rewritten when a part was computed or is gone, so it holds this build's parts only."""
        file = self.values / _name(name)
        self._values_used.add(file.name)
        found = _read_marshal(file)
        stored = found[3] if (isinstance(found, tuple) and len(found) == 4 and found[:3] == (FORMAT, name, self.key)
                              and isinstance(found[3], dict)) else {}
        values, fresh = {}, {}
        for part, key in keys.items():
            entry = stored.get(part)
            if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == key:
                values[part] = entry[1]
            else:
                values[part] = compute(part)
                fresh[part] = (key, values[part])
        if fresh or len(stored) != len(keys):
            entries = {part: fresh.get(part) or stored[part] for part in keys}
            try:
                data = marshal.dumps((FORMAT, name, self.key, entries))
            except ValueError:
                return values  # not plain data: not kept
            self._write(file, (data,))
        return values

    # ---- pages ----------------------------------------------------------------------------------

    def page(self, src_uri: str, fingerprint: bytes):
        """The stored record of a page (a plain dict: what the builder needs besides its HTML) when
        it was stored for this fingerprint, else None."""
        fingerprint = combine(self.key, fingerprint)
        self._fingerprints[src_uri] = fingerprint
        header, length = _read_header(self.pages / _name(src_uri))
        if not (isinstance(header, tuple) and len(header) == 4 and header[:3] == (FORMAT, src_uri, fingerprint)
                and isinstance(header[3], dict)):
            return None
        self._offsets[src_uri] = _LENGTH + length
        return header[3]

    def page_output(self, src_uri: str) -> str | None:
        """The HTML of a page `page` found, as the build that stored it wrote it."""
        offset = self._offsets.get(src_uri)
        if offset is None:
            return None
        try:
            with open(self.pages / _name(src_uri), "rb") as stream:
                stream.seek(offset)
                return stream.read().decode("utf-8", "surrogatepass")
        except (OSError, UnicodeError):
            return None

    def store_page(self, src_uri: str, record, output: str) -> None:
        """Keep a page rendered in this build (looked up with `page` first, and missed).
        record: the page's plain-dict record, or a function making it (called only when storing)."""
        fingerprint = self._fingerprints.get(src_uri)
        if fingerprint is None or src_uri in self._offsets or self._broken:
            return
        try:
            header = marshal.dumps((FORMAT, src_uri, fingerprint, record() if callable(record) else record))
        except ValueError:
            return
        # bytes, not text: no newline translation, and whatever str MkDocs had comes back
        self._write(self.pages / _name(src_uri),
                    (len(header).to_bytes(_LENGTH, "big"), header, output.encode("utf-8", "surrogatepass")))

    # ---- keeping the store bounded --------------------------------------------------------------

    def commit(self) -> None:
        """After a build that ran to its end: drop the entries of pages and values it no longer has
        (and what an older format or an interrupted write left)."""
        if self._broken:
            return
        keep = {_name(uri) for uri in self._fingerprints}
        for folder, kept in ((self.pages, keep), (self.values, self._values_used)):
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            for name in names:
                if name not in kept:
                    _remove(folder / name)
        try:
            for other in self.base.iterdir():
                if other not in (self.pages, self.values):
                    _remove(other)
        except OSError:
            pass

    def _write(self, path: Path, chunks) -> None:
        if self._broken:
            return
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            with open(temporary, "wb") as stream:
                for chunk in chunks:
                    stream.write(chunk)
            os.replace(temporary, path)
        except OSError:
            self._broken = True  # e.g. a full disk: build on without storing
            _remove(temporary)


def _read_marshal(path: Path):
    try:
        with open(path, "rb") as stream:
            return marshal.loads(stream.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink()
    except OSError:
        pass


def _name(key: str) -> str:
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def stored_src_uri(path: Path) -> str | None:
    """The src_uri a stored page file holds, or None (for tests and inspection)."""
    header, _ = _read_header(path)
    return header[1] if isinstance(header, tuple) and len(header) == 4 and isinstance(header[1], str) else None


def _read_header(path: Path) -> tuple:
    """(header, its length) of a stored page; (None, 0) for a missing or damaged file."""
    try:
        with open(path, "rb") as stream:
            length = int.from_bytes(stream.read(_LENGTH), "big")
            if length > os.fstat(stream.fileno()).st_size - _LENGTH:
                return None, 0  # a damaged length: never read past the file
            return marshal.loads(stream.read(length)), length
    except (OSError, EOFError, ValueError, TypeError):
        return None, 0
