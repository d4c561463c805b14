"""The check names what the sanitizer would remove, at its file:line, for every hole of issue 10's
output side — and the allowlist keeps what the site's own Markdown and macros make."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser

import pytest

from checks_support import FILES, HOME, NOTE, PLAN, PLAN_DATA, ROOT, summary
from zhengxie.checks.unsafe import needs_render
from zhengxie.markup import guide, sanitize
from zhengxie.markup.markdown_html import Renderer


def problems_of(repo, code):
    return [p for p in repo.check() if p.code == code]


def add_to_note(repo, text):
    repo.write(NOTE, FILES[NOTE] + "\n" + text + "\n")


# ---- the holes of the regex denylist ------------------------------------------------------------


def test_unclosed_fence_does_not_hide_html(zx_repo):
    add_to_note(zx_repo, "```\n<img src=x onerror=alert(1)>")
    [problem] = problems_of(zx_repo, "ZX604")
    assert (problem.file, problem.line) == (NOTE, zx_repo.line_of(NOTE, "onerror"))
    assert "onerror" in problem.message


@pytest.mark.parametrize(
    "html,attr",
    [
        ('<img src=x alt="`" onerror="alert(1)" title="`">', "onerror"),
        ('<a href="#x" title=\'x" y\' onmouseover="alert(1)">x</a>', "onmouseover"),
        ('<img src="a.png" alt="x" /onerror=alert(1)>', "onerror"),
        ('段落\n{: onclick="alert(1)" }', "onclick"),
        ('[链接](https://example.com){: onmouseover="alert(1)" }', "onmouseover"),
    ],
    ids=["backtick", "quote", "slash", "attr-list", "attr-list-link"],
)
def test_attributes_in_any_quoting_are_found(zx_repo, html, attr):
    add_to_note(zx_repo, html)
    found = problems_of(zx_repo, "ZX604")
    assert [(p.file, p.line) for p in found] == [(NOTE, zx_repo.line_of(NOTE, attr))], summary(zx_repo.check())
    assert attr in found[0].message


@pytest.mark.parametrize(
    "link",
    [
        "[a](javascript:alert(1))",
        "[a](JaVaScRiPt:alert(1))",
        '<a href="java&#x09;script:alert(1)">a</a>',
        '<a href="jav&#10;ascript:alert(1)">a</a>',
        '<a href="&#106;avascript&#58;alert(1)">a</a>',
        '<a href="javascript&colon;alert(1)">a</a>',
        "[a][r]\n\n[r]: javascript:alert(1)",
        "[a](vbscript:msgbox(1))",
        '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    ],
    ids=["plain", "case", "tab", "newline", "entity", "named-entity", "reference", "vbscript", "data"],
)
def test_script_urls_in_any_spelling_are_found(zx_repo, link):
    add_to_note(zx_repo, link)
    codes = [p.code for p in zx_repo.check()]
    assert "ZX605" in codes, codes


def test_raw_variants_are_template_syntax(zx_repo):
    zx_repo.write("docs/guide/index.md", "# 编辑指南\n\n{%+ raw %}{{ config }}{%+ endraw %}\n")
    found = problems_of(zx_repo, "ZX602")
    assert {p.file for p in found} == {"docs/guide/index.md"} and len(found) == 3


def test_site_markdown_and_plain_links_need_no_render():
    text = FILES[PLAN] + "\n[计划](../plans/x.md#item-p01)、[网站](https://example.com)、[信箱](mailto:a@b.cn)\n"
    assert not needs_render(text)
    for hostile in ("<b>", "&#106;", "{: onclick=x }", "[a](javascript:x)", "[a]: vbscript:x", "[a](<java\nscript:x>)"):
        assert needs_render(text + hostile), hostile


# ---- titles and front-matter values ---------------------------------------------------------------


def test_title_and_front_matter_values_are_never_templates(zx_repo):
    zx_repo.edit(PLAN, "title: 洛阳市政协2019年度协商计划", 'title: "{{ 9**(9**9) }}计划"')
    zx_repo.edit(HOME, "title: 首页", 'title: 首页\ndescription: "{% for x in range(9**9) %}{% endfor %}"')
    found = summary(problems_of(zx_repo, "ZX602"))
    assert (("ZX602", PLAN, 2) in found) and (("ZX602", HOME, 3) in found)


def test_html_in_a_title_or_value_is_reported(zx_repo):
    zx_repo.edit(PLAN, "title: 洛阳市政协2019年度协商计划", 'title: "<img src=x onerror=alert(1)>计划"')
    zx_repo.edit(PLAN_DATA, "lead-unit: 市政协经济委员会", "lead-unit: \"<a href='javascript:alert(1)'>委员会</a>\"")
    found = summary(zx_repo.check())
    assert ("ZX604", PLAN, 2) in found
    assert ("ZX605", PLAN_DATA, zx_repo.line_of(PLAN_DATA, "javascript")) in found


@pytest.mark.parametrize("comment", ["<!-->", "<!--->", "<!-- x --!>", "<![CDATA[>"])
def test_markup_after_a_comment_the_browser_closes_early_is_reported(zx_repo, comment):
    # Python's HTMLParser reads these on to the next "-->" or "]]>"; the browser ends them at once,
    # and Material shows a long title in a tooltip with innerHTML, where the <img> would run.
    zx_repo.edit(PLAN, "title: 洛阳市政协2019年度协商计划", f"title: '{comment}<img src=x onerror=alert(1)>-->]]>计划'")
    assert ("ZX604", PLAN, 2) in summary(zx_repo.check())


def test_a_foreign_page_template_is_refused(zx_repo):
    zx_repo.write(
        "docs/go.md", "---\ntitle: 跳转\ntemplate: redirect.html\nlocation: javascript:alert(1)\n---\n\n正文\n"
    )
    assert summary(zx_repo.check()) == [("ZX606", "docs/go.md", 3)]


# ---- the allowlist keeps what the site makes -----------------------------------------------------

SITE_MARKDOWN = """\
## 一、标题 {: .special #own-id }

