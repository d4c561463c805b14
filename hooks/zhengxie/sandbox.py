"""Renders the Jinja in Markdown content with nothing but the site's own macros.

mkdocs-macros renders pages with an unsandboxed Jinja environment that also exposes the MkDocs
config, the plugin and the machine's environment. Content comes from pull requests, so pages are
rendered here instead: a sandboxed, immutable environment whose only names are our macros, no
template loader (no {% include %} of files) and strict undefined names.
"""
from __future__ import annotations

from typing import Callable

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

MARKERS = ("{{", "{%", "{#")


class MacroRenderer:
    def __init__(self, macros: dict[str, Callable[[], str]]):
        self.env = ImmutableSandboxedEnvironment(
            undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True, loader=None
        )
        self.env.globals.clear()
        self.env.filters.clear()
        self.env.tests.clear()
        self.env.globals.update(macros)

    def render(self, markdown: str) -> str:
        """Raises jinja2 errors (including SecurityError) for the caller to report."""
        if not any(marker in markdown for marker in MARKERS):
            return markdown
        return self.env.from_string(markdown).render()
