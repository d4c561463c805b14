"""What the fork server of python_runs.py imports once, before it forks a run: the modules every
`mkdocs build` and `python -m zhengxie` of a test imports. Only imports; nothing here is run. Not the
`__main__` modules themselves: runpy warns when the module it runs as `__main__` is imported already."""

import os

# Material prints a notice about MkDocs 2.0 when imported without this; every test run sets it anyway
# (the server's environment is never a run's: each run gets the one its test gives).
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


import babel  # noqa: F401
import click  # noqa: F401
import jinja2  # noqa: F401
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
import mkdocs.config.defaults  # noqa: F401
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
import zhengxie.tools.cli  # noqa: F401
