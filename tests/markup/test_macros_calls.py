"""Content is never evaluated as a template: only calls of the site's macros are replaced."""

import pytest

from checks_support import PLAN
from zhengxie.markup import macros

ALLOWED = macros.DOCUMENT_MACROS


def render(text, allowed=ALLOWED, raw=False):
    calls = {"plan_items": lambda: "<table>items</table>"}
    return macros.substitute(text, macros.scan(text, allowed, raw), calls)


def test_site_macro_is_replaced():
    assert render("前文\n\n{{ plan_items() }}\n") == "前文\n\n<table>items</table>\n"


def test_text_without_jinja_is_untouched():
    assert render("第一条　本规则……") == "第一条　本规则……"


@pytest.mark.parametrize(
    "attack",
    [
        "{{ plan_items.__globals__['os'].system('id') }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ config }}",
        "{{ 9**(9**9) }}",
        "{% include '/etc/passwd' %}",
        "{%+ raw %}{{ config }}{%+ endraw %}",
        "{{ plan_items() }}{# {{ config }} #}",
        "{{- plan_items() -}}",
    ],
)
def test_anything_else_stays_text_and_is_forbidden(attack):
    tokens = macros.scan(attack, ALLOWED)
    assert any(t.kind == "forbidden" for t in tokens)
    out = render(attack)
    for token in tokens:
        if token.kind == "forbidden":
            assert token.text in out  # published as written, never evaluated


def test_raw_blocks_only_where_allowed():
    text = "{% raw %}写 {{ plan_items() }}{% endraw %}"
    assert render(text, allowed=(), raw=True) == "写 {{ plan_items() }}"
    assert [t.kind for t in macros.scan(text, (), raw=False)] == ["forbidden", "forbidden", "forbidden"]
    unclosed = "{% raw %}{{ config }}"
    assert [t.kind for t in macros.scan(unclosed, (), raw=True)] == ["forbidden", "forbidden"]


def test_failed_macro_is_a_coded_problem_with_its_file_line(zx_repo):
    from zhengxie.build.website import Site

    site = Site.load(zx_repo.root, template_dir=zx_repo.root / "no-templates")
    doc = site.corpus.by_src_uri[PLAN.removeprefix("docs/")]
    text, problems = site.render_macros(doc.src_uri, "## 三、协商议题\n\n{{ plan_items() }}\n")
    assert text.endswith("{{ plan_items() }}\n")  # the template is missing: published unrendered
    [problem] = problems
    assert (problem.code, problem.file, problem.line) == ("ZX699", doc.path, doc.body_line + 2)


def test_macro_html_reaches_the_page_after_markdown(zx_repo, root):
    """Macro HTML skips Markdown (placeholders with the fragment's anchors), then fills the page."""
    from zhengxie.build.website import Site

    site = Site.load(zx_repo.root, template_dir=root / "overrides")
    doc = site.corpus.by_src_uri[PLAN.removeprefix("docs/")]
    text, problems = site.render_macros(doc.src_uri, "## 三、协商议题\n\n{{ plan_items() }}\n")
    assert problems == [] and 'class="zx-item"' not in text
    assert '<a id="item-p01"></a>' in text  # MkDocs still sees the anchors it validates links against
    html = site.page_html(doc.src_uri, f"<h2>三、协商议题</h2>\n{text.split(chr(10), 2)[2]}")
    assert html.count('class="zx-item"') == 2 and "zx-slot" not in html
