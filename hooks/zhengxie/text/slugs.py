"""Heading anchors exactly as the site's Markdown makes them.

mkdocs.yml configures the toc extension with ``pymdownx.slugs.slugify(case="lower")``; the link check
calls the same slugify and the toc extension's own de-duplication (``_1``, ``_2`` …) on the text a
heading renders to, so the check and the site agree on every anchor without running Markdown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from markdown.extensions import toc
from pymdownx import slugs as pymdownx_slugs

# Inline Markdown that renders to markup around text: links/images keep their text, code keeps its content.
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_CODE = re.compile(r"(`+)(.+?)\1")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


_slugify: Callable[[str, str], str] = pymdownx_slugs.slugify(case="lower")


def slugify(text: str) -> str:
    """The anchor of a heading whose rendered text is `text` (as configured in mkdocs.yml)."""
    return _slugify(text, "-")


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


def unique(slug: str, used: set[str]) -> str:
    """The toc extension's de-duplication: a taken (or empty) id gets _1, _2 … appended."""
    anchor: str = toc.unique(slug, used)
    return anchor
