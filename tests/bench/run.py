"""Benchmark: our cold build plus search against plain Material and a Material user's set-up, in one run.

    make bench                  # N = 1000 and 5000, the check at 10 000, the preview at 5000 (~25 min on 2 cores)
    PYTHONPATH=hooks .venv/bin/python tests/bench/run.py --sizes 1000 [--runs 3] [--seed 1] [--keep]
    PYTHONPATH=hooks .venv/bin/python tests/bench/run.py --sizes 1000 --check-n 0 --serve-n 0   # builds only
    PYTHONPATH=hooks .venv/bin/python tests/bench/run.py --check-only 10000   # the check alone
    PYTHONPATH=hooks .venv/bin/python tests/bench/run.py --serve-edit 5000    # a save under make serve alone
    PYTHONPATH=hooks .venv/bin/python tests/bench/run.py --profile 1000       # cProfile a cold build + the twin
    PYTHONPATH=hooks .venv/bin/python tests/bench/run.py --shards 20000       # 1, 2, 4 shards (tests/bench/shards.py)

For each N, tests/bench/gen_corpus.py writes a complete site with N generated documents (seeded, so
every run measures the same corpus) into a temporary folder, with its plain-Material twin and a
Material user's set-up of the same pages. Each command runs in its own subprocess:

* cold      `mkdocs build --strict` with our hooks, ZX_SEARCH=0 (search is timed on its own), after
            removing the output, build/ and the hooks' compiled modules (__pycache__): nothing from an
            earlier build is there. We keep no store between builds, so this is every build;
* warm      the same command straight after, compiled modules and the OS's file cache left by the
            cold one: what an unchanged repeat costs when there is nothing of ours to reuse;
* search    zhengxie.outputs.search.index_site (Pagefind extended, the document folders only) over the
            cold build's output: what search alone costs;
* pipeline  `mkdocs build --strict` with search (ZX_SEARCH=1) from nothing, i.e. `make build` and CI's
            site job: Pagefind indexes on one core while calendars, feeds and open data are written on
            the other, so this is less than cold + search. Its largest sample gives the peak memory of
            the whole pipeline (the Python process keeps its memory while Pagefind runs);
* twin      `mkdocs build -f mkdocs-baseline.yml`: the same Markdown pages, theme, Markdown extensions
            and nav; no hooks, macros, generated pages, template overrides or search;
* user      `mkdocs build -f mkdocs-material-user.yml` (gen_corpus.write_material_user): the same
            pages as a Material user would publish them: built-in search (lunr, Chinese segmented by
            jieba) built with the site, tags plugin, every document in the nav with navigation.prune;

Commands alternate (odd runs start with the Material user's set-up and the twin), 3 runs each up to
N = 1000, 2 above; the table shows medians. Then, unless switched off:

* check     `python -m zhengxie check --root <site>` at --check-n documents (10 000): cold (no
            __pycache__, no build/), repeated (warm), and `--files <one plan's data file>` (what
            pre-commit runs for one saved file), 3 runs each;
* preview   tests/bench/serve_edit.py on the largest size's corpus (after its builds): `mkdocs serve`
            rebuilds the whole site on a save; seconds from the save until the served page shows it.

Every sample records wall time, user+system CPU time (on this shared 2-core machine CPU time varies
less than wall time), the 1-minute load average when it ended, ru_maxrss (os.wait4: the largest single
process of the tree) and tree_mb: the peak of the summed memory (proportional set size) of the process
and all its descendants, sampled every 50 ms from /proc (processes running at the same time add up).

reuse_layer_lines (tests/bench/reuse_lines.py): lines of code that keep what one build or check
derived from the sources for a later one, on disk or in a long-lived process; how it counts is in
that file, and the JSON lists every line it counted and every memo it did not.

Results: a table on stdout and build/bench/latest.json:
    {"meta": {date, machine, cpus, python, versions, commit, seed, load_at_start, reuse},
     "results": [{"n", "pages", "cold_s", "warm_s", "search_s", "pipeline_s", "twin_s", "user_s",
                  "pipeline_over_user", "cold_over_twin", ... "*_cpu_s", "peak_mb", "samples"}, ...],
     "check": {...}, "serve": {...}}
Timings are not asserted anywhere: tests/test_bench_generator.py only proves the corpus is valid.
The committed snapshot of one run is docs/guide/performance.md (性能).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
OUT = REPO / "build" / "bench"
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402
import reuse_lines  # noqa: E402

PY = sys.executable
DEFAULT_SIZES = (1000, 5000)
CHECK_N = 10000
VALIDATE = (
    "import sys\nfrom zhengxie.build.validate import validate\ncorpus, problems = validate(sys.argv[1])\n"
    "print(len(corpus.documents), 'documents,', len(problems), 'problems')\nsys.exit(1 if problems else 0)\n"
)
INDEX = (
    "import sys\nfrom pathlib import Path\nfrom zhengxie.outputs.search import index_site\n"
    "from zhengxie.sources.loader import load_vocabulary\n"
    "folders = [kind.folder for kind in load_vocabulary(Path.cwd()).vocab.kinds.values()]\n"
    "index_site(Path(sys.argv[1]), folders=folders)\n"
)
SAMPLE_EVERY = 0.05
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


# ---- running one command --------------------------------------------------------------------------


def _memory(pid: int) -> int:
    """Bytes of memory pid uses now: its proportional set size (shared pages split among the processes
    sharing them, so a child forked by a large process does not count its parent's pages twice);
    resident size where the kernel has no smaps_rollup."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    with open(f"/proc/{pid}/statm", "rb") as statm:
        return int(statm.read().split()[1]) * PAGE


def _tree_rss(pid: int) -> int:
    """Bytes of memory used by pid and all its descendants now (/proc; 0 where it is not readable)."""
    total, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            total += _memory(current)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", "rb") as children:
                    todo.extend(int(c) for c in children.read().split())
        except (OSError, ValueError, IndexError):
            continue
    return total


class TreeSampler:
    """The peak of _tree_rss(pid), sampled in a thread until stop()."""

    def __init__(self, pid: int):
        self.pid, self.peak = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(self.pid))
            self._stop.wait(SAMPLE_EVERY)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(cmd: list[str], cwd: Path, env: dict, log: Path) -> dict:
    """Run cmd in its own subprocess: wall and CPU time, exit code, load, and memory of its tree."""
    with open(log, "ab") as out:
        out.write(f"\n$ {' '.join(cmd)}\n".encode())
        out.flush()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        tree = sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "s": round(seconds, 3),
        "rc": proc.returncode,
        "rss_mb": round(usage.ru_maxrss / 1024, 1),
        "tree_mb": round(tree / 2**20, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "load": round(os.getloadavg()[0], 2),
    }


