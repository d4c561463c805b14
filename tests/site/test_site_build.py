"""The built site (no browser): every document has a page with its header, headings keep Chinese ids,
the navigation holds sections only, every document is two clicks from home, and the Pagefind index
(not Material's search) is in the output."""

from __future__ import annotations

import json
import re

import pytest

from fixture_site import PLAN, RULE
from site_checks import (
    CJK,
    KINDS,
    Page,
    documents,
    header_problems,
    index_problems,
    missing_pages,
    read,
    resolve,
    url_of,
)


@pytest.fixture(scope="module")
def docs(fixture_root):
    found = documents(fixture_root)
    assert found, "no documents under docs/{rules,plans,summaries,notes}/"
    return found


@pytest.fixture(scope="module")
def doc_urls(docs):
    return {url_of(KINDS[kind], stem) for kind, stem, _ in docs}


# ---- every document has a page with its header ------------------------------------------------------


def test_every_document_has_a_page(built_site, docs):
    missing = missing_pages(built_site, docs)
    assert not missing, f"documents without a page: {missing}"


def test_document_pages_show_the_header_and_sample_badge(built_site, fixture_root, docs):
    problems = header_problems(built_site, fixture_root, docs)
    assert not problems, "\n".join(problems)


def test_documents_are_listed_on_their_section_year_and_body_pages(built_site, fixture_root):
    problems = index_problems(built_site, fixture_root)
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
    html = read(built_site, f"/plans/{PLAN}/")
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
    from zhengxie.outputs.search import pagefind_binary

    assert pagefind_binary().name.startswith("pagefind_extended")


def test_pages_outside_the_nav_highlight_their_section_tab(built_site):
    import re

    def active_tab(url):
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        tabs = re.findall(r'class="md-tabs__item( md-tabs__item--active)?">\s*<a[^>]*>\s*([^<]+?)\s*</a>', html)
        return [name for active, name in tabs if active]

    assert active_tab(f"plans/{PLAN}") == ["协商计划"]
    assert active_tab(f"rules/{RULE}") == ["工作规则"]
    assert active_tab("topics/ecology") == ["专题"]
    assert active_tab("summaries") == ["工作总结"]  # the section page itself, as before
    assert active_tab("") == ["首页"]  # nothing left active from the pages built before
