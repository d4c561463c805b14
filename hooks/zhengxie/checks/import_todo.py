"""What `make import` could not place: 【待核：…】 markers left in a draft (ZX130).

Scanned like residue: Markdown bodies (code excluded, so the guide can show a marker), front-matter
values and data-file values. A draft passes the check only when a person has resolved every one.
"""
from __future__ import annotations

import re

from ..model import Corpus
from . import _values
from ._pages import line_col, pages

MARKER = re.compile(r"【待核[：:]([^】\n]{0,300})】?")
PREFILTER = re.compile("【待核")


def check_import_todos(corpus: Corpus) -> None:
    report = corpus.reporter.add
    for page in pages(corpus).by_src_uri.values():
        if PREFILTER.search(page.text) is not None:
            text = page.masked
            for match in MARKER.finditer(text):
                line, column = line_col(text, match.start(), page.body_line)
                report("ZX130", page.path, line, column, text=match.group(1).strip())
        if page.meta:
            for path, match in _values.search(MARKER, page.meta_yaml, page.meta, PREFILTER):
                report("ZX130", page.path, page.meta_yaml.line_of(path), text=match.group(1).strip())
    for doc in corpus.documents.values():
        for path, match in _values.search(MARKER, doc.data_yaml, prefilter=PREFILTER):
            report("ZX130", doc.data_path, doc.data_yaml.line_of(path), text=match.group(1).strip())
