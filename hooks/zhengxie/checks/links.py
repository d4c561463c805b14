"""Links in every page under docs/ (documents, indexes, guide): a relative link must reach an
existing .md page (or another file under docs/), and its #anchor must exist on that page — heading
slugs as the site makes them, explicit {#ids}, plan items (#item-<id>) and rule articles
(#article-<n>). Near misses get a "did you mean". Links inside code are not links and are skipped.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from urllib.parse import unquote

from zhengxie.checks import wording
from zhengxie.checks.pages import Page, Pages, check_cache, data_unread, line_col, pages
from zhengxie.derive.generated import known_urls
from zhengxie.model.corpus import Corpus

# [text](target "title") and ![alt](target); the target may be wrapped in <>.
INLINE = re.compile(
    r"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(<[^>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)"
)
REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")

Link = tuple[str, int, int]  # (target, line, column)
Found = tuple[str, int, list[Link]]  # (page text, its first line, the links on it)


def check_links(corpus: Corpus) -> None:
    site = pages(corpus)
    generated = known_urls(corpus)
    found = links_found(corpus)
    for page in site.by_src_uri.values():
        for target, line, column in links_of(page, found):
            _check_link(corpus, site, generated, page, target, line, column)


def links_found(corpus: Corpus) -> dict[str, Found]:
    """src_uri -> (text, first line, its links) of the pages whose links this run found."""
    cache = check_cache(corpus)
    found = cache.get("links")
    if not isinstance(found, dict):
        found = cache["links"] = {}
    return found


def links_of(page: Page, found: dict[str, Found] | None = None) -> list[Link]:
    """(target, line, column) of every link on the page, code excluded. With `found` (links_found),
    a page's links are found once per text."""
    if found is None:
        return list(_links_of(page))
    known = found.get(page.src_uri)
    if known is None or known[0] != page.text or known[1] != page.body_line:
        known = found[page.src_uri] = (page.text, page.body_line, list(_links_of(page)))
    return known[2]


def _links_of(page: Page) -> Iterator[Link]:
    text = page.masked
    if "](" not in text and "]:" not in text:
        return
    for pattern in (INLINE, REFERENCE):
        for match in pattern.finditer(text):
            target = match.group(1)
            start = match.start(1)
            if target.startswith("<"):
                target, start = target[1:-1], start + 1
            line, column = line_col(text, start, page.body_line)
            yield target.strip(), line, column


def resolve(page: Page, target: str) -> tuple[str, str] | None:
    """(docs-relative path, #fragment) a relative link points at; ("", fragment) for the page itself;
    None for external, site-absolute or empty links."""
    if not target or target.startswith(("//", "/")) or SCHEME.match(target):
        return None
    path, _, fragment = target.partition("#")
    path = unquote(path.split("?", 1)[0])
    if not path:
        return "", unquote(fragment)
    return posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path)), unquote(fragment)


def _check_link(
    corpus: Corpus, site: Pages, generated: set[str], page: Page, target: str, line: int, column: int
) -> None:
    report = corpus.reporter.add
    if not target or target.startswith("//") or SCHEME.match(target):
        return  # external (javascript: and the like are the unsafe check's business)
    if target.startswith("/"):
        report("ZX507", page.path, line, column, target=target)
        return
    resolution = resolve(page, target)
    if resolution is None:  # external, site-absolute or empty: answered above
        return
    resolved, fragment = resolution
    if not resolved:
        if fragment:
            _check_anchor(corpus, page, page, target, fragment, line, column)
        return
    base = posixpath.dirname(page.src_uri)
    for candidate in (resolved, resolved + ".md", resolved.rstrip("/") + "/index.md"):
        corpus.note_dependency(page.path, f"docs/{candidate}")
    if resolved == ".." or resolved.startswith("../"):
        report("ZX505", page.path, line, column, target=target, did_you_mean="")
        return
    if resolved.endswith(".md"):
        if resolved in site.all:
            if fragment:
                _check_anchor(corpus, page, site.by_src_uri[resolved], target, fragment, line, column)
            return
        if _is_generated(resolved, generated):
            return  # a page generated from the model (topics, bodies, years): its anchors are not known here
        report(
            "ZX505",
            page.path,
            line,
            column,
            target=target,
            did_you_mean=wording.suggest(_closest_page(site, base, resolved)),
        )
        return
    if resolved in site.files:
        return
    as_page = next(
        (c for c in (resolved + ".md", resolved + "/index.md", resolved.rstrip("/") + "/index.md") if c in site.all),
        None,
    )
    if as_page is not None or resolved in site.folders or resolved == ".":
        suggestion = _relative(base, as_page or posixpath.join(resolved, "index.md"))
        report("ZX508", page.path, line, column, target=target, did_you_mean=wording.suggest(suggestion))
        return
    if (resolved.rstrip("/") + "/") in generated:
        report("ZX508", page.path, line, column, target=target, did_you_mean="")
        return
    report(
        "ZX505",
        page.path,
        line,
        column,
        target=target,
        did_you_mean=wording.suggest(_closest_page(site, base, resolved)),
    )


def _check_anchor(
    corpus: Corpus, page: Page, destination: Page, target: str, anchor: str, line: int, column: int
) -> None:
    anchors = destination.anchors(corpus)
    if anchor in anchors or data_unread(destination.doc):  # (the data file's problem says why)
        return
    corpus.reporter.add(
        "ZX506",
        page.path,
        line,
        column,
        target=target,
        anchor=anchor,
        page=destination.path,
        did_you_mean=wording.did_you_mean(anchor, anchors),
    )


def _relative(base: str, src_uri: str) -> str:
    return posixpath.relpath(src_uri, base or ".")


def _closest_page(site: Pages, base: str, resolved: str) -> str | None:
    """The existing page whose path is closest to the broken one, written relative to the linking page."""
    folder = posixpath.dirname(resolved)
    name = posixpath.basename(resolved)
    if not name.endswith(".md"):
        name += ".md"
    siblings = [
        src[len(folder) + 1 :] if folder else src for src in sorted(site.all) if posixpath.dirname(src) == folder
    ]
    match = wording.closest(name, siblings)
    if match is None:
        return None
    return _relative(base, posixpath.join(folder, match) if folder else match)


def _is_generated(resolved_md: str, generated: set[str]) -> bool:
    stem = resolved_md[: -len(".md")]
    if stem.endswith("/index") or stem == "index":
        stem = stem[: -len("index")].rstrip("/")
    return (stem + "/") in generated
