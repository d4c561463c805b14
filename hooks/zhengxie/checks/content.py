"""Every place content text lives, searched with one pattern: Markdown bodies (code blanked, so
guides can show an example), front-matter values and data-file values. Checks that look for marks in
text (template residue, import to-dos) share this walk instead of each repeating it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from zhengxie.checks import scalars
from zhengxie.checks.pages import line_col, pages
from zhengxie.model.corpus import Corpus

# What `find` yields: (file, line, column or None, match).
Found = tuple[str, int | None, int | None, re.Match[str]]


class AnyOf:
    """A prefilter that finds any of a few strings: `in` tests, several times faster than a regular
    expression's alternation over text that is mostly Chinese. `search` answers like re's (None: no)."""

    def __init__(self, *needles: str):
        self.needles = needles

    def search(self, text: str) -> Literal[True] | None:
        for needle in self.needles:
            if needle in text:
                return True
        return None


def find(
    corpus: Corpus, pattern: re.Pattern[str], prefilter: scalars.Prefilter, vocabularies: bool = False
) -> Iterator[Found]:
    """(file, line, column or None, match) for every match of `pattern`; `prefilter` skips whole texts
    in one pass. With `vocabularies`, the data/*.yml vocabularies are searched too."""
    for page in pages(corpus).by_src_uri.values():
        if prefilter.search(page.text) is not None:
            text = page.masked
            for match in pattern.finditer(text):
                line, column = line_col(text, match.start(), page.body_line)
                yield page.path, line, column, match
        meta_yaml = page.meta_yaml
        if page.meta and meta_yaml is not None:  # (scalars.search finds nothing without the YAML)
            for path, match in scalars.search(pattern, meta_yaml, page.meta, prefilter):
                yield page.path, meta_yaml.line_of(path), None, match
    if vocabularies:
        for file, ydoc in corpus.vocab_yaml.items():
            for path, match in scalars.search(pattern, ydoc, prefilter=prefilter):
                yield file, ydoc.line_of(path), None, match
    for doc in corpus.documents.values():
        data_yaml, data_path = doc.data_yaml, doc.data_path
        if data_yaml is None or data_path is None:  # the loader reads a data file only with its path
            continue
        for path, match in scalars.search(pattern, data_yaml, prefilter=prefilter):
            yield data_path, data_yaml.line_of(path), None, match
