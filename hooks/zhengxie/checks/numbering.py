"""Numbering: headings 一、二、… and （一）（二）… run on without gaps or repeats within their level
(restarting under each parent heading); a rule's articles 第一条, 第二条 … run on across the rule.
An excerpt (节选, front-matter `excerpt`) may begin at any number — 二、 or 第五条 — and runs on from it."""

from __future__ import annotations

from collections.abc import Iterator

from zhengxie.model import articles
from zhengxie.model.corpus import Corpus, Document
from zhengxie.registry.problems import Reporter
from zhengxie.text.outline import NUMBERING, Heading, NumberingStyle, int_to_chinese

EXCERPT = "excerpt"  # the front-matter field (data/fields.yml) of an excerpt of a longer original
FORMATS: dict[NumberingStyle, str] = {
    "han": "{}、",
    "paren": "（{}）",
    "chapter": "第{}章",
    "arabic": "{}.",
}


def check_numbering(corpus: Corpus) -> None:
    reporter = corpus.reporter
    for doc in corpus.documents.values():
        _check_headings(doc, reporter)
        if corpus.vocab.has_behaviour(doc, articles.BEHAVIOUR):
            _check_articles(doc, reporter)


def _well_formed(numeral: str, number: int | None) -> bool:
    """A positive number written the standard way: 一 … 九十九, 一百零五, 一千零一, 一万 … (十十 or 一一
    are not numerals; outline.int_to_chinese is the standard)."""
    if number is None or number < 1:
        return False
    return numeral.isdecimal() or int_to_chinese(number) == numeral


def _expected(style: NumberingStyle, number: int) -> str:
    numeral = str(number) if style == "arabic" else int_to_chinese(number)
    return FORMATS[style].format(numeral)


def _check_headings(doc: Document, reporter: Reporter) -> None:
    # (parent heading line, level) -> the headings under one parent at one level, in order
    siblings: dict[tuple[int, int], list[Heading]] = {}
    parents: list[Heading] = []  # stack of headings above the current one
    for heading in doc.headings:
        while parents and parents[-1].level >= heading.level:
            parents.pop()
        parent = parents[-1].line if parents else 0
        parents.append(heading)
        siblings.setdefault((parent, heading.level), []).append(heading)
    for headings in siblings.values():
        # (heading, number it stands for) of each numbered sequence, by style
        groups: dict[NumberingStyle, list[tuple[Heading, int | None]]] = {}
        for index, heading in enumerate(headings):
            if heading.numbering_style is not None:
                groups.setdefault(heading.numbering_style, []).append((heading, heading.number))
                continue
            slip = _unnumbered_slip(headings, index, groups)
            if slip is not None:  # one problem, at the heading that lost its numbering
                style, slot = slip
                reporter.add("ZX304", doc.path, heading.line, text=heading.text, expected=_expected(style, slot))
                groups.setdefault(style, []).append((heading, slot))
        for style, sequence in groups.items():
            numerals: list[str] = []
            for numbered, stands_for in sequence:
                match = NUMBERING.match(numbered.text) if numbered.numbering_style else None
                numerals.append(match.group(style) if match else int_to_chinese(stands_for or 0))
            for index, expected in _sequence(
                [n for _, n in sequence], numerals, reporter, doc, [h.line for h, _ in sequence], is_excerpt(doc)
            ):
                numbered = sequence[index][0]
                reporter.add("ZX304", doc.path, numbered.line, text=numbered.text, expected=_expected(style, expected))


def _unnumbered_slip(
    headings: list[Heading], index: int, groups: dict[NumberingStyle, list[tuple[Heading, int | None]]]
) -> tuple[NumberingStyle, int] | None:
    """(style, number) an unnumbered heading stands for when it sits in the slot a numbered run leaves
    for it (指导思想 before 二、基本原则: 一、 is missing): the heading lost its numbering, and the run
    after it is right. None for a heading outside a run (前言 before 一、, 附件 after the last)."""
    following = next((h for h in headings[index + 1 :] if h.numbering_style is not None), None)
    if following is None or following.numbering_style is None or following.number is None:
        return None
    style = following.numbering_style
    before = groups.get(style, [])
    slot = (before[-1][1] or 0) + 1 if before else 1
    return (style, slot) if following.number == slot + 1 else None


def _check_articles(doc: Document, reporter: Reporter) -> None:
    articles = doc.articles
    for index, expected in _sequence(
        [a.number for a in articles],
        [a.numeral for a in articles],
        reporter,
        doc,
        [a.line for a in articles],
        is_excerpt(doc),
    ):
        reporter.add(
            "ZX305", doc.path, articles[index].line, found=articles[index].numeral, expected=int_to_chinese(expected)
        )


def is_excerpt(doc: Document) -> bool:
    """Whether the document is an excerpt (节选) of a longer original: `excerpt` says what it keeps."""
    return bool(doc.fields.get(EXCERPT))


def _sequence(
    numbers: list[int | None],
    numerals: list[str],
    reporter: Reporter,
    doc: Document,
    lines: list[int],
    start_anywhere: bool = False,
) -> Iterator[tuple[int, int]]:
    """(index, expected number) of each place where a 1, 2, 3 … sequence breaks (an excerpt's may
    begin at any number).

    After a break the count goes on from the number written — unless the next one shows that this
    one was the slip (1, 1, 3: the second should be 2), so one mistake is reported once."""
    previous = 0
    for index, number in enumerate(numbers):
        if index == 0 and start_anywhere and number is not None and _well_formed(numerals[0], number):
            previous = number
            continue
        expected = previous + 1
        if number is None or not _well_formed(numerals[index], number):
            reporter.add("ZX306", doc.path, lines[index], numeral=numerals[index])
            previous = expected
            continue
        if number != expected:
            yield index, expected
            following = numbers[index + 1] if index + 1 < len(numbers) else None
            previous = expected if following == expected + 1 else number
        else:
            previous = number
