"""The originals (Word, PDF …) documents attach as 附件: front matter `originals`, a list of repository
paths under docs/.

An original is published only when a document lists it and it passes every rule of data/site.yml
`originals`: a declared type (by suffix), content that begins as that type does (its signature bytes),
and at most `max_bytes`. Anything else is a coded problem at the line that lists it (ZX151–ZX154) and
the file stays out of the site; a file of an originals type that no document lists is reported
(ZX155) and not published either. Discovery has already refused symlinks and odd file names.
"""

from __future__ import annotations

import os
from pathlib import Path

from zhengxie.model.corpus import DOCS, Corpus, Document
from zhengxie.model.portal import Original, Portal, human_size

FIELD = "originals"
_HEAD = 16  # bytes read to compare with the declared signatures


def attach_originals(corpus: Corpus) -> None:
    """Set each document's `originals` to those it may publish; report and refuse the others."""
    portal = corpus.vocab.portal
    listed: set[str] = set()
    refused: set[str] = set()
    for doc in corpus.documents.values():
        value = doc.fields.get(FIELD)
        if not isinstance(value, tuple):
            continue
        for index, path in enumerate(value):
            listed.add(path)
            line = _line(doc, index, isinstance(doc.meta.get(FIELD), list))
            original = _accept(corpus, portal, doc, path, line)
            if original is None:
                refused.add(path)
            elif original.path not in refused:
                doc.originals.append(original)
    for path in refused:  # an original that failed for one document is not published for another either
        corpus.listing.refuse_file(path[len(DOCS) + 1 :])
        for doc in corpus.documents.values():
            doc.originals[:] = [o for o in doc.originals if o.path != path]
    for src_uri in list(corpus.listing.files):
        path = f"{DOCS}/{src_uri}"
        if path not in listed and portal.original_type(src_uri) is not None:
            corpus.reporter.add("ZX155", path, 1, path=path)
            corpus.listing.refuse_file(src_uri)


def _line(doc: Document, index: int, is_list: bool) -> int | None:
    if doc.meta_yaml is None:
        return 1
    return doc.meta_yaml.line_of((FIELD, index) if is_list else (FIELD,), 1)


def _accept(corpus: Corpus, portal: Portal, doc: Document, path: str, line: int | None) -> Original | None:
    reporter = corpus.reporter
    corpus.note_dependency(doc.path, path)
    parts = path.split("/")
    if parts[0] != DOCS or len(parts) < 3 or any(p in ("", ".", "..") for p in parts) or "\\" in path:
        reporter.add(
            "ZX153", doc.path, line, path=path, reason="要写以 docs/ 开头的仓库路径，并放在 docs/ 的子文件夹中"
        )
        return None
    kind = portal.original_type(parts[-1])
    if kind is None:
        suffix = os.path.splitext(parts[-1])[1] or "（没有扩展名）"
        allowed = "、".join(t.suffix for t in portal.original_types.values()) or "data/site.yml 未声明任何类型"
        reporter.add("ZX151", doc.path, line, path=path, suffix=suffix, allowed=allowed)
        return None
    src_uri = path[len(DOCS) + 1 :]
    if not corpus.listing.publishable(src_uri):
        reason = "该文件不能发布，见它自己的问题" if path in corpus.listing.refused else "文件不存在"
        reporter.add("ZX153", doc.path, line, path=path, reason=reason)
        return None
    full = Path(corpus.root) / path
    try:
        size = os.lstat(full).st_size
        with open(full, "rb") as handle:
            head = handle.read(_HEAD)
    except OSError as error:
        reporter.add("ZX153", doc.path, line, path=path, reason=error.strerror or "无法读取")
        return None
    if portal.original_max_bytes and size > portal.original_max_bytes:
        reporter.add(
            "ZX152", doc.path, line, path=path, size=human_size(size), limit=human_size(portal.original_max_bytes)
        )
        return None
    if not kind.matches(head):
        reporter.add("ZX154", doc.path, line, path=path, type=kind.name)
        return None
    return Original(path, src_uri, parts[-1], kind.name, size)
