"""Cross-references by id: front-matter topics and body, plan items' topics and form, a body's
parent, and the plan items that summaries report on (item, merged_into) must all exist, with a
"did you mean" for near misses — a name for a value written in Chinese, an id for one in Latin
letters. A registered name was turned into its id when the sources were read; a name two entries
share is the registry's problem (ZX220), not reported again at each use. (Links between pages are
checked in `links`.)"""

from __future__ import annotations

import re
from collections.abc import Collection

from zhengxie.checks import wording
from zhengxie.checks.pages import data_unread
from zhengxie.model.corpus import Corpus, Document, KeyPath
from zhengxie.registry.names import Names
from zhengxie.sources.loader import DATA
from zhengxie.text.reading import YamlDoc
from zhengxie.text.values import NOT_STATED_TEXT

ITEM_REF = re.compile(r"^((?:[0-9]{4}|undated)-[a-z0-9-]+)#([a-z0-9][a-z0-9-]*)$")


def check_references(corpus: Corpus) -> None:
    vocab = corpus.vocab
    report = corpus.reporter.add
    body_names, form_names = vocab.names_of("bodies"), vocab.names_of("forms")
    allowed_forms = wording.join(f"{f.name}（{f.id}）" for f in vocab.forms.values())
    for doc in corpus.documents.values():
        meta = doc.meta
        body = meta.get("body")
        if isinstance(body, str) and body and _unknown(body, vocab.bodies, body_names):
            report(
                "ZX502",
                doc.path,
                doc.meta_line("body"),
                id=body,
                did_you_mean=wording.did_you_mean_name(body, body_names),
            )
        _check_topics(corpus, doc.path, meta.get("topics"), doc.meta_yaml, ("topics",))
        data = doc.data_yaml.data if doc.data_yaml is not None and isinstance(doc.data_yaml.data, dict) else None
        data_path = doc.data_path
        if data is None or data_path is None:  # (a data file read has its path)
            continue
        kind = vocab.kinds.get(doc.kind)
        model = kind.data if kind else None
        if model == "plan-items" and isinstance(data.get("items"), list):
            for index, raw in enumerate(data["items"]):
                if not isinstance(raw, dict):
                    continue
                stages = raw.get("stages")
                uses: list[tuple[object, KeyPath]] = [(raw.get("form"), ("items", index, "form"))] + [
                    (s.get("form"), ("items", index, "stages", i, "form"))
                    for i, s in enumerate(stages if isinstance(stages, list) else [])
                    if isinstance(s, dict)
                ]
                for form, path in uses:
                    if form == NOT_STATED_TEXT:  # the original states no form: 原文未载, never a guess
                        continue
                    if isinstance(form, str) and form and _unknown(form, vocab.forms, form_names):
                        report(
                            "ZX503",
                            data_path,
                            doc.data_line(*path),
                            id=form,
                            did_you_mean=wording.did_you_mean_name(form, form_names),
                            allowed=allowed_forms,
                        )
                _check_topics(corpus, data_path, raw.get("topics"), doc.data_yaml, ("items", index, "topics"), 1)
        if model == "summary-figures" and isinstance(data.get("reports"), list):
            for index, raw in enumerate(data["reports"]):
                if isinstance(raw, dict):
                    for key in ("item", "merged_into"):
                        _check_item_ref(corpus, doc, data_path, raw.get(key), ("reports", index, key))
    _check_parents(corpus)


def _check_topics(
    corpus: Corpus, path: str, values: object, ydoc: YamlDoc | None, at: KeyPath, default: int | None = None
) -> None:
    """Topics (`values`, written at `at` in `ydoc`) that data/topics.yml does not know."""
    if not isinstance(values, list):
        return
    topics, names = corpus.vocab.topics, corpus.vocab.names_of("topics")
    for index, value in enumerate(values):
        if isinstance(value, str) and value and _unknown(value, topics, names):
            line = ydoc.line_of((*at, index), default) if ydoc is not None else default
            corpus.reporter.add("ZX501", path, line, id=value, did_you_mean=wording.did_you_mean_name(value, names))


def _unknown(value: str, entries: Collection[str], names: Names) -> bool:
    """Neither an entry's id nor a name several entries share (that one is ZX220, at the registry),
    in a registry that could be read (one that could not is its own problem, reported once)."""
    return value not in entries and names.unknown(value)


def _check_item_ref(corpus: Corpus, doc: Document, data_path: str, ref: object, path: KeyPath) -> None:
    if not isinstance(ref, str):
        return
    match = ITEM_REF.match(ref)
    if match is None:
        return  # malformed: the summary-data schema reports it
    corpus.note_dependency(data_path, f"id:{match.group(1)}")
    if ref in corpus.items:
        return
    plan_id, item_id = match.groups()
    plan = corpus.documents.get(plan_id)
    if data_unread(plan):  # its items are unknown: the plan's data file has the one problem
        return
    if plan is not None and plan.items:
        suggestion = wording.did_you_mean(ref, [item.ref for item in plan.items])
    else:
        close = wording.closest(plan_id, corpus.index.plan_ids)
        suggestion = wording.suggest(f"{close}#{item_id}" if close else None)
    corpus.reporter.add("ZX504", data_path, doc.data_line(*path), ref=ref, did_you_mean=suggestion)


def _check_parents(corpus: Corpus) -> None:
    path = f"{DATA}/bodies.yml"
    ydoc = corpus.vocab_yaml.get(path)
    if ydoc is None or not isinstance(ydoc.data, list):
        return
    bodies, names = corpus.vocab.bodies, corpus.vocab.names_of("bodies")
    for index, raw in enumerate(ydoc.data):
        parent = raw.get("parent") if isinstance(raw, dict) else None
        if isinstance(parent, str) and parent and _unknown(parent, bodies, names):
            corpus.reporter.add(
                "ZX502",
                path,
                ydoc.line_of((index, "parent")),
                id=parent,
                did_you_mean=wording.did_you_mean_name(parent, names),
            )
    _check_cycles(corpus, path, ydoc)


def _check_cycles(corpus: Corpus, path: str, ydoc: YamlDoc) -> None:
    """A parent chain that comes back to where it started (a → b → a, or a → a) is reported once,
    at the `parent` line of the cycle's first body in the file."""
    entries = ydoc.data if isinstance(ydoc.data, list) else []
    lines = {
        raw["id"]: ydoc.line_of((index, "parent"))
        for index, raw in enumerate(entries)
        if isinstance(raw, dict) and isinstance(raw.get("id"), str)
    }
    for cycle in parent_cycles({body.id: body.parent for body in corpus.vocab.bodies.values()}):
        turn = min(range(len(cycle)), key=lambda i: lines.get(cycle[i]) or 0)
        ordered = cycle[turn:] + cycle[:turn]  # from the body written first
        corpus.reporter.add(
            "ZX512", path, lines.get(ordered[0]), id=ordered[0], chain=" → ".join(ordered + ordered[:1])
        )


def parent_cycles(parents: dict[str, str | None]) -> list[list[str]]:
    """Every cycle of the parent map, each once, in the order the walk meets them. Each body is
    walked once (a walk stops at a body an earlier walk passed): linear in the number of bodies."""
    cycles: list[list[str]] = []
    done: set[str] = set()
    for start in parents:
        chain: list[str] = []
        body: str | None = start
        while body is not None and body in parents and body not in done:
            done.add(body)
            chain.append(body)
            body = parents[body]
        if body is not None and body in chain:  # this walk came back onto its own chain
            cycles.append(chain[chain.index(body) :])
    return cycles
