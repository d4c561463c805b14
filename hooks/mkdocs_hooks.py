"""MkDocs adapter: the only module that knows MkDocs.

Each event hands MkDocs' objects to plain functions of the zhengxie core and passes the results
back. The corpus is loaded once per build in on_config, which replaces the module-level state (MkDocs
loads this file once per process and per path, and calls on_config on every `mkdocs serve` rebuild).
"""
from __future__ import annotations

import functools
import gc
import logging
import re
import sys
import types
from pathlib import Path

from markupsafe import Markup
from mkdocs.plugins import event_priority

from zhengxie import sanitize
from zhengxie.afterbuild import AfterBuild
from zhengxie.carry import Carry
from zhengxie.outputcache import OutputCache
from zhengxie.rebuild import Rebuilds
from zhengxie.site import Site, search_enabled
from zhengxie.templatecache import MemoryBytecodeCache

log = logging.getLogger("mkdocs.plugins.zhengxie")
site: Site | None = None
nav_pages: dict = {}  # src_uri -> the nav's Page, for pages outside the nav
plan = None  # under `mkdocs serve --dirty`: the pages this rebuild reads and writes (zhengxie.rebuild)
reused: set = set()  # src_uri of pages whose HTML comes from the output cache (zhengxie.outputcache)
_config = None  # this build's MkDocs config: which page it is working on when a warning is logged
# Whether this process serves a preview (`mkdocs serve`), and what it keeps across rebuilds (on_startup
# is called once per process): kept in sys.modules, so it outlives any reload of this file.
_process = sys.modules.setdefault("zhengxie_adapter_process", types.SimpleNamespace(serving=False))
_ARTICLE_ID = re.compile(r'id="(article-[0-9]+)"')


def on_startup(command, dirty):
    _process.serving = command == "serve"
    _process.dirty = dirty
    _process.rebuilds = None  # made in on_config, where the repository's root is known
    _process.after_build = AfterBuild(search_enabled(), report=log.warning) if _process.serving else None
    # A preview rebuilds in this process: the model's unchanged parts and compiled templates carry over.
    _process.carry = Carry() if _process.serving else None
    _process.templates = MemoryBytecodeCache() if _process.serving else None
    if _process.serving and dirty:  # MkDocs warns that dirty pages go stale; zhengxie.rebuild sees to it they do not
        logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "'dirty' build" not in record.getMessage())


def on_serve(server, config, builder):
    """While the preview rebuilds, the file watcher does not poll: MkDocs' watcher (watchdog's
    PollingObserver) walks docs/ and data/ every 0.5 s, about 0.1 s of CPU at 5000 documents that
    the rebuild would wait for. Each poll holds its emitter's lock, so the rebuild holds them all; a
    save made meanwhile is seen by the first poll after it (it compares with the poll before)."""
    build = server.builder

    def build_unpolled():
        locks = [lock for emitter in list(server.observer.emitters)
                 if (lock := getattr(emitter, "_lock", None)) is not None]
        for lock in locks:
            lock.acquire()
        try:
            build()
        finally:
            for lock in locks:
                lock.release()

    server.builder = build_unpolled
    return server


@event_priority(100)  # before mkdocs-macros sets up its renderer, which we replace
def on_config(config):
    global site, _config
    root = Path(config.config_file_path).parent
    if _process.serving:
        _process.after_build.cancel()  # a save: the running job's index would be stale, and the build wants the CPU
    # A live preview always renders: its pages show problems, and zhengxie.rebuild decides what to write.
    cache = None if _process.serving else OutputCache.open(root, Path(config.config_file_path), _settings(config))
    # The model lives as long as the build: the cyclic collector stays off while it is loaded and its
    # indexes are built (it would rescan the growing model again and again: about a third of a warm
    # load), then the model is frozen out of its reach until the build ends (on_post_build,
    # on_build_error: also after a failed one under `serve`).
    gc.disable()
    try:
        site = Site.load(root, template_dir=root / "overrides", preview=_process.serving, output_cache=cache,
                         carry=_process.carry if _process.serving else None)
    finally:
        gc.freeze()
        gc.enable()
    if _process.serving and _process.dirty and _process.rebuilds is None:
        _process.rebuilds = Rebuilds(root)
    _config = config
    reused.clear()
    _warnings.reset()
    logging.getLogger("mkdocs").addHandler(_warnings)
    config.markdown_extensions.extend(site.markdown_extensions())
    for problem in site.problems:
        _log(problem)
    macros = config.plugins.get("macros")
    if macros is not None:
        _neutralise(macros)
    return config


