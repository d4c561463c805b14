"""Heading anchors exactly as the site's Markdown makes them.

mkdocs.yml configures the toc extension with ``pymdownx.slugs.slugify(case="lower")``; this module
reproduces that slug (NFC-normalise, strip tags, lower-case, drop everything but word characters,
hyphens and spaces, spaces → "-") and the toc extension's de-duplication (``_1``, ``_2`` …) without
importing Markdown, so the link check and the site agree on every anchor.
"""
from __future__ import annotations

import html
import re
import unicodedata

_TAGS = re.compile(r"</?[^>]*>")
_INVALID = re.compile(r"[^\w\- ]")
_IDCOUNT = re.compile(r"^(.*)_([0-9]+)$")
# Inline Markdown that renders to markup around text: links/images keep their text, code keeps its content.
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_CODE = re.compile(r"(`+)(.+?)\1")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


def slugify(text: str) -> str:
    """pymdownx.slugs.slugify(case="lower") applied to already-rendered heading text."""
    slug = _TAGS.sub("", unicodedata.normalize("NFC", text)).strip().lower()
    return _INVALID.sub("", slug).replace(" ", "-")


def heading_text(markdown: str) -> str:
    """The text a heading renders to (inline markup removed), which is what toc slugifies."""
    text = _CODE.sub(lambda m: m.group(2).strip(), markdown)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    for _ in range(2):
        text = _EMPHASIS.sub(r"\2", text)
    text = _ESCAPE.sub(r"\1", text)
    return html.unescape(text)


def heading_slug(markdown: str) -> str:
    return slugify(heading_text(markdown))


def unique(slug: str, used: set) -> str:
    """The toc extension's de-duplication: a taken (or empty) id gets _1, _2 … appended."""
    if slug in used or not slug:
        match = _IDCOUNT.match(slug)
        base, count = (match.group(1), int(match.group(2))) if match else (slug, 0)
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        slug = f"{base}_{count}"
    used.add(slug)
    return slug
