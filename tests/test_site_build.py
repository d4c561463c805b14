"""The built site (no browser): every document has a page with its header, headings keep Chinese ids,
the navigation holds sections only, every document is two clicks from home, and the Pagefind index
(not Material's search) is in the output."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

KINDS = {"rule": "rules", "plan": "plans", "summary": "summaries", "note": "notes"}
CJK = re.compile(r"[\u3400-\u9fff]")


# ---- helpers -----------------------------------------------------------------------------------------

class Page(HTMLParser):
    """The elements of one HTML page, each with its ancestors' classes and its text."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict, list]] = []   # open elements: tag, attrs, text parts
        self.elements: list[tuple[str, dict, tuple[str, ...], list]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        ancestors = tuple(c for _, a, _ in self.stack for c in a.get("class", "").split())
        text: list[str] = []
        self.elements.append((tag, attrs, ancestors, text))
        if tag not in self.VOID:
            self.stack.append((tag, attrs, text))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        for _, _, text in self.stack:
            text.append(data)

    def find(self, tag=None, cls=None, inside=None):
        """(tag, attrs, text) of the elements matching a tag, an own class, an ancestor class."""
        for t, a, ancestors, text in self.elements:
            if (tag and t != tag) or (cls and cls not in a.get("class", "").split()):
                continue
            if inside and inside not in ancestors:
                continue
            yield t, a, "".join(text).strip()

    def links(self, inside=None) -> list[str]:
        return [a["href"] for _, a, _ in self.find("a", inside=inside) if "href" in a]


def documents(root: Path) -> list[tuple[str, str, dict]]:
    """(kind, doc-id, front matter) of every document under docs/<kind folder>/."""
    found = []
    for kind, folder in KINDS.items():
        for path in sorted((root / "docs" / folder).glob("*.md")):
            if path.name == "index.md":
                continue
            text = path.read_text(encoding="utf-8")
            match = re.match(r"---\n(.*?)\n---\n", text, re.S)
            meta = yaml.safe_load(match.group(1)) if match else {}
            found.append((kind, path.stem, meta or {}))
    return found


def url_of(folder: str, stem: str) -> str:
    return f"/{folder}/{stem}/"


def read(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def resolve(page_url: str, href: str) -> str:
    """A link as a site path (no query/fragment), from the page it sits on."""
    path = urlsplit(urljoin("http://site" + page_url, href)).path
    return path[: -len("index.html")] if path.endswith("/index.html") else path


@pytest.fixture(scope="module")
def docs(root):
    found = documents(root)
    assert found, "no documents under docs/{rules,plans,summaries,notes}/"
    return found


@pytest.fixture(scope="module")
def doc_urls(docs):
    return {url_of(KINDS[kind], stem) for kind, stem, _ in docs}


# ---- every document has a page with its header ------------------------------------------------------

def test_every_document_has_a_page(built_site, docs):
    missing = [f"{KINDS[k]}/{s}" for k, s, _ in docs if not (built_site / KINDS[k] / s / "index.html").is_file()]
    assert not missing, f"documents without a page: {missing}"


def test_document_pages_show_the_header_and_sample_badge(built_site, docs):
    problems = []
    for kind, stem, meta in docs:
        url = url_of(KINDS[kind], stem)
        page = Page(read(built_site, url))
        headers = list(page.find("div", cls="zx-doc-header"))
        if len(headers) != 1:
            problems.append(f"{url}: {len(headers)} document headers")
            continue
        labels = {text for _, _, text in page.find("dt", inside="zx-doc-header")}
        wanted = {"类别", "所属机构"} | ({"专题"} if meta.get("topics") else set())  # labels from data/fields.yml
        if not wanted <= labels:
            problems.append(f"{url}: header lacks {sorted(wanted - labels)}")
        filters = {a.get("data-pagefind-filter").partition(":")[0]  # "年份:2018" names its value inline
                   for _, a, _ in page.find(inside="zx-doc-header") if a.get("data-pagefind-filter")}
        if not {"类别", "单位", "年份"} <= filters:
            problems.append(f"{url}: search filters {sorted(filters)}")
        if meta.get("topics") and "专题" not in filters:
            problems.append(f"{url}: topics are not a search filter")
        badges = list(page.find(cls="zx-sample__badge", inside="zx-doc-header"))
        if bool(meta.get("sample")) != bool(badges):
            problems.append(f"{url}: sample={meta.get('sample')!r} but {len(badges)} 示例 badge(s) in the header")
        if badges and badges[0][2] != "示例":
            problems.append(f"{url}: badge reads {badges[0][2]!r}")
    assert not problems, "\n".join(problems)


def test_a_sample_document_shows_the_badge(built_site, docs):
    samples = [(k, s) for k, s, m in docs if m.get("sample")]
    assert samples, "no document has sample: true"
    kind, stem = samples[0]
    assert "zx-sample__badge" in read(built_site, url_of(KINDS[kind], stem))


# ---- Chinese heading ids ---------------------------------------------------------------------------

def test_chinese_headings_have_unicode_slug_ids(built_site, docs):
    problems, seen = [], 0
    for kind, stem, _ in docs:
        url = url_of(KINDS[kind], stem)
        page = Page(read(built_site, url))
        for tag in ("h2", "h3", "h4"):
            for _, attrs, text in page.find(tag, inside="md-content__inner"):
                ident = attrs.get("id", "")
                if not CJK.search(text) or not ident or ident.startswith("item-"):
                    continue
                seen += 1
                if re.fullmatch(r"_\d+", ident) or not CJK.search(ident):
                    problems.append(f"{url}: <{tag}> {text!r} has id {ident!r}")
    assert seen, "no Chinese headings found"
    assert not problems, "\n".join(problems[:20])


def test_plan_heading_id_example(built_site):
    html = read(built_site, "/plans/2018-luoyang-consultation-plan/")
    assert 'id="一指导思想"' in html
    assert not re.search(r'<h[2-6][^>]* id="_\d+"', html)


# ---- navigation: sections only; documents two clicks from home --------------------------------------

def test_global_nav_on_a_document_page_lists_no_documents(built_site, docs, doc_urls):
    for kind, stem, _ in docs:
        url = url_of(KINDS[kind], stem)
        page = Page(read(built_site, url))
        nav_links = page.links(inside="md-nav--primary") + page.links(inside="md-tabs")
        assert nav_links, f"{url}: no global navigation"
        targets = {resolve(url, href) for href in nav_links if not href.startswith("#")}
        listed = sorted(targets & doc_urls)
        assert not listed, f"{url}: the navigation lists documents {listed}"
        # The nav holds section and index pages only: its size does not follow the number of documents.
        assert len(targets) < len(doc_urls) + 10


def test_home_links_to_every_kind_index(built_site):
    page = Page((built_site / "index.html").read_text(encoding="utf-8"))
    targets = {resolve("/", href) for href in page.links(inside="md-content__inner")}
    missing = [f"/{folder}/" for folder in KINDS.values() if f"/{folder}/" not in targets]
    assert not missing, f"home page content does not link to {missing}"


def test_each_kind_index_links_to_each_of_its_documents(built_site, docs):
    for kind, folder in KINDS.items():
        index_url = f"/{folder}/"
        page = Page(read(built_site, index_url))
        targets = {resolve(index_url, href) for href in page.links(inside="md-content__inner")}
        missing = [url_of(folder, s) for k, s, _ in docs if k == kind and url_of(folder, s) not in targets]
        assert not missing, f"{index_url} does not link to {missing}"


def test_every_document_is_two_clicks_from_home(built_site, doc_urls):
    home = Page((built_site / "index.html").read_text(encoding="utf-8"))
    one = {resolve("/", h) for h in home.links(inside="md-content__inner")} - {"/"}
    two = set()
    for url in one:
        path = built_site / url.strip("/") / "index.html"
        if url.startswith("/") and path.is_file():
            two |= {resolve(url, h) for h in Page(path.read_text(encoding="utf-8")).links(inside="md-content__inner")}
    assert not sorted(doc_urls - one - two)


# ---- search: Pagefind in, Material's search out ------------------------------------------------------

def test_material_search_is_not_built(built_site):
    assert not list(built_site.rglob("search_index.json"))
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in home
    assert 'for="__search"' not in home


def test_pagefind_bundle_is_written(built_site):
    bundle = built_site / "pagefind"
    for name in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-entry.json"):
        assert (bundle / name).is_file(), name
    assert list((bundle / "index").glob("*.pf_index")), "no index chunks"
    assert list((bundle / "fragment").glob("*.pf_fragment")), "no fragments"
    assert list((bundle / "filter").glob("*.pf_filter")), "no filters"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"], "pages must be indexed as Chinese (<html lang=zh>)"


def test_pagefind_indexes_documents_not_listings(built_site, docs):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zh"]["page_count"] >= len(docs)
    for url in ["/"] + [f"/{folder}/" for folder in KINDS.values()]:
        assert "data-pagefind-body" not in read(built_site, url), f"{url} should not be indexed"
    for kind, stem, _ in docs:
        html = read(built_site, url_of(KINDS[kind], stem))
        assert html.count("data-pagefind-body") == 1, url_of(KINDS[kind], stem)
        assert '<html lang="zh"' in html


def test_every_page_has_the_header_search(built_site):
    for path in [built_site / "index.html", *built_site.glob("*/*/index.html")]:
        html = path.read_text(encoding="utf-8")
        assert "data-zx-search-open" in html and 'id="zx-search"' in html, path
        assert "zx-search.js" in html, path


def test_the_extended_pagefind_binary_is_used():
    from zhengxie.search import pagefind_binary

    assert pagefind_binary().name.startswith("pagefind_extended")


def test_pages_outside_the_nav_highlight_their_section_tab(built_site):
    import re

    def active_tab(url):
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        tabs = re.findall(r'class="md-tabs__item( md-tabs__item--active)?">\s*<a[^>]*>\s*([^<]+?)\s*</a>', html)
        return [name for active, name in tabs if active]

    assert active_tab("plans/2018-luoyang-consultation-plan") == ["协商计划"]
    assert active_tab("rules/2010-juxian-township-office-rules") == ["工作规则"]
    assert active_tab("topics/education") == ["专题"]
    assert active_tab("summaries") == ["工作总结"]  # the section page itself, as before
    assert active_tab("") == ["首页"]  # nothing left active from the pages built before
