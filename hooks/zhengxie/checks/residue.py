"""Template residue left in published content: 20xx, 20__, xxx / XX placeholders, □, ＿＿, 十x届.

Scanned: Markdown bodies of every page (code blocks and code spans excluded, so the guide can show
the patterns), front-matter values, and the values of every data file except the problem catalogue
(whose examples show residue on purpose).
"""
from __future__ import annotations

import re

from ..model import Corpus
from . import _values
from ._pages import line_col, pages

RESIDUE = re.compile(
    r"(?<![0-9A-Za-z])(?:19|20)(?:[xX×]{2}|_{2,}|＿{2,})(?![0-9A-Za-z])"  # 20xx, 20××, 20__, 20＿＿
    r"|[十第][xX×]+[届次]"  # 十x届, 第x届, 第x次
    r"|(?<![0-9A-Za-z])(?:[xX]{2,}|×{2,})(?![0-9A-Za-z])"  # xxx, XX, ×× used as placeholders
    r"|□+"  # □□
    r"|＿{2,}"  # ＿＿
)

# Every residue pattern contains one of these characters: pages without any are skipped in one pass.
PREFILTER = re.compile(r"[xX×□]|0_|＿＿")


def check_residue(corpus: Corpus) -> None:
    report = corpus.reporter.add
    for page in pages(corpus).by_src_uri.values():
        if PREFILTER.search(page.text) is not None:
            text = page.masked
            for match in RESIDUE.finditer(text):
                line, column = line_col(text, match.start(), page.body_line)
                report("ZX601", page.path, line, column, text=match.group(0))
        if page.meta:
            for path, match in _values.search(RESIDUE, page.meta_yaml, page.meta, PREFILTER):
                report("ZX601", page.path, page.meta_yaml.line_of(path), text=match.group(0))
    for file, ydoc in corpus.vocab_yaml.items():
        for path, match in _values.search(RESIDUE, ydoc, prefilter=PREFILTER):
            report("ZX601", file, ydoc.line_of(path), text=match.group(0))
    for doc in corpus.documents.values():
        for path, match in _values.search(RESIDUE, doc.data_yaml, prefilter=PREFILTER):
            report("ZX601", doc.data_path, doc.data_yaml.line_of(path), text=match.group(0))
