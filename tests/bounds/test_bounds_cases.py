"""The fixtures of tests/bounds/cases.py, run the way tests/checks/test_checks_codes.py runs its CASES
(which takes them in with `CASES += BOUNDS_CASES`)."""

from __future__ import annotations

import pytest

from bounds.cases import BOUNDS_CASES
from checks_support import summary


def _resolve(r, line):
    if line is None or isinstance(line, int):
        return line
    rel, needle, *rest = line
    return r.line_of(rel, needle, rest[0] if rest else 1) + (rest[1] if len(rest) > 1 else 0)


@pytest.mark.parametrize("code,breaks,file,line,column", BOUNDS_CASES, ids=[c[0] for c in BOUNDS_CASES])
def test_problem_code(zx_repo, code, breaks, file, line, column):
    breaks(zx_repo)
    problems = zx_repo.check()
    expected = (code, file, _resolve(zx_repo, line))
    assert expected in summary(problems), summary(problems)
    problem = next(p for p in problems if (p.code, p.file, p.line) == expected)
    assert problem.message and "{" not in problem.message and problem.hint
