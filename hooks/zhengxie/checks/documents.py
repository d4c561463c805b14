"""Where documents live: front-matter `kind` matches the folder, `type` belongs to the kind, file
names follow <year>-<slug> (undated-<slug> for an original that states no year), the name's year is
the document's year — stated, or inferred with its basis — and no data file is orphaned."""

from __future__ import annotations

import datetime as dt
import re

from zhengxie.checks import scalars, wording
from zhengxie.checks.pages import pages
from zhengxie.model.corpus import TYPES, Corpus, Document
from zhengxie.sources.loader import DATA, report_read_issue, report_yaml_issues
from zhengxie.text.values import NOT_STATED, Adoption

UNDATED = "undated"  # the file-name prefix of a document whose original states no year
STEM = re.compile(rf"^([0-9]{{4}}|{UNDATED})-[a-z0-9-]+$")
SOURCE_INFERRED = "推定：{value}"
INFERRED_YEAR = "inferred_year"  # the field (data/fields.yml) of a year inferred from context
DATED_FIELDS = ("published", "effective")  # date fields besides 成文日期 that place a document in a year
YEAR_IN_NUMBER = re.compile(r"[〔\[［(（][0-9]{4}[〕\]］)）]")  # 云政协发〔2023〕3号


def check_documents(corpus: Corpus) -> None:
    report = corpus.reporter.add
    vocab = corpus.vocab
    folders = wording.join(f"docs/{k.folder}/（kind: {k.id}）" for k in vocab.kinds.values())
    for doc in corpus.documents.values():
        if not STEM.match(doc.id) or doc.id.endswith("-"):
            report("ZX212", doc.path, 1, name=f"{doc.id}.md")
        _check_numbers(corpus, doc)
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
    if doc.id.startswith(f"{UNDATED}-"):
        _check_undated(corpus, doc)
        return
    if INFERRED_YEAR in doc.meta and ((doc.period and doc.period.year) or doc.date):
        stated = doc.period.text if doc.period else doc.date.isoformat() if doc.date else ""
        corpus.reporter.add("ZX232", doc.path, doc.meta_line(INFERRED_YEAR), stated=stated)
    stem_year = int(doc.id[:4])
    inferred = doc.inferred_year
    if inferred is not None:
        year, source, line = inferred.value, SOURCE_INFERRED.format(value=inferred.basis), doc.meta_line(INFERRED_YEAR)
    elif doc.period and doc.period.year:
        year, source, line = (
            doc.period.year,
            wording.SOURCE_PERIOD.format(value=doc.period.text),
            doc.meta_line("period"),
        )
    elif doc.date:
        year, source, line = (
            doc.date.year,
            wording.SOURCE_DATE.format(value=doc.date.isoformat()),
            doc.meta_line("date"),
        )
    else:
        if _states_no_year(doc):  # the editor picked the year of the file name: never a stated year
            corpus.reporter.add(
                "ZX230", doc.path, doc.meta_line("date"), stem_year=stem_year, id=doc.id, slug=doc.id[5:]
            )
        return
    if year != stem_year:
        corpus.reporter.add("ZX213", doc.path, line, stem_year=stem_year, year=year, source=source)


def _check_numbers(corpus: Corpus, doc: Document) -> None:
    """.nan, .inf and -.inf in the front matter or the data file: no original prints them (ZX237)."""
    for path, ydoc in ((doc.path, doc.meta_yaml), (doc.data_path, doc.data_yaml)):
        if path is None or ydoc is None or ydoc.finite:  # the parser saw every number: none to look for
            continue
        for keys, value in scalars.non_finite(ydoc.data):
            where = " ".join(f"第 {k + 1} 项" if isinstance(k, int) else str(k) for k in keys) or "（文件）"
            corpus.reporter.add("ZX237", path, ydoc.line_of(keys, 1), field=where, value=_yaml_text(value))


def _yaml_text(value: float) -> str:
    """The value as YAML writes it: .nan, .inf, -.inf."""
    if value != value:  # NaN is the one float unequal to itself
        return ".nan"
    return ".inf" if value > 0 else "-.inf"


def _states_no_year(doc: Document) -> bool:
    """Period (where written) and date are 原文未载 and nothing else written dates the document (an
    adoption, publication or taking-effect date, a 文号 with its year): the original names no year."""
    if doc.date is not NOT_STATED or doc.period not in (None, NOT_STATED):
        return False
    adopted = doc.fields.get("adopted")
    if isinstance(adopted, Adoption) and adopted.date:
        return False
    if any(isinstance(doc.fields.get(key), dt.date) for key in DATED_FIELDS):
        return False
    number = doc.fields.get("doc_number")
    return not (isinstance(number, str) and YEAR_IN_NUMBER.search(number))


def _check_undated(corpus: Corpus, doc: Document) -> None:
    """undated-…: only for an original that states no year (an inferred year may keep the name)."""
    if doc.period and doc.period.year:
        year, field = doc.period.year, "period"
    elif doc.date:
        year, field = doc.date.year, "date"
    else:
        return
    name = f"{year}-{doc.id[len(UNDATED) + 1 :]}.md"
    corpus.reporter.add("ZX231", doc.path, doc.meta_line(field), year=year, field=field, name=name)


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
