"""Section profiles (data/sections.yml): a document follows one of the structures its type allows —
required sections present, in order, first/last where pinned, not empty.

A section is a `##` heading whose title (numbering removed) is the section's name, an alias or
matches a pattern. The document's profile is the one it names (`profile:`), else the first of its
type's profiles that applies to it and that it satisfies; when none is satisfied, the findings are
those against the applicable profile it comes closest to (the first of those on a tie). A missing section is reported at the line where it belongs —
at the end of the preceding section's block, or before the following one — so the editor knows
where to write it. A departure the original itself makes is waived in the front matter (`waive:`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhengxie.checks import wording
from zhengxie.checks.numbering import is_excerpt
from zhengxie.model.corpus import TYPES, Corpus, Document, Profile, SectionSpec
from zhengxie.text.outline import Heading, int_to_chinese

LEVEL = 2  # profile sections are ## headings
BROKEN = ("syntax", "full-width-colon")  # front-matter issues that may hide what it declares
_DECLARED = re.compile(r"^(type|profile)[ \t]*[:：][ \t]*(\S[^\n#]*)", re.MULTILINE)
_SPACE = re.compile(r"\s+")  # 总 则, 总　则: a title spaced out for the eye is the title


def _compact(text: str) -> str:
    return _SPACE.sub("", text)


def matches(spec: SectionSpec, title: str) -> bool:
    """Whether a ## title (numbering removed) is this section: as written, or with its spaces removed
    (总 则 is 总则), against the name, the aliases (spaced or not) and the patterns."""
    if spec.matches(title):
        return True
    compact = _compact(title)
    return spec.matches(compact) or compact in {_compact(name) for name in (spec.name, *spec.aliases)}


@dataclass(frozen=True)
class _Finding:
    """A problem against one profile, reported only if that profile is the one the document is judged by."""

    code: str
    line: int | None
    params: dict[str, object]


def check_sections(corpus: Corpus) -> None:
    vocab = corpus.vocab
    for doc in corpus.documents.values():
        for heading in doc.headings:
            if heading.level == 1:
                corpus.reporter.add("ZX307", doc.path, heading.line, text=heading.text)
        declared = _declared(corpus, doc)
        if declared is None:
            continue  # the broken front matter hides the type: its own problem, not a wrong structure
        type_id, pinned = declared
        candidates = vocab.profiles_for(doc.kind, type_id, doc.body)
        if pinned is not None:
            if pinned not in {p.id for p in candidates}:
                corpus.reporter.add(
                    "ZX308",
                    doc.path,
                    doc.meta_line("profile"),
                    profile=pinned,
                    type_name=vocab.type_name(doc.kind, doc.type),
                    did_you_mean=wording.did_you_mean(
                        pinned, [p.name if wording.written_in_chinese(str(pinned)) else p.id for p in candidates]
                    ),
                    allowed=wording.join(f"{p.id}（{p.name}）" for p in candidates) or "（无）",
                )
                continue
            candidates = [p for p in candidates if p.id == pinned]
        else:
            titles = [h.text for h in doc.headings if h.level == LEVEL]
            candidates = [p for p in candidates if p.applies(titles)]
        chosen: list[_Finding] | None = None
        for profile in candidates:
            findings = _check_document(doc, profile, candidates)
            if not any(f.code != "ZX303" for f in findings):
                chosen = findings
                break
            # none satisfied so far: report against the one the document comes closest to (fewest
            # missing or misplaced sections; the first in order on a tie) — a two-part plan missing
            # 工作安排 hears that, not that it lacks the four-part plan's sections
            if chosen is None or _structural(findings) < _structural(chosen):
                chosen = findings
        for finding in chosen or ():
            corpus.reporter.add(finding.code, doc.path, finding.line, None, **finding.params)


def _declared(corpus: Corpus, doc: Document) -> tuple[str | None, object] | None:
    """The document's type and pinned profile: as read; when its front matter could not be parsed
    (one slip such as type：proposal-report, reported on its own), as the front matter's lines declare
    them, full-width colon or not — the structure is judged by the declared type, never by the kind's
    default. None when a broken front matter leaves the type unknown."""
    meta = doc.meta_yaml
    if meta is None or not any(issue.kind in BROKEN for issue in meta.issues):
        return doc.type, doc.fields.get("profile")
    written = {m[1]: m[2].strip().strip("\"'") for m in _DECLARED.finditer(meta.text)}
    kind = corpus.vocab.kinds.get(doc.kind)
    type_id: str | None = None
    if "type" in written:
        type_id = corpus.vocab.names_of(f"{TYPES}/{doc.kind}").resolve(written["type"])
        if kind is None or type_id not in kind.types:
            return None
    profile = written.get("profile")
    return type_id, corpus.vocab.names_of("profiles").resolve(profile) if profile else None


def _structural(findings: list[_Finding]) -> int:
    return sum(1 for f in findings if f.code != "ZX303")


def _top(doc: Document) -> list[Heading]:
    return [h for h in doc.headings if h.level <= LEVEL]


def _check_document(doc: Document, profile: Profile, candidates: list[Profile]) -> list[_Finding]:
    """The document's problems against one profile (not yet reported)."""
    findings: list[_Finding] = []

    def report(code: str, line: int | None, **params: object) -> None:
        findings.append(_Finding(code, line, params))

    specs = profile.sections
    excerpt = is_excerpt(doc)
    top = _top(doc)
    sections = [h for h in top if h.level == LEVEL]
    # the first ## heading matching each required section
    found: list[int | None] = []
    for spec in specs:
        found.append(next((i for i, h in enumerate(sections) if matches(spec, h.title)), None))
    in_order = _in_order(found)
    lines = doc.text.split("\n")

    # What only a problem's message needs, worked out when there is one:
    def order() -> str:
        return wording.join(s.name + ("（可选）" if s.optional else "") for s in specs)

    def last_line() -> int:
        last = doc.body_line + len(lines) - 1
        while last > doc.body_line and not lines[last - doc.body_line].strip():
            last -= 1
        return last

    for index, spec in enumerate(specs):
        position = found[index]
        prev_index = next((j for j in range(index - 1, -1, -1) if j in in_order), None)
        next_index = next((j for j in range(index + 1, len(specs)) if j in in_order), None)
        prev_h = _found_heading(sections, found, prev_index)
        next_h = _found_heading(sections, found, next_index)
        if position is None:
            if spec.optional or excerpt:  # an excerpt (节选) keeps only part of the original's sections
                continue
            line, where = _belongs(spec, prev_h, next_h, sections, top, last_line(), doc)
            others = [f"{p.id}（{p.name}）" for p in candidates if p is not profile]
            report(
                "ZX301",
                line,
                section=spec.name,
                where=where,
                at_line=line,
                numbering=_numbering(sections, prev_h),
                aliases=f"（也可用的标题：{wording.join(spec.aliases)}）" if spec.aliases else "",
                order=order(),
                profile=profile.name,
                others=f"原件用的是另一种结构时，在文首写 profile: 选用其他结构（{wording.join(others)}）；"
                if others
                else "",
            )
            continue
        heading = sections[position]
        if index not in in_order:
            _, where = _belongs(spec, prev_h, next_h, sections, top, last_line(), doc)
            report("ZX302", heading.line, section=spec.name, where=where, order=order())
        elif spec.position == "first" and position != 0:
            report("ZX302", heading.line, section=spec.name, where=wording.FIRST_SECTION, order=order())
        elif spec.position == "last" and position != len(sections) - 1:
            report("ZX302", heading.line, section=spec.name, where=wording.LAST_SECTION, order=order())
        if _is_empty(doc, heading, lines):
            report("ZX303", heading.line, section=heading.text)
    return findings


