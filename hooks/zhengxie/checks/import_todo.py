"""What `make import` could not place: 【待核：…】 markers left in a draft (ZX130).

Scanned like residue: Markdown bodies (code excluded, so the guide can show a marker), front-matter
values and data-file values. A draft passes the check only when a person has resolved every one.
"""

from __future__ import annotations

import re

from zhengxie.checks import content
from zhengxie.model.corpus import Corpus

MARKER = re.compile(r"【待核[：:]([^】\n]{0,300})】?")
PREFILTER = re.compile("【待核")


def check_import_todos(corpus: Corpus) -> None:
    for file, line, column, match in content.find(corpus, MARKER, PREFILTER):
        corpus.reporter.add("ZX130", file, line, column, text=match.group(1).strip())
