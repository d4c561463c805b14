"""The reader's site built from a fixture corpus under https://example.org/zx/ (tests/support/reader_support.py):
every link resolves under the sub-path, and every output (Atom feeds, iCalendar, JSON, CSV) is parsed
back with a real parser and checked against the pages it points to."""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import icalendar
from jsonschema import Draft202012Validator

from reader_support import ECOLOGY, LUOYANG_2018, SITE_URL, YUNXI_2018

ATOM = "{http://www.w3.org/2005/Atom}"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, dict]] = []  # (tag, url, attrs)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name):
                self.refs.append((tag, attrs[name], attrs))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _local(site: Path, url: str) -> Path | None:
    """The file a URL under SITE_URL's path serves, or None when it is outside the site."""
    path = unquote(urlsplit(url).path)
    mount = urlsplit(SITE_URL).path
    if not path.startswith(mount):
        return None
    target = site / path[len(mount) :]
    return target / "index.html" if path.endswith("/") else target


def _page_url(site: Path, html: Path) -> str:
    rel = html.relative_to(site).as_posix()
    return SITE_URL + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


# ---- 1. deploy anywhere ---------------------------------------------------------------------------


def test_every_link_and_asset_resolves_under_the_sub_path(reader_site):
    _, site = reader_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    checked = 0
    for html in pages:
        # The 404 page is served at any missing address: its links must not depend on where it is.
        bases = (
            [SITE_URL + "a/missing/page/", SITE_URL + "gone"] if html.name == "404.html" else [_page_url(site, html)]
        )
        for base in bases:
            for _, ref, _ in _parse(html).refs:
                if ref.startswith(("mailto:", "data:", "javascript:", "#")):
                    continue
                url = urljoin(base, ref)
                if not url.startswith(SITE_URL) and urlsplit(url).netloc not in ("example.org", ""):
                    continue  # an outside site (none expected, but not ours to check)
                target = _local(site, url)
                assert target is not None, f"{html.relative_to(site)}: {ref} leaves {SITE_URL}"
                assert target.exists(), f"{html.relative_to(site)}: {ref} -> {url} does not exist"
                checked += 1
    assert checked > 500


def test_canonical_links_sitemap_and_feeds_use_site_url(reader_site):
    _, site = reader_site
    plan = (site / "plans" / YUNXI_2018 / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}plans/{YUNXI_2018}/">' in plan
    locations = [
        loc.text
        for loc in ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert locations and all(loc.startswith(SITE_URL) for loc in locations)
    assert "127.0.0.1" not in "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in [site / "sitemap.xml", site / "calendar.ics", site / "feeds" / "all.xml"]
    )


def test_the_default_site_url_stays_local(root):
    assert 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]' in (root / "mkdocs.yml").read_text(encoding="utf-8")


# ---- 2. Chinese text and interface --------------------------------------------------------------


def test_soft_line_breaks_between_chinese_characters_leave_no_space(tmp_path):
    import markdown

    from zhengxie.markup.typography import ReaderExtension

    html = markdown.markdown(
        "每份文件都按统一格式整理，\n可以按专题查找。\nEnglish line\nbreaks stay.\n\n`代码\n保留`",
        extensions=[ReaderExtension()],
    )
    assert "整理，可以按专题查找。" in html
    assert "English line\nbreaks stay." in html
    assert "代码\n保留" in html


def test_interface_text_is_chinese_with_one_home_title(reader_site):
    _, site = reader_site
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>\s*协商知识库\s*</title>", home)
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "Made with" not in text and "Material for MkDocs</a>" not in text, html
    missing = (site / "404.html").read_text(encoding="utf-8")
    assert "找不到这个页面" in missing and "404 - Not found" not in missing
    assert "data-zx-search-open" in missing


