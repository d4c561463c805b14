"""Heading patterns from data/sections.yml are compiled by RE2, an automaton engine: matching takes
time linear in the heading whatever the pattern, so a backtracking pattern cannot hang a check (no
timeout is involved: the engine has no exponential path). What RE2 refuses is reported (ZX137)."""

from __future__ import annotations

import re

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checks_support import ROOT, SUMMARY, summary
from zhengxie.sources.loader import load_vocabulary

SECTIONS = "data/sections.yml"


def _patterns_in(sections: list) -> list[str]:
    found = []
    for profile in sections:
        found += [v for v in (profile.get("applies") or {}).values() if isinstance(v, str)]
        for section in profile.get("sections") or []:
            found += section.get("patterns") or []
    return found


REAL = _patterns_in(yaml.safe_load((ROOT / SECTIONS).read_text(encoding="utf-8")))


def test_every_compiled_pattern_is_an_re2_pattern(zx_repo):
    vocab = load_vocabulary(zx_repo.root).vocab
    compiled = [p for profile in vocab.profiles.values() for spec in profile.sections for p in spec.patterns]
    compiled += [p for profile in vocab.profiles.values() for p in (profile.heading, profile.no_heading) if p]
    assert len(compiled) == len(REAL)
    assert {type(p).__module__.split(".")[0] for p in compiled} == {"re2"}


def test_a_catastrophic_pattern_against_a_long_heading_completes(zx_repo):
    # Python's re takes 2^5000 steps here; RE2's automaton one pass over the heading.
    zx_repo.edit(SECTIONS, "patterns: ['工作回顾$', ", "patterns: ['^(a+)+$', '^(a|a)*$', '(x+x+)+y', ")
    zx_repo.edit(SUMMARY, "## 二、存在问题", "## 二、" + "a" * 5000 + "!")
    problems = zx_repo.check()
    assert ("ZX301", SUMMARY, zx_repo.line_of(SUMMARY, "## 二、aaa")) in summary(problems)
    assert not any(p.code == "ZX137" for p in problems)


def test_a_pattern_re2_refuses_is_reported_at_its_line(zx_repo):
    zx_repo.edit(SECTIONS, "patterns: ['工作回顾$', ", r"patterns: ['(?=x)y', '(a)\1', ")
    zx_repo.edit(
        SECTIONS, "applies: {heading: '^第[一二三四五六七八九十百零〇两]+章'}", "applies: {heading: '^(?<!x)第'}"
    )
    found = [p for p in zx_repo.check() if p.code == "ZX137"]
    assert [(p.file, p.line) for p in found] == [
        (SECTIONS, zx_repo.line_of(SECTIONS, "applies: {heading: '^(?<!x)")),
        (SECTIONS, zx_repo.line_of(SECTIONS, "(?=x)y")),
        (SECTIONS, zx_repo.line_of(SECTIONS, "(?=x)y")),
    ]
    assert all("标题模式" in p.message and "RE2" in p.message and p.hint for p in found)


def test_the_real_patterns_all_compile(root):
    assert not [p for p in load_vocabulary(root).problems if p.code == "ZX137"]


_TITLE = st.text(alphabet=sorted(set("".join(REAL)) - set("^$()[]|.*+?{}\\") | set("2019年工作 一、")), max_size=40)


@settings(max_examples=200)
@given(st.lists(_TITLE, min_size=1, max_size=20))
def test_re2_matches_the_real_patterns_as_python_did(titles):
    """The switch of engine changes no verdict on the repository's own patterns."""
    import re2

    for pattern in REAL:
        python, linear = re.compile(pattern), re2.compile(pattern)
        for title in titles + [t + "工作安排" for t in titles]:
            assert (python.search(title) is None) == (linear.search(title) is None), (pattern, title)
