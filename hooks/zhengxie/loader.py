"""Load docs/ and data/ once into the corpus model.

Loading is forgiving: a malformed file becomes a problem and, as far as possible, a document with
defaults, so that one bad file never hides the findings in the others. Type and vocabulary rules
are the checks' business (hooks/zhengxie/checks); here values are only read if they have the right shape.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import outline
from .model import (
    Body, Corpus, Document, Figure, Form, Kind, PlanItem, Proposals, Report, SectionRule, SectionSpec,
    SummaryData, Topic, Vocabulary,
)
from .problems import Reporter, load_catalogue
from .sources import YamlDoc, parse_yaml, read_text, split_front_matter

DATA = "data"
DOCS = "docs"
VOCAB_FILES = ("topics", "bodies", "forms", "kinds", "sections")


def load_corpus(root: Path | str) -> Corpus:
    root = Path(root)
    corpus = load_vocabulary(root)
    reporter = corpus.reporter
    for kind in corpus.vocab.kinds.values():
        folder = root / DOCS / kind.folder
        if not folder.is_dir():
            continue
        for md in sorted(folder.glob("*.md")):
            if md.name == "index.md":
                continue
            doc = _load_document(root, kind, md, reporter)
            if doc is not None:
                corpus.documents[doc.id] = doc
        data_folder = root / DATA / kind.folder
        if data_folder.is_dir():
            known = {d.id for d in corpus.documents.values() if d.kind == kind.id}
            corpus.orphan_data += [
                f"{DATA}/{kind.folder}/{p.name}" for p in sorted(data_folder.glob("*.yml")) if p.stem not in known
            ]
    return corpus


def _load_yaml_file(root: Path, path: str, reporter: Reporter) -> YamlDoc:
    full = root / path
    if not full.is_file():
        reporter.add("ZX108", path)
        return YamlDoc()
    text, reason = read_text(full)
    if text is None:
        reporter.add("ZX101", path, 1, reason=reason)
        return YamlDoc()
    if not text.strip():
        reporter.add("ZX104", path, 1)
        return YamlDoc()
    doc = parse_yaml(text)
    _report_yaml_issues(doc, path, reporter)
    return doc


def _report_yaml_issues(doc: YamlDoc, path: str, reporter: Reporter) -> None:
    for issue in doc.issues:
        if issue.kind == "syntax":
            reporter.add("ZX103", path, issue.line, issue.column, detail=issue.detail)
        elif issue.kind == "duplicate-key":
            reporter.add("ZX106", path, issue.line, issue.column, key=issue.detail)
        elif issue.kind == "full-width-colon":
            reporter.add("ZX105", path, issue.line, issue.column, key=issue.detail)


# ---- vocabularies ---------------------------------------------------------------------------------


def _entries(corpus: Corpus, name: str) -> list[dict]:
    data = corpus.vocab_yaml[f"{DATA}/{name}.yml"].data
    if not isinstance(data, list):
        return []
    return [e for e in data if isinstance(e, dict) and isinstance(e.get("id", e.get("kind")), str)]


def _build_vocabulary(corpus: Corpus) -> None:
    vocab = corpus.vocab
    for e in _entries(corpus, "topics"):
        vocab.topics[e["id"]] = Topic(e["id"], _str(e.get("name")) or e["id"], _str(e.get("description")))
    for e in _entries(corpus, "bodies"):
        vocab.bodies[e["id"]] = Body(
            e["id"], _str(e.get("name")) or e["id"], _str(e.get("short")) or _str(e.get("name")) or e["id"],
            _str(e.get("level")), _str(e.get("region")), e.get("parent") if isinstance(e.get("parent"), str) else None,
        )
    for e in _entries(corpus, "forms"):
        vocab.forms[e["id"]] = Form(e["id"], _str(e.get("name")) or e["id"])
    for e in _entries(corpus, "kinds"):
        types = {
            t["id"]: _str(t.get("name")) or t["id"]
            for t in _list(e.get("types"))
            if isinstance(t, dict) and isinstance(t.get("id"), str)
        }
        vocab.kinds[e["id"]] = Kind(e["id"], _str(e.get("name")) or e["id"], _str(e.get("folder")) or e["id"], types)
    sections_yaml = corpus.vocab_yaml[f"{DATA}/sections.yml"]
    for index, e in enumerate(_entries(corpus, "sections")):
        specs = tuple(
            SectionSpec(
                s["name"],
                tuple(a for a in _list(s.get("aliases")) if isinstance(a, str)),
                s.get("position") if s.get("position") in ("first", "last") else None,
            )
            for s in _list(e.get("sections"))
            if isinstance(s, dict) and isinstance(s.get("name"), str)
        )
        vocab.section_rules.append(
            SectionRule(e["kind"], e.get("type") if isinstance(e.get("type"), str) else None, specs,
                        sections_yaml.line_of((index,)))
        )


# ---- documents ------------------------------------------------------------------------------------


def _load_document(root: Path, kind: Kind, md: Path, reporter: Reporter) -> Document | None:
    src_uri = f"{kind.folder}/{md.name}"
    path = f"{DOCS}/{src_uri}"
    doc = Document(id=md.stem, kind=kind.id, path=path, src_uri=src_uri)
    text, reason = read_text(md)
    if text is None:
        reporter.add("ZX101", path, 1, reason=reason)
        return doc
    if not text.strip():
        reporter.add("ZX104", path, 1)
        return doc
    split = split_front_matter(text)
    doc.text, doc.body_line = split.body, split.body_line
    if split.front_matter is None:
        reporter.add("ZX102", path, 1, problem="没有闭合的 --- 行" if split.unclosed else "文件开头没有 --- 行")
    else:
        doc.meta_yaml = parse_yaml(split.front_matter, split.front_matter_line)
        _report_yaml_issues(doc.meta_yaml, path, reporter)
        meta = doc.meta_yaml.data
        if meta is None and not doc.meta_yaml.issues:
            meta = {}
        if isinstance(meta, dict):
            doc.meta = meta
            _read_meta(doc, meta)
        elif meta is not None:
            reporter.add("ZX107", path, split.front_matter_line)
    doc.headings, doc.articles = outline.scan(doc.text, doc.body_line)
    data_path = f"{DATA}/{kind.folder}/{md.stem}.yml"
    if (root / data_path).is_file():
        doc.data_path = data_path
        doc.data_yaml = _load_yaml_file(root, data_path, reporter)
        data = doc.data_yaml.data
        if isinstance(data, dict):
            if kind.id == "plan":
                doc.items = _read_items(doc, data)
            elif kind.id == "summary":
                doc.summary = _read_summary(doc, data)
    return doc


def _read_meta(doc: Document, meta: dict) -> None:
    doc.title = _str(meta.get("title"))
    doc.type = meta.get("type") if isinstance(meta.get("type"), str) else None
    doc.body = meta.get("body") if isinstance(meta.get("body"), str) else None
    doc.date = parse_date(meta.get("date"))
    period = meta.get("period")
    doc.period = str(period) if isinstance(period, (str, int)) and not isinstance(period, bool) else None
    doc.topics = _str_list(meta.get("topics"))
    doc.sample = meta.get("sample") is True
    doc.sample_note = _str(meta.get("sample_note"))


def _read_items(doc: Document, data: dict) -> list[PlanItem]:
    items = []
    for index, raw in enumerate(_list(data.get("items"))):
        if not isinstance(raw, dict):
            continue
        items.append(
            PlanItem(
                plan=doc.id,
                id=str(raw.get("id", f"#{index + 1}")),
                title=_str(raw.get("title")),
                form=raw.get("form") if isinstance(raw.get("form"), str) else None,
                month=_int(raw.get("month")),
                quarter=_int(raw.get("quarter")),
                lead=_str(raw.get("lead")),
                departments=_str_list(raw.get("departments")),
                topics=_str_list(raw.get("topics")),
                summary=_str(raw.get("summary")),
                line=doc.data_line("items", index),
                index=index,
            )
        )
    return items


def _read_summary(doc: Document, data: dict) -> SummaryData:
    summary = SummaryData()
    raw = data.get("proposals")
    if isinstance(raw, dict):
        summary.proposals = Proposals(
            received=_int(raw.get("received")),
            filed=_int(raw.get("filed")),
            answered=_int(raw.get("answered")),
            answer_rate=_num(raw.get("answer_rate")),
            solved_rate=_num(raw.get("solved_rate")),
            satisfaction_rate=_num(raw.get("satisfaction_rate")),
        )
    summary.social_opinions = _int(data.get("social_opinions"))
    for raw in _list(data.get("figures")):
        if isinstance(raw, dict):
            summary.figures.append(Figure(_str(raw.get("label")), _num(raw.get("value")), _str(raw.get("unit"))))
    for index, raw in enumerate(_list(data.get("reports"))):
        if not isinstance(raw, dict):
            continue
        summary.reports.append(
            Report(
                summary=doc.id,
                item=_str(raw.get("item")),
                status=_str(raw.get("status")),
                date=parse_date(raw.get("date")),
                reason=_str(raw.get("reason")),
                merged_into=raw.get("merged_into") if isinstance(raw.get("merged_into"), str) else None,
                line=doc.data_line("reports", index),
                index=index,
            )
        )
    return summary


# ---- tolerant readers -----------------------------------------------------------------------------


def parse_date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _str(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _num(value) -> float | int | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _list(value) -> list:
    """A list as written, or [] for anything else (a wrong type is the schema check's finding)."""
    return value if isinstance(value, list) else []


def _str_list(value) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, str)]


def load_vocabulary(root: Path | str) -> Corpus:
    """A corpus with the vocabularies only (no documents): for tools such as `python -m zhengxie new`."""
    root = Path(root)
    reporter = Reporter(load_catalogue(root / DATA / "problems.yml"))
    corpus = Corpus(root=root, vocab=Vocabulary())
    for name in VOCAB_FILES:
        path = f"{DATA}/{name}.yml"
        corpus.vocab_yaml[path] = _load_yaml_file(root, path, reporter)
    _build_vocabulary(corpus)
    corpus.problems = reporter.problems
    corpus.reporter = reporter
    return corpus
