"""Where records live, the one writer and the one reader.

A record is build/cache/store/<name>.json: {"format": FORMAT, "key": …, "value": …}, plain JSON.
The reader opens no symlink and no special file, reads at most MAX_BYTES, and returns a value only
when the format and the key match and the caller's `accept` validates it; anything else is None (the
caller computes afresh). The writer writes a temporary file beside the record and renames it over
the record (os.replace), so a reader sees the old record or the new one, never half of one.

Nothing a commit brought may be read as a record: when git tracks any file in the store's folder
(or tracks one of its parent folders as a file or a symlink), the store is not used at all, and the
validation the check and the build share reports each such path (ZX157). When git cannot answer in a repository (not installed, a
dubious owner), the store is not used either. Outside a git repository nothing can be committed.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from zhengxie.gitfiles.tracked import tracked

FOLDER = ("build", "cache", "store")  # under the repository root; .gitignore ignores build/
FORMAT = "zhengxie-store/1"
MAX_BYTES = 64 << 20  # a record larger than this is neither written nor read
SUFFIX = ".json"
_OPEN = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC

T = TypeVar("T")


@dataclass(frozen=True)
class Place:
    """The store of one repository: `usable` when it may be read and written."""

    root: Path
    usable: bool

    @property
    def folder(self) -> Path:
        return self.root.joinpath(*FOLDER)


def open_store(root: Path | str, enabled: bool = True) -> Place:
    """The store of `root`: unusable when switched off, when git tracks anything in its folder (or
    cannot say), or when a part of its path is not a real folder. The committed files themselves are
    reported by the validation the check and the build share (ZX157), not here."""
    root = Path(root)
    return Place(root, enabled and tracked_in_folder(root) == () and _real_folders(root))


def tracked_in_folder(root: Path) -> tuple[str, ...] | None:
    """The paths git tracks in the store's folder or at one of its parents; () outside a git
    repository; None when git cannot say."""
    paths = tracked(root, [f":(icase){FOLDER[0]}"])  # a case-insensitive disk opens Build/ as build/
    return None if paths is None else in_folder(paths)


def in_folder(paths: Iterable[str]) -> tuple[str, ...]:
    """Those of the repository-relative `paths` in the store's folder or at one of its parents."""
    folder = "/".join(FOLDER).lower()
    parents = {"/".join(FOLDER[:n]).lower() for n in range(1, len(FOLDER) + 1)}
    return tuple(p for p in paths if p.lower() in parents or p.lower().startswith(folder + "/"))


def _real_folders(root: Path) -> bool:
    """No part of the store's path is a symlink or other than a folder (missing parts are fine)."""
    path = root
    for part in FOLDER:
        path = path / part
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return True
        except OSError:
            return False
        if not stat.S_ISDIR(mode):
            return False
    return True


def read(place: Place, name: str, key: str, accept: Callable[[object], T | None]) -> T | None:
    """The value stored under `name` for `key`, as `accept` makes it from the JSON; None when there
    is none, or it is unreadable, oversized, malformed, of another format or key, or refused."""
    if not place.usable:
        return None
    try:
        fd = os.open(place.folder / f"{name}{SUFFIX}", _OPEN)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        raw = os.read(fd, MAX_BYTES + 1)
        record = json.loads(raw)
    except (OSError, ValueError, RecursionError):  # unreadable, not UTF-8, not JSON, nested too deep
        return None
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES or not isinstance(record, dict) or set(record) != {"format", "key", "value"}:
        return None
    if record["format"] != FORMAT or record["key"] != key:
        return None
    return accept(record["value"])


def write(place: Place, name: str, key: str, value: object) -> bool:
    """Store `value` (plain JSON data) under `name` for `key`, replacing the record atomically.
    False when it was not stored (the store unusable, the record too large, the disk refusing)."""
    if not place.usable:
        return False
    data = json.dumps({"format": FORMAT, "key": key, "value": value}, separators=(",", ":")).encode("ascii")
    if len(data) > MAX_BYTES:
        return False
    try:
        place.folder.mkdir(parents=True, exist_ok=True)
        if not _real_folders(place.root):  # a symlink put there meanwhile: write nothing through it
            return False
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=place.folder)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, place.folder / f"{name}{SUFFIX}")
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    return True
