"""One entry point for the standalone check and the build: load once, run every check."""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from pathlib import Path

from .checks import run_checks
from .loader import load_corpus
from .model import Corpus


def validate(root: Path | str, cache=None, live: bool = False) -> tuple[Corpus, list]:
    """The whole corpus and its problems. With an enabled cache.Cache (the build) the verdict is the
    cached check's (zhengxie.incremental: only what changed is checked again, and the result equals a
    full run's), and documents whose files are unchanged come from their stored copies instead of
    being parsed again. `live`: a live preview, which keeps the documents in memory between rebuilds."""
    with _collector_paused():
        if cache is None or not cache.enabled:
            corpus = load_corpus(root)
            return corpus, run_checks(corpus)
        from .cache import DocumentStore
        from .incremental import check, complete

        store = DocumentStore(cache, live=live)
        # Forked workers share a cold check; a process with other threads (the preview's server) must not fork.
        result = check(root, cache, store=store, parallel=threading.active_count() == 1)
        corpus = complete(result, store.read)
        store.finish()
        return corpus, result.problems


@contextmanager
def _collector_paused():
    """Loading creates millions of small, acyclic objects (YAML line maps, outlines); the cyclic
    collector would rescan them over and over while they pile up: a third of the load time at 10 000
    documents. Reference counting still frees everything; the collector resumes afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def validate_with_cache(root: Path | str, cache):
    """validate() through the cache (zhengxie.incremental): the same problems, reading only what
    changed. Returns an incremental.Result (problems, documents listed, what was checked again)."""
    from .incremental import check

    return check(root, cache)