def environment(root: Path) -> dict:
    # An outer PYTHONPATH stays reachable after the hooks (e.g. jieba installed outside the venv).
    path = os.pathsep.join(filter(None, [str(root / "hooks"), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZX_SEARCH="0", PYTHONPATH=path)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # Compiled modules are written as an editor's Python writes them; the cold runs remove them first.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def forget(root: Path, *outputs: Path) -> None:
    """Nothing an earlier run left: outputs, build/ and the hooks' compiled modules."""
    for path in (*outputs, root / "build"):
        shutil.rmtree(path, ignore_errors=True)
    for cache in (root / "hooks").rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)


def du_mb(path: Path) -> float:
    if not path.exists():
        return 0.0
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True).stdout
    return round(int(out.split()[0]) / 1024, 1)


def tail(log: Path, lines: int = 15) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def report(label: str, result: dict) -> None:
    print(
        f"  {label:22s} {result['s']:8.2f} s  cpu {result['cpu_s']:7.2f} s  {result['rss_mb']:7.1f} MB  "
        f"tree {result['tree_mb']:7.1f} MB  load {result['load']}"
        + ("" if result["rc"] == 0 else f"  rc={result['rc']}"),
        flush=True,
    )


# ---- one size -----------------------------------------------------------------------------------


def make_site(n: int, seed: int, base: Path | None, twins: bool = True) -> tuple[Path, dict, float]:
    tmp = Path(tempfile.mkdtemp(prefix=f"zx-bench-{n}-", dir=base))
    root = tmp / "site-src"
    started = time.perf_counter()
    info = gen_corpus.generate(root, n, seed)
    if twins:
        gen_corpus.write_baseline(root)
        gen_corpus.write_material_user(root)
    return root, info, round(time.perf_counter() - started, 2)


