"""Atom feeds of new documents: all, per kind and per body, at stable paths under feeds/.

Built once per build from the model; each feed holds the newest FEED_LIMIT documents, so a feed's
size never grows with the archive, and each document is visited once per feed it belongs to (3).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from zhengxie.model.corpus import Corpus, Document
from zhengxie.model.fields import display
from zhengxie.render.header import ALERT_CHOICES

FOLDER = "feeds/"
ALL = f"{FOLDER}all.xml"
FEED_LIMIT = 50
SITE_NAME = "协商知识库"
# Characters XML 1.0 cannot hold (C0 controls but tab and newlines, surrogates, U+FFFE/U+FFFF):
# lxml refuses them, and a title or name may carry one (YAML's "\x01" escape), so feeds drop them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def kind_feed(kind_id: str) -> str:
    return f"{FOLDER}kind-{kind_id}.xml"


def body_feed(body_id: str) -> str:
    return f"{FOLDER}body-{body_id}.xml"


@dataclass(frozen=True)
class FeedLink:
    path: str  # site-relative
    title: str


def feeds_of(corpus: Corpus, doc: Document | None) -> list[FeedLink]:
    """The feeds a page links with <link rel="alternate">: all, plus the document's kind and body."""
    links = [FeedLink(ALL, f"{SITE_NAME}：全部文档")]
    if doc is not None:
        kind = corpus.vocab.kinds.get(doc.kind)
        links.append(FeedLink(kind_feed(doc.kind), f"{SITE_NAME}：{kind.name if kind else doc.kind}"))
        if doc.body:
            body = corpus.vocab.bodies.get(doc.body)
            links.append(FeedLink(body_feed(doc.body), f"{SITE_NAME}：{body.name if body else doc.body}"))
    return links


def feed_index(corpus: Corpus) -> list[FeedLink]:
    """Every feed build_feeds writes: all, each kind with documents, each body with documents."""
    found: dict[str, FeedLink] = {}
    for doc in corpus.documents.values():
        for link in feeds_of(corpus, doc):
            found.setdefault(link.path, link)
    return sorted(found.values(), key=lambda link: (link.path != ALL, link.path))


SAMPLE = "示例"
SAMPLE_NOTE = "本文部分细节为演示而编写，不是该单位的真实记录。"  # as the page says when no note is written


def status_text(corpus: Corpus, doc: Document) -> str:
    """已修订 / 已废止 as the page's 效力 row says it, for a rule that is no longer in force; else ""."""
    spec = corpus.vocab.fields.get("status")
    value = doc.fields.get("status")
    if spec is None or not isinstance(value, str) or value not in ALERT_CHOICES:
        return ""
    return display(spec, value)


def replacement(corpus: Corpus, doc: Document) -> Document | None:
    """The rule that replaces `doc` (superseded_by), when the corpus has it."""
    ref = doc.fields.get("superseded_by")
    return corpus.documents.get(ref) if isinstance(ref, str) else None


def entry_title(corpus: Corpus, doc: Document) -> str:
    """The title, and in brackets what a reader must not miss: 示例 (unless the title says it already)
    and a rule's status when it is no longer in force."""
    title = doc.title or doc.id
    marks = [SAMPLE] if doc.sample and SAMPLE not in title else []
    status = status_text(corpus, doc)
    if status:
        marks.append(status)
    return f"{title}（{'，'.join(marks)}）" if marks else title


def entry_summary(corpus: Corpus, doc: Document) -> str:
    """Type and body, then the rule's status and what replaces it, then the 示例 note."""
    body = corpus.vocab.bodies.get(doc.body) if doc.body else None
    parts = [corpus.vocab.type_name(doc.kind, doc.type)]
    if body:
        parts.append(body.name)
    summary = " · ".join(parts)
    status = status_text(corpus, doc)
    if status:
        new = replacement(corpus, doc)
        summary += f"。{status}" + (f"，已被《{new.title or new.id}》取代" if new else "")
    if doc.sample:
        summary += f"。{SAMPLE}：{doc.sample_note or SAMPLE_NOTE}"
    return summary


def _moment(doc: Document) -> dt.datetime:
    day = doc.date if isinstance(doc.date, dt.date) else dt.date(doc.year or 1970, 1, 1)
    return dt.datetime.combine(day, dt.time(), dt.UTC)


def _feed(path: str, title: str, docs: list[Document], base: str, corpus: Corpus) -> bytes:
    fg = FeedGenerator()
    fg.id(base + path)
    fg.title(_text(title))
    fg.author({"name": SITE_NAME})
    fg.link(href=base, rel="alternate")
    fg.link(href=base + path, rel="self")
    fg.language("zh")
    # Stable output: the feed is as new as its newest document, never the time of the build.
    fg.updated(_moment(docs[0]) if docs else dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    for doc in docs:
        entry = fg.add_entry(order="append")
        entry.id(base + doc.url)
        entry.title(_text(entry_title(corpus, doc)))
        entry.link(href=base + doc.url)
        entry.updated(_moment(doc))
        kind = corpus.vocab.kinds.get(doc.kind)
        entry.summary(_text(entry_summary(corpus, doc)))
        if kind:
            entry.category(term=doc.kind, label=_text(kind.name))
    atom: bytes = fg.atom_str(pretty=True)
    return atom


def build_feeds(corpus: Corpus, site_url: str) -> dict[str, bytes]:
    """{path: Atom XML} for feeds/all.xml, feeds/kind-<kind>.xml, feeds/body-<body>.xml."""
    base = site_url.rstrip("/") + "/"
    newest = sorted(corpus.documents.values(), key=lambda d: (_moment(d), d.id), reverse=True)
    groups: dict[str, list[Document]] = {ALL: []}
    titles = {ALL: f"{SITE_NAME}：全部文档"}
    for doc in newest:
        keys = [ALL, kind_feed(doc.kind)] + ([body_feed(doc.body)] if doc.body else [])
        for key in keys:
            docs = groups.setdefault(key, [])
            if len(docs) < FEED_LIMIT:
                docs.append(doc)
        for link in feeds_of(corpus, doc):
            titles.setdefault(link.path, link.title)
    return {path: _feed(path, titles[path], docs, base, corpus) for path, docs in groups.items()}
