"""发布日期 and 更新日期 of every file under docs/, from the repository's git history.

One `git log` for the whole repository per build (not one per page: a corpus has thousands), with NUL
separated names (any file name, Chinese or with spaces, is read as git wrote it) and the path given
after `--`. 发布日期 is the date of the oldest commit that touched the file (the one that added it),
更新日期 of the newest; both are commit dates, in the committer's time zone.

Nothing is made up. Outside a git repository (a tarball, a test's temporary folder) there is no
history: no dates. A file git does not have, or one changed since its last commit, is "not committed".
In a shallow clone (CI's default checkout, fetch-depth 1) the oldest commits are cut off: the boundary
commit lists every file as added, so a file seen first at the boundary has no known 发布日期, and one
last changed there no known 更新日期 — both are left out rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

FOLDER = "docs"
_RECORD = "\x1e"  # before each commit (git's --format=%x1e): no file name holds it (discovery refuses C0)
_UNIT = "\x1f"  # between a commit's hash and its date
_NAMES = ("--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--relative", "--name-only", "-z")
_LOG = ("log", *_NAMES, f"--format={_RECORD}%H{_UNIT}%cI")
# Settings of the user's or the repository's configuration that would change what `git log` prints.
_CONFIG = ("-c", "log.showSignature=false", "-c", "core.quotePath=false", "-c", "diff.noprefix=false")


@dataclass(frozen=True, slots=True)
class FileDates:
    """What the history says of one file: its dates (None when unknown) and whether the page shows
    what is committed (False: the file is new or changed since its last commit)."""

    published: dt.datetime | None = None
    updated: dt.datetime | None = None
    committed: bool = True


@dataclass
class History:
    """The dates of the files under docs/ (repo-relative paths); `known` is False outside git."""

    known: bool = False
    shallow: bool = False
    files: dict[str, FileDates] = field(default_factory=dict)

    def of(self, path: str) -> FileDates | None:
        """The dates of a file (docs/…), FileDates(committed=False) for one git does not have, or
        None when there is no history at all."""
        if not self.known:
            return None
        return self.files.get(path, FileDates(committed=False))


def read_history(root: Path | str) -> History:
    """The history of `root`'s docs/, from three git calls; no history when any of them fails."""
    root = Path(root)
    probe = _git(root, ("rev-parse", "--is-shallow-repository", "--git-path", "shallow"))
    if probe is None:
        return History()
    lines = probe.decode("utf-8", "surrogateescape").splitlines()
    shallow = bool(lines) and lines[0].strip() == "true"
    boundary: set[str] = set()
    if shallow and len(lines) > 1:
        shallow_file = Path(lines[1]) if os.path.isabs(lines[1]) else root / lines[1]
        try:
            boundary = set(shallow_file.read_text(encoding="ascii", errors="replace").split())
        except OSError:
            return History()  # a shallow clone whose boundary cannot be read: no date can be trusted
    log = _git(root, (*_LOG, "--", FOLDER))
    if log is None:
        return History()
    changed = _git(root, ("diff", *_NAMES, "HEAD", "--", FOLDER))
    return History(True, shallow, parse_log(log, boundary, split_names(changed or b"")))


def parse_log(
    output: bytes, boundary: set[str] | frozenset[str] = frozenset(), changed: Sequence[str] = ()
) -> dict[str, FileDates]:
    """The dates of each file `git log --name-only -z` (with _LOG's format) names, newest commit first;
    `boundary`: a shallow clone's cut-off commits; `changed`: files differing from the last commit."""
    newest: dict[str, tuple[dt.datetime | None, bool]] = {}  # path -> (date, at the boundary)
    oldest: dict[str, tuple[dt.datetime | None, bool]] = {}
    for record in os.fsdecode(output).split(_RECORD):
        header, _, names = record.partition("\0")
        commit, _, stamp = header.partition(_UNIT)
        if not commit:
            continue
        when = _stamp(stamp)
        cut = commit.strip() in boundary
        names = names.removeprefix("\n")  # git puts a newline between the header and the first name
        for name in names.split("\0"):
            if not name:
                continue
            newest.setdefault(name, (when, cut))
            oldest[name] = (when, cut)
    dirty = set(changed)
    files: dict[str, FileDates] = {}
    for name, (updated, updated_cut) in newest.items():
        published, published_cut = oldest[name]
        files[name] = FileDates(
            published=None if published_cut else published,
            updated=None if updated_cut or name in dirty else updated,
            committed=name not in dirty,
        )
    return files


def split_names(output: bytes) -> list[str]:
    return [os.fsdecode(name) for name in output.split(b"\0") if name]


def _stamp(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def _git(root: Path, arguments: Sequence[str]) -> bytes | None:
    """git's output, or None when git is missing, `root` is no repository, or the call fails (a
    repository without commits: `git log` fails on a HEAD that does not exist yet)."""
    try:
        done = subprocess.run(
            ["git", *_CONFIG, *arguments],
            cwd=root,
            capture_output=True,
            check=False,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"},
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None
