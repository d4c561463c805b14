"""Benchmark the check through its cache (build/cache/): cold, warm, without the cache, and after an
editor changes one plan (`check --files <plan data>`, what pre-commit and `make check CHANGED=1` run).

    PYTHONPATH=hooks .venv/bin/python tests/bench/run.py --check-cache 10000
    PYTHONPATH=hooks .venv/bin/python tests/bench/check_changed.py SITE_ROOT      # an existing site

measure(root, env) -> {"check_cold_s", "check_warm_s", "check_no_cache_s", "check_changed_s", "changed_file",
"check_changed_reported"}; wall times of one subprocess each (warm: the median of three). The edited
file is restored afterwards. Nothing here asserts a time.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

PY = sys.executable


def _timed(args: list, root: Path, env: dict) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run([PY, "-m", "zhengxie", "check", "--root", str(root), *args], cwd=root, env=env,
                          capture_output=True, text=True)
    return round(time.perf_counter() - started, 3), done


def measure(root: Path, env: dict) -> dict:
    root = Path(root)
    shutil.rmtree(root / "build" / "cache", ignore_errors=True)
    cold, _ = _timed([], root, env)
    warm = statistics.median(_timed([], root, env)[0] for _ in range(3))
    no_cache, _ = _timed(["--no-cache"], root, env)
    plan = sorted((root / "data" / "plans").glob("*.yml"))[0]
    rel = plan.relative_to(root).as_posix()
    original = plan.read_bytes()
    try:
        plan.write_bytes(original + "\n# 示例：编辑者的一处修改\n".encode())
        changed, done = _timed(["--files", rel, "--format", "json"], root, env)
        reported = len(json.loads(done.stdout or "[]"))
    finally:
        plan.write_bytes(original)
    return {"check_cold_s": cold, "check_warm_s": round(warm, 3), "check_no_cache_s": no_cache,
            "check_changed_s": changed, "changed_file": rel, "check_changed_reported": reported}


if __name__ == "__main__":
    site = Path(sys.argv[1])
    hooks = Path(__file__).resolve().parents[2] / "hooks"
    print(json.dumps(measure(site, dict(os.environ, PYTHONPATH=str(hooks))), indent=1))
