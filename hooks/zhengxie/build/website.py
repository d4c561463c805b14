"""The site as a whole, for whichever static-site builder drives it.

`Site` is what the MkDocs adapter talks to: it loads and validates the corpus once, renders the
macros of a page, lists the generated index pages, supplies template context and post-processes
page HTML. It takes and returns plain strings and paths, never MkDocs objects.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from zhengxie.build.validate import validate
from zhengxie.derive import generated as pages
from zhengxie.derive.followpages import FollowPage, FollowPages
from zhengxie.derive.followthrough import FollowThrough, ReportLine
from zhengxie.derive.indexes import BodyEntry, Indexes, TopicEntry, YearEntry
from zhengxie.derive.indexnumbers import index_numbers
from zhengxie.derive.listings import ListingPage, Listings
from zhengxie.derive.series import BodyFigures, Series, Statistics
from zhengxie.derive.wayfinding import Around, Crumb, Wayfinding
from zhengxie.markup import guide, macros, sanitize
from zhengxie.markup.slots import Slots
from zhengxie.markup.typography import ReaderExtension
from zhengxie.model import articles, urls
from zhengxie.model.corpus import DOCS, Corpus, Document, KeptAsPrinted, Measure, Waived
from zhengxie.model.portal import Portal
from zhengxie.outputs import cms, feeds, opendata
from zhengxie.outputs import ical as calendar
from zhengxie.outputs.feeds import FeedLink
from zhengxie.outputs.search import Indexing, SearchMeta
from zhengxie.registry.problems import Problem
from zhengxie.render import charts, header, printmarks, sharing
from zhengxie.render.views import Views
from zhengxie.shards import partition as shards
from zhengxie.sources.discovery import THEME
from zhengxie.sources.history import FileDates, History, read_history
from zhengxie.text.reading import NOT_READ


def search_enabled() -> bool:
    """ZX_SEARCH=0 leaves the search index out (tests and the bench time it on its own)."""
    return os.environ.get("ZX_SEARCH", "1") != "0"


def write_files(site_dir: Path, files: dict[str, bytes]) -> None:
    for path, content in files.items():
        target = Path(site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


@dataclass
class Site:
    root: Path
    corpus: Corpus
    problems: list[Problem]
    views: Views
    _slots: dict[str, Slots] = field(default_factory=dict)  # src_uri -> Slots, from macros to page_html
    preview: bool = False  # a live preview (mkdocs serve): pages show their documents' problems
    shard: shards.ShardView = field(default_factory=shards.ShardView)  # the whole site unless ZX_SHARD=k/N
    _chrome: dict[tuple[object, ...], str] = field(
        default_factory=dict
    )  # parts of the page frame rendered once, for this build only
    _nav_urls: tuple[str, ...] | None = None  # the URLs of the nav's pages (this build's nav)
    history: History = field(default_factory=History)  # 发布日期 / 更新日期 of docs/ (git), read once per build
    _unwritten: set[str] | None = None  # document pages of this build not yet written (see page_rendered)
    _indexing: Indexing | None = None  # the search index of this build, once started

    @classmethod
    def load(cls, root: Path, template_dir: Path, preview: bool = False) -> Site:
        """Read and check the whole corpus from its files: every build starts from the sources."""
        corpus, problems = validate(root)
        shard, problem = shards.ShardView.from_env(root, corpus)
        return cls(
            root=root,
            corpus=corpus,
            problems=problems + ([problem] if problem else []),
            views=Views(corpus, template_dir, follow=FollowThrough(corpus)),
            preview=preview,
            shard=shard,
            history=read_history(root),
        )

    @staticmethod
    def markdown_extensions() -> list[
        Any
    ]:  # Extension instances: MkDocs takes them, though it types the option list[str]
        """Markdown extensions the site needs: Chinese line breaks, labelled tables."""
        return [ReaderExtension()]

    # ---- macros -----------------------------------------------------------------------------------

    def render_macros(self, src_uri: str, markdown: str) -> tuple[str, list[Problem]]:
        """The page's Markdown with its macro calls replaced, and the problems met doing so. Nothing
        else is evaluated: other template syntax stays as text (the check reports it as ZX602)."""
        if not macros.has_markers(markdown):
            return markdown, []
        doc = self.corpus.by_src_uri.get(src_uri)
        allowed, raw = macros.allowed_on(self.corpus.vocab.macros_of(doc), src_uri.startswith(urls.GUIDE_FOLDER))
        calls: dict[str, Callable[[], str]] = {}
        if doc is not None:
            slots = self._slots[src_uri] = Slots()
            calls = {
                "plan_items": lambda: slots.placeholder(self.views.plan_items(doc, self.follow_pages.url_of(doc.id))),
                "summary_figures": lambda: slots.placeholder(self.views.summary_figures(doc)),
                "follow_through": lambda: slots.placeholder(self.views.follow_through(doc)),
            }
        elif "problem_codes" in allowed:
            calls = {
                "problem_codes": lambda: guide.problem_codes_markdown(self.corpus.reporter.catalogue),
                "fields_table": lambda: guide.fields_markdown(self.corpus.vocab),
            }
        try:
            return macros.substitute(markdown, macros.scan(markdown, allowed, raw), calls), []
        except macros.MacroFailed as failed:
            line = markdown.count("\n", 0, failed.token.start) + 1
            if doc is not None:  # MkDocs hands over the body without its front matter
                line += doc.body_line - 1
            problem = self.corpus.reporter.add("ZX699", f"docs/{src_uri}", line, detail=failed.cause)
            return markdown, [problem]

    # ---- pages ------------------------------------------------------------------------------------

    def generated_pages(self) -> list[tuple[str, str]]:
        """(src_uri, markdown) of every page generated from the model: the topic, year, body and
        follow-through indexes."""
        return list(self._generated.items())

    def generated_source(self, src_uri: str) -> str | None:
        """The Markdown of a generated page, or None for a page of docs/."""
        return self._generated.get(src_uri)

    @cached_property
    def _generated(self) -> dict[str, str]:
        return dict(pages.generated_pages(self.listings, self.follow_pages) + pages.figures_pages(self.statistics))

    def generated_assets(self) -> list[tuple[str, str]]:
        """(site path, content) of generated files that are not pages: the 数据 pages' SVG charts,
        each drawn once per build; the editor at admin/ (zhengxie.outputs.cms)."""
        return list(self._assets.items()) + cms.files(self.root, self.corpus)

    @cached_property
    def _assets(self) -> dict[str, str]:
        return dict(charts.chart_files(self.statistics))

    @cached_property
    def templates(self) -> set[str]:
        from zhengxie.checks.unsafe import allowed_templates

        return allowed_templates(self.root)

    def allowed_template(self, name: object) -> bool:
        """Whether a page may use the template its front matter names (ZX606 reports the others;
        the build falls back to the default template instead of running, e.g., redirect.html)."""
        return name is None or str(name) in self.templates

    def page_source(self, src_uri: str) -> str | None:
        """ "" for a page the core did not read (not UTF-8, too big, a line too long: reported), so
        the builder does not read it either — MkDocs would stop with a traceback; None otherwise."""
        return "" if src_uri in self._unread_pages else None

    @cached_property
    def _unread_pages(self) -> set[str]:
        prefix = "docs/"
        return {p.file[len(prefix) :] for p in self.problems if p.code in NOT_READ and p.file.startswith(prefix)}

    def publishable(self, src_uri: str) -> bool:
        """Whether a file of docs/ may be published: the check's allowlist (zhengxie.discovery)."""
        return self.corpus.listing.publishable(src_uri)

    def publishes(self, src_dir: str, src_uri: str) -> bool:
        """Whether the engine may publish a file it found in `src_dir`: from docs/, what the check's
        allowlist accepts; from overrides/, anything but a symlink (ZX116); from elsewhere (the
        theme's own package), anything."""
        folder = os.path.abspath(src_dir)
        if folder == os.path.abspath(self.corpus.root / DOCS):
            return self.publishable(src_uri)
        if folder == os.path.abspath(self.corpus.root / THEME):  # the file, or a folder above it, linked
            parts = f"{THEME}/{src_uri}".split("/")
            return not any("/".join(parts[:n]) in self.corpus.listing.refused for n in range(2, len(parts) + 1))
        return True

    def chrome(self, part: str, url: str, src_uri: str, nav_urls: Iterable[str], caller: Callable[[], str]) -> str:
        """A part of the theme's frame that shows the nav (`part`: "tabs", "nav"), rendered by `caller`,
        once per build for all the pages that would render it alike.

        For a page kept out of the nav (a document, a generated page) with a directory URL, the part
        depends on the items marked active, which are its section page's (the adapter marks them),
        and on its links to the nav's pages (and to files in the site's top folders): no nav page is
        the page itself or lies under its URL, so a link from `a/b/c/` to `a/x/` is "../../x/" from
        any page as deep that shares as much of its path with the target. Pages in the nav, or with a
        nav page under their URL, render their own."""
        if self._nav_urls is None:
            self._nav_urls = tuple(nav_urls)
        if not url.endswith("/") or any(u == url or u.startswith(url) for u in self._nav_urls):
            return caller()
        key = (part, self.section_page(src_uri), self._link_view(url))
        html = self._chrome.get(key)
        if html is None:
            html = self._chrome[key] = caller()
        return html

    def _link_view(self, url: str) -> tuple[int, str, tuple[int, ...]]:
        """What a page's relative links to the nav's pages depend on: its depth, its top folder and
        how many leading folders it shares with each nav page."""
        parts = url.rstrip("/").split("/")
        shared: list[int] = []
        for target in self._nav_urls or ():
            common = 0
            for mine, theirs in zip(parts, target.rstrip("/").split("/"), strict=False):
                if mine != theirs:
                    break
                common += 1
            shared.append(common)
        return len(parts), parts[0], tuple(shared)

    def once(self, part: str, key: str, render: Callable[[], str]) -> str:
        """What `render` returns for this part of the page frame and key, rendered once per build
        (a template passes the key its part depends on, e.g. the page's base URL)."""
        html = self._chrome.get((part, key))
        if html is None:
            html = self._chrome[(part, key)] = render()
        return html

    def page_context(self, src_uri: str) -> dict[str, object]:
        return {"doc": self.corpus.by_src_uri.get(src_uri), "zx": self, "zx_urls": urls}

    def edit_url(self, doc: Document | None) -> str | None:
        """编辑本页 of a document: the editor's entry (site-relative) when admin/ is deployed, else None."""
        return cms.edit_url(self.root, self.corpus, doc)

    def listing(self, kind: str | None = None, limit: int | None = None) -> list[Document]:
        """Documents (of one kind, or all) newest first; templates group them by year."""
        docs = [d for d in self.corpus.documents.values() if kind is None or d.kind == kind]
        docs.sort(key=lambda d: (d.date.isoformat() if d.date else "", d.id), reverse=True)
        return docs[:limit] if limit else docs

    @staticmethod
    def by_year(docs: list[Document]) -> list[tuple[int | None, list[Document]]]:
        """(year, documents) newest year first, documents in the given order; a document whose year
        is unknown (e.g. its front matter is broken, which is reported) goes last under None."""
        groups: dict[int | None, list[Document]] = {}
        for doc in docs:
            groups.setdefault(doc.year, []).append(doc)
        return sorted(groups.items(), key=lambda group: group[0] if group[0] is not None else -1, reverse=True)

    def section_page(self, src_uri: str) -> str | None:
        """The nav page a page belongs under: documents and generated pages are not in the nav
        (it would grow with the corpus), so the theme highlights their section's index instead."""
        doc = self.corpus.by_src_uri.get(src_uri)
        if doc is not None:
            kind = self.corpus.vocab.kinds.get(doc.kind)
            return f"{kind.folder}/index.md" if kind else None
        listed = self.listing_page(src_uri)
        if listed is not None and listed.listing == "section":  # rules/2019/: under 工作规则
            return listed.listing_url + "index.md"
        folder, _, name = src_uri.partition("/")
        if name and name != "index.md" and folder in pages.INDEX_FOLDERS:
            return f"{folder}/index.md"
        if name and name != "index.md" and folder + "/" == urls.FIGURES_URL:
            return pages.FIGURES
        return None

    def page_html(self, src_uri: str, html: str) -> str:
        slots = self._slots.pop(src_uri, None)
        if slots is not None:
            html = slots.fill(html)
        doc = self.corpus.by_src_uri.get(src_uri)
        if self.corpus.vocab.has_behaviour(doc, articles.BEHAVIOUR):
            html = articles.link_articles(html)
        # Last step: whatever Markdown and the macros made, only the allowlist is published.
        return sanitize.clean(html)

    def outputs(self, site_url: str) -> dict[str, bytes]:
        """{site-relative path: bytes} of every file built from the model besides pages: calendars,
        feeds and open data."""
        files: dict[str, bytes] = {}
        for part in self.output_parts(site_url):
            files.update(part())
        return files

    def output_parts(self, site_url: str) -> list[Callable[[], dict[str, bytes]]]:
        """The outputs as steps (calendars, feeds, open data): a preview may stop between them."""
        corpus, follow = self.corpus, self.follow
        return [
            lambda: calendar.build_calendars(corpus, follow, site_url),
            lambda: feeds.build_feeds(corpus, site_url),
            lambda: opendata.build_open_data(corpus, follow, site_url),
        ]

    def indexes_search(self) -> bool:
        return search_enabled() and self.shard.bundle in self.shard.bundles

    def page_rendered(self, src_uri: str, site_dir: Path) -> None:
        """The engine has rendered a page and is about to write it. Once every document page of this
        build is on disk, Pagefind (which reads only the document folders) starts indexing them
        while the engine renders the generated pages (lists, indexes, data pages) on the other core.
        The engine writes each page right after this call, so the index starts at the first call
        after the last document's."""
        if self._indexing is not None or not self.indexes_search():
            return
        if self._unwritten is None:
            self._unwritten = {uri for uri in self.corpus.by_src_uri if self.shard.publishes(uri)}
        if self._unwritten:
            self._unwritten.discard(src_uri)
            return
        self._start_indexing(site_dir)

    def _start_indexing(self, site_dir: Path) -> None:
        self._indexing = Indexing(site_dir, self.shard.bundle, self.document_folders())

    def stop_indexing(self) -> None:
        """The build failed: no Pagefind left running to write into the site folder after it."""
        indexing, self._indexing = self._indexing, None
        if indexing is not None:
            indexing.stop()

    def post_build(self, site_dir: Path, site_url: str | None = None) -> None:
        """Write calendars, feeds and open data (the hub of a sharded build only: they cover the whole
        corpus); index for search (started already if the document pages were written first)."""
        if self._indexing is None and self.indexes_search():
            self._start_indexing(site_dir)
        try:
            if self.shard.hub:
                write_files(site_dir, self.outputs(site_url or "/"))
        except BaseException:
            self.stop_indexing()
            raise
        indexing, self._indexing = self._indexing, None
        if indexing is not None:
            indexing.finish()

    def document_folders(self) -> list[str]:
        """The site folders holding document pages: the kinds' folders (data/kinds.yml)."""
        return [kind.folder for kind in self.corpus.vocab.kinds.values()]

    # ---- wayfinding, feeds, preview ------------------------------------------------------------------

    @cached_property
    def wayfinding(self) -> Wayfinding:
        return Wayfinding(self.corpus, self.follow)

    def breadcrumbs(self, src_uri: str, title: str) -> list[Crumb]:
        return self.wayfinding.breadcrumbs(src_uri, title)

    def around(self, doc: Document) -> Around:
        """Previous/next in the document's series and its related documents."""
        return self.wayfinding.of(doc)

    def print_marks(self, doc: Document) -> printmarks.PrintMarks:
        """发文机关, 文号 and 成文日期 as the print stylesheet places them (GB/T 9704)."""
        return printmarks.print_marks(self.corpus, doc)

    def search_terms(self, doc: Document) -> str:
        from zhengxie.outputs.search import search_terms

        return search_terms(self.corpus, doc)

    def search_meta(self, doc: Document) -> SearchMeta:
        """What a search result shows of the document and the names it is found by (Pagefind metadata)."""
        from zhengxie.outputs.search import search_meta

        return search_meta(self.corpus, doc)

    def search_kinds(self) -> list[dict[str, object]]:
        """The kinds above their types, for the search's 类别 filter."""
        from zhengxie.outputs.search import search_kinds

        return search_kinds(self.corpus.vocab)

    @staticmethod
    def sort_date(doc: Document) -> str:
        """The key search sorts by: the 成文日期, else the first day of the period's year, else 0000."""
        if doc.date:
            return doc.date.isoformat()
        return f"{doc.year:04d}-01-01" if doc.year else "0000-01-01"

    def feeds(self, doc: Document | None = None) -> list[FeedLink]:
        return feeds.feeds_of(self.corpus, doc)

    def calendar_of(self, doc: Document | None) -> str | None:
        """The body calendar a plan page offers, when the plan has items."""
        return calendar.body_file(doc.body) if doc is not None and doc.items and doc.body else None

    open_data_files = staticmethod(opendata.listing)

    def open_data_dictionary(self) -> list[tuple[str, str, list[opendata.Column]]]:
        """Every open-data table's columns: Chinese name, description, whether the CSV has it."""
        return opendata.dictionary(self.corpus.root)

    def feed_index(self) -> list[FeedLink]:
        """Every feed the build writes (all, per kind, per body), for the 开放数据 page."""
        return feeds.feed_index(self.corpus)

    def calendar_index(self) -> list[tuple[str, str]]:
        """(body id, name) of every body with a calendar: those with a scheduled item."""
        found: dict[str, str] = {}
        for doc in self.corpus.documents.values():
            if doc.items and doc.body and doc.body not in found:
                body = self.corpus.vocab.bodies.get(doc.body)
                found[doc.body] = body.name if body else doc.body
        return sorted(found.items())

    @cached_property
    def _problems_by_file(self) -> dict[str, list[Problem]]:
        found: dict[str, list[Problem]] = {}
        for problem in self.problems:
            found.setdefault(problem.file, []).append(problem)
        return found

    def preview_problems(self, src_uri: str) -> list[Problem]:
        """In a live preview only: the problems of the page's document and of its data file."""
        if not self.preview:
            return []
        doc = self.corpus.by_src_uri.get(src_uri)
        files = [f"docs/{src_uri}"] + ([doc.data_path] if doc is not None and doc.data_path else [])
        return [p for f in files for p in self._problems_by_file.get(f, ())]

    # ---- indexes: built once per Site (one Site per build); templates read their slices ----------

    @property
    def done_rule(self) -> str:
        return self.follow.done_rule

    @property
    def follow(self) -> FollowThrough:
        follow = self.views.follow
        if follow is None:  # Site.load always gives its Views one
            raise RuntimeError("the site's views have no follow-through")
        return follow

    @cached_property
    def index(self) -> Indexes:
        return Indexes(self.corpus, self.follow)

    @cached_property
    def listings(self) -> Listings:
        return Listings(self.corpus, self.index, self.corpus.vocab.page_size)

    def listing_page(self, src_uri: str) -> ListingPage | None:
        """The page of a paginated listing (zhengxie.listings) a page shows, or None."""
        return self.listings.page(src_uri)

    @cached_property
    def follow_pages(self) -> FollowPages:
        return FollowPages(self.follow, self.corpus.vocab.page_size)

    def follow_page(self, src_uri: str) -> FollowPage | None:
        """The page of 落实情况 (zhengxie.followpages) a page shows, or None."""
        return self.follow_pages.page(src_uri)

    @cached_property
    def statistics(self) -> Statistics:
        return Statistics(self.corpus)

    def figures_of(self, body_id: str | None = None) -> BodyFigures | list[tuple[Measure, list[Series]]] | None:
        """A body's 数据 (BodyFigures), or with no body every measure's series across bodies."""
        return self.statistics.body(body_id) if body_id else self.statistics.measures

    def chart_alt(self, series: Series, with_body: bool = False) -> str:
        return charts.alt_text(series, with_body)

    def figures_page(self, body_id: str | None = None) -> charts.BodyPage | list[charts.MeasureView] | None:
        """What a 数据 page shows: a body's charts and its one-value table, or every measure across bodies."""
        return charts.body_page(self.statistics, body_id) if body_id else charts.measure_views(self.statistics)

    def acknowledged(self) -> list[KeptAsPrinted]:
        """Every inconsistency kept as printed (原文如此), by document and position."""
        return sorted(self.corpus.acknowledged, key=lambda a: (a.doc.id, a.path))

    def topics(self) -> list[TopicEntry]:
        return list(self.index.topics.values())

    def topic(self, topic_id: str) -> TopicEntry | None:
        return self.index.topics.get(topic_id)

    def years(self) -> list[YearEntry]:
        return list(self.index.years.values())

    def year(self, year: int) -> YearEntry | None:
        return self.index.years.get(year)

    def bodies(self) -> list[BodyEntry]:
        return list(self.index.bodies.values())

    def body(self, body_id: str) -> BodyEntry | None:
        return self.index.bodies.get(body_id)

    @cached_property
    def waivers_by_doc(self) -> dict[str, list[Waived]]:
        """Document id -> its waivers (corpus.waivers), grouped once per build."""
        found: dict[str, list[Waived]] = {}
        for waiver in self.corpus.waivers:
            found.setdefault(waiver.doc.id, []).append(waiver)
        return found

    def header(self, doc: Document) -> header.Header:
        """The document's page header: field rows, 题注 and editor's notes for its waivers."""
        return header.doc_header(
            self.corpus,
            doc,
            tuple(self.waivers_by_doc.get(doc.id, ())),
            index_number=self.index_numbers.get(doc.id, ""),
            dates=self.file_dates(doc),
        )

    def waivers(self) -> list[Waived]:
        """Every waiver, as the waivers page lists them: by document, then code."""
        return sorted(self.corpus.waivers, key=lambda w: (w.doc.id, w.code))

    def waiver_title(self, code: str) -> str:
        info = self.corpus.reporter.catalogue.get(code) if self.corpus.reporter is not None else None
        return info.title if info else code

    def unresolved_reports(self) -> list[ReportLine]:
        return self.follow.unresolved

    @cached_property
    def guide_url(self) -> str:
        """The editors' guide (docs/guide/), linked from every footer; "" on a site without one."""
        return "guide/" if (self.root / "docs" / "guide" / "index.md").is_file() else ""

    # ---- government portal: site information, 索引号, history, sharing ---------------------------

    @property
    def portal(self) -> Portal:
        """The footer, 索引号 scheme, originals and open-data licence (data/site.yml)."""
        return self.corpus.vocab.portal

    @cached_property
    def index_numbers(self) -> dict[str, str]:
        """Document id -> 索引号 (zhengxie.derive.indexnumbers), numbered once per build."""
        return index_numbers(self.corpus)

    def file_dates(self, doc: Document) -> FileDates | None:
        """The document's 发布日期 / 更新日期 from git, or None when the site has no history."""
        return self.history.of(doc.path)

    def description(self, src_uri: str, html: str, title: str, site_description: str = "") -> str:
        """The page's description for search engines and link previews (zhengxie.render.sharing); a
        generated page without a paragraph of its own is summed up by what it lists."""
        return sharing.description(
            html, self.corpus.by_src_uri.get(src_uri), title, site_description, self._listing_summary(src_uri)
        )

    def _listing_summary(self, src_uri: str) -> str:
        """A topic's description (data/topics.yml), or what a body's or a year's page lists."""
        page = self.listing_page(src_uri)
        if page is None:
            return ""
        if page.listing == "topic":
            topic = self.topic(str(page.key))
            return topic.topic.description if topic is not None and topic.topic is not None else ""
        if page.listing == "body":
            body = self.body(str(page.key))
            return sharing.body_summary(body.name, len(body.docs)) if body is not None and body.body else ""
        if page.listing == "year" and isinstance(page.key, int):
            year = self.year(page.key)
            return sharing.year_summary(page.key, len(year.issued), len(year.items)) if year is not None else ""
        return ""

    def og_dates(self, doc: Document) -> dict[str, str]:
        return sharing.og_dates(self.file_dates(doc))
