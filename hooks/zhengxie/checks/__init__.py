"""Validation: every check reads the corpus model and adds coded problems to its reporter."""
from __future__ import annotations

from ..model import Corpus

# Each check is a function (corpus) -> None that reports through corpus.reporter.
CHECKS: list = []


def run_checks(corpus: Corpus) -> list:
    for check in CHECKS:
        check(corpus)
    return sorted(corpus.reporter.problems, key=lambda p: p.sort_key())
