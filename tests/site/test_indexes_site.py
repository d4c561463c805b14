"""The generated indexes in the built fixture site: links both ways, anchors that resolve, the
follow-through and rule articles. Expectations come from the sources (docs/ and data/), not the HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from fixture_site import PLAN, SUMMARY
from zhengxie.sources.loader import load_corpus
from zhengxie.text.outline import chinese_to_int

HOST = "http://site.invalid/"


class Page(HTMLParser):
    """Links (href, text, enclosing tags) and element ids of one built page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, list]] = []  # (href, open tags around the link)
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append((attrs["href"], list(self.stack)))
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass


class Built:
    def __init__(self, root: Path):
        self.root = root
        self._pages: dict[str, Page] = {}

    def file(self, url: str) -> Path:
        path = self.root / unquote(url)
        return path / "index.html" if url.endswith("/") or url == "" else path

    def page(self, url: str) -> Page:
        if url not in self._pages:
            parser = Page()
            parser.feed(self.file(url).read_text(encoding="utf-8"))
            self._pages[url] = parser
        return self._pages[url]

    def html(self, url: str) -> str:
        return self.file(url).read_text(encoding="utf-8")

    def targets(self, url: str) -> set[str]:
        """Every link of the page resolved to a site URL (path#fragment), site-internal only."""
        out = set()
        for href, _ in self.page(url).links:
            absolute = urljoin(HOST + url, href)
            if absolute.startswith(HOST):
                parts = urlsplit(absolute)
                out.add(parts.path[1:] + ("#" + parts.fragment if parts.fragment else ""))
        return out

    def links_to(self, url: str, target: str) -> bool:
        return target in self.targets(url)

    def all_pages(self) -> list[str]:
        return [
            str(p.relative_to(self.root).parent) + "/" if p.parent != self.root else ""
            for p in sorted(self.root.rglob("index.html"))
            if "pagefind" not in p.parts
        ]


@pytest.fixture(scope="module")
def site(built_site) -> Built:
    return Built(built_site)


@pytest.fixture(scope="module")
def corpus(fixture_root):
    return load_corpus(fixture_root)


def test_generated_pages_exist(site, corpus):
    for url in ("topics/", "years/", "bodies/", "follow-through/"):
        assert site.file(url).is_file(), url
    for topic in corpus.vocab.topics:
        assert site.file(f"topics/{topic}/").is_file()
    for body in corpus.vocab.bodies:
        assert site.file(f"bodies/{body}/").is_file()
        assert site.links_to("bodies/", f"bodies/{body}/")


def test_documents_and_topics_link_both_ways(site, corpus):
    pairs = 0
    for doc in corpus.documents.values():
        for topic in doc.topics:
            assert site.links_to(doc.url, f"topics/{topic}/"), (doc.id, topic)
            assert site.links_to(f"topics/{topic}/", doc.url), (topic, doc.id)
            pairs += 1
    assert pairs > 10
    for topic in corpus.vocab.topics:
        assert site.links_to("topics/", f"topics/{topic}/")


def test_plan_items_and_topics_link_both_ways(site, corpus):
    plan = corpus.documents[PLAN]
    for item in plan.items:
        for topic in item.topics:
            assert site.links_to(plan.url, f"topics/{topic}/"), (item.id, topic)
            assert site.links_to(f"topics/{topic}/", f"{plan.url}#item-{item.id}"), (topic, item.id)


def test_every_item_link_resolves_to_its_anchor(site, corpus):
    checked = 0
    for url in site.all_pages():
        for target in site.targets(url):
            path, _, fragment = target.partition("#")
            if fragment.startswith("item-"):
                assert fragment in site.page(path).ids, f"{url} → {target}"
                checked += 1
    items = sum(len(doc.items) for doc in corpus.documents.values())
    assert items and checked >= items * 4  # plan page, year page, follow-through page, topic pages at least


def test_every_item_has_an_anchor_with_its_fields(site, corpus):
    plan = corpus.documents[PLAN]
    html = site.html(plan.url)
    for item in plan.items:
        section = re.search(rf'<section class="zx-item" id="item-{item.id}">(.*?)</section>', html, re.S)
        assert section, item.id
        text = section.group(1)
        for names in item.roles.values():  # every role the item names, or 原文未载
            assert all(n in text for n in names) if names else "原文未载" in text, item.id
        assert "形式" in text and "落实情况" in text
        assert item.stages or ("时间" in text and item.time_label in text)


