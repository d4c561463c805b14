"""Waivers: a document whose original departs from the usual format says so in its front matter
(`waive: {ZX301: 原件只有总体原则、工作安排两部分}`). Its findings of that code — in the document and in
its data file — are then set aside with the reason: the check passes, the page shows an editor's
note, and the waivers page lists them. A waiver that matches nothing, or names a code that cannot
be waived (data/problems.yml `waivable`), is itself a problem.

This runs after every other check, on their findings, so no check needs to know about waivers.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    kept = []
    for problem in problems:
        owner = by_file.get(problem.file)
        info = catalogue.get(problem.code)
        if owner is not None and problem.code in owner.waivers and info is not None and info.waivable:
            set_aside.setdefault((owner.id, problem.code), []).append(problem)
        else:
            kept.append(problem)
    allowed = wording.join(code for code, info in catalogue.items() if info.waivable)
    added = []
    for doc in waiving:
        for code, reason in doc.waivers.items():
            line = doc.meta_yaml.line_of(("waive", code)) if doc.meta_yaml else 1
            info = catalogue.get(code)
            if info is None or not info.waivable:
                why = "没有这个问题代码" if info is None else "它关系到网站的安全或数据的正确，不能以原件为由保留"
                added.append(reporter.add("ZX310", doc.path, line, waived=code, reason=why, allowed=allowed))
                continue
            found = set_aside.get((doc.id, code))
            if not found:
                added.append(reporter.add("ZX309", doc.path, line, waived=code))
                continue
            corpus.waivers.append(Waiver(doc, code, reason, tuple(found)))
    return sorted(kept + added, key=lambda p: p.sort_key())