def _found_heading(sections: list[Heading], found: list[int | None], index: int | None) -> Heading | None:
    """The ## heading of the `index`-th required section, when it is present."""
    position = found[index] if index is not None else None
    return sections[position] if position is not None else None


def _in_order(found: list[int | None]) -> set[int]:
    """Indexes of the required sections that form the longest run in the right order (the rest are misplaced)."""
    present = [(i, p) for i, p in enumerate(found) if p is not None]
    best: list[list[int]] = []  # best[k] = longest increasing chain ending at present[k]
    for k, (_, p) in enumerate(present):
        chain = [k]
        for j in range(k):
            if present[j][1] < p and len(best[j]) + 1 > len(chain):
                chain = [*best[j], k]
        best.append(chain)
    longest = max(best, key=len) if best else []
    return {present[k][0] for k in longest}


def _belongs(
    spec: SectionSpec,
    prev_h: Heading | None,
    next_h: Heading | None,
    sections: list[Heading],
    top: list[Heading],
    last_line: int,
    doc: Document,
) -> tuple[int, str]:
    """(line, description) of where a required section should be written: the line its heading would take."""
    end_of_file = last_line + 1
    if spec.position == "first":
        return (sections[0].line if sections else doc.body_line), wording.FIRST_SECTION
    if spec.position == "last":
        return end_of_file, wording.LAST_SECTION
    if prev_h is not None:
        following = next((h for h in top if h.line > prev_h.line), None)
        after = wording.after_section(prev_h.text)
        if next_h is not None and following is not None:  # (next_h itself follows prev_h)
            return following.line, wording.between(after, wording.before_section(next_h.text))
        if following is None:
            return end_of_file, wording.at_end(after)
        return following.line, after
    if next_h is not None:
        return next_h.line, wording.before_section(next_h.text)
    if sections:
        return sections[0].line, wording.BODY_START
    return end_of_file, wording.BODY_END


def _numbering(sections: list[Heading], prev_h: Heading | None) -> str:
    """The 一、 numbering the missing section would take (after the preceding one), in the document's style."""
    styled = [h for h in sections if h.numbering_style == "han"]
    if not styled:
        return ""
    before = [h for h in styled if prev_h is None or h.line <= prev_h.line]
    number = (before[-1].number or 0) + 1 if before and prev_h is not None else 1
    return int_to_chinese(number) + "、"


def _is_empty(doc: Document, heading: Heading, lines: list[str]) -> bool:
    """No text between the heading and the next heading of the same or a higher level."""
    start = heading.line - doc.body_line + 1
    following = next((h for h in doc.headings if h.line > heading.line and h.level <= heading.level), None)
    end = (following.line - doc.body_line) if following else len(lines)
    for raw in lines[start:end]:
        stripped = raw.strip()
        if stripped and not stripped.startswith("#") and not (stripped.startswith("<!--") and stripped.endswith("-->")):
            return False
    return True
