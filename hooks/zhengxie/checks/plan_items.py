"""Plan items (data/plans/<id>.yml): unique ids, a month or a quarter (exactly one), the stated
count equals the items, and `{{ plan_items() }}` has items to show. Required fields, types, ranges
and vocabulary membership are the `schemas` and `references` checks' business."""
from __future__ import annotations

import re

from ..loader import DATA
from ..model import Corpus, Document
from ._pages import line_col

MACRO = re.compile(r"\{\{\s*plan_items\(\)\s*\}\}")


def check_plan_items(corpus: Corpus) -> None:
    for doc in corpus.documents.values():
        if doc.kind != "plan":
            continue
        check_macro_data(corpus, doc, MACRO, "{{ plan_items() }}", "items", has_data=doc.data_path is not None)
        data = doc.data_yaml.data if doc.data_yaml is not None else None
        if not isinstance(data, dict):
            continue
        raw_items = data.get("items")
        if not isinstance(raw_items, list):
            continue
        _check_items(corpus, doc, raw_items)
        stated = data.get("stated_count")
        if isinstance(stated, int) and not isinstance(stated, bool) and stated != len(raw_items):
            corpus.reporter.add("ZX404", doc.data_path, doc.data_line("stated_count"), stated=stated, actual=len(raw_items))


def _check_items(corpus: Corpus, doc: Document, raw_items: list) -> None:
    report = corpus.reporter.add
    first: dict = {}
    for index, raw in enumerate(raw_items):
        if not isinstance(raw, dict):
            continue
        item_id = raw.get("id")
        label = item_id if isinstance(item_id, (str, int)) and not isinstance(item_id, bool) else f"#{index + 1}"
        line = doc.data_line("items", index)
        if isinstance(item_id, (str, int)) and not isinstance(item_id, bool):
            key = str(item_id)
            if key in first:
                report("ZX401", doc.data_path, doc.data_line("items", index, "id"), id=key, first_line=first[key])
            else:
                first[key] = doc.data_line("items", index, "id")
        has_month, has_quarter = "month" in raw, "quarter" in raw
        if not has_month and not has_quarter:
            report("ZX402", doc.data_path, line, id=label)
        elif has_month and has_quarter and raw.get("month") is not None and raw.get("quarter") is not None:
            report("ZX403", doc.data_path, doc.data_line("items", index, "quarter"), id=label)


def check_macro_data(corpus: Corpus, doc: Document, pattern, macro: str, field: str, has_data: bool) -> None:
    """ZX405 when the body uses `macro` but the data it renders is missing."""
    if has_data:
        return
    match = pattern.search(doc.text)
    if match is None:
        return
    line, column = line_col(doc.text, match.start(), doc.body_line)
    folder = corpus.vocab.kinds[doc.kind].folder if doc.kind in corpus.vocab.kinds else doc.kind
    data_path = doc.data_path or f"{DATA}/{folder}/{doc.id}.yml"
    corpus.reporter.add("ZX405", doc.path, line, column, macro=macro, data_path=data_path, field=field)
