"""Running the check and the strict build over a buildable mini-repository (checks_support's
make_buildable: the site's code, section pages and a nav, no sample document).

Lets a test run `python -m zhengxie check` and `mkdocs build --strict` over the same content and
compare their verdicts and problem codes. No sample document of the real repository is copied.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import python_runs
from checks_support import MiniRepo, make_buildable

_CODE = re.compile(r"(?:错误|警告) (ZX[0-9]{3})")


def buildable(repo: MiniRepo) -> MiniRepo:
    return make_buildable(repo)


def _env() -> dict:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", ZX_SEARCH="0", PYTHONPATH="hooks")


def run_check(root: Path, *args: str) -> subprocess.CompletedProcess:
    return python_runs.run("zhengxie", ["check", "--root", str(root), *args], root, _env(), timeout=120)


def run_build(root: Path, site_dir: Path, strict: bool = True) -> subprocess.CompletedProcess:
    arguments = ["build", *(["--strict"] if strict else []), "--site-dir", str(site_dir)]
    return python_runs.run("mkdocs", arguments, root, _env(), timeout=300)


def codes(output: str) -> set:
    return set(_CODE.findall(output))
