"""`mkdocs build --strict` refuses a broken internal link or anchor, naming the page."""
import os
import shutil
import subprocess
import sys

import pytest

SITE_PARTS = ("mkdocs.yml", "docs", "data", "hooks", "overrides")


@pytest.fixture
def site_copy(tmp_path, root):
    for part in SITE_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / part)
    return tmp_path


def build(folder):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZX_SEARCH="0")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder / "out")],
        cwd=folder, env=env, capture_output=True, text=True,
    )


@pytest.mark.parametrize(
    "link",
    ["[去向](../plans/no-such-plan.md)", "[去向](../plans/2018-luoyang-consultation-plan.md#没有这一节)"],
    ids=["missing-page", "missing-anchor"],
)
def test_broken_link_fails_the_strict_build(site_copy, link):
    page = site_copy / "docs" / "guide" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n参见{link}。\n", encoding="utf-8")
    result = build(site_copy)
    assert result.returncode != 0
    assert "guide/index.md" in result.stdout + result.stderr


def test_unbroken_copy_builds(site_copy):
    result = build(site_copy)
    assert result.returncode == 0, result.stderr
