"""MkDocs adapter: wiring only, through MkDocs' documented events.

The build is "prepare → engine → finish": on_config prepares the site from the sources
(zhengxie.build.engine.prepare), MkDocs renders the pages, on_post_build finishes the outputs
(calendars, feeds, open data, search). Every decision is the core's; this file hands MkDocs' objects
to it and passes the results back. Macro calls are replaced by hooks/zhengxie_macros.py, the module
mkdocs-macros loads; no page is ever rendered as a template.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from zhengxie.build import engine
from zhengxie.markup import sanitize
from zhengxie.render import templates

_section_pages: dict[str, Page] = {}  # src_uri -> the nav's page, for pages kept out of the nav


def on_startup(command: str, dirty: bool) -> None:
    engine.start(serving=command == "serve")


@event_priority(100)  # before mkdocs-macros loads hooks/zhengxie_macros.py, which reads the prepared site
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        site = engine.prepare(Path(config.config_file_path).parent)
    except engine.SetupError as error:  # MkDocs logs a PluginError's message and stops, no traceback
        raise PluginError(str(error)) from None
    config.markdown_extensions.extend(site.markdown_extensions())
    for problem in site.problems:
        engine.log_problem(problem)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = engine.current()
    # Only what the core accepted is published; refused files are the check's problems (ZX115–ZX120;
    # a symlink under overrides/ is ZX116 too).
    for file in list(files):
        if file.src_dir is not None and not site.publishes(file.src_dir, file.src_uri):
            files.remove(file)
    for src_uri, content in site.generated_pages() + site.generated_assets():
        files.append(File.generated(config, src_uri, content=content))
    for file in files:  # a shard build renders its own pages; links to the others still resolve
        if not site.shard.publishes(file.src_uri):
            file.inclusion = InclusionLevel.EXCLUDED
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global _section_pages
    _section_pages = {page.file.src_uri: page for page in nav.pages}
    return nav


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    return engine.current().page_source(page.file.src_uri)  # None: MkDocs reads the file as usual


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    context.update(engine.current().page_context(page.file.src_uri))
    _mark_section(page, True)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _mark_section(page, False)
    engine.page_rendered(engine.current(), page.file.src_uri, Path(config.site_dir))
    return output


def _mark_section(page: Page, active: bool) -> None:
    """Documents and generated pages are kept out of the nav (it would grow with the corpus), so
    their section's index page is marked active instead: tabs and sidebar show where they are."""
    section = _section_pages.get(engine.current().section_page(page.file.src_uri) or "")
    if section is not None:
        section.active = active


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.autoescape = True  # every value a template prints is escaped; only sanitized HTML is Markup
    env.loader = templates.unlinked(env.loader)  # a template linked elsewhere is never rendered (ZX116)
    env.filters["zx_filter_value"] = sanitize.filter_value
    env.globals["zx_search_bundles"] = engine.current().shard.bundles
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> Markup:
    site = engine.current()
    if page.meta and not site.allowed_template(page.meta.get("template")):
        del page.meta["template"]  # reported as ZX606 by the check
    if page.meta and "icon" in page.meta and not engine.theme_icon(page.meta["icon"], config.theme.dirs):
        del page.meta["icon"]  # Material would stop the build on an icon it does not have
    # (S704: what is marked safe below is the sanitizer's output)
    for item in _toc_items(page.toc):
        item.title = Markup(sanitize.text(item.title))  # noqa: S704
    if not (page.meta and page.meta.get("title")):
        page.title = Markup(sanitize.text(page.title or ""))  # noqa: S704  # MkDocs took it from the page's <h1>
    html = site.page_html(page.file.src_uri, html)
    # Rule articles get their ids after Markdown: MkDocs validates links against the ids it saw.
    page.present_anchor_ids = set(page.present_anchor_ids or ()) | engine.article_anchors(html)
    return Markup(html)  # noqa: S704  # page_html's last step is sanitize.clean


def _toc_items(items: Iterable[AnchorLink]) -> Iterator[AnchorLink]:
    for item in items:
        yield item
        yield from _toc_items(item.children)


def on_post_build(config: MkDocsConfig) -> None:
    engine.finish(engine.current(), Path(config.site_dir), config.site_url)


def on_build_error(error: Exception) -> None:
    engine.failed()
