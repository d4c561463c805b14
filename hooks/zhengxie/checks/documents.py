"""Where documents live: front-matter `kind` matches the folder, `type` belongs to the kind, file
names follow <year>-<slug>, the name's year is the document's year, and no data file is orphaned."""

from __future__ import annotations

import re

from zhengxie.checks import wording
from zhengxie.checks.pages import pages
from zhengxie.model.corpus import TYPES, Corpus, Document
from zhengxie.sources.loader import DATA, report_read_issue, report_yaml_issues

STEM = re.compile(r"^[0-9]{4}-[a-z0-9-]+$")


def check_documents(corpus: Corpus) -> None:
    report = corpus.reporter.add
    vocab = corpus.vocab
    folders = wording.join(f"docs/{k.folder}/（kind: {k.id}）" for k in vocab.kinds.values())
    for doc in corpus.documents.values():
        if not STEM.match(doc.id) or doc.id.endswith("-"):
            report("ZX212", doc.path, 1, name=f"{doc.id}.md")
        if doc.meta_yaml is None or not isinstance(doc.meta_yaml.data, dict):
            continue
        kind = doc.meta.get("kind")
        expected = vocab.kinds.get(doc.kind)
        if isinstance(kind, str) and kind and kind != doc.kind:
            report(
                "ZX210",
                doc.path,
                doc.meta_line("kind"),
                kind=kind,
                folder=expected.folder if expected else "",
                expected=doc.kind,
                folders=folders,
            )
        type_ = doc.meta.get("type")
        types = vocab.names_of(f"{TYPES}/{doc.kind}")
        if (
            isinstance(type_, str)
            and type_
            and expected is not None
            and type_ not in expected.types
            and not types.ambiguous(type_)  # a shared name: the registry's ZX220
        ):
            report(
                "ZX211",
                doc.path,
                doc.meta_line("type"),
                type=type_,
                kind_name=expected.name,
                did_you_mean=wording.did_you_mean_name(type_, types),
                allowed=wording.join(f"{t.name}（{t.id}）" for t in expected.types.values()),
            )
        if STEM.match(doc.id):
            _check_year(corpus, doc)
    for path in corpus.orphan_data:
        folder, name = path[len(DATA) + 1 :].split("/", 1)
        report("ZX214", path, 1, folder=folder, id=name[: -len(".yml")])
    _check_other_pages(corpus)


def _check_year(corpus: Corpus, doc: Document) -> None:
    stem_year = int(doc.id[:4])
    if doc.period and doc.period.year:
        year, source, line = (
            doc.period.year,
            wording.SOURCE_PERIOD.format(value=doc.period.text),
            doc.meta_line("period"),
        )
    elif doc.date:  # 原文未载 (falsy) has no year: the file name stands
        year, source, line = (
            doc.date.year,
            wording.SOURCE_DATE.format(value=doc.date.isoformat()),
            doc.meta_line("date"),
        )
    else:
        return
    if year != stem_year:
        corpus.reporter.add("ZX213", doc.path, line, stem_year=stem_year, year=year, source=source)


def _check_other_pages(corpus: Corpus) -> None:
    """Front matter of the pages that are not documents (home, indexes, guide) must still parse."""
    for page in pages(corpus).by_src_uri.values():
        if page.doc is not None:
            continue
        if page.unreadable:
            report_read_issue(page.unreadable, page.path, corpus.reporter)
            continue
        if page.meta_yaml is not None:
            report_yaml_issues(page.meta_yaml, page.path, corpus.reporter)
