"""Checks that hold for any built site, whatever documents it holds: every document has its page with
its header, sits in its section's index and its year's and body's pages, and the calendar holds the
newest plan year. Used on the fixture site (test_site_build) and on the real repository with
documents added (test_corpus_independence)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

KINDS = {"rule": "rules", "plan": "plans", "summary": "summaries", "note": "notes"}
CJK = re.compile(r"[\u3400-\u9fff]")


# ---- helpers -----------------------------------------------------------------------------------------


class Page(HTMLParser):
    """The elements of one HTML page, each with its ancestors' classes and its text."""

    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict, list]] = []  # open elements: tag, attrs, text parts
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


def missing_pages(site: Path, docs) -> list[str]:
    return [f"{KINDS[k]}/{s}" for k, s, _ in docs if not (site / KINDS[k] / s / "index.html").is_file()]


def header_fields(root: Path) -> dict[str, dict]:
    """The header fields of the registry (data/fields.yml): field id -> its entry (label, filter)."""
    fields = yaml.safe_load((root / "data" / "fields.yml").read_text(encoding="utf-8"))
    return {f["id"]: f for f in fields if f.get("header")}


def header_problems(site: Path, root: Path, docs) -> list[str]:
    """Each document page has one header with its type, body and topics (labels and search filters from
    data/fields.yml), a 年份 filter, and (only if sample) the 示例 badge."""
    fields = header_fields(root)
    problems = []
    for kind, stem, meta in docs:
        url = url_of(KINDS[kind], stem)
        page = Page(read(site, url))
        headers = list(page.find("div", cls="zx-doc-header"))
        if len(headers) != 1:
            problems.append(f"{url}: {len(headers)} document headers")
            continue
        shown = [fields[f] for f in ("type", "body", "topics") if f in fields and (f != "topics" or meta.get("topics"))]
        labels = {text for _, _, text in page.find("dt", inside="zx-doc-header")}
        wanted = {f["label"] for f in shown}
        if not wanted <= labels:
            problems.append(f"{url}: header lacks {sorted(wanted - labels)}")
        filters = {
            a["data-pagefind-filter"].split(":", 1)[0].split("[")[0]
            for _, a, _ in page.find(inside="zx-doc-header")
            if a.get("data-pagefind-filter")
        }
        wanted = {f["filter"] for f in shown if f.get("filter")} | {"年份"}
        if not wanted <= filters:
            problems.append(f"{url}: search filters {sorted(filters)} lack {sorted(wanted - filters)}")
        badges = list(page.find(cls="zx-sample__badge", inside="zx-doc-header"))
        if bool(meta.get("sample")) != bool(badges):
            problems.append(f"{url}: sample={meta.get('sample')!r} but {len(badges)} 示例 badge(s) in the header")
        if badges and badges[0][2] != "示例":
            problems.append(f"{url}: badge reads {badges[0][2]!r}")
    return problems


def content_links(site: Path, url: str) -> set[str]:
    page = Page(read(site, url))
    return {resolve(url, href) for href in page.links(inside="md-content__inner")}


def index_problems(site: Path, root: Path) -> list[str]:
    """Each document is listed on its section page, its year page (when it has a year) and its body page."""
    from zhengxie.sources.loader import load_corpus

    problems = []
    for doc in load_corpus(root).documents.values():
        url = "/" + doc.url
        indexes = [f"/{KINDS[doc.kind]}/", f"/bodies/{doc.body}/"] + ([f"/years/{doc.year}/"] if doc.year else [])
        for index in indexes:
            if url not in content_links(site, index):
                problems.append(f"{index} does not link to {url}")
    return problems


def calendar_plan_ids(site: Path) -> set[str]:
    """The plans whose items are events in calendar.ics (from the event UIDs <plan>-<item>@…)."""
    import icalendar

    calendar = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    return {str(e["uid"]).rsplit("@", 1)[0].rsplit("-", 1)[0] for e in calendar.walk("VEVENT")}
