"""One entry point for the standalone check and the build: load once, run every check."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

from .checks import run_checks
from .loader import load_corpus
from .model import Corpus


def validate(root: Path | str, cache=None) -> tuple[Corpus, list]:
    """The whole corpus and its problems. With an enabled cache.Cache (the build), documents whose
    files are unchanged are taken from their stored copies instead of being parsed again."""
    with _collector_paused():
        if cache is None or not cache.enabled:
            corpus = load_corpus(root)
        else:
            from .cache import DocumentStore

            store = DocumentStore(cache)
            corpus = load_corpus(root, read=store.read)
            store.finish()
        return corpus, run_checks(corpus)


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
