"""The seam between the core and a static-site engine: prepare → engine → finish.

`prepare` reads and checks the sources and returns the Site an engine renders (MkDocs today, through
hooks/mkdocs_hooks.py); `finish` writes what follows the pages. The Site of the running build is
kept here, so the engine's adapters (MkDocs' hooks, the mkdocs-macros module) reach the same one.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from zhengxie.build.afterbuild import AfterBuild, Job
from zhengxie.build.website import Site, search_enabled
from zhengxie.registry.problems import CatalogueError, Problem

__all__ = [
    "SetupError",
    "article_anchors",
    "background_job",
    "current",
    "failed",
    "finish",
    "log_problem",
    "page_rendered",
    "prepare",
    "search_enabled",
    "start",
    "theme_icon",
]

_log = logging.getLogger("mkdocs.plugins.zhengxie")
_ARTICLE_ID = re.compile(r'id="(article-[0-9]+)"')
_current: Site | None = None
_after_build: AfterBuild | None = None  # a live preview's background outputs


def start(serving: bool) -> None:
    """A new engine process: a live preview (`serving`) writes its outputs in the background."""
    global _after_build
    _after_build = AfterBuild(search_enabled(), report=_log.warning) if serving else None


class SetupError(Exception):
    """The site cannot be prepared at all (data/problems.yml unusable); the message is Chinese and
    names the file and line. The engine's adapter stops the build with it, without a traceback."""


def prepare(root: Path) -> Site:
    """The site of one build, read from the files under `root` (templates from overrides/)."""
    global _current
    if _after_build is not None:
        _after_build.cancel()  # a save: the running job's outputs would be stale
    try:
        _current = Site.load(Path(root), template_dir=Path(root) / "overrides", preview=_after_build is not None)
    except CatalogueError as error:
        raise SetupError(f"无法生成网站：{error}") from error
    return _current


def current() -> Site:
    if _current is None:
        raise RuntimeError("zhengxie: no build is being prepared (prepare() was not called)")
    return _current


def finish(site: Site, site_dir: Path, site_url: str | None) -> None:
    """Calendars, feeds, open data and the search index, after the engine wrote the pages; in a
    live preview in the background, so the saved page shows first."""
    if _after_build is not None:
        _after_build.start(site, Path(site_dir), site_url or "/")
    else:
        site.post_build(Path(site_dir), site_url=site_url)


def page_rendered(site: Site, src_uri: str, site_dir: Path) -> None:
    """The engine is about to write a page: a build may start its search index early (a live
    preview indexes in its background job)."""
    if _after_build is None:
        site.page_rendered(src_uri, Path(site_dir))


def failed() -> None:
    """The engine stopped with an error: whatever the build started stops too."""
    if _current is not None:
        _current.stop_indexing()


def background_job() -> Job | None:
    """The live preview's newest background job, if any."""
    return _after_build.latest if _after_build is not None else None


def log_problem(problem: Problem) -> None:
    (_log.error if problem.severity == "error" else _log.warning)(problem.format())


def article_anchors(html: str) -> set[str]:
    """The ids rule articles get after Markdown (model.articles): links to them are valid."""
    return set(_ARTICLE_ID.findall(html)) if 'id="article-' in html else set()


def theme_icon(name: object, theme_dirs: list[str]) -> bool:
    """Whether a front-matter `icon` names one of the theme's icons (Material: `material/pencil`)."""
    if not isinstance(name, str) or not name or ".." in name.split("/") or "\\" in name or name.startswith("/"):
        return False
    return any((Path(folder) / ".icons" / f"{name}.svg").is_file() for folder in theme_dirs)
