"""索引号: each document's number by the scheme data/site.yml declares (zhengxie.model.portal), e.g.
"{body_code}-{year}-{seq:04d}" → YXS-2023-0002.

The body's code is its `code` in data/bodies.yml; the year is the one the document is filed under
(Document.year); the sequence is the document's place among the body's documents of that year, by
成文日期 (a document whose date is not stated or not written after the dated ones) and then by file
path — the same corpus always numbers the same way. A document without a body, a body without a code,
a document without a year, or a site without a scheme: no 索引号 (none is ever made up).
"""

from __future__ import annotations

import datetime as dt

from zhengxie.model.corpus import Corpus, Document
from zhengxie.model.portal import index_number


def index_numbers(corpus: Corpus) -> dict[str, str]:
    """Document id -> its 索引号, for every document that has one."""
    scheme = corpus.vocab.portal.index_number
    if not scheme:
        return {}
    groups: dict[tuple[str, int], list[Document]] = {}
    for doc in corpus.documents.values():
        body = corpus.vocab.bodies.get(doc.body) if doc.body else None
        year = doc.year
        if body is None or not body.code or year is None:
            continue
        groups.setdefault((body.code, year), []).append(doc)
    numbers: dict[str, str] = {}
    for (code, year), docs in groups.items():
        docs.sort(key=_order)
        for seq, doc in enumerate(docs, 1):
            numbers[doc.id] = index_number(scheme, code, year, seq)
    return numbers


def _order(doc: Document) -> tuple[int, str, str]:
    """By 成文日期, undated documents last, then by path."""
    if isinstance(doc.date, dt.date):
        return (0, doc.date.isoformat(), doc.path)
    return (1, "", doc.path)
