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
