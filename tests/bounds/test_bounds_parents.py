"""A body's parent chain (data/bodies.yml `parent`) must end at a body without a parent: a chain that
comes back to itself is reported once per cycle (ZX512), at the `parent` line of its first body."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checks_support import ROOT, MiniRepo, summary

BODIES = "data/bodies.yml"


def _bodies(parents: dict[str, str | None]) -> str:
    entries = [
        {"id": b, "name": f"机构{b}", "short": f"机构{b}", "level": "county", "region": "某省", "parent": p}
        for b, p in parents.items()
    ]
    real = yaml.safe_load((ROOT / BODIES).read_text(encoding="utf-8"))
    return yaml.safe_dump(real + entries, allow_unicode=True, sort_keys=False)


def _cycles(zx_repo, parents: dict[str, str | None]) -> list:
    zx_repo.write(BODIES, _bodies(parents))
    return [p for p in zx_repo.check() if p.code == "ZX512"]


def test_a_two_body_cycle_is_reported_once_at_the_first_body(zx_repo):
    found = _cycles(zx_repo, {"aa": "bb", "bb": "aa", "cc": "aa"})
    assert [(p.file, p.line) for p in found] == [(BODIES, zx_repo.line_of(BODIES, "parent: bb"))]
    assert "aa → bb → aa" in found[0].message and found[0].hint


def test_a_body_that_is_its_own_parent(zx_repo):
    found = _cycles(zx_repo, {"aa": "aa"})
    assert [p.line for p in found] == [zx_repo.line_of(BODIES, "parent: aa")]
    assert "aa → aa" in found[0].message


def test_two_cycles_and_a_long_acyclic_chain(zx_repo):
    chain = {f"n{i}": f"n{i + 1}" for i in range(500)} | {"n500": None}
    found = _cycles(zx_repo, chain | {"aa": "bb", "bb": "cc", "cc": "aa", "dd": "ee", "ee": "dd"})
    assert len(found) == 2
    assert "aa → bb → cc → aa" in found[0].message and "dd → ee → dd" in found[1].message


def _expected_cycles(parents: dict[str, str | None]) -> int:
    """Cycles of a functional graph, counted the slow, obvious way (a reference for the check)."""
    on_cycle = set()
    for start in parents:
        seen, body = [], start
        while body in parents and body not in seen:
            seen.append(body)
            body = parents[body]
        if body in seen:
            on_cycle.add(frozenset(seen[seen.index(body) :]))
    return len(on_cycle)


_IDS = [f"b{i}" for i in range(8)]


@settings(max_examples=25, deadline=None)
@given(st.dictionaries(st.sampled_from(_IDS), st.one_of(st.none(), st.sampled_from([*_IDS, "nowhere"])), min_size=1))
def test_one_problem_per_cycle(tmp_path_factory, parents):
    repo = MiniRepo(tmp_path_factory.mktemp("parents") / "repo")
    found = _cycles(repo, parents)
    assert len(found) == _expected_cycles(parents), summary(found)
