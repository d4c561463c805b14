"""Which paths git tracks, asked without prompts or locks, and the paths no commit may hold.

A pull request can add any file with `git add -f`, ignored or not. Most are read as content and
checked; some would be run, trusted or published without anyone reading them: Python's compiled
modules (a `.pyc` under `__pycache__/` is imported in place of its reviewed `.py`, and one written
with an unchecked hash is used whatever the source says), the installed environments the commands
run from (`.venv`, `node_modules`), and what the builds write (`build/`: the check's store, the
shards the site workflow merges and publishes; `site/`). They are listed here, in code, so a pull
request cannot edit the list it is judged by; the validation the check and the build share reports
each one (ZX157 in the store's folder, ZX158 elsewhere), and the Makefile refuses to run any command
while git tracks one.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

_GIT_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}

# git pathspecs, case-insensitive: a case-insensitive disk opens __PYCACHE__/X.PYC for __pycache__/x.pyc.
# The Makefile's guard names the same paths.
NEVER_COMMITTED = (
    ":(icase,glob)**/__pycache__/**",
    ":(icase,glob)**/*.pyc",
    ":(icase,glob)**/*.pyo",
    ":(icase).venv",
    ":(icase)node_modules",
    ":(icase)build",
    ":(icase)site",
)


def in_repository(root: Path) -> bool:
    """Whether git could track files here: a .git (folder or file) in `root` or above, or GIT_DIR."""
    if os.environ.get("GIT_DIR"):
        return True
    here = Path(os.path.abspath(root))
    return any(os.path.lexists(folder / ".git") for folder in (here, *here.parents))


def tracked(root: Path, pathspecs: Sequence[str]) -> tuple[str, ...] | None:
    """The paths (relative to `root`) git tracks that match `pathspecs`; () outside a git repository;
    None when git cannot say (not installed, a dubious owner)."""
    if not in_repository(root):
        return ()
    try:
        done = subprocess.run(
            ["git", "ls-files", "-z", "--", *pathspecs],
            cwd=root,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **_GIT_ENV},
            check=False,
        )
    except OSError:
        return None
    if done.returncode != 0:
        return None
    return tuple(os.fsdecode(path) for path in done.stdout.split(b"\0") if path)


def committed_code(root: Path) -> tuple[str, ...]:
    """Tracked compiled modules, installed environments and build outputs (NEVER_COMMITTED); () when
    git cannot say, as then nothing can be named (the Makefile's guard asks git too)."""
    return tracked(root, NEVER_COMMITTED) or ()
