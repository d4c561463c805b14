"""`check --changed` / `check --files`: report what a change can affect, not the whole repository.

The whole repository is still checked; the report keeps the problems of the given files and of every document whose verdict they can change:
the documents whose own files they are, and those depending on them (a link to the page, a report
on the plan's items, a figure about the plan, a rule's succession). A change to the code, the
vocabularies (data/*.yml), the schemas, the templates or mkdocs.yml can change any verdict: then
every problem is reported.
"""
from __future__ import annotations

import posixpath
import subprocess
from pathlib import Path

EVERYTHING = ("hooks/", "overrides/", "data/schemas/", "mkdocs.yml")


class ChangedError(Exception):
    """git could not say what changed (no repository, unknown base)."""


def changed_files(root: Path, base: str = "main") -> list:
    """Files changed against `base`: committed since the merge base, staged, unstaged, untracked
    (deleted and renamed files by both names: a link to the old name is now broken)."""
    commands = (["git", "diff", "--name-only", "--no-renames", f"{base}...HEAD"],
                ["git", "diff", "--name-only", "--no-renames", "HEAD"],
                ["git", "ls-files", "--others", "--exclude-standard"])
    found: list = []
    prefix = _git(root, ["git", "rev-parse", "--show-prefix"]).strip()
    for command in commands:
        for line in _git(root, command + ["--", "."] if command[1] != "ls-files" else command).splitlines():
            if line:
                rel = line[len(prefix):] if prefix and line.startswith(prefix) else line
                found.append(rel)
    return list(dict.fromkeys(found))


def _git(root: Path, command: list) -> str:
    try:
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    except OSError as error:
        raise ChangedError(f"无法运行 git：{error}") from error
    if done.returncode != 0:
        raise ChangedError(f"{' '.join(command[:3])} 失败：{done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}")
    return done.stdout


def normalise(path: str) -> str:
    return posixpath.normpath(path.replace("\\", "/")).lstrip("/") if path else path


def affects_everything(path: str) -> bool:
    return path.startswith(EVERYTHING) or (path.startswith("data/") and path.count("/") == 1)


def missing(root, files) -> list:
    """ZX121 for each named file that does not exist (a typo would otherwise pass unnoticed)."""
    return [f for f in dict.fromkeys(normalise(f) for f in files if f) if not (Path(root) / f).exists()]


def dependents(corpus) -> dict:
    """Repo path (or "id:<id>") -> files whose verdict it can change: the file itself, and every
    file whose checks noted reading it (Corpus.note_dependency)."""
    found: dict = {}
    paths_of = {f"id:{entry.id}": [p for p in (entry.path, entry.data_path) if p] for entry in corpus.entries}
    for reader, reads in corpus.dependencies.items():
        for read in reads:
            found.setdefault(read, set()).add(reader)
            for path in paths_of.get(read, ()):
                found.setdefault(path, set()).add(reader)
    return found


def select(corpus, problems: list, files) -> tuple[list, int]:
    """(problems to report, documents they concern) for `files`."""
    files = {normalise(f) for f in files if f}
    if any(affects_everything(f) for f in files):
        return problems, len(corpus.documents)
    graph = dependents(corpus)
    shown = set(files)
    for path in files:
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
    return [p for p in problems if p.file in shown], documents
