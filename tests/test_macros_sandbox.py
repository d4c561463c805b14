"""Content cannot run code or read the environment through Jinja."""
import pytest
from jinja2.exceptions import SecurityError, TemplateError

from zhengxie.sandbox import MacroRenderer


@pytest.fixture
def renderer():
    return MacroRenderer({"plan_items": lambda: "<table>items</table>"})


def test_site_macro_renders(renderer):
    assert renderer.render("前文\n\n{{ plan_items() }}\n") == "前文\n\n<table>items</table>\n"


def test_text_without_jinja_is_untouched(renderer):
    assert renderer.render("第一条　本规则……") == "第一条　本规则……"


@pytest.mark.parametrize(
    "attack",
    [
        "{{ plan_items.__globals__['os'].system('id') }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ config }}",
        "{{ environment }}",
        "{{ cycler.__init__.__globals__.os.environ }}",
        "{% include '/etc/passwd' %}",
        "{{ range(10) }}",
        "{{ 'x' | attr('__class__') }}",
    ],
)
def test_escapes_are_refused(renderer, attack):
    with pytest.raises((SecurityError, TemplateError, TypeError)):
        renderer.render(attack)


def test_failed_macro_is_a_coded_problem_with_its_file_line(fixture_root):
    from fixture_site import PLAN
    from zhengxie.site import Site

    site = Site.load(fixture_root, template_dir=fixture_root / "overrides")
    doc = site.corpus.documents[PLAN]
    text, problems = site.render_macros(doc.src_uri, "## 一、指导思想\n\n{{ os.system('id') }}\n")
    assert text.endswith("{{ os.system('id') }}\n")  # published unrendered, never executed
    [problem] = problems
    assert (problem.code, problem.file, problem.line) == ("ZX699", doc.path, doc.body_line + 2)


def test_macro_html_reaches_the_page_after_markdown(fixture_root):
    """Macro HTML skips Markdown (placeholders with the fragment's anchors), then fills the page."""
    from fixture_site import PLAN
    from zhengxie.site import Site

    site = Site.load(fixture_root, template_dir=fixture_root / "overrides")
    doc = site.corpus.documents[PLAN]
    text, problems = site.render_macros(doc.src_uri, "## 三、协商议题\n\n{{ plan_items() }}\n")
    assert problems == [] and 'class="zx-item"' not in text
    assert '<a id="item-p01"></a>' in text  # MkDocs still sees the anchors it validates links against
    html = site.page_html(doc.src_uri, f"<h2>三、协商议题</h2>\n{text.split(chr(10), 2)[2]}")
    assert html.count('class="zx-item"') == len(doc.items) > 1 and 'zx-slot' not in html
