"""One entry point for the standalone check and the build: load once, run every check."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from zhengxie.checks import run_checks
from zhengxie.gitfiles import tracked
from zhengxie.model.corpus import Corpus
from zhengxie.registry.problems import Problem
from zhengxie.sources.loader import load_corpus
from zhengxie.store import records


def validate(root: Path | str) -> tuple[Corpus, list[Problem]]:
    """The whole corpus and its problems, read from the files (the check and the build share it).
    A file committed into the store's folder (ZX157) fails both alike, though only the check would
    have read it, and so does compiled code, an installed environment or a build output committed
    anywhere else (ZX158): one verdict."""
    with collector_paused():
        corpus = load_corpus(root)
        problems = run_checks(corpus)
    committed = tracked.committed_code(Path(root))  # build/ among them: the store's folder too
    in_store = set(records.in_folder(committed))  # the store's own problem, not ZX158 again
    if committed:
        problems += [
            corpus.reporter.add("ZX157" if path in in_store else "ZX158", path, None, path=path) for path in committed
        ]
        problems.sort(key=lambda problem: problem.sort_key())
    return corpus, problems


@contextmanager
def collector_paused() -> Iterator[None]:
    """Loading creates millions of small, acyclic objects (YAML line maps, outlines); the cyclic
    collector would rescan them over and over while they pile up: a third of the load time at 10 000
    documents. Reference counting still frees everything; the collector resumes afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            # Everything made while paused goes straight to the oldest generation (two list splices):
            # otherwise the first collection after `enable` walks it all (half a second at 10 000
            # documents) only to find it alive. A full collection still frees any cycle among it.
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()
