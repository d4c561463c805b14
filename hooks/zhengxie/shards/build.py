"""Sharded builds from the command line: the shard list, all shards in parallel, the merge.

    python -m zhengxie.shardbuild matrix --shards 4          # ["1/4", "2/4", "3/4", "4/4"] (JSON, for CI)
    python -m zhengxie.shardbuild build --shards 4 [--jobs 2] # every shard, then merge into site/
    python -m zhengxie.shardbuild merge build/shards/1 build/shards/2 … --into site

Each shard is its own `mkdocs build --strict` process with ZX_SHARD=k/N writing build/shards/k/, the
same command `make build SHARD=k/N` and the CI matrix run; a failed shard fails the whole build.
Misconfiguration (N above data/shards.yml's max_shards, a malformed selection) is the coded problem
the build would report (ZX128, ZX129), printed without a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from io import BufferedWriter
from pathlib import Path
from typing import Required, TextIO, TypedDict

from zhengxie.shards import partition as shards
from zhengxie.shards.merge import MergeError, merge
from zhengxie.sources import forked

WORK = Path("build") / "shards"


class ShardResult(TypedDict):
    """One shard's build: its selection, seconds, exit code, peak memory (MB) and CPU seconds."""

    shard: str
    s: float
    rc: int
    rss_mb: float
    cpu_s: float


class BuildReport(TypedDict, total=False):
    """The timings `build --report` writes; the merge's only when every shard built."""

    shards: Required[dict[int, ShardResult]]
    build_wall_s: Required[float]
    merge_s: float
    files: int
    shared: int
    wall_s: float


def shard_dir(root: Path, index: int) -> Path:
    return Path(root) / WORK / str(index)


def mkdocs_command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]


def shard_env(selection: str, base: Mapping[str, str] | None = None) -> dict[str, str]:
    return dict(base if base is not None else os.environ, NO_MKDOCS_2_WARNING="1", **{shards.ENV: selection})


def run_shards(
    root: Path, count: int, jobs: int, log: TextIO = sys.stderr, env: Mapping[str, str] | None = None
) -> dict[int, ShardResult]:
    """Build every shard of `count`, at most `jobs` at a time; {k: result} with each shard's seconds,
    exit code, peak memory (its process tree's ru_maxrss, from os.wait4) and CPU time."""
    root = Path(root)
    (root / WORK).mkdir(parents=True, exist_ok=True)
    waiting = list(range(shards.HUB, count + 1))
    running: dict[int, tuple[int, subprocess.Popen[bytes], BufferedWriter, float]] = {}
    results: dict[int, ShardResult] = {}
    while waiting or running:
        while waiting and len(running) < max(1, jobs):
            k = waiting.pop(0)
            out = shard_dir(root, k)
            logfile = open(root / WORK / f"{k}.log", "wb")  # noqa: SIM115 - closed when its process ends, below
            proc = subprocess.Popen(
                mkdocs_command(out),
                cwd=root,
                # several shards at once share the cores: each loads and checks on one (no forking)
                env=dict(shard_env(f"{k}/{count}", env), **({forked.CORES_ENV: "1"} if jobs > 1 else {})),
                stdout=logfile,
                stderr=subprocess.STDOUT,
            )
            running[proc.pid] = (k, proc, logfile, time.perf_counter())
        pid, status, usage = os.wait4(-1, 0)
        if pid not in running:
            continue
        k, proc, logfile, started = running.pop(pid)
        logfile.close()
        proc.returncode = os.waitstatus_to_exitcode(status)
        results[k] = {
            "shard": f"{k}/{count}",
            "s": round(time.perf_counter() - started, 3),
            "rc": proc.returncode,
            "rss_mb": round(usage.ru_maxrss / 1024, 1),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        }
        print(
            f"shard {k}/{count}: {'ok' if proc.returncode == 0 else 'FAILED'} in {results[k]['s']} s"
            f" (peak {results[k]['rss_mb']} MB)",
            file=log,
            flush=True,
        )
    return dict(sorted(results.items()))


def build(root: Path, count: int, jobs: int, into: Path) -> tuple[int, BuildReport]:
    root = Path(root)
    (root / WORK).mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = run_shards(root, count, jobs)
    failed = [k for k, r in results.items() if r["rc"] != 0]
    for k in failed:
        lines = (root / WORK / f"{k}.log").read_text(encoding="utf-8", errors="replace").splitlines()
        print(f"--- shard {k}/{count} ({WORK}/{k}.log) ---\n" + "\n".join(lines[-25:]), file=sys.stderr)
    report: BuildReport = {"shards": results, "build_wall_s": round(time.perf_counter() - started, 3)}
    if failed:
        return 1, report
    merged_at = time.perf_counter()
    try:
        stats = merge([shard_dir(root, k) for k in results], into)
    except MergeError as error:
        print(f"merge failed: {error}", file=sys.stderr)
        return 1, report
    report.update(
        {
            "merge_s": round(time.perf_counter() - merged_at, 3),
            "files": stats.files,
            "shared": stats.shared,
            "wall_s": round(time.perf_counter() - started, 3),
        }
    )
    print(f"merged {count} shard(s) into {into}: {stats.files} files in {report['wall_s']} s", file=sys.stderr)
    return 0, report


def _format(root: Path, error: shards.ShardError) -> str:
    from zhengxie.registry.problems import CatalogueError, Reporter, load_catalogue

    try:
        reporter = Reporter(catalogue=load_catalogue(Path(root) / "data" / "problems.yml"))
    except CatalogueError as broken:
        return f"错误：{broken}"
    return error.report(reporter).format()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m zhengxie.shardbuild", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("--root", type=Path, default=Path("."))
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("matrix", help="the k/N shard list as JSON (for a CI matrix)")
    m.add_argument("--shards", type=int, required=True)
    b = sub.add_parser("build", help="build every shard in parallel, then merge")
    b.add_argument("--shards", type=int, required=True)
    b.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    b.add_argument("--into", type=Path, default=Path("site"))
    b.add_argument("--report", type=Path, help="write the timings as JSON here")
    g = sub.add_parser("merge", help="merge built shard folders (the hub's first) into one site")
    g.add_argument("parts", type=Path, nargs="+")
    g.add_argument("--into", type=Path, default=Path("site"))
    args = parser.parse_args(argv)

    if args.command in ("matrix", "build"):
        try:
            selections = shards.matrix(args.shards, shards.read_settings(args.root))
        except shards.ShardError as error:
            print(_format(args.root, error), file=sys.stderr)
            return 2
    if args.command == "matrix":
        print(json.dumps(selections))
        return 0
    if args.command == "merge":
        try:
            stats = merge(args.parts, args.into)
        except MergeError as error:
            print(f"merge failed: {error}", file=sys.stderr)
            return 1
        print(f"merged {len(args.parts)} shard(s) into {args.into}: {stats.files} files", file=sys.stderr)
        return 0
    code, report = build(args.root, args.shards, args.jobs, args.into)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main())
