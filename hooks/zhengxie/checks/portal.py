"""The site's portal declarations (data/site.yml, zhengxie.model.portal) beyond their schema: every
body's 索引号 code is its own, or two documents could get one 索引号."""

from __future__ import annotations

from zhengxie.model.corpus import Corpus
from zhengxie.sources.loader import DATA

BODIES = f"{DATA}/bodies.yml"


def check_portal(corpus: Corpus) -> None:
    ydoc = corpus.vocab_yaml.get(BODIES)
    entries = ydoc.data if ydoc is not None and isinstance(ydoc.data, list) else []
    first: dict[str, str] = {}  # code -> the body id that has it first
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        code, body = entry.get("code"), entry.get("id")
        if not isinstance(code, str) or not code.strip():
            continue
        code = code.strip()
        if code in first:
            line = ydoc.line_of((index, "code")) if ydoc is not None else None
            corpus.reporter.add("ZX156", BODIES, line, body_code=code, other=first[code])
        else:
            first[code] = str(body)
