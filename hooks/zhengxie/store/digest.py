"""Keys of the store: one digest of files (their paths and whole contents), one of the code and
vocabularies that judge them, and one way to combine digests into a key.

Contents are hashed, not compared by size and modification time: an edit that keeps both (a quick
save, a checkout, a restored mtime) must never replay a stale verdict, and hashing the 10 000
documents' 120 MB costs about 0.25 s. Nothing is followed: a symlink, a FIFO or a device under a
hashed path, a file that cannot be read, or one whose size changes while it is read makes the digest
refuse (UnhashableError) and the caller then works without the store.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

# The package whose code computes what is stored (hooks/zhengxie), wherever it is imported from.
PACKAGE = Path(__file__).resolve().parent.parent
DATA = "data"
SCHEMAS = f"{DATA}/schemas"
VOCABULARY_SUFFIX = ".yml"  # data/*.yml: the vocabularies, the catalogue, the site's settings
RECORD = "RECORD"  # a dist-info's list of installed files with their hashes (PEP 376, PEP 627)
COMPILED = "__pycache__"  # Python's compiled modules: derived from the code, rewritten at will
_CHUNK = 1 << 22
_OPEN = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC  # never a link; a FIFO cannot block


class Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...


class UnhashableError(Exception):
    """A path the digest cannot vouch for (a symlink, a special file, unreadable, changing)."""


def key(*parts: str) -> str:
    """One key from several digests and names (none of them may hold a NUL)."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def files_digest(root: Path | str, paths: Iterable[str], skip: frozenset[str] = frozenset()) -> str:
    """The digest of `paths` (relative to `root`: files or folders, every file below a folder, by
    name, contents and place; a missing path counts as missing). Folders named in `skip` are left out."""
    digest = hashlib.sha256()
    base = os.fsencode(root)
    try:
        for rel in paths:
            _add(digest, base, os.fsencode(rel), skip)
    except OSError as error:
        raise UnhashableError(str(error)) from error
    return digest.hexdigest()


def code_digest(root: Path | str) -> str:
    """The code and the vocabularies that judge a repository's files: the package's files, Python's
    version, the installed distributions (their names carry their versions; their RECORDs the hash of
    every file installed), and data/*.yml with data/schemas/ of `root`."""
    code = files_digest(PACKAGE.parent, [PACKAGE.name], frozenset({COMPILED}))
    return key(sys.version, sys.implementation.cache_tag or "", *_distributions(), code, vocabulary_digest(root))


def vocabulary_digest(root: Path | str) -> str:
    """data/*.yml (vocabularies, the problem catalogue, the site's settings) and data/schemas/."""
    try:
        with os.scandir(Path(root) / DATA) as scan:
            names = sorted(e.name for e in scan if e.name.endswith(VOCABULARY_SUFFIX) and not e.is_dir())
    except FileNotFoundError:
        names = []
    except OSError as error:
        raise UnhashableError(str(error)) from error
    return files_digest(root, [*(f"{DATA}/{name}" for name in names), SCHEMAS])


def _distributions() -> list[str]:
    """Each *.dist-info and *.egg-info on sys.path (name-version) with the digest of its RECORD, the list
    of the distribution's files and their hashes that pip writes: the same version installed again from
    other code changes it. Sorted."""
    found: set[str] = set()
    for entry in sys.path:
        try:
            names = [n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue  # a zip file or a missing folder: nothing installed there
        for name in names:
            found.add(f"{name}:{_record_digest(os.path.join(entry or '.', name, RECORD))}")
    return sorted(found)


def _record_digest(path: str) -> str:
    """The SHA-256 of a distribution's RECORD; "-" when it has none (an egg-info, a hand-made folder)."""
    try:
        with open(path, "rb") as record:
            return hashlib.sha256(record.read()).hexdigest()
    except OSError:
        return "-"


def _add(digest: Hasher, base: bytes, rel: bytes, skip: frozenset[str]) -> None:
    """Feed `rel` (a file or a whole folder) into `digest`: each entry as a type letter, its path and a
    NUL (no name holds a NUL), a file also as its size and bytes. Folders listed by sorted name."""
    path = os.path.join(base, rel)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        digest.update(b"-" + rel + b"\0")
        return
    if not stat.S_ISDIR(mode):
        _file(digest, path, rel)
        return
    skipped = {os.fsencode(name) for name in skip}
    stack = [rel]
    while stack:
        folder = stack.pop()
        digest.update(b"d" + folder + b"\0")
        with os.scandir(os.path.join(base, folder)) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        below: list[bytes] = []
        for entry in entries:
            name = os.fsencode(entry.name)
            if entry.is_dir(follow_symlinks=False):
                if name not in skipped:
                    below.append(folder + b"/" + name)
            else:
                _file(digest, entry.path, folder + b"/" + name)
        stack.extend(reversed(below))


def _file(digest: Hasher, path: bytes, rel: bytes) -> None:
    fd = os.open(path, _OPEN)  # ELOOP for a symlink: an OSError, so the digest refuses
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnhashableError(f"{os.fsdecode(rel)}: not a regular file")
        left = info.st_size
        digest.update(b"f" + rel + b"\0" + left.to_bytes(8, "little"))
        while True:
            wanted = min(left, _CHUNK) + 1  # one byte more than is left: the end is seen in the same read
            chunk = os.read(fd, wanted)
            if len(chunk) > left:
                raise UnhashableError(f"{os.fsdecode(rel)}: grew while it was read")
            digest.update(chunk)
            left -= len(chunk)
            if len(chunk) < wanted:  # the end of the file
                break
        if left:
            raise UnhashableError(f"{os.fsdecode(rel)}: shrank while it was read")
    finally:
        os.close(fd)
