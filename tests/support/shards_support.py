"""A mini-repository whose documents fall on both shards of a 2-shard build, with links across them,
built whole and as 2 shards merged (tests/shards/test_shards_site.py, tests/browser/test_browser_shards.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import python_runs
from checks_support import NOTE, RULE, MiniRepo, make_buildable

OTHER_RULE = "docs/rules/2019-test-juxian-rules.md"  # 莒县政协: the other shard from 洛阳市政协's at N=2
OTHER_BODY = "juxian-county"
OTHER_TITLE = "莒县政协机关工作规则（示例）"


def add_other_shard(repo: MiniRepo) -> None:
    """A 莒县 rule linking to the 洛阳 rule, and the 洛阳 note linking to the 莒县 rule: both ways across."""
    text = repo.read(RULE).replace("title: 洛阳市政协工作规则", f"title: {OTHER_TITLE}")
    text = text.replace("body: luoyang-city", f"body: {OTHER_BODY}").replace(
        "适用于市政协机关。", "适用于县政协机关，参照[洛阳市政协工作规则](2019-test-rules.md#article-2)。"
    )
    repo.write(OTHER_RULE, text)
    repo.edit(NOTE, "学习的体会，", "学习的体会，对照[莒县的规则](../rules/2019-test-juxian-rules.md#article-1)，")


def environment(repo: MiniRepo, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "ZX_SHARD"}
    return dict(env, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(repo.root / "hooks"), **extra)


def build_whole(repo: MiniRepo, out: Path, **extra) -> subprocess.CompletedProcess:
    return python_runs.run(
        "mkdocs", ["build", "--strict", "--site-dir", str(out)], repo.root, environment(repo, **extra)
    )


def build_sharded(repo: MiniRepo, count: int, out: Path, **extra) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zhengxie.shards.build", "build", "--shards", str(count), "--into", str(out)],
        cwd=repo.root,
        env=environment(repo, **extra),
        capture_output=True,
        text=True,
    )


def build_shard_sites(base: Path) -> tuple[MiniRepo, Path, Path]:
    """(repo, whole site, merged 2-shard site) under `base`, both strict and with search: the session
    fixture `shard_sites` (conftest.py) builds them once for every test that uses them."""
    repo = make_buildable(MiniRepo(base / "repo"))
    add_other_shard(repo)
    whole, merged = base / "whole", base / "merged"
    for result in (build_whole(repo, whole), build_sharded(repo, 2, merged)):
        assert result.returncode == 0, result.stdout + result.stderr
    return repo, whole, merged
