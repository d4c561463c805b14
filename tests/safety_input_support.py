"""Mini-repositories that MkDocs can build: the check's MiniRepo plus the site's code (mkdocs.yml,
hooks/, overrides/, docs/assets/ styles and scripts), the section index pages and a stub guide.

Lets a test run `python -m zhengxie check` and `mkdocs build --strict` over the same content and
compare their verdicts and problem codes. No sample document of the real repository is copied.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from checks_support import ROOT, MiniRepo

SECTIONS = ("rules", "plans", "summaries", "notes")
GUIDE = {
    "docs/guide/index.md": "---\ntitle: 编辑指南\n---\n\n# 编辑指南\n\n见[问题代码](problems.md)。\n",
    "docs/guide/problems.md": "---\ntitle: 问题代码\n---\n\n# 问题代码\n\n{{ problem_codes() }}\n",
    "docs/guide/performance.md": "---\ntitle: 性能\n---\n\n# 性能\n\n测量结果。\n",
}
_CODE = re.compile(r"(?:错误|警告) (ZX[0-9]{3})")


def buildable(repo: MiniRepo) -> MiniRepo:
    root = repo.root
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "hooks", root / "hooks", ignore=ignore)
    shutil.copytree(ROOT / "overrides", root / "overrides", ignore=ignore)
    for asset in (ROOT / "docs" / "assets").iterdir():
        if asset.suffix in (".css", ".js"):
            repo.write(f"docs/assets/{asset.name}", asset.read_bytes())
    for section in SECTIONS:
        repo.write(f"docs/{section}/index.md", (ROOT / "docs" / section / "index.md").read_bytes())
    for path, text in GUIDE.items():
        repo.write(path, text)
    return repo


def _env() -> dict:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", ZX_SEARCH="0", PYTHONPATH="hooks")


def run_check(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhengxie", "check", "--root", str(root), *args],
                          cwd=root, env=_env(), capture_output=True, text=True, timeout=120)


def run_build(root: Path, site_dir: Path, strict: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
                           "--site-dir", str(site_dir)],
                          cwd=root, env=_env(), capture_output=True, text=True, timeout=300)


def codes(output: str) -> set:
    return set(_CODE.findall(output))
