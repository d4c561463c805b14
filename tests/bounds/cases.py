"""Broken fixtures for the codes of issue 25 (ZX136, ZX137, ZX512), in the form of
tests/checks/test_checks_codes.py's CASES: (code, how to break the repo, file, line, column)."""

from __future__ import annotations

from checks_support import NOTE

SECTIONS = "data/sections.yml"
BODIES = "data/bodies.yml"
DEEP_LIST = "".join("    " * i + "- 层\n" for i in range(40))

BOUNDS_CASES = [
    (
        "ZX136",
        lambda r: r.edit(NOTE, "学习的体会，", "学习的体会：\n\n" + DEEP_LIST + "\n"),
        NOTE,
        (NOTE, "    " * 32 + "- 层"),
        None,
    ),
    (
        "ZX137",
        lambda r: r.edit(SECTIONS, "patterns: ['工作回顾$', ", "patterns: ['(?=20)工作', "),
        SECTIONS,
        (SECTIONS, "(?=20)工作"),
        None,
    ),
    (
        "ZX512",
        lambda r: r.edit(BODIES, "parent: juxian-county", "parent: qingfeng-town"),
        BODIES,
        (BODIES, "parent: qingfeng-town"),
        None,
    ),
]
