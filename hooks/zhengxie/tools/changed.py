"""`check --changed` / `check --files`: report what a change can affect, not the whole repository.

The whole repository is still checked; the report keeps the problems of the given files and of every document whose verdict they can change:
the documents whose own files they are, and those depending on them (a link to the page, a report
on the plan's items, a figure about the plan, a rule's succession). A change to the code, the
vocabularies (data/*.yml), the schemas, the templates or mkdocs.yml can change any verdict: then
every problem is reported.

git is asked as data, never as code: the base is resolved to a commit first (a value that is not a
revision is a usage error), every revision follows --end-of-options and every path follows --, and
names are read NUL-separated (-z), exactly as they are on disk — Chinese names, spaces and newlines
included (git would quote them otherwise).
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from zhengxie.registry.problems import Problem, printable

if TYPE_CHECKING:
    from zhengxie.model.corpus import Corpus

EVERYTHING = ("hooks/", "overrides/", "data/schemas/", "mkdocs.yml")
NAMES = ("--name-only", "-z", "--no-renames", "--relative")  # `git diff`: paths under the root, as written


class ChangedError(Exception):
    """git could not say what changed (no repository, unknown base); the message is Chinese."""


def changed_files(root: Path, base: str = "main") -> list[str]:
    """Files changed against `base`: committed since the merge base, staged, unstaged, untracked
    (deleted and renamed files by both names: a link to the old name is now broken)."""
    commit = base_commit(root, base)
    commands = (
        ["diff", *NAMES, "--end-of-options", f"{commit}...HEAD", "--", "."],
        ["diff", *NAMES, "--end-of-options", "HEAD", "--", "."],
        ["ls-files", "-z", "--others", "--exclude-standard", "--", "."],
    )
    found: list[str] = []
    for command in commands:
        found += split_names(_git(root, command))
    return list(dict.fromkeys(found))


def base_commit(root: Path, base: str) -> str:
    """The commit `base` names (a branch, a tag, a commit); ChangedError when it names none. The
    value is an argument after --end-of-options: "--output=x" is a name git does not know, never
    an option."""
    if not base.strip() or "\0" in base:
        raise ChangedError("--base 是空的：写要比较的分支名，例如 --base main（make check CHANGED=1 BASE=main）")
    done = _run(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{base}^{{commit}}"])
    commit = done.stdout.decode("ascii", "replace").strip()
    if done.returncode != 0 or not commit:
        raise ChangedError(
            f"--base “{printable(base)}”不是本仓库中的分支、标签或提交：写已有的分支名，例如 main"
            "（远程分支先 git fetch，再写 origin/main）"
        )
    return commit


def split_names(output: bytes) -> list[str]:
    """NUL-separated names from git -z, decoded as the file system names them."""
    return [os.fsdecode(name) for name in output.split(b"\0") if name]


def _run(root: Path, command: list[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *command], cwd=root, capture_output=True, check=False)
    except OSError as error:
        raise ChangedError(f"无法运行 git：{printable(str(error))}") from error


def _git(root: Path, command: list[str]) -> bytes:
    done = _run(root, command)
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ChangedError(f"git {command[0]} 失败：{printable(said[-1]) if said else done.returncode}")
    return done.stdout


def normalise(path: str) -> str:
    return posixpath.normpath(path.replace("\\", "/")).lstrip("/") if path else path


def affects_everything(path: str) -> bool:
    return path.startswith(EVERYTHING) or (path.startswith("data/") and path.count("/") == 1)


def missing(root: Path | str, files: Iterable[str]) -> list[str]:
    """ZX121 for each named file that does not exist (a typo would otherwise pass unnoticed)."""
    return [f for f in dict.fromkeys(normalise(f) for f in files if f) if not (Path(root) / f).exists()]


def dependents(corpus: Corpus) -> dict[str, set[str]]:
    """Repo path (or "id:<id>") -> files whose verdict it can change: the file itself, and every
    file whose checks noted reading it (Corpus.note_dependency)."""
    found: dict[str, set[str]] = {}
    paths_of = {f"id:{entry.id}": [p for p in (entry.path, entry.data_path) if p] for entry in corpus.entries}
    for reader, reads in corpus.dependencies.items():
        for read in reads:
            found.setdefault(read, set()).add(reader)
            for path in paths_of.get(read, ()):
                found.setdefault(path, set()).add(reader)
    return found


def select(corpus: Corpus, problems: list[Problem], files: Iterable[str]) -> tuple[list[Problem], int]:
    """(problems to report, documents they concern) for `files`."""
    named = {normalise(f) for f in files if f}
    if any(affects_everything(f) for f in named):
        return problems, len(corpus.documents)
    graph = dependents(corpus)
    shown = set(named)
    for path in named:
        shown |= graph.get(path, set())
        if path.startswith(("docs/", "data/")):
            stem = posixpath.splitext(posixpath.basename(path))[0]
            shown |= graph.get(f"id:{stem}", set())
    # A document's verdict covers both its files: report the pair whichever was named.
    for entry in corpus.entries:
        pair = {p for p in (entry.path, entry.data_path) if p}
        if pair & shown:
            shown |= pair
    documents = sum(1 for entry in corpus.entries if entry.path in shown)
    # A problem names its file printably (a newline as \n): compare the names the same way.
    reported = {printable(path) for path in shown}
    return [p for p in problems if p.file in reported], documents
