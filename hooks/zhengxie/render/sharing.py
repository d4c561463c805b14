"""What a shared link shows: a page's description (meta description, og:description) and its Open
Graph type and dates.

The description is the page's own first paragraph as printed (tags removed, spaces joined), cut at
DESCRIPTION_CHARS characters with "…"; a document marked 示例 says so first. A page without a
paragraph is described by its title and the site's description.
"""

from __future__ import annotations

import html as html_lib
import re

from zhengxie.model.corpus import Document
from zhengxie.sources.history import FileDates

DESCRIPTION_CHARS = 120
ELLIPSIS = "…"
SAMPLE_PREFIX = "【示例】"

_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"[ \t\r\n\f]+")  # ASCII white space only: a 全角空格 is printed text
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_CJK_GAP = re.compile(rf"(?<={_CJK}) (?={_CJK})")  # a line break inside Chinese text is no space


def first_paragraph(html: str) -> str:
    """The text of the first paragraph with any text in `html` (the page's content, sanitized), or ""."""
    for match in _PARAGRAPH.finditer(html):
        text = _plain(match.group(1))
        if text:
            return text
    return ""


def _plain(fragment: str) -> str:
    text = _SPACE.sub(" ", html_lib.unescape(_TAG.sub("", fragment))).strip(" ")
    return _CJK_GAP.sub("", text)


def truncate(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def description(html: str, doc: Document | None, title: str, site_description: str, summary: str = "") -> str:
    """The page's description: its first paragraph, else the summary of what a generated page lists,
    else its title with the site's description."""
    text = first_paragraph(str(html)) or summary  # (a template hands over Markup: plain text from here on)
    if not text:
        text = "。".join(t for t in (_plain(title), site_description.strip()) if t)
    if doc is not None and doc.sample:
        text = SAMPLE_PREFIX + text
    return truncate(text)


def og_dates(dates: FileDates | None) -> dict[str, str]:
    """article:published_time / article:modified_time from the file's history, when known."""
    found: dict[str, str] = {}
    if dates is not None and dates.published is not None:
        found["article:published_time"] = dates.published.isoformat()
    if dates is not None and dates.updated is not None:
        found["article:modified_time"] = dates.updated.isoformat()
    return found


def body_summary(name: str, documents: int) -> str:
    return f"{name}的文档，共 {documents} 篇。"


def year_summary(year: int, issued: int, items: int) -> str:
    return f"{year}年印发的文档 {issued} 篇，协商计划安排在这一年的协商活动 {items} 项。"