def test_year_pages_list_documents_and_items(site, corpus):
    for doc in corpus.documents.values():
        if doc.date:
            assert site.links_to(f"years/{doc.date.year}/", doc.url), (doc.id, doc.date.year)
        if doc.year:  # the document header links to its year, and that page lists it
            assert site.links_to(doc.url, f"years/{doc.year}/")
            assert site.links_to(f"years/{doc.year}/", doc.url), (doc.id, doc.year)
            assert site.links_to("years/", f"years/{doc.year}/")
    plan = corpus.documents[PLAN]
    html = site.html(f"years/{plan.year}/")
    for item in plan.items:
        assert site.links_to(f"years/{plan.year}/", f"{plan.url}#item-{item.id}")
    march = re.search(r'<h3 id="m03">(.*?)(?=<h[23] |\Z)', html, re.S).group(1)
    in_march = [i for i in plan.items if i.when and i.when.month == 3]
    assert in_march and all(f"#item-{i.id}" in march for i in in_march)
    undecided = [i for i in plan.items if i.when is None]  # never placed in a month
    if undecided:
        later = re.search(r'<h3 id="later">(.*?)(?=<h[23] |\Z)', html, re.S).group(1)
        assert all(f"#item-{i.id}" in later for i in undecided)
    assert site.links_to("years/", "calendar.ics")


def test_body_pages_list_their_documents(site, corpus):
    for doc in corpus.documents.values():
        assert site.links_to(f"bodies/{doc.body}/", doc.url), (doc.body, doc.id)
        assert site.links_to(doc.url, f"bodies/{doc.body}/")
    plan = corpus.documents[PLAN]
    assert f"协商计划列出 {len(plan.items)} 项协商活动" in site.html(f"bodies/{plan.body}/")


def _expected_progress(root: Path, plan_id: str) -> tuple[int, int, set]:
    """(done, total, unreported item ids) computed straight from the YAML files."""
    items = yaml.safe_load((root / "data" / "plans" / f"{plan_id}.yml").read_text(encoding="utf-8"))["items"]
    status = {}
    for path in sorted((root / "data" / "summaries").glob("*.yml")):
        for report in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("reports") or []:
            plan, _, item = report["item"].partition("#")
            if plan == plan_id:
                status[item] = report["status"]
    done = sum(1 for i in items if status.get(i["id"]) in ("held", "merged"))
    return done, len(items), {i["id"] for i in items} - set(status)


def test_plan_shows_its_completion_rate(site, fixture_root, corpus):
    done, total, unreported = _expected_progress(fixture_root, PLAN)
    assert 0 < done < total and unreported  # the fixture has held, postponed, merged and unreported items
    rate = f"{100 * done / total:.1f}%"
    plan = corpus.documents[PLAN]
    # The plan page links to the 落实情况 page of its year, at the plan's own section.
    link = re.search(r'href="\.\./\.\./(follow-through/[^"#]*)#(plan-[^"]+)">各计划落实情况', site.html(plan.url))
    assert link and link.group(1) == f"follow-through/{plan.year}/", "the plan links to its year's 落实情况"
    for url in (plan.url, link.group(1)):
        html = site.html(url)
        assert f'data-done="{done}" data-total="{total}"' in html, url
        assert f"完成率 {rate}" in html, url
    assert f'id="{link.group(2)}"' in site.html(link.group(1))
    overview = site.html("follow-through/")
    assert f'href="../follow-through/{plan.year}/">{plan.year} 年</a>' in overview, "the overview links to each year"
    assert "已举行和已合并的项目计为完成" in site.html(plan.url)
    html = site.html(plan.url)
    for item_id in unreported:
        section = re.search(rf'id="item-{item_id}">(.*?)</section>', html, re.S).group(1)
        assert "尚无报告" in section


def test_plan_items_link_to_the_reporting_summary(site, corpus):
    plan = corpus.documents[PLAN]
    summary = corpus.documents[SUMMARY]
    targets = site.targets(plan.url)
    for report in summary.summary.reports:
        item_id = report.item.partition("#")[2]
        anchor = f"report-{PLAN}-{item_id}"
        assert f"{summary.url}#{anchor}" in targets
        assert anchor in site.page(summary.url).ids
        # and the summary links back to the item's anchor
        assert site.links_to(summary.url, f"{plan.url}#item-{item_id}")
    statuses = {r.status for r in summary.summary.reports}
    html = site.html(plan.url)
    for status, label in (("postponed", "已推迟"), ("merged", "已合并"), ("held", "已举行")):
        if status in statuses:
            assert f'zx-status--{status}">{label}' in html


