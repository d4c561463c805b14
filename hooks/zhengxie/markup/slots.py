"""Macro fragments that skip Markdown: placeholders before conversion, the HTML after.

A macro's HTML (item cards, figure tables) inserted into the Markdown is raw HTML that
Python-Markdown and MkDocs' anchor scan both parse again, tag by tag: the largest cost of a large
build. Instead the Markdown gets a small placeholder holding empty anchors with the fragment's ids
(so MkDocs still validates links to #item-… anchors), and the HTML replaces it after conversion.
"""

from __future__ import annotations

import re

_ID = re.compile(r'\sid="([^"]+)"')
_SLOT = re.compile(r'<div class="zx-slot" data-zx-slot="(\d+)">.*?</div>', re.S)


class Slots:
    """Fragments of one page, in the order their placeholders were handed out."""

    def __init__(self) -> None:
        self.fragments: list[str] = []

    def placeholder(self, html: str) -> str:
        key = len(self.fragments)
        self.fragments.append(html)
        anchors = "".join(f'<a id="{anchor}"></a>' for anchor in _ID.findall(html))
        return f'<div class="zx-slot" data-zx-slot="{key}">{anchors}</div>'

    def fill(self, html: str) -> str:
        return _SLOT.sub(lambda m: self.fragments[int(m.group(1))], html)
