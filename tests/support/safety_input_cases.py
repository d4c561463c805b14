"""Broken fixtures for the reading-limit, publishing and identity codes (ZX109–ZX120), in the form
of tests/checks/test_checks_codes.py's CASES: (code, how to break the repo, file, line, column)."""

from __future__ import annotations

import os

from checks_support import NOTE, PLAN_DATA

BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)
)


SECRET = "机密 SECRET outside the repository"  # never to be read, printed or published


def outside(r) -> str:
    """A file beside the mini-repository, outside it: what a symbolic link in a pull request would point
    at (written by the test, so nothing outside the test's own folder is involved)."""
    path = r.root.parent / "outside-the-repository.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return str(path)


def _symlink(r, rel, target):
    r.path(rel).unlink()
    os.symlink(target, r.path(rel))


INPUT_CASES = [
    ("ZX109", lambda r: r.write(PLAN_DATA, ("# " + "x" * 98 + "\n") * 10_001), PLAN_DATA, 1, None),
    ("ZX110", lambda r: r.edit(NOTE, "学习的体会，", "学" * 10_001), NOTE, (NOTE, "学学学"), None),
    (
        "ZX111",
        lambda r: r.write(PLAN_DATA, r.read(PLAN_DATA) + "extra: " + "[" * 40 + "]" * 40 + "\n"),
        PLAN_DATA,
        (PLAN_DATA, "extra:"),
        None,
    ),
    (
        "ZX112",
        lambda r: r.write(PLAN_DATA, r.read(PLAN_DATA) + "lead_of: &a x\nmore: [" + ", ".join(["*a"] * 101) + "]\n"),
        PLAN_DATA,
        (PLAN_DATA, "more:"),
        None,
    ),
    ("ZX113", lambda r: r.write(PLAN_DATA, BOMB), PLAN_DATA, 1, None),
    ("ZX114", lambda r: r.edit(NOTE, "type: study", "type: !!binary c3R1ZHk="), NOTE, 4, 7),
    ("ZX115", lambda r: r.write("docs/notes/page.html", "<script>alert(1)</script>"), "docs/notes/page.html", 1, None),
    ("ZX116", lambda r: _symlink(r, PLAN_DATA, outside(r)), PLAN_DATA, 1, None),
    (
        "ZX117",
        lambda r: r.write("docs/plans/2019/extra/2019-other-consultation-plan.md", "---\ntitle: x\n---\n"),
        "docs/plans/2019/extra/2019-other-consultation-plan.md",
        1,
        None,
    ),
    (
        "ZX118",
        lambda r: r.write("docs/notes/2019-test-rules.md", r.read(NOTE)),
        "docs/notes/2019-test-rules.md",
        1,
        None,
    ),
    (
        "ZX119",
        lambda r: (r.write("docs/notes/Logo.png", b"\x89PNG"), r.write("docs/notes/logo.png", b"\x89PNG")),
        "docs/notes/logo.png",
        1,
        None,
    ),
    (
        "ZX120",
        lambda r: r.write("docs/notes/a\n::warning::b.png", b"\x89PNG"),
        "docs/notes/a\\n::warning::b.png",
        1,
        None,
    ),
]
