"""Every Markdown page under docs/ — documents and the other pages (home, section indexes, guide).

The link, residue and unsafe-content checks read all pages, not only documents. Pages are listed
once per run (one directory walk) and each page's derived text — code blanked out, anchors — is
computed at most once, on first use, so a run stays linear in the size of the corpus.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from zhengxie.model import articles
from zhengxie.model.corpus import Corpus, Document
from zhengxie.model.urls import GUIDE_FOLDER
from zhengxie.sources.loader import DOCS
from zhengxie.text.reading import ReadIssue, YamlDoc, parse_yaml, read_source, split_front_matter

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_HEADING_ATTRS = re.compile(r"[ \t]*\{:?([^}\n]*)\}[ \t]*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}#]+)")
_BLOCK_ATTRS = re.compile(r"\{:?([^}\n]*#[^}\n]*)\}")
_HTML_ID = re.compile(r"""<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*["']([^"']+)["']""")
_MACRO_PLAN_ITEMS = re.compile(r"\{\{\s*plan_items\(\)\s*\}\}")
_MACRO_PROBLEM_CODES = re.compile(r"\{\{\s*problem_codes\(\)\s*\}\}")


def mask_code(text: str) -> str:
    """`text` with fenced code blocks and inline code spans blanked (same lines and columns)."""
    if "`" not in text and "~~~" not in text:
        return text
    out = []
    fence = None
    for line in text.split("\n"):
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
            out.append(" " * len(line))
            continue
        match = _FENCE.match(line)
        if match:
            fence = match.group(1)
            out.append(" " * len(line))
            continue
        if "`" in line:
            line = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        out.append(line)
    return "\n".join(out)


def line_col(text: str, offset: int, first_line: int) -> tuple[int, int]:
    """1-based (line, column) of `offset` in `text` whose first line is `first_line`."""
    line_start = text.rfind("\n", 0, offset) + 1
    return first_line + text.count("\n", 0, offset), offset - line_start + 1


def data_unread(doc: Document | None) -> bool:
    """A document whose data file exists but could not be read as a mapping (a YAML slip, not UTF-8,
    empty …): that file's own problem says why, and what its items, anchors and figures would have
    been is unknown — a check must not report each of them again as missing."""
    if doc is None or doc.data_path is None:
        return False
    return doc.data_yaml is None or not isinstance(doc.data_yaml.data, dict)


@dataclass
class Page:
    src_uri: str  # docs-relative, e.g. plans/2018-luoyang-consultation-plan.md
    path: str  # repo-relative, e.g. docs/plans/2018-luoyang-consultation-plan.md
    text: str  # the body after the front matter
    body_line: int
    meta: dict[object, object] = field(default_factory=dict)
    meta_yaml: YamlDoc | None = None
    doc: Document | None = None
    unreadable: ReadIssue | None = None  # why the file was not read (not UTF-8, too big …), or None

    @property
    def is_guide(self) -> bool:
        return self.src_uri.startswith(GUIDE_FOLDER)

    @cached_property
    def masked(self) -> str:
        return mask_code(self.text)

    def anchors(self, corpus: Corpus) -> set[str]:
        """Every id the rendered page has: heading slugs, explicit ids and macro-made anchors."""
        cached = self.__dict__.get("_anchors")
        if not isinstance(cached, set):
            cached = self.__dict__["_anchors"] = _anchors(self, corpus)
        return cached


def _anchors(page: Page, corpus: Corpus) -> set[str]:
    explicit: set[str] = set()
    headings: list[str] = []
    masked = page.masked
    for line in masked.split("\n"):
        if line.startswith("#"):
            match = _HEADING.match(line)
            if match:
                text = match.group(2)
                attrs = _HEADING_ATTRS.search(text)
                if attrs:
                    ids = _ATTR_ID.findall(attrs.group(1))
                    if ids:
                        explicit.add(ids[-1])
                        continue
                    text = text[: attrs.start()]
                headings.append(text)
                continue
        if "{" in line and "#" in line:
            for attrs in _BLOCK_ATTRS.findall(line):
                explicit.update(_ATTR_ID.findall(attrs))
        if "<" in line and "=" in line:
            explicit.update(_HTML_ID.findall(line))
    used = set(explicit)
    from zhengxie.text import slugs  # Markdown's toc and pymdownx: imported when a link names an anchor

    for text in headings:
        slugs.unique(_heading_slug(text), used)
    doc = page.doc
    if doc is not None:
        if doc.items and _MACRO_PLAN_ITEMS.search(page.text):
            used.update(item.anchor for item in doc.items)
        if corpus.vocab.has_behaviour(doc, articles.BEHAVIOUR):
            used.update(articles.article_anchor(a.number) for a in doc.articles if a.number)
    elif page.is_guide and _MACRO_PROBLEM_CODES.search(page.text):
        used.update(code.lower() for code in corpus.reporter.catalogue)
    return used


@functools.lru_cache(maxsize=4096)
def _heading_slug(text: str) -> str:
    """Headings repeat from document to document (一、指导思想 …): each slugified once."""
    from zhengxie.text import slugs

    return slugs.heading_slug(text)


@dataclass
class Pages:
    by_src_uri: dict[str, Page]  # every .md under docs/ this run reads (all but unloaded documents)
    files: set[str]  # src_uri of every other file under docs/ (images, css …)
    folders: set[str]  # every folder under docs/ (docs-relative, no trailing slash)
    all: set[str] = field(default_factory=set)  # src_uri of every page, read or not: what a link may reach


def check_cache(corpus: Corpus) -> dict[str, object]:
    """What the checks of this run keep with the corpus (its pages, the links found on them)."""
    cache = corpus.__dict__.get("_check_cache")
    if not isinstance(cache, dict):
        cache = corpus.__dict__["_check_cache"] = {}
    return cache


def pages(corpus: Corpus) -> Pages:
    """All pages of this run's corpus, built on first use and kept with the corpus."""
    cache = check_cache(corpus)
    found = cache.get("pages")
    if not isinstance(found, Pages):
        found = cache["pages"] = _scan(corpus)
    return found


def _scan(corpus: Corpus) -> Pages:
    """The pages and files discovery accepted (refused ones are reported there and never read)."""
    docs_dir = Path(corpus.root) / DOCS
    listing = corpus.listing
    by_src_uri: dict[str, Page] = {}
    documents = corpus.by_src_uri
    unloaded = {entry.src_uri for entry in corpus.entries} - documents.keys()  # an incremental run's
    for src_uri in listing.pages:
        doc = documents.get(src_uri)
        if doc is not None:
            by_src_uri[src_uri] = Page(src_uri, doc.path, doc.text, doc.body_line, doc.meta, doc.meta_yaml, doc)
        elif src_uri not in unloaded and src_uri not in corpus.unread:
            by_src_uri[src_uri] = _read_page(Path(corpus.root), docs_dir, src_uri)
    return Pages(by_src_uri, set(listing.files), set(listing.folders), set(listing.pages))


def _read_page(root: Path, docs_dir: Path, src_uri: str) -> Page:
    path = f"{DOCS}/{src_uri}"
    text, issue = read_source(docs_dir / src_uri, root)
    if text is None:
        return Page(src_uri, path, "", 1, unreadable=issue)
    split = split_front_matter(text)
    page = Page(src_uri, path, split.body, split.body_line)
    if split.front_matter is not None:
        page.meta_yaml = parse_yaml(split.front_matter, split.front_matter_line)
        if isinstance(page.meta_yaml.data, dict):
            page.meta = page.meta_yaml.data
    return page