def _settings(config) -> dict:
    """The resolved settings that change output besides the config file (command-line options, !ENV),
    and the build date MkDocs gives templates (none prints it today; a stored page never outlives it)."""
    from mkdocs.utils import get_build_date

    return {"build_date": get_build_date(), "site_url": config.site_url,
            "use_directory_urls": config.use_directory_urls, "theme": config.theme.name, "docs_dir": str(Path(config.docs_dir).resolve()),
            "theme_dirs": tuple(str(Path(folder).resolve()) for folder in config.theme.dirs)}


class _PageWarnings(logging.Handler):
    """The pages whose own reading or rendering logged a warning or an error: they are not stored (a
    reused page would not repeat it). MkDocs names the page it works on (config._current_page);
    should it stop doing so, no page is stored after any warning."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.reset()

    def reset(self):
        self.pages: set = set()
        self.unattributable = False

    def emit(self, record):
        page = getattr(_config, "_current_page", _UNKNOWN)
        if page is _UNKNOWN:
            self.unattributable = True
        elif page is not None:
            self.pages.add(page.file.src_uri)

    def spoiled(self, src_uri: str) -> bool:
        return self.unattributable or src_uri in self.pages


_UNKNOWN = object()
_warnings = _PageWarnings()


def _neutralise(macros) -> None:
    """mkdocs-macros stays only as the event that hands us each page's Markdown.

    Its renderer evaluates Jinja with the MkDocs config in reach, and its on_config imports Python
    from the repository (main.py, `modules`, pluglets) and reads `include_yaml` files: content from a
    pull request must do none of this. Page bodies go to zhengxie.macros (calls of the site's
    macros, nothing evaluated); titles and other front-matter values are never rendered.
    """
    macros._load_modules = lambda: _no_module_functions(macros)
    macros._load_yaml = lambda: None
    macros.has_j2 = lambda text: False  # its only use: whether to render the page title
    macros.render = lambda markdown, force_rendering=False: _render_macros(macros.page, markdown)


def _no_module_functions(macros) -> None:
    macros._pre_macro_functions = []
    macros._post_macro_functions = []
    macros._post_build_functions = []


def _render_macros(page, markdown: str) -> str:
    if page.file.src_uri in reused:
        return markdown  # its stored HTML is used instead (on_page_read_source)
    text, problems = site.render_macros(page.file.src_uri, markdown)
    for problem in problems:
        _log(problem)
    return text


def _log(problem) -> None:
    (log.error if problem.severity == "error" else log.warning)(problem.format())


def on_files(files, config):
    from mkdocs.structure.files import File

    # MkDocs would publish every file in docs/ (following symlinks); only what the core accepted
    # goes out — refused files are the check's coded problems (ZX115–ZX120).
    for file in list(files):
        if file.src_dir == config.docs_dir and not site.publishable(file.src_uri):
            files.remove(file)
    for src_uri, content in site.generated_pages() + site.generated_assets():
        files.append(File.generated(config, src_uri, content=content))
    _keep_to_shard(files)
    return files


def _keep_to_shard(files) -> None:
    """In a shard build (ZX_SHARD=k/N) the other shards' pages and files stay in `files`, excluded:
    MkDocs neither renders nor copies them, but resolves links to them (logged at INFO, so --strict
    holds; the check validates every link over the whole corpus). Theme files go with the hub."""
    from mkdocs.structure.files import InclusionLevel

    for file in files:
        if not site.shard.publishes(file.src_uri):
            file.inclusion = InclusionLevel.EXCLUDED


def on_page_read_source(page, config):
    record = site.stored_page(page.file.src_uri)
    if record is not None:
        reused.add(page.file.src_uri)
        page.render = lambda config, files: _restore(page, record, files)  # instead of Markdown
    return site.page_source(page.file.src_uri)  # None: MkDocs reads the file as usual


def _restore(page, record: dict, files) -> None:
    """The page as its stored build left it after on_page_content: MkDocs validates anchors and
    renders the nav (titles) from it."""
    from mkdocs.structure.toc import AnchorLink, TableOfContents

    def links(items):
        found = []
        for title, anchor, level, children in items:
            link = AnchorLink(Markup(title), anchor, level)
            link.children = links(children)
            found.append(link)
        return found

    page.content = Markup(record["content"])
    page.toc = TableOfContents(links(record["toc"]))
    page._title_from_render = record["title_from_render"]
    if record["title"] is not None:
        page.title = Markup(record["title"]) if record["title_is_markup"] else record["title"]
    page.present_anchor_ids = set(record["anchors"])
    page.links_to_anchors = {files.get_file_from_path(uri): dict(anchors) for uri, anchors in record["links"].items()}


def _record(page) -> dict:
    def items(links):
        return [(str(link.title), link.id, link.level, items(link.children)) for link in links]

    title = page.__dict__.get("title")  # set on the page (nav title, or on_page_content), else derived
    return {"content": str(page.content), "toc": items(page.toc), "title_from_render": page._title_from_render,
            "title": None if title is None else str(title), "title_is_markup": isinstance(title, Markup),
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": {file.src_uri: dict(anchors) for file, anchors in (page.links_to_anchors or {}).items()}}


def on_nav(nav, config, files):
    global nav_pages, plan
    nav_pages = {item.file.src_uri: item for item in nav.pages}
    site.pages_in_nav(nav_pages)
    if _process.serving and _process.rebuilds is not None:
        pages = files.documentation_pages()
        plan = _process.rebuilds.plan(site, {f.src_uri: f.dest_uri for f in pages}, nav_pages)
        for file in files:  # MkDocs' --dirty reads, writes and copies only what is_modified() says
            if plan.decides(file.src_uri):
                file.is_modified = functools.partial(plan.must_build, file.src_uri)
        for src_uri, (title, meta) in plan.nav_kept.items():  # what the nav shows of pages not read again
            nav_pages[src_uri].title, nav_pages[src_uri].meta = title, meta
    return nav


def on_page_context(context, page, config, nav):
    if page.file.src_uri in reused:  # main.html then extends partials/zx/stored-page.html: nothing else renders
        context["zx_stored_page"] = Markup(site.stored_output(page.file.src_uri))
    context.update(site.page_context(page.file.src_uri))
    _mark_section(page, True)
    return context


@event_priority(-100)  # last: what is stored is what is written
def on_post_page(output, page, config):
    _mark_section(page, False)
    if page.file.src_uri not in reused and not _warnings.spoiled(page.file.src_uri):
        site.store_page(page.file.src_uri, lambda: _record(page), output)
    return output


def _mark_section(page, active: bool) -> None:
    """MkDocs marks the current page and its ancestors active for the theme; pages kept out of the
    nav have none, so their section's index page stands in (tabs and sidebar show where they are)."""
    section = nav_pages.get(site.section_page(page.file.src_uri))
    if section is not None:
        section.active = active


