"""A mini-repository full of hostile content (tests/support/safety_output_support.py), built once: the check
reports every case, the build reports the same problems, and what it would publish runs no script —
in the HTML (parsed, not grepped) and in Chromium, search filters included."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from checks_support import HOME, NOTE, PLAN, PLAN_DATA, summary
from safety_output_support import HOSTILE_DESCRIPTION, MARKER, active_content, build, build_hostile_repo
from serving import root_url, serve

PAGES = [
    "",
    "plans/2019-test-consultation-plan/",
    "notes/2019-test-study-note/",
    "guide/problems/",
    "topics/ecology/",
    "topics/",
    "bodies/luoyang-city/",
    "bodies/",
    "years/2019/",
    "years/",
    "follow-through/",
    "summaries/2019-test-annual-summary/",
    "redirect/",
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    repo = build_hostile_repo(tmp_path_factory.mktemp("hostile") / "repo")
    result = build(repo.root, search=True)  # search: the filter labels are part of the attack
    assert result.returncode == 0, result.stderr[-3000:]
    repo.log = result.stdout + result.stderr
    repo.site = repo.root / "site"
    return repo


def html_pages(site):
    return [p for p in sorted(site.rglob("*.html")) if "pagefind" not in p.relative_to(site).parts]


def text_of(html: str) -> str:
    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts = []

        def handle_data(self, data):
            self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return "".join(parser.parts)


# ---- the build ----------------------------------------------------------------------------------


def test_main_py_at_the_root_is_never_imported(hostile):
    assert not (hostile.root / MARKER).exists()
    assert not (hostile.site / MARKER).exists()
    assert "main.py ran" not in hostile.log


def test_a_page_that_asks_to_be_rendered_as_a_template_is_shown_as_written(hostile):
    page = (hostile.site / "jinja" / "index.html").read_text(encoding="utf-8")
    text = text_of(page)
    assert "计算 {{ 7*7 }} 站名 {{ config.site_name }} {% for x in range(3) %}循环{% endfor %}" in text
    assert "模板{{ 6*7 }}" in text and "模板42" not in text and "计算 49" not in text


def test_published_html_holds_no_script_from_content(hostile):
    """Property over every page: no event attribute, no script URL, no script/iframe/object/base/
    form/meta refresh, and every <script> is the theme's own (a file of the site or Material's
    inline set-up, never one that calls alert)."""
    problems = []
    for path in html_pages(hostile.site):
        found = active_content(path.read_text(encoding="utf-8"))
        problems += [f"{path.relative_to(hostile.site)}: {item}" for item in found.found]
        editor = path.relative_to(hostile.site).as_posix() == "admin/index.html"  # the editor's pinned scripts
        for src, inline in found.scripts:
            if editor and src in ("js-yaml.min.js", "pinyin-pro.js", "decap-cms.js", "zx-cms.js"):
                continue
            if src and not re.search(
                r"(^|/)assets/(javascripts/bundle\.[0-9a-f]+\.min\.js|zx-(?:search|print|reader|portal)\.js)$", src
            ):
                problems.append(f"{path.relative_to(hostile.site)}: script {src}")
            if "alert" in inline or "location.replace" in inline:
                problems.append(f"{path.relative_to(hostile.site)}: inline script {inline[:80]}")
    assert not problems, "\n".join(problems)


def test_hostile_title_is_text_and_never_evaluated(hostile):
    html = (hostile.site / "plans/2019-test-consultation-plan/index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert text_of(title).startswith("<img src=x onerror=alert('title')>&lt;/title&gt;")
    assert "{{ 9**(9**9) }}" in text_of(title)  # shown as written, never computed
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert "<img src=x onerror=alert('title')>" in text_of(h1)


def test_description_stays_inside_its_meta(hostile):
    class Metas(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.metas = []

        def handle_starttag(self, tag, attrs):
            if tag == "meta":
                self.metas.append(dict(attrs))

    parser = Metas()
    parser.feed((hostile.site / "index.html").read_text(encoding="utf-8"))
    assert not [m for m in parser.metas if "http-equiv" in m]
    [description] = [m for m in parser.metas if m.get("name") == "description"]
    assert description == {"name": "description", "content": HOSTILE_DESCRIPTION}


def test_data_values_and_names_are_shown_as_text(hostile):
    plan = text_of((hostile.site / "plans/2019-test-consultation-plan/index.html").read_text(encoding="utf-8"))
    for shown in (
        "<img src=x onerror=alert('item')>",
        "<script>alert('summary')</script>",
        "<img src=x onerror=alert('lead')>",
        "<img src=x onerror=alert('topic')>",
        "<img src=x onerror=alert('body')>",
    ):
        assert shown in plan, shown
    summary_page = text_of((hostile.site / "summaries/2019-test-annual-summary/index.html").read_text(encoding="utf-8"))
    assert "<img src=x onerror=alert('figure')>" in summary_page
    assert "<img src=x onerror=alert('reason')>" in summary_page
    topics = text_of((hostile.site / "topics/index.html").read_text(encoding="utf-8"))
    assert "<img src=x onerror=alert('topic')>" in topics


def test_problem_code_text_and_code_examples_are_shown_as_written(hostile):
    guide = (hostile.site / "guide/problems/index.html").read_text(encoding="utf-8")
    shown = text_of(guide)
    for text in (
        "<img src=x onerror=alert('code-title')>",
        "<script>alert('code-hint')</script>",
        "[点我](javascript:alert('code-message'))",
        "<img src=x onerror=alert('code-wrong')>",
        "<script>alert(1)</script>",
    ):  # ZX603's own example, in a code block
        assert text in shown, text
    note = (hostile.site / "notes/2019-test-study-note/index.html").read_text(encoding="utf-8")
    code = re.search(r"<pre>.*?</pre>", note, re.S).group(0)
    assert text_of(code).strip() == "<script>alert('in-code')</script>"


def test_a_foreign_template_is_not_used(hostile):
    html = (hostile.site / "redirect/index.html").read_text(encoding="utf-8")
    assert "location.replace" not in html and 'http-equiv="refresh"' not in html
    assert 'class="md-content' in html  # the site's default page template instead


def test_check_reports_every_case_and_the_build_the_same(hostile):
    problems = hostile.check()
    found = summary(problems)
    line = hostile.line_of
    expected = [
        ("ZX603", NOTE, line(NOTE, '<script>alert("script")')),
        ("ZX604", NOTE, line(NOTE, "alert('img')")),
        ("ZX604", NOTE, line(NOTE, "alert('backtick')")),
        ("ZX604", NOTE, line(NOTE, "alert('quote')")),
        ("ZX604", NOTE, line(NOTE, "alert('attr-list')")),
        ("ZX604", NOTE, line(NOTE, "alert('attr-link')")),
        ("ZX605", NOTE, line(NOTE, "alert('js-link')")),
        ("ZX605", NOTE, line(NOTE, "alert('tab')")),
        ("ZX605", NOTE, line(NOTE, "alert('newline')")),
        ("ZX605", NOTE, line(NOTE, "alert('entity')")),
        ("ZX605", NOTE, line(NOTE, "alert('case')")),
        ("ZX605", NOTE, line(NOTE, "alert('reference')")),
        ("ZX602", NOTE, line(NOTE, "{%+ raw %}")),
        ("ZX604", NOTE, line(NOTE, "alert('details')")),
        ("ZX603", NOTE, line(NOTE, "<iframe")),
        ("ZX603", NOTE, line(NOTE, "<form")),
        ("ZX603", NOTE, line(NOTE, "<meta")),
        ("ZX603", NOTE, line(NOTE, "<base")),
        ("ZX604", NOTE, line(NOTE, "alert('unclosed-fence')")),
        ("ZX603", HOME, line(HOME, "<math>")),
        ("ZX603", HOME, line(HOME, "<style>")),
        ("ZX602", PLAN, 2),
        ("ZX604", PLAN, 2),
        ("ZX606", "docs/redirect.md", 3),
        ("ZX604", PLAN_DATA, line(PLAN_DATA, "alert('item')")),
        ("ZX603", PLAN_DATA, line(PLAN_DATA, "alert('summary')")),
        ("ZX604", "data/topics.yml", line("data/topics.yml", "alert('topic')")),
        ("ZX604", "data/bodies.yml", line("data/bodies.yml", "alert('body')")),
    ]
    missing = [e for e in expected if e not in found]
    assert not missing, f"missing {missing}\nfound {found}"
    assert sum(1 for code, file, _ in found if (code, file) == ("ZX605", NOTE)) == 6
    # One verdict: the build logs exactly the check's problems as errors, so --strict fails too.
    logged = [p for p in problems if f"{p.place}: 错误 {p.code} {p.message}" in hostile.log]
    assert len(logged) == len(problems) and problems


# ---- Chromium -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_url(hostile):
    server = serve(hostile.site)
    yield root_url(server)
    server.shutdown()


@pytest.mark.slow  # every page of the hostile site, each until the network is idle
def test_no_dialog_fires_in_chromium(browser, hostile_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        # The listener works: a page that does run script is caught.
        with page.expect_event("dialog"):
            page.set_content("<img src=x onerror=\"alert('control')\">")
        assert dialogs == ["control"]
        dialogs.clear()
        for url in PAGES:
            page.goto(hostile_url + url)
            page.wait_for_load_state("networkidle")
        # Material's tooltips show a title attribute with innerHTML, on hover.
        page.goto(hostile_url + "summaries/2019-test-annual-summary/")
        page.locator('a[href="https://example.com"][title]').first.hover()
        page.locator(".md-tooltip2").first.wait_for(state="attached")
        page.goto(hostile_url + "about/")
        page.locator(".md-nav--secondary a[title]").first.hover()
        page.locator(".md-tooltip2").first.wait_for(state="attached")
        # Search: Pagefind inserts filter labels (topic and body names) as HTML.
        page.goto(hostile_url + "plans/2019-test-consultation-plan/")
        page.locator("[data-zx-search-open]").click()
        page.locator(".pagefind-ui__search-input").fill("协商")
        labels = page.locator(".pagefind-ui__filter-label")
        labels.first.wait_for(state="attached")
        page.wait_for_load_state("networkidle")
        assert any("onerror=alert(＇topic＇)" in text for text in labels.all_text_contents())
        page.locator(".pagefind-ui__search-input").fill("onerror")
        page.locator(".pagefind-ui__result-excerpt").first.wait_for()
        page.wait_for_load_state("networkidle")
        assert dialogs == []
    finally:
        context.close()
