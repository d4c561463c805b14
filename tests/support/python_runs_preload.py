"""What the fork server of python_runs.py imports once, before it forks a run: the modules every
`mkdocs build` and `python -m zhengxie` of a test imports. Not the `__main__` modules themselves: runpy
warns when the module it runs as `__main__` is imported already.

Besides the imports, two things are made here once, so each forked run starts with them (about 0.4 s
of a fixture site's 1.4 s build); an edited copy of a schema or template is a text not seen before and is
judged or compiled anew:
- the verdict of jsonschema's metaschema on the repository's schemas (`not_a_schema`, a pure function of
  a schema's text, which a long-lived process such as `make serve` keeps too);
- the theme's templates compiled to Python code, through Jinja's documented bytecode cache, kept in
  memory (`CompiledTemplates`). The fixture sites copy overrides/, and Material's templates are the
  venv's, so a build compiles almost none of its templates itself (MkDocs makes a new Jinja environment
  for every build, and compiling its 60 templates was 0.27 s of it).
"""

import os
from pathlib import Path

# Material prints a notice about MkDocs 2.0 when imported without this; every test run sets it anyway
# (the server's environment is never a run's: each run gets the one its test gives).
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


import babel  # noqa: F401
import click  # noqa: F401
import jinja2
import jinja2.bccache
import jsonschema  # noqa: F401
import markdown.extensions.admonition
import markdown.extensions.attr_list
import markdown.extensions.codehilite
import markdown.extensions.fenced_code
import markdown.extensions.md_in_html
import markdown.extensions.sane_lists
import markdown.extensions.tables  # noqa: F401
import material.templates  # noqa: F401
import mkdocs.commands.build
import mkdocs.commands.serve
import mkdocs.config.defaults
import mkdocs.theme
import mkdocs_macros.plugin  # noqa: F401
import pygments.lexers.data
import pygments.lexers.html
import pygments.lexers.markup
import pygments.lexers.python
import pygments.lexers.shell  # noqa: F401
import pymdownx.details
import pymdownx.highlight
import pymdownx.quotes
import pymdownx.saneheaders
import pymdownx.superfences  # noqa: F401

import zhengxie.build.engine
import zhengxie.checks.schemas
import zhengxie.tools.cli

for _schema in sorted((Path(__file__).resolve().parents[2] / "data" / "schemas").glob("*.json")):
    # read as load_schema reads it, so the remembered text is the one a run asks about
    _text = _schema.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    zhengxie.checks.schemas.not_a_schema(_text)


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates by name and compile settings (not by file: a fixture site's copy of a template
    is the same template). Jinja compares the checksum of the source with the one stored, so a template
    whose text differs is compiled again and stored in place of the other."""

    def __init__(self) -> None:
        self._codes: dict[str, bytes] = {}

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        # Compiled code depends on these settings (autoescape decides where escape() is called)
        settings = (
            environment.autoescape,
            sorted(environment.extensions),
            environment.block_start_string,
            environment.variable_start_string,
            environment.comment_start_string,
            environment.line_statement_prefix,
            environment.line_comment_prefix,
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.newline_sequence,
            environment.keep_trailing_newline,
            environment.optimized,
            environment.is_async,
        )
        bucket = jinja2.bccache.Bucket(
            environment, self.get_cache_key(f"{name}\0{settings!r}"), self.get_source_checksum(source)
        )
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._codes[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()
_environment_init = jinja2.Environment.__init__


def _with_compiled(self: jinja2.Environment, *args: object, **kwargs: object) -> None:
    _environment_init(self, *args, **kwargs)  # type: ignore[arg-type]
    if self.bytecode_cache is None:
        self.bytecode_cache = COMPILED


jinja2.Environment.__init__ = _with_compiled  # type: ignore[method-assign]

# The environment a build renders with: MkDocs' theme environment, which the site's on_env makes autoescaping.
_theme = mkdocs.theme.Theme(
    name="material", custom_dir=str(Path(__file__).resolve().parents[2] / "overrides"), language="zh"
)
_env = _theme.get_env()
_env.autoescape = True
for _name in _env.list_templates(filter_func=lambda name: name.endswith(".html")):
    try:
        _env.get_template(_name)
    except jinja2.TemplateError:  # a partial that only compiles inside another (never the case today)
        continue