| 左 | 中 | 右 |
|:---|:---:|---:|
| 1 | 2 | 3 |

!!! note "提示"
    提醒内容。

??? info "展开"
    折叠内容。

<div class="zx-box" markdown>
**粗体**和[链接](../plans/x.md#item-p01)，![图](a.png "图"){ width="300" }
</div>

```python
print("<script>")
```

`<script>` 是示例。<abbr title="中国人民政治协商会议">政协</abbr>
"""


def test_the_site_markdown_passes_the_allowlist_unchanged():
    html = Renderer(ROOT).html(SITE_MARKDOWN)
    assert sanitize.removals(html) == []
    cleaned = sanitize.clean(html)
    for kept in (
        'class="admonition note"',
        "<details",
        "<summary",
        'id="own-id"',
        'class="special"',
        'style="text-align:center"',
        'class="zx-box"',
        'width="300"',
        "&lt;script&gt;",
        'href="../plans/x.md#item-p01"',
        "<abbr",
    ):
        assert kept in cleaned, kept


def test_macro_fragments_pass_the_allowlist(zx_repo):
    from zhengxie.build.website import Site

    site = Site.load(zx_repo.root, template_dir=ROOT / "overrides")
    doc = site.corpus.by_src_uri[PLAN.removeprefix("docs/")]
    html = site.views.plan_items(doc)
    assert sanitize.removals(html) == []
    for kept in ("<progress", "data-done", 'id="item-p01"', 'class="zx-chip"'):
        assert kept in sanitize.clean(html) or kept == "<progress", kept


class _Elements(HTMLParser):
    def __init__(self, values):
        super().__init__()
        self.values = values
        self.seen = []

    def handle_starttag(self, tag, attrs):
        self.seen.append((tag, tuple(sorted((name, value if self.values else "") for name, value in attrs))))

    handle_startendtag = handle_starttag


def _elements(html, values=False):
    parser = _Elements(values)
    parser.feed(html)
    return parser.seen


TAGS = ["a", "img", "p", "script", "details", "td", "iframe"]
ATTRS = [
    'href="javascript:alert(1)"',
    'href="https://example.com"',
    "onclick=alert(1)",
    'class="x"',
    'src="a.png"',
    'style="position:fixed"',
    'title="a`b"',
    'href="jav&#9;ascript:1"',
]


@pytest.mark.parametrize("tag,attr", list(itertools.product(TAGS, ATTRS)))
def test_check_and_sanitizer_agree(tag, attr):
    """Property over every element × attribute pair: nothing found ⇔ nothing removed, and what
    the sanitizer returns never holds a script, an event attribute or a script URL."""
    html = f"<{tag} {attr}>x</{tag}>"
    if tag == "td":  # a cell outside a table is dropped by any HTML parser, allowed or not
        html = f"<table><tbody><tr>{html}</tr></tbody></table>"
    cleaned = sanitize.clean(html)
    found = sanitize.removals(html)
    if not found:
        assert _elements(cleaned) == _elements(html)
    else:
        assert _elements(cleaned, values=True) != _elements(html, values=True)
    for element, attrs in _elements(cleaned, values=True):
        assert element != "script" and not any(name.startswith("on") for name, _ in attrs)
        for name, value in attrs:
            assert name not in ("href", "src") or sanitize.url_scheme(value) in (None, "http", "https", "mailto")


def test_problem_codes_text_is_literal():
    text = "<script>alert(1)</script> [x](javascript:1) {: onclick=1 } **b** | c"
    html = Renderer(ROOT).html(guide.markdown_text(text))
    assert sanitize.removals(html) == [] and "<a" not in html
    assert "&lt;script&gt;" in html


def test_filter_values_hold_no_markup():
    value = sanitize.filter_value("<img src=x onerror='a'>&amp;\"")
    assert not set(value) & set("<>'") and "&amp;" not in value.replace("＆", "")


def test_titles_open_no_element_in_the_theme_tooltip():
    # Material's content.tooltips sets a tooltip's innerHTML to the element's title attribute, and
    # the allowlist keeps title, so what a title reads as HTML must open no element.
    markdown = (
        '[链接](https://example.com "&lt;img src=x onerror=alert(1)&gt;")\n\n'
        '段落\n{: title="&lt;img src=x onerror=alert(2)&gt; A &amp; B" }\n'
    )
    html = Renderer(ROOT).html(markdown)
    assert sanitize.removals(html) == []  # nothing to report: the title is kept, as text
    elements = _Elements(values=True)
    elements.feed(sanitize.clean(html))
    titles = [value for _, attrs in elements.seen for name, value in attrs if name == "title"]
    assert titles == ["＜img src=x onerror=alert(1)＞", "＜img src=x onerror=alert(2)＞ A & B"]


def test_heading_text_opens_no_element_in_the_theme_tooltip():
    # Material puts a truncated nav/toc/header title's innerText into a tooltip with innerHTML.
    text = sanitize.text('<h2 id="x">&lt;img src=x onerror=alert(1)&gt; A &amp; B<a href="#x">¶</a></h2>')
    assert text == "＜img src=x onerror=alert(1)＞ A &amp; B¶"
