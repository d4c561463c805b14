"""Markdown extension for Chinese text and readable tables (Python-Markdown, no MkDocs).

- A soft line break between two Chinese characters (or Chinese punctuation) is dropped: a browser
  renders the newline as a space, and "整理，\\n可以" would read "整理， 可以".
- Every table gets the shared class `zx-table` and each cell a `data-label` with its column's
  heading, so narrow screens can show a row as a card ("heading: value" lines) in CSS alone.

And the spacing rule for the text the site writes itself (docs/guide/reference.md, 排版): after the
Chinese copywriting guidelines (中文文案排版指北), a space between Chinese and half-width digits or Latin
letters — "列出 18 项", "2018 年", "第 2 页". `site_text` applies it and `year_label` writes a year
label. Never applied to what the original says (titles, 文号, dates, periods, times, figures): those are
shown as printed, and dates the site writes out from a recorded date follow the documents' own style
("2016年1月28日").
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

# CJK ideographs, CJK punctuation, full-width forms
_CJK = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
SOFT_BREAK = re.compile(rf"(?<={_CJK})[ \t]*\n[ \t]*(?={_CJK})")
_SKIP = {"pre", "code", "script", "style"}
# Between a 汉字 and a half-width digit or Latin letter, either way round (not before or after full-width
# punctuation, and not between a number and %: "完成率 50.0%").
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_MISSING_SPACE = re.compile(rf"(?<={_HAN})(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?={_HAN})")
TABLE_CLASS = "zx-table"
STACK_CLASS = "zx-table--stack"


def site_text(text: str) -> str:
    """The site's own words spaced by the rule: a space between Chinese and half-width digits or Latin.
    Only for text the site writes; never for text that carries the original's words."""
    return _MISSING_SPACE.sub(" ", text)


def missing_spaces(text: str) -> list[str]:
    """Where `text` breaks the rule: each place as the characters either side of it ("年18")."""
    return [text[max(m.start() - 1, 0) : m.start() + 1] for m in _MISSING_SPACE.finditer(text)]


def year_label(year: int) -> str:
    """A year as the site names it in headings, titles and breadcrumbs: "2018 年"."""
    return site_text(f"{year}年")


def join_cjk_lines(text: str) -> str:
    return SOFT_BREAK.sub("", text) if "\n" in text else text


def label_table(table: Element) -> None:
    """Add the shared class and each cell's column heading as data-label (for stacked rows)."""
    head = table.find("thead")
    labels = []
    if head is not None:
        row = head.find("tr")
        if row is not None:
            labels = ["".join(th.itertext()).strip() for th in row]
    classes = (table.get("class") or "").split()
    # Two columns fit a phone; wider tables become one card per row there.
    wanted = [TABLE_CLASS] + ([STACK_CLASS] if len(labels) > 2 else [])
    table.set("class", " ".join(classes + [c for c in wanted if c not in classes]))
    body = table.find("tbody")
    for row in body if body is not None else []:
        for label, cell in zip(labels, row, strict=False):
            if label and cell.get("data-label") is None:
                cell.set("data-label", label)


class _ReaderTreeprocessor(Treeprocessor):
    def run(self, root: Element) -> None:
        self._walk(root)

    def _walk(self, element: Element) -> None:
        if element.tag == "table":
            label_table(element)
        skip = element.tag in _SKIP
        if not skip and element.text:
            element.text = join_cjk_lines(element.text)
        for child in element:
            self._walk(child)
            if child.tail:  # the tail belongs to this element's text flow
                child.tail = join_cjk_lines(child.tail) if not skip else child.tail


class ReaderExtension(Extension):
    """Registered by the site adapter; priority after inline patterns (so text nodes are final)
    and before the raw-HTML placeholders are restored."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        md.treeprocessors.register(_ReaderTreeprocessor(md), "zx_reader", 5)


def makeExtension(**kwargs: object) -> ReaderExtension:  # noqa: N802 - Python-Markdown's entry point name
    return ReaderExtension(**kwargs)