def bench_size(root: Path, info: dict, n: int, runs: int) -> dict:
    tmp = root.parent
    log = OUT / f"run-{n}.log"
    log.write_text("", encoding="utf-8")
    env = environment(root)
    out, out_twin, out_user, out_full = tmp / "out", tmp / "out-twin", tmp / "out-user", tmp / "out-full"
    build = [PY, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)]
    full_build = [PY, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(out_full)]
    commands: dict[str, tuple[list[str], Path, dict]] = {
        "cold": (build, out, env),
        "warm": (build, out, env),
        "search": ([PY, "-c", INDEX, str(out)], out / "pagefind", env),
        "pipeline": (full_build, out_full, dict(env, ZX_SEARCH="1")),
        "twin": ([PY, "-m", "mkdocs", "build", "-f", "mkdocs-baseline.yml", "-d", str(out_twin)], out_twin, env),
        "user": ([PY, "-m", "mkdocs", "build", "-f", "mkdocs-material-user.yml", "-d", str(out_user)], out_user, env),
    }
    if subprocess.run([PY, "-c", "import jieba"], cwd=root, env=env, capture_output=True).returncode:
        print("  jieba is missing: the Material user's search would not segment Chinese (make bench installs it)")
    samples: dict[str, list] = {key: [] for key in commands}
    for run in range(runs):
        order = (
            ("cold", "warm", "search", "pipeline", "twin", "user")
            if run % 2 == 0
            else ("user", "twin", "pipeline", "cold", "warm", "search")
        )
        for what in order:
            cmd, target, what_env = commands[what]
            if what in ("cold", "pipeline"):
                forget(root, target)
            else:
                shutil.rmtree(target, ignore_errors=True)
            result = timed(cmd, root, what_env, log)
            samples[what].append(result)
            report(f"run {run + 1}/{runs} {what}", result)
            if result["rc"] != 0:
                print(tail(log), flush=True)
    full = max(samples["pipeline"], key=lambda r: r["tree_mb"])
    pages = sum(1 for _ in out.rglob("*.html")) if out.exists() else 0
    twin_pages = sum(1 for _ in out_twin.rglob("*.html")) if out_twin.exists() else 0

    def med(key: str, field: str = "s") -> float | None:
        return median([r[field] for r in samples[key]])

    cold, search, twin, user = med("cold"), med("search"), med("twin"), med("user")
    # what `make build` does: the cold build with search, Pagefind indexing while the outputs are written
    pipeline, pipeline_cpu = med("pipeline"), med("pipeline", "cpu_s")
    cold_cpu, search_cpu, user_cpu = med("cold", "cpu_s"), med("search", "cpu_s"), med("user", "cpu_s")
    ok = all(r["rc"] == 0 for rows in samples.values() for r in rows)
    return {
        "n": n,
        "pages": pages,
        "twin_pages": twin_pages,
        "bodies": info["bodies"],
        "documents": info["by_type"],
        "runs": runs,
        "ok": ok,
        "cold_s": cold,
        "warm_s": med("warm"),
        "search_s": search,
        "pipeline_s": pipeline,
        "twin_s": twin,
        "user_s": user,
        "cold_plus_search_s": round(cold + search, 3) if cold and search else None,
        "pipeline_over_user": ratio(pipeline, user),
        "cold_over_twin": ratio(cold, twin),
        "twin_plus_search_over_user": ratio(twin + search if twin and search else None, user),
        "cold_cpu_s": cold_cpu,
        "warm_cpu_s": med("warm", "cpu_s"),
        "search_cpu_s": search_cpu,
        "pipeline_cpu_s": pipeline_cpu,
        "twin_cpu_s": med("twin", "cpu_s"),
        "user_cpu_s": user_cpu,
        "pipeline_over_user_cpu": ratio(pipeline_cpu, user_cpu),
        "cold_rss_mb": max(r["rss_mb"] for r in samples["cold"]),
        "search_rss_mb": max(r["rss_mb"] for r in samples["search"]),
        "search_tree_mb": max(r["tree_mb"] for r in samples["search"]),
        "user_rss_mb": max(r["rss_mb"] for r in samples["user"]),
        "twin_rss_mb": max(r["rss_mb"] for r in samples["twin"]),
        "full_tree_mb": full["tree_mb"],
        "full_rss_mb": full["rss_mb"],
        "peak_mb": max(
            [full["tree_mb"], full["rss_mb"]]
            + [r[k] for key in ("cold", "search") for r in samples[key] for k in ("rss_mb", "tree_mb")]
        ),
        "site_mb": du_mb(out_full),
        "index_mb": du_mb(out_full / "pagefind"),
        "user_site_mb": du_mb(out_user),
        "load": sorted({r["load"] for rows in samples.values() for r in rows} | {full["load"]}),
        "samples": samples,
    }


