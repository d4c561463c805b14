"""Every place content text lives, searched with one pattern: Markdown bodies (code blanked, so
guides can show an example), front-matter values and data-file values. Checks that look for marks in
text (template residue, import to-dos) share this walk instead of each repeating it."""
from __future__ import annotations

from zhengxie.checks import scalars
from zhengxie.checks.pages import line_col, pages
from zhengxie.model.corpus import Corpus


class AnyOf:
    """A prefilter that finds any of a few strings: `in` tests, several times faster than a regular
    expression's alternation over text that is mostly Chinese. `search` answers like re's (None: no)."""

    def __init__(self, *needles: str):
        self.needles = needles

    def search(self, text: str):
        for needle in self.needles:
            if needle in text:
                return True
        return None


def find(corpus: Corpus, pattern, prefilter, vocabularies: bool = False):
    """(file, line, column or None, match) for every match of `pattern`; `prefilter` skips whole texts
    in one pass. With `vocabularies`, the data/*.yml vocabularies are searched too."""
    for page in pages(corpus).by_src_uri.values():
        if prefilter.search(page.text) is not None:
            text = page.masked
            for match in pattern.finditer(text):
                line, column = line_col(text, match.start(), page.body_line)
                yield page.path, line, column, match
        if page.meta:
            for path, match in scalars.search(pattern, page.meta_yaml, page.meta, prefilter):
                yield page.path, page.meta_yaml.line_of(path), None, match
    if vocabularies:
        for file, ydoc in corpus.vocab_yaml.items():
            for path, match in scalars.search(pattern, ydoc, prefilter=prefilter):
                yield file, ydoc.line_of(path), None, match
    for doc in corpus.documents.values():
        for path, match in scalars.search(pattern, doc.data_yaml, prefilter=prefilter):
            yield doc.data_path, doc.data_yaml.line_of(path), None, match
