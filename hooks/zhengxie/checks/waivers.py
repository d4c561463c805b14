"""Waivers: a document whose original departs from the usual format says so in its front matter,
naming the code, the reason and exactly what it excuses (`waive: {ZX301: {reason: 原件没有附则,
scope: 附则}}`; the scope is the finding's own, data/problems.yml `scope`: a section, a heading, a
count such as 写明11项，列出4项). Its findings of that code and scope — in the document and in its
data file — are then set aside with the reason: the check passes, the page shows an editor's note,
and the waivers page lists them. Anything else is still reported: another missing section, or the
same count once an item is deleted (then the finding's hint names the waiver that no longer fits).
A waiver that matches nothing, names a code that cannot be waived (data/problems.yml `waivable`),
or has no scope (ZX430, showing the scope to copy) is itself a problem.

This runs after every other check, on their findings, so no check needs to know about waivers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from zhengxie.checks import wording
from zhengxie.model.corpus import Corpus, Document
from zhengxie.registry.problems import Problem


@dataclass(frozen=True, slots=True)
class Waiver:
    doc: Document
    code: str
    reason: str
    problems: tuple[Problem, ...]  # the findings it sets aside

    @property
    def title(self) -> str:
        return self.doc.id


def apply_waivers(corpus: Corpus, problems: list[Problem]) -> list[Problem]:
    """The problems left after the documents' waivers; the waivers themselves go to corpus.waivers."""
    reporter = corpus.reporter
    catalogue = reporter.catalogue
    waiving = [doc for doc in corpus.documents.values() if doc.waivers]
    if not waiving:
        return problems
    by_file: dict[str, Document] = {}
    for doc in waiving:
        for path in (doc.path, doc.data_path):
            if path:
                by_file[path] = doc
    set_aside: dict[tuple[str, str], list[Problem]] = {}  # (doc id, code) -> [problems]
    left: dict[tuple[str, str], list[int]] = {}  # (doc id, code) -> indexes in kept of findings no scope covers
    kept: list[Problem] = []
    for problem in problems:
        owner = by_file.get(problem.file)
        info = catalogue.get(problem.code)
        entry = owner.waivers.get(problem.code) if owner is not None else None
        if owner is None or entry is None or info is None or not info.waivable:
            kept.append(problem)
        elif not entry.scoped or problem.scope in entry.scopes:
            set_aside.setdefault((owner.id, problem.code), []).append(problem)
        else:
            left.setdefault((owner.id, problem.code), []).append(len(kept))
            kept.append(problem)
    allowed = wording.join(code for code, info in catalogue.items() if info.waivable)
    added = []
    for doc in waiving:
        for code, entry in doc.waivers.items():
            line = doc.meta_yaml.line_of(("waive", code)) if doc.meta_yaml else 1
            info = catalogue.get(code)
            if info is None or not info.waivable:
                why = "没有这个问题代码" if info is None else "它关系到网站的安全或数据的正确，不能以原件为由保留"
                added.append(reporter.add("ZX310", doc.path, line, waived=code, reason=why, allowed=allowed))
                continue
            found = set_aside.get((doc.id, code), [])
            if not entry.scoped:
                if found:  # the findings are set aside once, by the one problem that shows the scope to write
                    scope = _scope_text([p.scope for p in found])
                    added.append(
                        reporter.add(
                            "ZX430",
                            doc.path,
                            line,
                            waived=code,
                            write=f"{code}: {{reason: {entry.reason}, scope: {scope}}}",
                        )
                    )
                else:
                    added.append(reporter.add("ZX309", doc.path, line, waived=code))
                continue
            covered = {p.scope for p in found}
            stale = [s for s in entry.scopes if s not in covered]
            uncovered = left.get((doc.id, code), [])
            if stale and uncovered:  # the waived finding changed: the finding says so, once
                for index in uncovered:
                    problem = kept[index]
                    kept[index] = replace(
                        problem,
                        hint=f"{problem.hint}。文首 waive 的 {code} 豁免的是“{wording.join(stale)}”，现在是“{problem.scope}”："
                        f"原件确实如此就把 scope 改为“{problem.scope}”，否则按上面的提示修改",
                    )
            elif stale:
                added.append(reporter.add("ZX309", doc.path, line, waived=f"{code}（{wording.join(stale)}）"))
            if found:
                corpus.waivers.append(Waiver(doc, code, entry.reason, tuple(found)))
    return sorted(kept + added, key=lambda p: p.sort_key())


_PLAIN = re.compile(r"[^\s:#\[\]{},'\"&*!|>%@`-][^:#\[\]{},]*(?<=[^\s])")  # safe unquoted in a YAML flow


def _scope_text(scopes: list[str]) -> str:
    """The scope to write, as YAML: one value, or a flow list of several (each once, in order)."""
    unique = [s if _PLAIN.fullmatch(s) else json.dumps(s, ensure_ascii=False) for s in dict.fromkeys(scopes) if s]
    if len(unique) == 1:
        return unique[0]
    return "[" + ", ".join(unique) + "]"