# ---- the check and the preview --------------------------------------------------------------------


def bench_check(root: Path, n: int, runs: int = 3) -> dict:
    """The standalone check: cold (nothing compiled, no build/), repeated, and for one file."""
    env = environment(root)
    log = OUT / f"check-{n}.log"
    log.write_text("", encoding="utf-8")
    check = [PY, "-m", "zhengxie", "check", "--root", str(root)]
    plan = sorted((root / "data" / "plans").glob("*.yml"))[len(list((root / "data" / "plans").glob("*.yml"))) // 2]
    one = [*check, "--files", plan.relative_to(root).as_posix()]
    samples: dict[str, list] = {"cold": [], "warm": [], "files": []}
    for run in range(runs):
        forget(root)
        for what, cmd in (("cold", check), ("warm", check), ("files", one)):
            result = timed(cmd, root, env, log)
            samples[what].append(result)
            report(f"check {run + 1}/{runs} {what}", result)
    if any(r["rc"] for rows in samples.values() for r in rows):
        print(tail(log), flush=True)
    return {
        "n": n,
        "ok": not any(r["rc"] for rows in samples.values() for r in rows),
        "cold_s": median([r["s"] for r in samples["cold"]]),
        "warm_s": median([r["s"] for r in samples["warm"]]),
        "files_s": median([r["s"] for r in samples["files"]]),
        "cold_cpu_s": median([r["cpu_s"] for r in samples["cold"]]),
        "warm_cpu_s": median([r["cpu_s"] for r in samples["warm"]]),
        "files_cpu_s": median([r["cpu_s"] for r in samples["files"]]),
        "cold_range_s": [min(r["s"] for r in samples["cold"]), max(r["s"] for r in samples["cold"])],
        "warm_range_s": [min(r["s"] for r in samples["warm"]), max(r["s"] for r in samples["warm"])],
        "files_range_s": [min(r["s"] for r in samples["files"]), max(r["s"] for r in samples["files"])],
        "rss_mb": max(r["rss_mb"] for rows in samples.values() for r in rows),
        "file": plan.relative_to(root).as_posix(),
        "samples": samples,
    }


def bench_serve(root: Path, n: int) -> dict:
    """A save under `make serve` (tests/bench/serve_edit.py). Edits the corpus: run it last."""
    import serve_edit

    forget(root)
    started_load = round(os.getloadavg()[0], 2)
    result = {"n": n, **serve_edit.measure(root, dict(environment(root), ZX_SEARCH="1"))}
    result["load"] = [started_load, round(os.getloadavg()[0], 2)]
    return result


# ---- profiling ----------------------------------------------------------------------------------


def profile(n: int, seed: int, base: Path | None, keep: bool, top: int = 30) -> None:
    """cProfile one cold build and one twin build; our functions (hooks/, overrides/) by cumulative
    time, then everything by cumulative and own time."""
    import io
    import pstats

    root, _, _ = make_site(n, seed, base)
    env = environment(root)
    try:
        stream = io.StringIO()
        ours = re.escape(str(root)) + "/(hooks|overrides)/"
        for name, config in (("build", "mkdocs.yml"), ("twin", "mkdocs-baseline.yml")):
            forget(root)
            prof = OUT / f"profile-{n}-{name}.prof"
            cmd = [
                PY,
                "-m",
                "cProfile",
                "-o",
                str(prof),
                "-m",
                "mkdocs",
                "build",
                "-f",
                config,
                "-d",
                str(root.parent / f"out-{name}"),
            ]
            result = timed(cmd, root, env, OUT / f"profile-{n}.log")
            stats = pstats.Stats(str(prof), stream=stream)
            stats.sort_stats("cumulative")
            stream.write(f"\n######## {name} ({config}) under cProfile: {result['s']} s (rc={result['rc']})\n")
            if name == "build":
                stream.write("\n== our code (hooks/, overrides/), by cumulative time\n")
                stats.print_stats(ours, top)
            stream.write("\n== everything, by cumulative time\n")
            stats.print_stats(top)
            stats.sort_stats("tottime")
            stream.write("\n== everything, by own time\n")
            stats.print_stats(top)
        text = stream.getvalue().replace(str(root) + "/", "")
        (OUT / f"profile-{n}.txt").write_text(text, encoding="utf-8")
        print(text)
        print(f"wrote {OUT}/profile-{n}-{{build,twin}}.prof and {OUT / f'profile-{n}.txt'}")
    finally:
        if not keep:
            shutil.rmtree(root.parent, ignore_errors=True)


# ---- reporting ----------------------------------------------------------------------------------


def meta(seed: int) -> dict:
    def version(name: str) -> str | None:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()
        except OSError:
            return ""

    mem = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            kb = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {mem}".strip(", "),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "versions": {
            p: version(p)
            for p in (
                "mkdocs",
                "mkdocs-material",
                "mkdocs-macros-plugin",
                "pagefind",
                "pagefind-bin-extended",
                "Markdown",
                "Jinja2",
                "jieba",
            )
        },
        "commit": git("rev-parse", "--short", "HEAD")
        + (" (dirty)" if git("status", "--porcelain", "--untracked-files=no") else ""),
        "load_at_start": [round(x, 2) for x in os.getloadavg()],
        "seed": seed,
    }


