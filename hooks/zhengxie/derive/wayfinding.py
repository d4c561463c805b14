"""Where a reader is and where to go next: breadcrumbs, related documents, previous/next.

Built once per build in one pass over the corpus (groups by body+year, by topic, by series and the
follow-through's plan↔summary links); a page then reads a few bounded slices, so the cost per page
does not grow with the corpus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import ClassVar

from zhengxie.derive.followthrough import FollowThrough
from zhengxie.markup.typography import year_label
from zhengxie.model import urls
from zhengxie.model.corpus import Corpus, Document

RELATED_LIMIT = 5  # documents per related group shown on a page


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str | None  # site-relative directory URL; None for the current page


@dataclass(frozen=True)
class RelatedGroup:
    label: str
    docs: tuple[Document, ...]  # of Document


@dataclass
class Around:
    """A document's place among its neighbours."""

    previous: Document | None = None
    next: Document | None = None
    related: list[RelatedGroup] = field(default_factory=list)  # of RelatedGroup, only non-empty


def _date_key(doc: Document) -> tuple[dt.date, int, str]:
    return (doc.date or dt.date.min, doc.year or 0, doc.id)


class Wayfinding:
    SECTION_NAMES: ClassVar[dict[str, str]] = {"topics": "专题", "years": "时间", "bodies": "机构"}

    def __init__(self, corpus: Corpus, follow: FollowThrough | None):
        self.corpus = corpus
        vocab = corpus.vocab
        newest = sorted(corpus.documents.values(), key=_date_key, reverse=True)
        by_body_year: dict[tuple[str, int], list[Document]] = {}
        by_topic: dict[str, list[Document]] = {}
        series: dict[tuple[str, str, str | None], list[Document]] = {}
        for doc in newest:
            if doc.body and doc.year:
                by_body_year.setdefault((doc.body, doc.year), []).append(doc)
            for topic_key in dict.fromkeys(doc.topics):
                by_topic.setdefault(topic_key, []).append(doc)
            if doc.body:
                series.setdefault((doc.body, doc.kind, doc.type), []).append(doc)
        # plan <-> summaries that report on its items (follow-through), each list newest first
        linked: dict[str, dict[str, Document]] = {}
        for summary_id, lines in follow.by_summary.items() if follow else ():
            summary = corpus.documents.get(summary_id)
            for line in lines:
                if line.plan is not None and summary is not None:
                    linked.setdefault(line.plan.id, {})[summary.id] = summary
                    linked.setdefault(summary.id, {})[line.plan.id] = line.plan

        self.around: dict[str, Around] = {}
        for doc in newest:
            self.around[doc.id] = Around()
        for docs in series.values():
            for older, newer in zip(docs[1:], docs, strict=False):  # newest first: docs[i+1] is older than docs[i]
                self.around[newer.id].previous = older
                self.around[older.id].next = newer
        for doc in newest:
            around = self.around[doc.id]
            groups: list[RelatedGroup] = []
            shown = {doc.id}  # a document appears once, in the first group that has it
            if doc.id in linked:
                other = sorted(linked[doc.id].values(), key=_date_key, reverse=True)[:RELATED_LIMIT]
                groups.append(RelatedGroup("落实情况报告" if doc.items else "所报告的协商计划", tuple(other)))
                shown |= {d.id for d in other}
            if doc.body and doc.year:
                same = _others(by_body_year.get((doc.body, doc.year), ()), doc, exclude=shown)
                if same:
                    body = vocab.bodies.get(doc.body)
                    groups.append(RelatedGroup(f"{body.short if body else doc.body} {doc.year} 年的其他文档", same))
                    shown |= {d.id for d in same}
            for topic_id in dict.fromkeys(doc.topics):
                same = _others(by_topic.get(topic_id, ()), doc, exclude=shown)
                if same:
                    topic = vocab.topics.get(topic_id)
                    groups.append(RelatedGroup(f"专题“{topic.name if topic else topic_id}”的其他文档", same))
                    shown |= {d.id for d in same}
            around.related = groups

    def of(self, doc: Document) -> Around:
        return self.around.get(doc.id) or Around()

    def breadcrumbs(self, src_uri: str, title: str) -> list[Crumb]:
        """栏目 › 机构 › 年份 › 文档 for a document; section › page for the other pages."""
        vocab = self.corpus.vocab
        crumbs = [Crumb("首页", "")]
        doc = self.corpus.by_src_uri.get(src_uri)
        if doc is not None:
            kind = vocab.kinds.get(doc.kind)
            if kind is not None:
                crumbs.append(Crumb(kind.name, f"{kind.folder}/"))
            if doc.body:
                body = vocab.bodies.get(doc.body)
                crumbs.append(Crumb(body.short if body else doc.body, urls.body_url(doc.body)))
            if doc.year:
                crumbs.append(Crumb(year_label(doc.year), urls.year_url(doc.year)))
            crumbs.append(Crumb(doc.title, None))
            return crumbs
        if src_uri == "index.md":
            return [Crumb("首页", None)]
        folder, _, rest = src_uri.partition("/")
        if rest and rest != "index.md":
            name = self.SECTION_NAMES.get(folder)
            if name is None:
                kind = next((k for k in vocab.kinds.values() if k.folder == folder), None)
                name = kind.name if kind else None
            if folder == "guide":
                name = "编辑指南"
            if name:
                crumbs.append(Crumb(name, f"{folder}/"))
        crumbs.append(Crumb(title, None))
        return crumbs


def _others(docs: Iterable[Document], doc: Document, exclude: AbstractSet[str] = frozenset()) -> tuple[Document, ...]:
    found: list[Document] = []
    for other in docs:
        if other.id != doc.id and other.id not in exclude:
            found.append(other)
            if len(found) == RELATED_LIMIT:
                break
    return tuple(found)
