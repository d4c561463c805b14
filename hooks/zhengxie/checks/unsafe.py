"""Unsafe content: template syntax beyond the site's macros, HTML the sanitizer would remove, and
page templates other than the site's own.

Template syntax (ZX602) is looked for with zhengxie.macros — the scanner the build substitutes
with — in the raw Markdown, code included (the build sees all of it), and in every front-matter
value (never rendered: a title is text).

HTML (ZX603 element, ZX604 attribute, ZX605 URL) is judged on what the page publishes: its Markdown
rendered as the build renders it, walked with the allowlist of zhengxie.sanitize, which the build
applies with nh3. Rendering costs, so only pages that can hold HTML the allowlist refuses are
rendered: those with `<` or `&`, an attribute list with `=`, or a link whose URL has a scheme other
than http(s)/mailto. Front-matter and data values are walked as they are (templates escape them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

from zhengxie.checks import scalars
from zhengxie.checks.pages import Page, line_col, pages
from zhengxie.markup import guide, macros, sanitize
from zhengxie.model.corpus import Corpus, KeyPath
from zhengxie.text.reading import YamlDoc

MARKERS = "{{ }}、{% %}、{# #}"
TEMPLATE_GLOB = "zx-*.html"  # the page templates of overrides/ a page may choose

_ATTR_LIST = re.compile(r"(?<!\{)\{(?![{%#])[^{}\n]*=")
# A link destination with a colon before it ends: [a](javascript:…), [r]: vbscript:…, [a](<java\nscript:…>)
_LINK_SCHEME = re.compile(r"(?:\]\(|^[ ]{0,3}\[[^\]\n]+\]:)\s*<?([^)>:\s][^)>:]{0,100}):", re.M)
CODES = {"element": "ZX603", "attribute": "ZX604", "url": "ZX605"}


def allowed_templates(root: Path) -> set[str]:
    """The page templates a page's front matter may name (overrides/zx-*.html)."""
    return {p.name for p in (Path(root) / "overrides").glob(TEMPLATE_GLOB)}


def check_unsafe(corpus: Corpus) -> None:
    renderer = None
    templates = allowed_templates(corpus.root)
    for page in pages(corpus).by_src_uri.values():
        allowed, raw = macros.allowed_on(corpus.vocab.macros_of(page.doc), page.is_guide)
        tokens = macros.scan(page.text, allowed, raw)
        _report_jinja(corpus, page, tokens, allowed)
        text = _without_macros(corpus, page.text, tokens)
        if needs_render(text):
            if renderer is None:
                from zhengxie.markup.markdown_html import Renderer

                renderer = Renderer(Path(corpus.root))
            _check_html(corpus, page, renderer.html(text))
        if page.meta:
            _check_front_matter(corpus, page, templates)
    for file, ydoc in corpus.vocab_yaml.items():
        _check_values(corpus, file, ydoc, ydoc.data)
    for doc in corpus.documents.values():
        if doc.data_yaml is not None and doc.data_path is not None:  # (a data file is read only with its path)
            _check_values(corpus, doc.data_path, doc.data_yaml, doc.data_yaml.data)


def needs_render(text: str) -> bool:
    """Whether the page's Markdown can produce HTML the allowlist refuses (a cheap, linear test)."""
    if "<" in text or "&" in text:
        return True
    if "{" in text and _ATTR_LIST.search(text):
        return True
    if "]" in text:
        for match in _LINK_SCHEME.finditer(text):
            scheme = sanitize.url_scheme(match.group(1) + ":")
            if scheme is not None and scheme not in sanitize.URL_SCHEMES:
                return True
    return False


def _without_macros(corpus: Corpus, text: str, tokens: list[macros.Token]) -> str:
    """The Markdown the build converts, minus macro output that comes from templates (escaped and
    sanitized there); the guide's lists are Markdown made from data/problems.yml and data/fields.yml,
    so they stay."""
    calls: dict[str, Callable[[], str]] = {name: (lambda: "") for name in macros.DOCUMENT_MACROS}
    calls["problem_codes"] = lambda: guide.problem_codes_markdown(corpus.reporter.catalogue)
    calls["fields_table"] = lambda: guide.fields_markdown(corpus.vocab)
    return macros.substitute(text, tokens, calls)


