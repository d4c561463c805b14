"""What a clean build made, kept for the next build of the very same inputs.

A build's own work besides Markdown — generated index pages, charts, calendars, feeds, open data,
every page's HTML through our templates — is a function of its inputs: the files of docs/, data/,
overrides/ and hooks/, the config file, the resolved settings that change output (site_url, …) and
the versions of the packages that render. `fingerprint` hashes all of them; a build whose
fingerprint equals that of an earlier build without any warning reuses what that build stored, and
its output is byte for byte the same (tests/test_output_cache.py builds cold and warm and compares
every file).

Any change anywhere gives a new fingerprint, so nothing is ever reused across an edit: no
dependency between pages has to be known for the reuse to be right. (The per-file parse cache is
another layer: it makes the cold path's load fast after an edit.)

Layout: build/cache/outputs/<fingerprint>/ with one pickle per value; a build writes into
<fingerprint>.partial/ and renames it only when it ended cleanly, so a failed or interrupted build
leaves nothing a later build would trust. Older fingerprints are removed then. ZX_NO_CACHE=1 turns
it off.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
from importlib import metadata
from pathlib import Path

from .cache import enabled_by_env

FOLDER = Path("build") / "cache" / "outputs"
FORMAT = 1  # bump when what is stored changes shape
INPUT_FOLDERS = ("docs", "data", "overrides", "hooks")
# Packages whose version changes what a page looks like.
RENDERERS = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "Markdown", "pymdown-extensions", "Jinja2",
             "MarkupSafe", "nh3", "pygal", "icalendar", "feedgen", "PyYAML")
_SKIPPED = ("__pycache__", ".pyc")


def disabled() -> bool:
    # A shard build (ZX_SHARD) renders part of the site; shards built side by side would each evict
    # the others' stored outputs, so they render every time (their model still comes from the cache).
    return not enabled_by_env() or bool(os.environ.get("ZX_SHARD"))


def fingerprint(root: Path, config_file: Path, settings: dict) -> str:
    """A digest of everything a build's output depends on (see the module's docstring)."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((FORMAT, sys.version, sorted(settings.items()), _versions())).encode())
    digest.update(b"\0config\0" + config_file.read_bytes())
    for folder in INPUT_FOLDERS:
        for path in _files(root / folder):
            digest.update(b"\0" + path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(_content(path))
    return digest.hexdigest()


def _content(path: Path) -> bytes:
    """A symlink, FIFO or device is refused by the check (ZX116 …) and a build with a problem stores
    nothing: its name (and a link's target name) is enough, so nothing outside the repository is
    read and nothing can block the build."""
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


class OutputCache:
    """Values and pages of one fingerprint: read back when an earlier clean build stored them,
    written (into a staging folder, committed at the end) otherwise."""

    def __init__(self, root: Path, key: str):
        self.base = root / FOLDER
        self.key = key
        self.folder = self.base / key
        self.hit = (self.folder / "complete").is_file()
        self._staging = self.base / f"{key}.partial"
        self._broken = False
        if not self.hit:
            shutil.rmtree(self._staging, ignore_errors=True)
            (self._staging / "pages").mkdir(parents=True)

    @classmethod
    def open(cls, root: Path, config_file: Path, settings: dict) -> "OutputCache | None":
        if disabled():
            return None
        try:
            return cls(root, fingerprint(root, config_file, settings))
        except OSError:
            return None  # an unreadable input or an unwritable build/: build without the cache

    def value(self, name: str, compute):
        """compute(), or what it returned in the build that stored this fingerprint."""
        file = f"{_page_name(name)}.value.pickle"  # names may hold any character (a URL)
        if self.hit:
            found = self._read(self.folder / file)
            if found is not _MISSING:
                return found
        result = compute()
        self._write(self._staging / file, result)
        return result

    def page(self, src_uri: str):
        """The stored record of a page (a plain dict: what the builder needs besides its HTML), or None."""
        if not self.hit:
            return None
        found = self._read(self.folder / "pages" / f"{_page_name(src_uri)}.pickle")
        return None if found is _MISSING else found

    def page_output(self, src_uri: str) -> str | None:
        """The page's HTML as the stored build wrote it."""
        try:
            return (self.folder / "pages" / f"{_page_name(src_uri)}.html").read_bytes().decode("utf-8", "surrogatepass")
        except OSError:
            return None

    def store_page(self, src_uri: str, record, output: str) -> None:
        """record: the page's plain-dict record, or a function making it (called only when storing)."""
        if self.hit or self._broken:
            return
        self._write(self._staging / "pages" / f"{_page_name(src_uri)}.pickle", record() if callable(record) else record)
        try:
            # bytes, not text: no newline translation, and whatever str MkDocs had comes back
            (self._staging / "pages" / f"{_page_name(src_uri)}.html").write_bytes(output.encode("utf-8", "surrogatepass"))
        except OSError:
            self._broken = True

    def commit(self) -> None:
        """Keep what this build stored (call only after a build without any warning); drop other
        fingerprints."""
        if self.hit or self._broken:
            return
        try:
            (self._staging / "complete").write_text(self.key, encoding="utf-8")
            shutil.rmtree(self.folder, ignore_errors=True)
            os.replace(self._staging, self.folder)
            for other in self.base.iterdir():
                if other.name != self.key:
                    shutil.rmtree(other, ignore_errors=True)
        except OSError:
            self.discard()  # e.g. another build in the same folder removed our staging folder

    def discard(self) -> None:
        if not self.hit:
            shutil.rmtree(self._staging, ignore_errors=True)

    @staticmethod
    def _read(path: Path):
        try:
            with open(path, "rb") as stream:
                return pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError):
            return _MISSING

    def _write(self, path: Path, value) -> None:
        if self.hit or self._broken:
            return
        try:
            with open(path, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:
            self._broken = True  # build on without storing; nothing is committed


_MISSING = object()


def _page_name(src_uri: str) -> str:
    return hashlib.blake2b(src_uri.encode(), digest_size=12).hexdigest()
