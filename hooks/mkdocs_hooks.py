"""MkDocs adapter: the only module that knows MkDocs.

Each event hands MkDocs' objects to plain functions of the zhengxie core and passes the results
back. The corpus is loaded once per build in on_config; MkDocs re-executes this file on every
config load (also on each `mkdocs serve` rebuild), so the module-level state starts fresh.
"""
from __future__ import annotations

import gc
import logging
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from zhengxie.site import Site

log = logging.getLogger("mkdocs.plugins.zhengxie")
site: Site | None = None
nav_pages: dict = {}  # src_uri -> the nav's Page, for pages outside the nav
_ARTICLE_ID = re.compile(r'id="(article-[0-9]+)"')


@event_priority(100)  # before mkdocs-macros sets up its renderer, which we replace
def on_config(config):
    global site
    root = Path(config.config_file_path).parent
    site = Site.load(root, template_dir=root / "overrides")
    # The model lives as long as the build: keep the cyclic collector from rescanning it while
    # MkDocs allocates pages (handed back after the build, also after a failed one under `serve`).
    gc.freeze()
    for problem in site.problems:
        _log(problem)
    macros = config.plugins.get("macros")
    if macros is not None:
        # mkdocs-macros' own renderer is not sandboxed: render with ours (see zhengxie.sandbox).
        macros.render = lambda markdown, force_rendering=False: _render_macros(macros.page, markdown)
    return config


def _render_macros(page, markdown: str) -> str:
    text, problems = site.render_macros(page.file.src_uri, markdown)
    for problem in problems:
        _log(problem)
    return text


def _log(problem) -> None:
    (log.error if problem.severity == "error" else log.warning)(problem.format())


def on_files(files, config):
    from mkdocs.structure.files import File

    for src_uri, content in site.generated_pages():
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_nav(nav, config, files):
    global nav_pages
    nav_pages = {item.file.src_uri: item for item in nav.pages}
    return nav


def on_page_context(context, page, config, nav):
    context.update(site.page_context(page.file.src_uri))
    _mark_section(page, True)
    return context


def on_post_page(output, page, config):
    _mark_section(page, False)
    return output


def _mark_section(page, active: bool) -> None:
    """MkDocs marks the current page and its ancestors active for the theme; pages kept out of the
    nav have none, so their section's index page stands in (tabs and sidebar show where they are)."""
    section = nav_pages.get(site.section_page(page.file.src_uri))
    if section is not None:
        section.active = active


def on_page_content(html, page, config, files):
    html = site.page_html(page.file.src_uri, html)
    # Rule articles get their ids (article-N) after Markdown; MkDocs validates links against the ids
    # it saw while converting, so it must hear of them too, or a link the check accepts fails the build.
    if 'id="article-' in html:
        page.present_anchor_ids = set(page.present_anchor_ids or ()) | set(_ARTICLE_ID.findall(html))
    return html


def on_post_build(config):
    site.post_build(Path(config.site_dir), site_url=config.site_url)
    gc.unfreeze()


def on_build_error(error):
    gc.unfreeze()