def test_previous_and_next_within_a_body_series(reader_site):
    _, site = reader_site
    older = (site / "plans" / LUOYANG_2018 / "index.html").read_text(encoding="utf-8")
    newer = (site / "plans" / "2019-test-consultation-plan" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./\.\./plans/2019-test-consultation-plan/"[^>]*rel="next"', older)
    assert "下一篇" in older and "上一篇" not in older
    assert re.search(rf'href="\.\./\.\./plans/{LUOYANG_2018}/"[^>]*rel="prev"', newer)
    other_body = (site / "plans" / YUNXI_2018 / "index.html").read_text(encoding="utf-8")
    assert "上一篇" not in other_body and "下一篇" not in other_body  # alone in its series


# ---- 3. tables --------------------------------------------------------------------------------------


def test_markdown_tables_get_the_shared_class_and_cell_labels():
    import markdown

    from zhengxie.markup.typography import ReaderExtension

    html = markdown.markdown(
        "| 项目 | 时间 | 单位 |\n|---|---|---|\n| 调研 | 3月 | 委员会 |\n", extensions=["tables", ReaderExtension()]
    )
    assert 'class="zx-table zx-table--stack"' in html
    assert '<td data-label="项目">调研</td>' in html and '<td data-label="单位">委员会</td>' in html
    narrow = markdown.markdown("| 项目 | 数 |\n|---|---|\n| 调研 | 3 |\n", extensions=["tables", ReaderExtension()])
    assert 'class="zx-table"' in narrow  # two columns fit a phone: no stacking


# ---- 4. wayfinding ----------------------------------------------------------------------------------


def test_breadcrumbs_on_documents_and_index_pages(reader_site):
    _, site = reader_site
    plan = (site / "plans" / YUNXI_2018 / "index.html").read_text(encoding="utf-8")
    crumbs = re.search(r'<nav class="zx-breadcrumbs".*?</nav>', plan, re.S).group()
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == [
        "首页",
        "协商计划",
        "云溪市政协",
        "2018 年",
        "云溪市政协2018年度协商计划",
    ]
    topic = (site / "topics" / "ecology" / "index.html").read_text(encoding="utf-8")
    crumbs = re.search(r'<nav class="zx-breadcrumbs".*?</nav>', topic, re.S).group()
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == ["首页", "专题", "生态环境"]


def test_related_documents_are_computed_once_and_bounded(root, zx_repo):
    from reader_support import add_corpus
    from zhengxie.build.website import Site
    from zhengxie.derive.wayfinding import RELATED_LIMIT

    add_corpus(zx_repo)
    for n in range(RELATED_LIMIT + 3):  # more notes on one topic than a page lists
        zx_repo.write(
            f"docs/notes/2019-extra-{n}.md",
            zx_repo.read("docs/notes/2019-test-study-note.md")
            .replace("title: 学习体会", f"title: 学习体会{n}")
            .replace("date: 2019-07-01", f"date: 2019-08-{n + 1:02d}")
            .replace("body: luoyang-city", "body: yunxi-city"),
        )
    site = Site.load(zx_repo.root, template_dir=root / "overrides")
    plan = site.corpus.documents["2019-test-consultation-plan"]
    groups = {g.label: [d.id for d in g.docs] for g in site.around(plan).related}
    assert groups["落实情况报告"] == ["2019-test-annual-summary"]  # plan -> the summary reporting on it
    summary = site.corpus.documents["2019-test-annual-summary"]
    assert [d.id for d in site.around(summary).related[0].docs] == ["2019-test-consultation-plan"]
    same_year = next(ids for label, ids in groups.items() if "2019 年" in label)
    assert "2019-test-annual-summary" not in same_year  # each document listed once
    assert all(len(ids) <= RELATED_LIMIT for ids in groups.values())
    note = site.corpus.documents["2019-test-study-note"]
    topic_group = next(g for g in site.around(note).related if g.label.startswith("专题"))
    dates = [d.date for d in topic_group.docs]
    assert dates == sorted(dates, reverse=True) and len(dates) == RELATED_LIMIT  # newest first, bounded


# ---- 5. search: only documents are indexed ---------------------------------------------------------


def test_only_documents_are_indexed(reader_site):
    repo, site = reader_site
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    documents = len(list((repo.root / "docs").glob("[prns]*/*.md"))) - 4  # minus the four section pages
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == documents
    topic = (site / "topics" / "ecology" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in topic
    plan = (site / "plans" / YUNXI_2018 / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-sort="date:2018-02-01"' in plan
    assert 'id="item-p01-title"' in plan  # plan items become sub-results (headings with ids)


# ---- 6. outputs -------------------------------------------------------------------------------------


def _feed(site: Path, path: str) -> ET.Element:
    root = ET.parse(site / path).getroot()
    assert root.tag == f"{ATOM}feed"
    return root


def test_atom_feeds_all_per_kind_and_per_body_link_to_pages(reader_site):
    repo, site = reader_site
    every = _feed(site, "feeds/all.xml")
    assert every.find(f"{ATOM}id").text == SITE_URL + "feeds/all.xml"
    entries = every.findall(f"{ATOM}entry")
    documents = len(list((repo.root / "docs").glob("[prns]*/*.md"))) - 4
    assert len(entries) == documents
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)  # newest first
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        assert _local(site, link).exists(), link
    plans = _feed(site, "feeds/kind-plan.xml")
    assert {e.find(f"{ATOM}title").text for e in plans.findall(f"{ATOM}entry")} >= {"云溪市政协2018年度协商计划"}
    assert all("/plans/" in e.find(f"{ATOM}link").get("href") for e in plans.findall(f"{ATOM}entry"))
    yunxi = _feed(site, "feeds/body-yunxi-city.xml")
    assert [e.find(f"{ATOM}link").get("href") for e in yunxi.findall(f"{ATOM}entry")] == [
        f"{SITE_URL}plans/{YUNXI_2018}/"
    ]
    # Pages announce their feeds.
    page = f"plans/{YUNXI_2018}/index.html"
    feeds = [
        (attrs["href"], attrs.get("title"))
        for tag, _, attrs in _parse(site / page).refs
        if tag == "link" and "alternate" in attrs.get("rel", "").split() and attrs.get("type") == "application/atom+xml"
    ]
    hrefs = [urljoin(_page_url(site, site / page), href) for href, _ in feeds]
    assert hrefs == [
        SITE_URL + "feeds/all.xml",
        SITE_URL + "feeds/kind-plan.xml",
        SITE_URL + "feeds/body-yunxi-city.xml",
    ]


def test_calendars_hold_every_year_per_body_link_to_item_anchors_and_skip_unstated_times(reader_site):
    _, site = reader_site
    every = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    uids = {str(e["uid"]) for e in every.walk("VEVENT")}
    assert f"{YUNXI_2018}-p01@xieshang" in uids and "2019-test-consultation-plan-p01@xieshang" in uids
    assert f"{LUOYANG_2018}-p01@xieshang" not in uids  # its time is 原文未载
    assert f"{LUOYANG_2018}-p02@xieshang" in uids  # two plan years of one body, both kept
    for event in every.walk("VEVENT"):
        url = str(event["url"])
        page, _, anchor = url.partition("#")
        assert anchor.startswith("item-") and anchor in _parse(_local(site, page)).ids, url
    luoyang = icalendar.Calendar.from_ical((site / "calendars" / "luoyang-city.ics").read_bytes())
    yunxi = icalendar.Calendar.from_ical((site / "calendars" / "yunxi-city.ics").read_bytes())
    assert {str(e["uid"]) for e in yunxi.walk("VEVENT")} == {f"{YUNXI_2018}-p01@xieshang", f"{YUNXI_2018}-p02@xieshang"}
    assert {str(e["uid"]) for e in luoyang.walk("VEVENT")} | {str(e["uid"]) for e in yunxi.walk("VEVENT")} == uids


def test_open_data_validates_against_its_published_schema_and_csv_parses(reader_site):
    _, site = reader_site
    schema = json.loads((site / "opendata" / "schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    tables = {}
    for name in ("documents", "items", "follow-through", "figures"):
        data = json.loads((site / "opendata" / f"{name}.json").read_text(encoding="utf-8"))
        assert list(validator.iter_errors(data)) == [], name
        assert data["version"] == "1.0" and data["table"] == name and data["site"] == SITE_URL
        tables[name] = data["rows"]
    assert {d["id"] for d in tables["documents"]} >= ECOLOGY | {LUOYANG_2018}
    by_ref = {(i["plan"], i["id"]): i for i in tables["items"]}
    assert by_ref[(LUOYANG_2018, "p01")]["time"] == "原文未载" and by_ref[(LUOYANG_2018, "p01")]["first_month"] is None
    assert by_ref[(YUNXI_2018, "p01")]["first_month"] == 3
    assert {(r["item"], r["status"]) for r in tables["follow-through"]} == {
        ("2019-test-consultation-plan#p01", "held"),
        ("2019-test-consultation-plan#p02", "merged"),
    }
    assert tables["figures"] and all(f["summary"] == "2019-test-annual-summary" for f in tables["figures"])
    rows = list(csv.DictReader(io.StringIO((site / "opendata" / "items.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == len(tables["items"])
    assert {r["议题"] for r in rows} >= {"城市生态环境治理", "乡村产业振兴"}
    assert (
        next(r for r in rows if r["计划编号"] == YUNXI_2018 and r["项目编号"] == "p01")["网址"]
        == f"{SITE_URL}plans/{YUNXI_2018}/#item-p01"
    )
    figures = list(csv.DictReader(io.StringIO((site / "opendata" / "figures.csv").read_text(encoding="utf-8-sig"))))
    assert [f["项目"] for f in figures] == [f["label"] for f in tables["figures"]]  # Chinese headers
    # The 开放数据 page lists every file.
    listing = (site / "opendata" / "index.html").read_text(encoding="utf-8")
    for name in ("documents.json", "documents.csv", "items.json", "items.csv", "figures.csv", "schema.json"):
        assert f'href="../opendata/{name}"' in listing or f'href="../../opendata/{name}"' in listing, name
    assert "数据字典" in listing and "数据（照原文）" in listing  # the dictionary: each column's Chinese name


def test_published_schema_is_the_one_in_data(root, reader_site):
    _, site = reader_site
    assert (site / "opendata" / "schema.json").read_bytes() == (
        root / "data" / "schemas" / "opendata.schema.json"
    ).read_bytes()


def test_output_work_is_one_pass_over_the_corpus(root, zx_repo):
    """Each output visits every document a bounded number of times: doubling the corpus at most
    doubles the number of rows written (nothing per page grows with the corpus)."""
    from reader_support import add_corpus
    from zhengxie.build.website import Site

    add_corpus(zx_repo)
    site = Site.load(zx_repo.root, template_dir=root / "overrides")
    files = site.outputs(SITE_URL)
    feeds = [p for p in files if p.startswith("feeds/")]
    assert len(feeds) == 1 + len({d.kind for d in site.corpus.documents.values()}) + len(
        {d.body for d in site.corpus.documents.values()}
    )
    from zhengxie.outputs.feeds import FEED_LIMIT

    for path in feeds:
        assert files[path].count(b"<entry>") <= FEED_LIMIT
    assert posixpath.basename("calendars/luoyang-city.ics") in {posixpath.basename(p) for p in files}