COLUMNS = (
    ("N", "n"),
    ("pages", "pages"),
    ("cold s", "cold_s"),
    ("warm s", "warm_s"),
    ("search s", "search_s"),
    ("pipeline s", "pipeline_s"),
    ("cold+search s", "cold_plus_search_s"),
    ("twin s", "twin_s"),
    ("user s", "user_s"),
    ("÷ user", "pipeline_over_user"),
    ("cpu ÷ user", "pipeline_over_user_cpu"),
    ("twin+search ÷ user", "twin_plus_search_over_user"),
    ("cold ÷ twin", "cold_over_twin"),
    ("peak MB", "peak_mb"),
    ("build MB", "cold_rss_mb"),
    ("search MB", "search_tree_mb"),
    ("user MB", "user_rss_mb"),
    ("load", "load"),
)


def table(results: list[dict]) -> str:
    rows = [tuple(head for head, _ in COLUMNS)]
    for r in results:
        rows.append(tuple(f"{min(r[key])}–{max(r[key])}" if key == "load" else r.get(key) for _, key in COLUMNS))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(COLUMNS))]
    lines = [" | ".join(str(v).rjust(w) for v, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def parse_sizes(text: str) -> list[int]:
    return [int(part) for part in text.replace(" ", "").split(",") if part]


def write(report_: dict, name: str = "latest.json") -> None:
    (OUT / name).write_text(json.dumps(report_, ensure_ascii=False, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Cold build + search against plain Material and a Material "
        "user's set-up; the check; a save under make serve."
    )
    parser.add_argument(
        "--sizes", type=parse_sizes, default=list(DEFAULT_SIZES), help="comma-separated N (default 1000,5000)"
    )
    parser.add_argument("--runs", type=int, help="runs per size (default 3 up to N=1000, 2 above)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check-n", type=int, default=CHECK_N, help="documents for the check (0: skip; default 10000)")
    parser.add_argument(
        "--serve-n",
        type=int,
        help="time a save under make serve at this size, one of --sizes (default: the largest; 0: skip)",
    )
    parser.add_argument("--check-only", type=int, metavar="N", help="only time the standalone check at N documents")
    parser.add_argument("--serve-edit", type=int, metavar="N", help="only time a save under make serve at N documents")
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile one cold build and one twin build")
    parser.add_argument(
        "--shards",
        type=int,
        metavar="N",
        help="N documents built whole and as 2 and 4 shards (tests/bench/shards.py -> build/bench/shards.json)",
    )
    parser.add_argument("--tmp", type=Path, help="parent folder for the temporary sites (default: system temp)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary sites")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)

    if args.profile:
        profile(args.profile, args.seed, args.tmp, args.keep)
        return 0
    if args.shards:
        import shards

        return shards.main(
            ["--n", str(args.shards), "--seed", str(args.seed)]
            + (["--tmp", str(args.tmp)] if args.tmp else [])
            + (["--keep"] if args.keep else [])
        )
    report_: dict[str, Any] = {"meta": meta(args.seed)}
    report_["meta"]["reuse"] = reuse_lines.count(REPO)
    if args.check_only or args.serve_edit:
        n = args.check_only or args.serve_edit
        root, _, gen_s = make_site(n, args.seed, args.tmp, twins=False)
        try:
            if args.check_only:
                report_["check"] = result = bench_check(root, n)
                name = "check-only.json"
            else:
                report_["serve"] = result = bench_serve(root, n)
                name = "serve-edit.json"
        finally:
            if not args.keep:
                shutil.rmtree(root.parent, ignore_errors=True)
        write(report_, name)
        print(json.dumps({k: v for k, v in result.items() if k != "samples"}, ensure_ascii=False), f"-> {OUT / name}")
        return 0 if result.get("ok", True) else 1

    results: list[dict] = []
    report_["results"] = results
    serve_n = max(args.sizes) if args.serve_n is None else args.serve_n
    print(f"reuse layers: {report_['meta']['reuse']['lines']} lines ({reuse_lines.__doc__.splitlines()[0]})")
    for n in args.sizes:
        runs = args.runs or (3 if n <= 1000 else 2)
        root, info, gen_s = make_site(n, args.seed, args.tmp)
        print(f"\n== N={n}: {info['bodies']} bodies, {info['by_type']} (generated in {gen_s} s) in {root}", flush=True)
        try:
            results.append(bench_size(root, info, n, runs))
            write(report_)
            if n == serve_n:
                print(f"\n== preview, N={n}", flush=True)
                report_["serve"] = bench_serve(root, n)
                print("  " + json.dumps(report_["serve"], ensure_ascii=False), flush=True)
                write(report_)
        finally:
            if args.keep:
                print(f"  kept {root.parent}")
            else:
                shutil.rmtree(root.parent, ignore_errors=True)
    if args.check_n:
        root, _, gen_s = make_site(args.check_n, args.seed, args.tmp, twins=False)
        print(f"\n== check, N={args.check_n} (generated in {gen_s} s)", flush=True)
        try:
            report_["check"] = bench_check(root, args.check_n)
        finally:
            if not args.keep:
                shutil.rmtree(root.parent, ignore_errors=True)
        write(report_)
    print("\n" + table(results))
    if "check" in report_:
        c = report_["check"]
        print(
            f"check N={c['n']}: cold {c['cold_s']} s, warm {c['warm_s']} s, one file {c['files_s']} s "
            f"(medians; cpu {c['cold_cpu_s']} / {c['warm_cpu_s']} / {c['files_cpu_s']} s), {c['rss_mb']} MB"
        )
    if "serve" in report_:
        s = report_["serve"]
        print(
            f"preview N={s['n']}: save shown body {s.get('serve_edit_body_s')} s, data {s.get('serve_edit_data_s')} s; "
            f"rebuilds {s.get('serve_edit_body_build_s')} / {s.get('serve_edit_data_build_s')} s"
        )
    print(f"\n{report_['meta']['machine']}; {report_['meta']['versions']}\n-> {OUT / 'latest.json'}")
    ok = all(r["ok"] for r in results) and report_.get("check", {}).get("ok", True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
