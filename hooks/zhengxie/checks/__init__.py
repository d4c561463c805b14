"""Validation: every check reads the corpus model and adds coded problems to its reporter.

One module per concern; each registers its check function in CHECKS below. The same list runs in
`mkdocs build` (through zhengxie.validate) and in the standalone `python -m zhengxie check`.
"""

from __future__ import annotations

from collections.abc import Callable

from zhengxie.model.corpus import Corpus
from zhengxie.registry.problems import Problem
from zhengxie.sources.forked import in_parts

# Each check is a function (corpus) -> None that reports through corpus.reporter.
CHECKS: list[Callable[[Corpus], None]] = []


# Documents from which the last checks (TAIL) run in a forked child beside the others: they only
# report and note what they read (nothing they change is read by a later check), and their
# problems and notes come back after the others', in the order one process gives. Below it,
# forking a whole corpus costs more than it saves.
FORK_DOCUMENTS = 1000

Found = tuple[list[Problem], dict[str, set[str]]]  # problems, and what their checks noted reading


def run_checks(corpus: Corpus) -> list[Problem]:
    split = len(CHECKS) - len(TAIL) if len(corpus.documents) >= FORK_DOCUMENTS else len(CHECKS)
    head, tail = CHECKS[:split], CHECKS[split:]
    problems = corpus.reporter.problems

    def run_head() -> Found:
        for check in head:
            check(corpus)
        return [], {}

    def run_tail() -> Found:
        """The tail's problems, taken off the reporter again (the caller adds them in order), and
        every dependency noted (Corpus.note_dependency: `check --changed` reads them)."""
        start = len(problems)
        for check in tail:
            check(corpus)
        found = problems[start:]
        del problems[start:]
        return found, corpus.dependencies

    for found, dependencies in in_parts([run_head, run_tail] if tail else [run_head]):
        problems.extend(found)
        if dependencies is not corpus.dependencies:  # the tail ran in a child: its notes join ours
            for reader, reads in dependencies.items():
                corpus.dependencies.setdefault(reader, set()).update(reads)
    return apply_waivers(corpus, sorted(problems, key=lambda p: p.sort_key()))


from zhengxie.checks.dates import check_dates  # noqa: E402
from zhengxie.checks.documents import check_documents  # noqa: E402
from zhengxie.checks.fields import check_fields  # noqa: E402
from zhengxie.checks.figures import check_figures  # noqa: E402
from zhengxie.checks.import_todo import check_import_todos  # noqa: E402
from zhengxie.checks.links import check_links  # noqa: E402
from zhengxie.checks.measures import check_measures  # noqa: E402
from zhengxie.checks.numbering import check_numbering  # noqa: E402
from zhengxie.checks.plan_items import check_plan_items  # noqa: E402
from zhengxie.checks.portal import check_portal  # noqa: E402
from zhengxie.checks.references import check_references  # noqa: E402
from zhengxie.checks.residue import check_residue  # noqa: E402
from zhengxie.checks.schemas import check_schemas  # noqa: E402
from zhengxie.checks.sections import check_sections  # noqa: E402
from zhengxie.checks.unsafe import check_unsafe  # noqa: E402
from zhengxie.checks.waivers import apply_waivers  # noqa: E402

CHECKS += [
    check_documents,  # kind ↔ folder, type, file names, orphan data (ZX21x)
    check_schemas,  # JSON Schemas for front matter and every YAML file (ZX20x)
    check_fields,  # required and misplaced front-matter fields, rule succession (ZX215–ZX219)
    check_sections,  # required sections, order, empty sections (ZX30x)
    check_numbering,  # 一、二、… （一）（二）… 第一条 … (ZX304–ZX306)
    check_plan_items,  # plan items (ZX401–ZX405)
    check_dates,  # dates in order, plans dated in their period, item and report dates (ZX233–ZX236)
    check_figures,  # summary data, periods, follow-through reports (ZX41x)
    check_measures,  # figures: breakdowns, rates, parts, repeats, the plan, 原文如此 (ZX411, ZX413, ZX42x, ZX509–ZX511)
    check_references,  # topics, bodies, forms, plan item references (ZX501–ZX504)
    check_links,  # Markdown links and anchors (ZX505–ZX508)
    check_residue,  # template residue (ZX601)
    check_import_todos,  # what make import left for a person (ZX130)
    check_unsafe,  # template syntax, HTML the sanitizer would remove, page templates (ZX602–ZX606)
    check_portal,  # body codes of the 索引号 (ZX156); originals are checked as they are read (ZX151–ZX155)
]
# The last checks of CHECKS, which only read the corpus and add problems (run_checks may run them in
# a child process): about half of the checks' time at 10 000 documents.
TAIL = CHECKS[CHECKS.index(check_links) :]
