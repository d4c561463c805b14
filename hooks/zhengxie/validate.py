"""One entry point for the standalone check and the build: load once, run every check."""
from __future__ import annotations

from pathlib import Path

from .checks import run_checks
from .loader import load_corpus
from .model import Corpus


def validate(root: Path | str) -> tuple[Corpus, list]:
    corpus = load_corpus(root)
    return corpus, run_checks(corpus)