def _check_html(corpus: Corpus, page: Page, html: str) -> None:
    found = sanitize.removals(html)
    if not found:
        return
    places = _Places(page)
    for removal in found:
        line, column = places.locate(removal)
        corpus.reporter.add(CODES[removal.kind], page.path, line, column, **_params(removal))


class _Places:
    """Where removed markup most likely is in the Markdown (rendering loses positions): the first
    occurrence of its value or name after the previous finding (findings come in document order),
    outside code first — an unclosed fence hides nothing from the browser, so the raw text is
    searched next; the first body line when the source spells it otherwise."""

    def __init__(self, page: Page):
        self.page = page
        self.texts = (page.masked.lower(), page.text.lower())
        self.last = 0

    def locate(self, removal: sanitize.Removal) -> tuple[int, int | None]:
        for start in (self.last, 0):
            for needle in removal.needles:
                needle = needle.lower()
                for text in self.texts if needle else ():
                    offset = text.find(needle, start)
                    if offset >= 0:
                        self.last = offset + 1
                        return line_col(self.page.text, offset, self.page.body_line)
        return self.page.body_line, None


class _RemovalParams(TypedDict, total=False):
    """The catalogue's placeholders a removal fills (ZX603 tag; ZX604 attr, tag; ZX605 text, attr)."""

    tag: str
    attr: str
    text: str


def _params(removal: sanitize.Removal) -> _RemovalParams:
    if removal.kind == "element":
        return {"tag": removal.name}
    if removal.kind == "url":
        shown = removal.value if len(removal.value) <= 60 else removal.value[:57] + "…"
        return {"text": shown, "attr": removal.name}
    attr = removal.name if not removal.styles else f"{removal.name}（{removal.styles}）"
    return {"attr": attr, "tag": removal.tag}


def _report_jinja(corpus: Corpus, page: Page, tokens: list[macros.Token], allowed: tuple[str, ...]) -> None:
    shown_allowed = "、".join("{{ " + m + "() }}" for m in allowed) or "（本页不能使用模板）"
    for token in tokens:
        if token.kind != "forbidden":
            continue
        line, column = line_col(page.text, token.start, page.body_line)
        corpus.reporter.add(
            "ZX602", page.path, line, column, text=_short(token.text), allowed=shown_allowed, markers=MARKERS
        )


def _short(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "…"


def _check_front_matter(corpus: Corpus, page: Page, templates: set[str]) -> None:
    """Front-matter values are text: no template syntax (ZX602), no HTML the allowlist refuses, and
    `template` names one of the site's page templates (Material's others, e.g. redirect.html,
    would turn a value into a script or a redirect)."""
    ydoc = page.meta_yaml
    source = ydoc.text if ydoc is not None and ydoc.text else None
    for path, text in scalars.strings(page.meta) if source is None or macros.has_markers(source) else ():
        if macros.has_markers(text):
            for token in macros.scan(text):
                corpus.reporter.add(
                    "ZX602",
                    page.path,
                    _line(ydoc, path),
                    text=_short(token.text),
                    allowed="（文首元数据中不能使用模板）",
                    markers=MARKERS,
                )
    template = page.meta.get("template")
    if template is not None and str(template) not in templates:
        corpus.reporter.add(
            "ZX606",
            page.path,
            _line(ydoc, ("template",)),
            template=template,
            allowed="、".join(sorted(templates)) or "（无）",
        )
    _check_values(corpus, page.path, ydoc, page.meta)


def _line(ydoc: YamlDoc | None, path: KeyPath) -> int | None:
    return ydoc.line_of(path) if ydoc is not None else None


def _check_values(corpus: Corpus, file: str, ydoc: YamlDoc | None, data: object) -> None:
    if data is None or (ydoc is not None and ydoc.text and "<" not in ydoc.text and "&" not in ydoc.text):
        return
    for path, text in scalars.strings(data):
        if "<" in text or "&" in text:
            for removal in sanitize.removals(text):
                corpus.reporter.add(CODES[removal.kind], file, _line(ydoc, path), **_params(removal))