def on_env(env, config, files):
    # Every value a page template prints is escaped: titles, front matter (description goes into a
    # <meta>), data. Only HTML the core made safe is marked so (on_page_content): the page's
    # sanitized content, and the table of contents and <h1> titles reduced to escaped text.
    env.autoescape = True
    env.filters["zx_filter_value"] = sanitize.filter_value
    env.globals["zx_search_bundles"] = site.shard.bundles  # every page, 404 included, searches them all
    if _process.serving:
        env.bytecode_cache = _process.templates
    if plan is not None:
        plan.writing = True  # every page is read: from here on only the changed ones are written
        _process.rebuilds.remember_nav({uri: (page.title, page.meta) for uri, page in nav_pages.items()
                                        if page.markdown is not None})
    return env


def on_page_content(html, page, config, files):
    if page.meta and not site.allowed_template(page.meta.get("template")):
        del page.meta["template"]  # reported as ZX606 by the check
    if page.meta and "icon" in page.meta and not _theme_icon(page.meta["icon"], config.theme.dirs):
        del page.meta["icon"]  # Material includes .icons/<icon>.svg in the nav: any other name stops the build
    if page.file.src_uri in reused:
        return html  # restored as this hook left it (_restore)
    for item in _toc_items(page.toc):
        item.title = Markup(sanitize.text(item.title))
    if not (page.meta and page.meta.get("title")):
        page.title = Markup(sanitize.text(page.title or ""))  # MkDocs took it from the page's <h1>
    html = site.page_html(page.file.src_uri, html)
    # Rule articles get their ids (article-N) after Markdown; MkDocs validates links against the ids
    # it saw while converting, so it must hear of them too, or a link the check accepts fails the build.
    if 'id="article-' in html:
        page.present_anchor_ids = set(page.present_anchor_ids or ()) | set(_ARTICLE_ID.findall(html))
    return Markup(html)


def _theme_icon(name, theme_dirs) -> bool:
    """Whether a front-matter `icon` names one of the theme's icons (Material: `material/pencil`)."""
    if not isinstance(name, str) or not name or ".." in name.split("/") or "\\" in name or name.startswith("/"):
        return False
    return any((Path(folder) / ".icons" / f"{name}.svg").is_file() for folder in theme_dirs)


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)


def on_post_build(config):
    if plan is not None:
        plan.remove_stale(Path(config.site_dir))
        _process.rebuilds.built(plan)
    if _process.serving:  # the reload first; calendars, feeds, open data and search follow
        _process.after_build.start(site, Path(config.site_dir), config.site_url or "/")
    else:
        site.post_build(Path(config.site_dir), site_url=config.site_url)
    logging.getLogger("mkdocs").removeHandler(_warnings)
    gc.unfreeze()


def on_build_error(error):
    if plan is not None:
        _process.rebuilds.failed()
    if _process.serving:
        _process.carry.forget()
    logging.getLogger("mkdocs").removeHandler(_warnings)
    gc.unfreeze()
