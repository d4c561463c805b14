"""Unsafe content: Jinja beyond the site's own macros, raw <script> (and other active HTML), on…=
event attributes and javascript: URLs.

Jinja is looked for in the raw Markdown, code included, because the macro renderer sees all of it:
documents may contain exactly {{ plan_items() }}, {{ summary_figures() }} and {{ follow_through() }};
guide pages may contain {{ problem_codes() }}, {{ fields_table() }} and {% raw %} … {% endraw %} (to show macros
literally); other pages none. HTML and URLs are looked for outside code, and in front-matter and
data values, which templates put into pages.
"""
from __future__ import annotations

import html
import re

from ..model import Corpus
from . import _values
from ._pages import Page, line_col, pages

DOCUMENT_MACROS = ("plan_items()", "summary_figures()", "follow_through()")
GUIDE_MACROS = ("problem_codes()", "fields_table()")
MARKERS = "{{ }}、{% %}、{# #}"

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\{%|\{#", re.S)
RAW_OPEN = re.compile(r"\{%-?\s*raw\s*-?%\}")
RAW_CLOSE = re.compile(r"\{%-?\s*endraw\s*-?%\}")
TAG = re.compile(r"<\s*(script|iframe|frame|frameset|object|embed|applet|base|meta)\b", re.I)
ELEMENT = re.compile(r"<[A-Za-z][^<>]*>|\{:?[^{}\n]*\}")
EVENT = re.compile(r"(?<![\w-])(on[a-z]+)\s*=", re.I)
SCRIPT_URL = re.compile(r"(?:java|vb)script\s*:", re.I)
HTML_VALUE = re.compile(
    r"<\s*(?:script|iframe|frame|frameset|object|embed|applet|base|meta)\b"
    r"|(?<![\w-])on[a-z]+\s*=|(?:java|vb)script\s*:", re.I)

# Every HTML_VALUE match also matches this cheaper pattern (used to skip whole files in one pass).
VALUE_PREFILTER = re.compile(r"[<&]|[oO][nN][a-zA-Z]+\s*=|[sS][cC][rR][iI][pP][tT]")


def check_unsafe(corpus: Corpus) -> None:
    report = corpus.reporter.add
    for page in pages(corpus).by_src_uri.values():
        if any(marker in page.text for marker in ("{{", "{%", "{#")):
            _check_jinja(corpus, page)
        raw = page.text
        has_tag = "<" in raw
        has_attrs = "{" in raw and "=" in raw
        lowered = raw.lower()
        has_script = "script" in lowered or "&#" in raw or "&colon" in lowered
        if has_tag or has_attrs or has_script:
            text = page.masked
            if has_tag:
                for match in TAG.finditer(text):
                    line, column = line_col(text, match.start(), page.body_line)
                    report("ZX603", page.path, line, column, tag=match.group(1).lower())
            if has_tag or has_attrs:
                for element in ELEMENT.finditer(text):
                    if "on" not in element.group(0).lower():
                        continue
                    for match in EVENT.finditer(element.group(0)):
                        line, column = line_col(text, element.start() + match.start(1), page.body_line)
                        report("ZX604", page.path, line, column, attr=match.group(1))
            if has_script:
                _check_script_urls(corpus, page, text)
        if page.meta:
            _check_values(corpus, page.path, page.meta_yaml, page.meta)
    for file, ydoc in corpus.vocab_yaml.items():
        _check_values(corpus, file, ydoc, ydoc.data)
    for doc in corpus.documents.values():
        if doc.data_yaml is not None:
            _check_values(corpus, doc.data_path, doc.data_yaml, doc.data_yaml.data)


def _check_script_urls(corpus: Corpus, page: Page, text: str) -> None:
    """javascript:/vbscript: URLs, also when spelled with character references (&#106;avascript&#58;)
    or with tabs and newlines that browsers drop from URLs."""
    if "&" not in text:
        for match in SCRIPT_URL.finditer(text):
            line, column = line_col(text, match.start(), page.body_line)
            corpus.reporter.add("ZX605", page.path, line, column, text=match.group(0))
        return
    for number, line in enumerate(text.split("\n"), page.body_line):
        decoded = html.unescape(line) if "&" in line else line
        decoded = decoded.replace("\t", "").replace("\r", "").replace("\n", "")
        for match in SCRIPT_URL.finditer(decoded):
            column = match.start() + 1 if decoded == line else None
            corpus.reporter.add("ZX605", page.path, number, column, text=match.group(0))


def _check_jinja(corpus: Corpus, page: Page) -> None:
    if page.doc is not None:
        allowed = DOCUMENT_MACROS
    elif page.is_guide:
        allowed = GUIDE_MACROS
    else:
        allowed = ()
    text = page.text
    raw_until = -1
    for match in JINJA.finditer(text):
        if match.start() < raw_until:
            continue
        token = match.group(0)
        if page.is_guide and page.doc is None and RAW_OPEN.fullmatch(token):
            close = RAW_CLOSE.search(text, match.end())
            if close is not None:
                raw_until = close.end()
                continue
        if token.startswith("{{") and token.endswith("}}") and len(token) > 4 and token[2:-2].strip() in allowed:
            continue
        line, column = line_col(text, match.start(), page.body_line)
        shown = token if len(token) <= 60 else token[:57] + "…"
        corpus.reporter.add("ZX602", page.path, line, column, text=shown.replace("\n", " "),
                            allowed="、".join("{{ " + m + " }}" for m in allowed) or "（本页不能使用模板）",
                            markers=MARKERS)


def _check_values(corpus: Corpus, file: str, ydoc, data) -> None:
    for path, match in _values.search(HTML_VALUE, ydoc, data, VALUE_PREFILTER):
        found = match.group(0)
        line = ydoc.line_of(path)
        if found.lstrip("<").strip().lower().startswith(("script", "iframe", "frame", "object", "embed", "applet", "base", "meta")) and found.startswith("<"):
            corpus.reporter.add("ZX603", file, line, tag=found.lstrip("<").strip().lower())
        elif SCRIPT_URL.fullmatch(found):
            corpus.reporter.add("ZX605", file, line, text=found)
        else:
            corpus.reporter.add("ZX604", file, line, attr=found.rstrip("= ").strip())