def test_rule_articles_have_anchors_and_references_link_to_them(site, corpus):
    rules = corpus.of_kind("rule")
    assert rules
    references = 0
    for rule in rules:
        page = site.page(rule.url)
        html = site.html(rule.url)
        numbers = [a.number for a in rule.articles]
        for number in numbers:
            assert f"article-{number}" in page.ids
            label = re.search(rf'<p id="article-{number}"[^>]*>(.*?)</p>', html, re.S).group(1)
            assert not label.lstrip().startswith("<a")  # the article's own label is not a link
        for href, around in page.links:
            if href.startswith("#article-"):
                assert href[1:] in page.ids
                assert not {"h1", "h2", "h3", "h4", "h5", "h6", "code", "pre"} & set(around)
                references += 1
        # every plain 第X条 mention in the Markdown (not a label) became a link
        for line in rule.text.splitlines():
            if line.startswith("#"):
                continue
            for match in re.finditer(r"第([零〇一二三四五六七八九十百两\d]+)条", line):
                if match.start() == 0 or line[: match.start()].endswith("》"):
                    continue
                number = chinese_to_int(match.group(1))
                if number in numbers:
                    assert f'href="#article-{number}">第{match.group(1)}条</a>' in html
    assert references >= 1


def test_rule_toc_lists_chapters_not_articles(site, corpus):
    chaptered = 0
    for rule in corpus.of_kind("rule"):
        chapters = [" ".join(h.text.split()) for h in rule.headings if h.level == 2]  # the toc shows 　 as a space
        if not chapters:  # a flat rule (第一条…第N条) has no table of contents
            continue
        chaptered += 1
        html = site.html(rule.url)
        toc = re.search(r'<nav class="md-nav md-nav--secondary"(.*?)</nav>', html, re.S).group(1)
        assert all(c in toc for c in chapters)
        assert "第一条" not in toc
    assert chaptered


def test_nav_holds_sections_only(site, corpus):
    html = site.html("topics/")  # its content links to every topic; its navigation must not
    nav = Page()
    nav.feed(html[html.index('class="md-tabs"') : html.index('class="md-content"')])
    in_nav = {urlsplit(urljoin(HOST + "topics/", href)).path[1:] for href, _ in nav.links}
    assert {"topics/", "years/", "bodies/", "follow-through/"} <= in_nav
    for topic in corpus.vocab.topics:
        assert f"topics/{topic}/" not in in_nav
        assert site.links_to("topics/", f"topics/{topic}/")


def test_calendar_has_one_event_per_scheduled_item(site, corpus):
    import icalendar

    calendar = icalendar.Calendar.from_ical((site.root / "calendar.ics").read_bytes())
    events = {str(e.get("uid")): e for e in calendar.walk("VEVENT")}
    plans = [p for p in corpus.documents.values() if p.items and p.year]
    dated = {r.item for r in corpus.reports if r.date and r.status in ("held", "postponed")}
    items = [(p, i) for p in plans for i in p.items if i.when or i.ref in dated]  # every plan year
    assert items and len(events) == len(items) == len(calendar.walk("VEVENT"))
    for plan, item in items:
        event = events[f"{plan.id}-{item.id}@xieshang"]
        assert str(event.get("summary")) == item.title + ("（示例）" if plan.sample else "")  # 示例 kept
        description = str(event.get("description"))
        assert item.lead in description and f"{plan.url}#item-{item.id}" in description
        start = event.decoded("dtstart")
        assert start.year in (plan.year, plan.year + 1)


def test_index_pages_do_not_crowd_search(site, corpus):
    # Pagefind indexes only pages with data-pagefind-body once any page has it (documents do);
    # topic pages are not indexed either (they ranked above the documents they list).
    plan = corpus.documents[PLAN]
    for url in [
        "topics/",
        "years/",
        "bodies/",
        "follow-through/",
        f"years/{plan.year}/",
        f"bodies/{plan.body}/",
        f"topics/{plan.topics[0]}/",
    ]:
        assert "data-pagefind-body" not in site.html(url), url
