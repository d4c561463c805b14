"""The module mkdocs-macros loads (mkdocs.yml: `module_name: hooks/zhengxie_macros`).

Through its documented module interface only: `define_env` gives Jinja nothing (no variables,
macros or filters), and `on_pre_page_macros` replaces the page's calls of the site's macros with
their output (zhengxie.markup.macros: calls are matched, nothing is evaluated) and switches the
page's rendering off (`render_macros: false`, which mkdocs-macros documents as taking precedence
over everything else), so no content is ever evaluated as a template. mkdocs.yml also names no
`modules` and no `include_yaml`, and this module replaces the repository's `main.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zhengxie.build import engine

if TYPE_CHECKING:
    from mkdocs_macros.plugin import MacrosPlugin


def define_env(env: MacrosPlugin) -> None:
    """Nothing for templates: the site's macros are substituted, never rendered."""


def on_pre_page_macros(env: MacrosPlugin) -> None:
    page = env.page
    text, problems = engine.current().render_macros(page.file.src_uri, env.markdown)
    for problem in problems:
        engine.log_problem(problem)
    env.markdown = text
    if page.meta is not None:
        page.meta["render_macros"] = False
