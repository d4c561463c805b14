"""Benchmark: one corpus built whole and as 2 and 4 shards on this machine, and a projection to a matrix.

    PYTHONPATH=hooks .venv/bin/python tests/bench/run.py --shards 20000      # 1, 2 and 4 shards
    PYTHONPATH=hooks .venv/bin/python tests/bench/shards.py --n 2000 --counts 1,2   # a quick dry run

tests/bench/gen_corpus.py writes the N-document site once (seeded). Then, search included (each shard
runs its own Pagefind, as in CI):

* 1 shard   `mkdocs build --strict`: the whole site, one process;
* S shards  zhengxie.shards.build: S processes `mkdocs build --strict` with ZX_SHARD=k/S, at most as
            many at a time as the machine has cores, then the merge into one site.

Per shard: wall time, CPU time and peak memory (os.wait4's ru_maxrss of the shard's process tree, as
run.py's `timed`), and its documents (the page count of its Pagefind bundle); per count: total wall
time (builds + merge) and the merge alone. Results: build/bench/shards.json.

Projection (written to the JSON as "projection", with the model spelled out): a shard's time is
    t = a·(N/n) + h·[hub] + b·d
a: the fixed cost every shard pays to load and check the whole model — measured directly (validate()
over the whole corpus in one process) at n documents and scaled linearly to N; h: the hub's extra
(shared pages, feeds, open data; scaled with N too); b: the cost per document a shard renders and
indexes, fitted by least squares (through the origin, after a) over the document shards (k > 1) of
every sharded run; h is the hub's mean residual; d: the shard's documents. A matrix of S runners (one
shard each, all at once) takes the slowest shard, d = N/S × the imbalance measured at the largest
count, plus the merge scaled by N/n. Times are CPU seconds (user + system of the shard's process
tree): on this shared 2-core machine wall time mostly measures the other processes, while a runner
running one shard spends about its CPU time (Pagefind's threads only make it shorter). Memory follows
the same model (m = m0·N/n + m1·d, m0 the model's peak, interpreter included: an upper bound).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
OUT = REPO / "build" / "bench"
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402
from run import PY, VALIDATE, environment, meta, timed  # noqa: E402

DEFAULT_N = 20000
DEFAULT_COUNTS = (1, 2, 4)
PROJECT_N = 100000
PROJECT_RUNNERS = (4, 8, 16, 32)


def bundle_pages(site: Path, bundle: str) -> int:
    entry = site / bundle / "pagefind-entry.json"
    if not entry.is_file():
        return 0
    return sum(
        lang.get("page_count", 0) for lang in json.loads(entry.read_text(encoding="utf-8"))["languages"].values()
    )


def build_whole(root: Path, env: dict, log: Path) -> dict:
    out = root.parent / "out-1"
    result = timed([PY, "-m", "mkdocs", "build", "--strict", "-d", str(out)], root, env, log)
    result.update(shard="1/1", docs=bundle_pages(out, "pagefind"))
    return {"count": 1, "shards": [result], "wall_s": result["s"], "merge_s": 0.0, "ok": result["rc"] == 0}


def build_sharded(root: Path, count: int, env: dict, jobs: int) -> dict:
    from zhengxie.shards import build as shardbuild
    from zhengxie.shards import partition as shards
    from zhengxie.shards.merge import merge

    shutil.rmtree(root / shardbuild.WORK, ignore_errors=True)
    started = time.perf_counter()
    results = shardbuild.run_shards(root, count, jobs, log=sys.stdout, env=env)
    built = time.perf_counter()
    ok = all(r["rc"] == 0 for r in results.values())
    merge_s = None
    if ok:
        merge([shardbuild.shard_dir(root, k) for k in results], root.parent / f"out-{count}")
        merge_s = round(time.perf_counter() - built, 3)
    rows = []
    for k, result in results.items():
        result.update(docs=bundle_pages(shardbuild.shard_dir(root, k), shards.bundle_name(k)))
        rows.append(result)
    return {
        "count": count,
        "shards": rows,
        "build_wall_s": round(built - started, 3),
        "merge_s": merge_s,
        "wall_s": round(time.perf_counter() - started, 3),
        "ok": ok,
    }


def _slope(points: list[tuple[float, float]]) -> float:
    """Least squares y = b·x through the origin."""
    sxx = sum(x * x for x, _ in points)
    return sum(x * y for x, y in points) / sxx if sxx else 0.0


def project(runs: list[dict], fixed: dict, n: int, target: int = PROJECT_N, runners=PROJECT_RUNNERS) -> dict | None:
    """The matrix projection (see the module's docstring); `fixed` is the whole model's load and check
    in one process (cpu_s, rss_mb): what every shard pays before rendering its own documents."""
    sharded = [r for r in runs if r["count"] > 1 and r["ok"]]
    if not sharded or not fixed.get("ok"):
        return None
    hub = [s for r in sharded for s in r["shards"] if s["shard"].startswith("1/")]
    docs = [s for r in sharded for s in r["shards"] if not s["shard"].startswith("1/")]
    scale = target / n
    model = {}
    for key in ("cpu_s", "rss_mb"):
        a = fixed[key]
        b = _slope([(s["docs"], s[key] - a) for s in docs])
        h = sum(s[key] - a - b * s["docs"] for s in hub) / len(hub)
        model[key] = {"fixed_per_shard": round(a, 3), "per_document": round(b, 6), "hub_extra": round(max(h, 0.0), 3)}
    largest = max(sharded, key=lambda r: r["count"])
    mean = sum(s["docs"] for s in largest["shards"]) / len(largest["shards"])
    imbalance = max(s["docs"] for s in largest["shards"]) / mean if mean else 1.0
    merge_s = (largest["merge_s"] or 0.0) * scale
    rows = []
    for count in runners:
        d = target / count * imbalance
        shard = {k: (m["fixed_per_shard"] + m["hub_extra"]) * scale + m["per_document"] * d for k, m in model.items()}
        rows.append(
            {
                "runners": count,
                "docs_per_shard": round(d),
                "slowest_shard_s": round(shard["cpu_s"], 1),
                "peak_rss_mb": round(shard["rss_mb"]),
                "merge_s": round(merge_s, 1),
                "wall_s": round(shard["cpu_s"] + merge_s, 1),
            }
        )
    return {
        "documents": target,
        "measured_at": n,
        "imbalance": round(imbalance, 3),
        "model": model,
        "formula": "shard = (fixed + hub_extra)·N/n + per_document·(N/S·imbalance), CPU seconds and MB; "
        "wall = slowest shard + merge·N/n",
        "runners": rows,
        "not_modelled": "runner start-up, dependency install and artifact upload/download (minutes on CI)",
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Build one corpus whole and as shards; project a matrix.")
    parser.add_argument("--n", type=int, default=DEFAULT_N)
    parser.add_argument("--counts", default=",".join(map(str, DEFAULT_COUNTS)))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tmp", type=Path)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    counts = [int(c) for c in args.counts.split(",") if c]
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"zx-shards-{args.n}-", dir=args.tmp))
    root = tmp / "site-src"
    log = OUT / f"shards-{args.n}.log"
    log.write_text("", encoding="utf-8")
    try:
        started = time.perf_counter()
        info = gen_corpus.generate(root, args.n, args.seed)
        print(
            f"== N={args.n}: {info['bodies']} bodies, generated in {time.perf_counter() - started:.1f} s in {root}",
            flush=True,
        )
        env = environment(root)
        env.pop("ZX_SEARCH", None)  # search included: every shard indexes its own bundle
        sys.path.insert(0, str(root / "hooks"))
        fixed = timed([PY, "-c", VALIDATE, str(root)], root, env, log)  # the whole model, as every shard loads it
        fixed["ok"] = fixed["rc"] == 0
        print(f"  model load + check: {fixed['s']} s  cpu {fixed['cpu_s']} s  {fixed['rss_mb']} MB", flush=True)
        runs = []
        for count in counts:
            run = build_whole(root, env, log) if count == 1 else build_sharded(root, count, env, args.jobs)
            runs.append(run)
            for s in run["shards"]:
                print(
                    f"  {count} shard(s): {s['shard']:>5}  {s['s']:8.2f} s  cpu {s['cpu_s']:8.2f} s  "
                    f"{s['rss_mb']:7.1f} MB  {s['docs']:6d} docs" + ("" if s["rc"] == 0 else f"  FAILED rc={s['rc']}"),
                    flush=True,
                )
            print(f"  {count} shard(s): total {run['wall_s']} s (merge {run['merge_s']} s)", flush=True)
        report = {
            "meta": meta(args.seed),
            "n": args.n,
            "bodies": info["bodies"],
            "jobs": args.jobs,
            "runs": runs,
            "model_load": fixed,
            "projection": project(runs, fixed, args.n),
        }
        (OUT / "shards.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        if report["projection"]:
            for row in report["projection"]["runners"]:
                print(
                    f"  projected {PROJECT_N} docs on {row['runners']:>2} runners: {row['wall_s']} s, "
                    f"{row['peak_rss_mb']} MB per shard",
                    flush=True,
                )
        print(f"-> {OUT / 'shards.json'}")
        return 0 if all(r["ok"] for r in runs) else 1
    finally:
        if args.keep:
            print(f"  kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
