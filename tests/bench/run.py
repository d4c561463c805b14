"""Benchmark: what validation, generated pages and search cost, at 200 / 1000 / 5000 documents.

    make bench                  # N = 200, 1000, 5000 (about 12–15 minutes on 2 cores)
    make bench N=1000           # one size; N=200,1000 for several
    PYTHONPATH=hooks .venv/bin/python tests/bench/run.py --sizes 1000 [--runs 3] [--seed 1] [--keep]
    PYTHONPATH=hooks .venv/bin/python tests/bench/run.py --check-only 10000   # time the check alone
    PYTHONPATH=hooks .venv/bin/python tests/bench/run.py --profile 5000       # cProfile build + baseline
    PYTHONPATH=hooks .venv/bin/python tests/bench/run.py --shards 20000       # 1, 2, 4 shards (tests/bench/shards.py)
    PYTHONPATH=hooks .venv/bin/python tests/bench/run.py --serve-edit 5000    # a save under make serve

For each N, tests/bench/gen_corpus.py writes a complete site with N generated documents (seeded, so
every run measures the same corpus) into a temporary folder, plus its plain-Material twin
(docs-baseline/ without macro lines, mkdocs-baseline.yml without hooks, plugins and custom_dir).
Then, each command in its own subprocess, timed with a monotonic clock:

* build     `mkdocs build --strict` with our hooks, ZX_SEARCH=0 (search is timed on its own), warm:
            the previous build of the same corpus left its cache in build/cache;
* build_cold the same after removing build/cache (it stores the cache again); cold_ratio = build_cold_s
            / baseline_s, next to ratio = build_s / baseline_s (warm);
* build_warm_edit the same right after the warm build, once one document's body and one plan's data
            were edited (edit_for_warm_build): what reusing the unchanged pages saves;
            warm_edit_ratio = build_warm_edit_s / baseline_s;
* baseline  `mkdocs build -f mkdocs-baseline.yml`: the same Markdown pages, same theme, Markdown
            extensions and nav, no hooks, no macros, no generated pages, no template overrides;
            build and baseline alternate (odd runs start with the baseline), 3 runs each up to
            N = 1000, 2 above; the table shows medians and ratio = build_s / baseline_s;
* material user  `mkdocs build -f mkdocs-material-user.yml`: the same pages as a Material user would
            publish them (gen_corpus.write_material_user): built-in search (lunr index, Chinese
            segmented by jieba) built with the site, tags plugin with the topics as tags, every document
            in the nav with navigation.prune; it takes its turn in the same alternation, and
            ratio_vs_material_user = (build_s + search_s) / material_user_s: our full pipeline against it;
* search    the project's own indexing step (zhengxie.outputs.search.index_site: Pagefind extended over the
            build's output; `python -m pagefind --site` if that function is missing), after each build;
* check     `python -m zhengxie check --root <site>` (or zhengxie.build.validate.validate in a subprocess
            while the CLI has no --root), at least 3 runs.

Peak memory is the subprocess's own ru_maxrss (os.wait4, children included); its user+system CPU
time is kept too (build_cpu_s, baseline_cpu_s, cpu_ratio): on a shared machine CPU time varies less
than wall time, and every sample records the 1-minute load average, so a noisy run shows. Output
size is `du` of the built site (search index included) and index size `du` of its pagefind/ folder.

Results: a table on stdout and build/bench/latest.json:
    {"meta": {date, machine, cpus, python, versions, commit, seed},
     "results": [{"n", "pages", "build_s", "baseline_s", "ratio", "cpu_ratio", "search_s", "check_s",
                  "material_user_s", "ratio_vs_material_user",
                  "peak_rss_mb", "output_mb", "index_mb", "runs", ... every run in "samples"}, ...],
     "scaling": {"build_5000_over_1000", "check_5000_over_1000"} (when both sizes ran)}
--check-only writes build/bench/check-only.json; --profile writes build/bench/profile-N-build.prof,
profile-N-baseline.prof and profile-N.txt (our functions by cumulative time, then everything).
Timings are not asserted anywhere: tests/test_bench_generator.py only proves the corpus is valid.
The committed snapshot of the table is docs/guide/performance.md (性能).
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
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
OUT = REPO / "build" / "bench"
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402

PY = sys.executable
DEFAULT_SIZES = (200, 1000, 5000)
VALIDATE = (
    "import sys\nfrom zhengxie.build.validate import validate\ncorpus, problems = validate(sys.argv[1])\n"
    "print(len(corpus.documents), 'documents,', len(problems), 'problems')\nsys.exit(1 if problems else 0)\n"
)
INDEX = "import sys\nfrom pathlib import Path\nfrom zhengxie.outputs.search import index_site\nindex_site(Path(sys.argv[1]))\n"


# ---- running one command --------------------------------------------------------------------------


def timed(cmd: list[str], cwd: Path, env: dict, log: Path) -> dict:
    """Run cmd in its own subprocess; wall time, exit code and that process tree's peak RSS."""
    with open(log, "ab") as out:
        out.write(f"\n$ {' '.join(cmd)}\n".encode())
        out.flush()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"s": round(seconds, 3), "rc": proc.returncode, "rss_mb": round(usage.ru_maxrss / 1024, 1),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2), "load": round(os.getloadavg()[0], 2)}


def environment(root: Path) -> dict:
    # An outer PYTHONPATH stays reachable after the hooks (e.g. jieba installed outside the venv).
    path = os.pathsep.join(filter(None, [str(root / "hooks"), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZX_SEARCH="0", PYTHONPATH=path)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # An editor's Python keeps compiled modules in __pycache__; a shell that turns that off would time
    # compiling the hooks in every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def du_mb(path: Path) -> float:
    if not path.exists():
        return 0.0
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True).stdout
    return round(int(out.split()[0]) / 1024, 1)


def tail(log: Path, lines: int = 15) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def check_command(root: Path, env: dict) -> tuple[list[str], str]:
    """The standalone check: the CLI when it takes --root, else validate() in a subprocess."""
    probe = subprocess.run([PY, "-m", "zhengxie", "check", "--help"], cwd=root, env=env, capture_output=True, text=True)
    if probe.returncode == 0 and "--root" in probe.stdout:
        return [PY, "-m", "zhengxie", "check", "--root", str(root)], "python -m zhengxie check --root"
    return [PY, "-c", VALIDATE, str(root)], "zhengxie.build.validate.validate() (no CLI with --root yet)"


def search_command(site_dir: Path, root: Path, env: dict) -> tuple[list[str], str]:
    probe = subprocess.run([PY, "-c", "from zhengxie.outputs.search import index_site"], cwd=root, env=env, capture_output=True)
    if probe.returncode == 0:
        return [PY, "-c", INDEX, str(site_dir)], "zhengxie.outputs.search.index_site (pagefind extended)"
    return [PY, "-m", "pagefind", "--site", str(site_dir), "--silent"], "python -m pagefind --site"


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


# ---- one size -----------------------------------------------------------------------------------


def make_site(n: int, seed: int, base: Path | None) -> tuple[Path, dict, float]:
    tmp = Path(tempfile.mkdtemp(prefix=f"zx-bench-{n}-", dir=base))
    root = tmp / "site-src"
    started = time.perf_counter()
    info = gen_corpus.generate(root, n, seed)
    gen_corpus.write_baseline(root)
    gen_corpus.write_material_user(root)
    return root, info, round(time.perf_counter() - started, 2)


def edit_for_warm_build(root: Path, run: int) -> None:
    """Edit one summary's body (a sentence added) and one plan's data (an item's title), the middle
    ones in name order, as an editor's commit would: the warm build after it measures page reuse."""
    summaries = sorted((root / "docs" / "summaries").glob("*.md"))
    doc = summaries[len(summaries) // 2]
    doc.write_text(doc.read_text(encoding="utf-8") + f"\n修改后的一段正文（示例{run}）。\n", encoding="utf-8")
    plans = sorted((root / "data" / "plans").glob("*.yml"))
    plan = plans[len(plans) // 2]
    text = plan.read_text(encoding="utf-8")
    plan.write_text(re.sub(r"(\n    title: )([^\n]*)", lambda m: f"{m.group(1)}{m.group(2)}（改{run}）", text, count=1),
                    encoding="utf-8")


def bench_size(n: int, runs: int, seed: int, base: Path | None, keep: bool) -> dict:
    root, info, gen_s = make_site(n, seed, base)
    tmp = root.parent
    log = OUT / f"run-{n}.log"
    log.write_text("", encoding="utf-8")
    env = environment(root)
    out, out_base, out_user = tmp / "out", tmp / "out-baseline", tmp / "out-material-user"
    print(f"\n== N={n}: {info['bodies']} bodies, {info['by_type']} (generated in {gen_s} s) in {root}", flush=True)
    check_cmd, check_how = check_command(root, env)
    search_cmd, search_how = search_command(out, root, env)
    build_cmd = [PY, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)]
    base_cmd = [PY, "-m", "mkdocs", "build", "-f", "mkdocs-baseline.yml", "-d", str(out_base)]
    user_cmd = [PY, "-m", "mkdocs", "build", "-f", "mkdocs-material-user.yml", "-d", str(out_user)]
    commands = {"build": (build_cmd, out), "build_cold": (build_cmd, out), "build_warm_edit": (build_cmd, out),
                "baseline": (base_cmd, out_base),
                "material_user": (user_cmd, out_user)}
    if subprocess.run([PY, "-c", "import jieba"], cwd=root, env=env, capture_output=True).returncode:
        print("  jieba is missing: the Material user's search would not segment Chinese (make bench installs it)")
    samples: dict[str, list] = {"build": [], "build_cold": [], "build_warm_edit": [], "baseline": [],
                                "material_user": [], "search": [], "check": []}
    try:
        for run in range(runs):
            # build_cold starts without build/cache (nothing parsed or rendered before); build then
            # reuses what it stored: the warm build an unchanged corpus gets.
            order = (("build_cold", "build", "build_warm_edit", "baseline", "material_user") if run % 2 == 0
                     else ("material_user", "baseline", "build_cold", "build", "build_warm_edit"))
            for what in order:
                cmd, target = commands[what]
                shutil.rmtree(target, ignore_errors=True)
                if what == "build_cold":
                    shutil.rmtree(root / "build" / "cache", ignore_errors=True)
                if what == "build_warm_edit":
                    edit_for_warm_build(root, run)
                result = timed(cmd, root, env, log)
                samples[what].append(result)
                print(f"  run {run + 1}/{runs} {what:13s} {result['s']:8.2f} s  cpu {result['cpu_s']:7.2f} s  "
                      f"{result['rss_mb']:7.1f} MB  load {result['load']}"
                      + ("" if result["rc"] == 0 else f"  FAILED rc={result['rc']}"), flush=True)
                if result["rc"] != 0:
                    print(tail(log), flush=True)
            result = timed(search_cmd, root, env, log)
            samples["search"].append(result)
            print(f"  run {run + 1}/{runs} {'search':13s} {result['s']:8.2f} s  {result['rss_mb']:7.1f} MB"
                  + ("" if result["rc"] == 0 else f"  FAILED rc={result['rc']}"), flush=True)
        for run in range(max(3, runs)):
            result = timed(check_cmd, root, env, log)
            samples["check"].append(result)
            print(f"  run {run + 1} check    {result['s']:8.2f} s  {result['rss_mb']:7.1f} MB"
                  + ("" if result["rc"] == 0 else f"  rc={result['rc']} (problems found)"), flush=True)
        if samples["check"][-1]["rc"] != 0:
            print(tail(log), flush=True)
        pages = sum(1 for _ in out.rglob("*.html")) if out.exists() else 0
        baseline_pages = sum(1 for _ in out_base.rglob("*.html")) if out_base.exists() else 0
        build_s = median([r["s"] for r in samples["build"]])
        baseline_s = median([r["s"] for r in samples["baseline"]])
        check_s = median([r["s"] for r in samples["check"]])
        build_cpu = median([r["cpu_s"] for r in samples["build"]])
        cold_s = median([r["s"] for r in samples["build_cold"]])
        warm_edit_s = median([r["s"] for r in samples["build_warm_edit"]])
        baseline_cpu = median([r["cpu_s"] for r in samples["baseline"]])
        search_s = median([r["s"] for r in samples["search"]])
        user_s = median([r["s"] for r in samples["material_user"]])
        return {
            "n": n,
            "pages": pages,
            "baseline_pages": baseline_pages,
            "bodies": info["bodies"],
            "build_s": build_s,
            "baseline_s": baseline_s,
            "ratio": round(build_s / baseline_s, 3) if build_s and baseline_s else None,
            "build_cold_s": cold_s,
            "cold_ratio": round(cold_s / baseline_s, 3) if cold_s and baseline_s else None,
            "build_cold_cpu_s": median([r["cpu_s"] for r in samples["build_cold"]]),
            "build_warm_edit_s": warm_edit_s,
            "warm_edit_ratio": round(warm_edit_s / baseline_s, 3) if warm_edit_s and baseline_s else None,
            "build_warm_edit_cpu_s": median([r["cpu_s"] for r in samples["build_warm_edit"]]),
            "build_cpu_s": build_cpu,
            "baseline_cpu_s": baseline_cpu,
            "cpu_ratio": round(build_cpu / baseline_cpu, 3) if build_cpu and baseline_cpu else None,
            "search_s": search_s,
            "material_user_s": user_s,
            "ratio_vs_material_user": round((build_s + search_s) / user_s, 3) if build_s and search_s and user_s else None,
            "material_user_cpu_s": median([r["cpu_s"] for r in samples["material_user"]]),
            "material_user_rss_mb": max(r["rss_mb"] for r in samples["material_user"]),
            "material_user_output_mb": du_mb(out_user),
            "check_s": check_s,
            "build_over_check": round(build_s / check_s, 1) if build_s and check_s else None,
            "peak_rss_mb": max(r["rss_mb"] for r in samples["build"]),
            "baseline_rss_mb": max(r["rss_mb"] for r in samples["baseline"]),
            "search_rss_mb": max(r["rss_mb"] for r in samples["search"]),
            "check_rss_mb": max(r["rss_mb"] for r in samples["check"]),
            "output_mb": du_mb(out),
            "baseline_output_mb": du_mb(out_base),
            "index_mb": du_mb(out / "pagefind"),
            "runs": runs,
            "ok": all(r["rc"] == 0 for key in ("build", "build_cold", "build_warm_edit", "baseline", "material_user",
                                               "search", "check")
                      for r in samples[key]),
            "generate_s": gen_s,
            "documents": info["by_type"],
            "check_how": check_how,
            "search_how": search_how,
            "samples": samples,
        }
    finally:
        if keep:
            print(f"  kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def check_only(n: int, runs: int, seed: int, base: Path | None, keep: bool) -> dict:
    root, info, gen_s = make_site(n, seed, base)
    env = environment(root)
    log = OUT / f"check-only-{n}.log"
    log.write_text("", encoding="utf-8")
    check_cmd, check_how = check_command(root, env)
    print(f"== check only, N={n} ({check_how}), generated in {gen_s} s", flush=True)
    try:
        samples = []
        for run in range(runs):
            samples.append(timed(check_cmd, root, env, log))
            print(f"  run {run + 1}/{runs} check {samples[-1]['s']:8.2f} s  {samples[-1]['rss_mb']:7.1f} MB"
                  + ("" if samples[-1]["rc"] == 0 else f"  rc={samples[-1]['rc']}"), flush=True)
        return {"n": n, "check_s": median([r["s"] for r in samples]), "check_rss_mb": max(r["rss_mb"] for r in samples),
                "runs": runs, "ok": all(r["rc"] == 0 for r in samples), "check_how": check_how, "samples": samples}
    finally:
        if not keep:
            shutil.rmtree(root.parent, ignore_errors=True)


def serve_edit_only(n: int, seed: int, base: Path | None, keep: bool) -> int:
    """serve_edit_s and friends (tests/bench/serve_edit.py) -> build/bench/serve-edit.json."""
    import serve_edit

    root, info, gen_s = make_site(n, seed, base)
    print(f"== serve edit, N={n}, generated in {gen_s} s", flush=True)
    try:
        result = {"n": n, **serve_edit.measure(root, dict(environment(root), ZX_SEARCH="1"))}
    finally:
        if not keep:
            shutil.rmtree(root.parent, ignore_errors=True)
    (OUT / "serve-edit.json").write_text(json.dumps({"meta": meta(seed), "results": [result]}, ensure_ascii=False,
                                                    indent=1), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False), f"-> {OUT / 'serve-edit.json'}", sep="\n")
    return 0


def profile(n: int, seed: int, base: Path | None, keep: bool, top: int = 30) -> None:
    """cProfile one build and one baseline build; print our own functions (hooks/) by cumulative
    time, then everything by cumulative and own time, for both (the difference is our cost)."""
    import io
    import pstats

    root, _, _ = make_site(n, seed, base)
    env = environment(root)
    try:
        stream = io.StringIO()
        hooks = str(root / "hooks") + "/"
        for name, config in (("build", "mkdocs.yml"), ("baseline", "mkdocs-baseline.yml")):
            prof = OUT / f"profile-{n}-{name}.prof"
            cmd = [PY, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "-f", config,
                   "-d", str(root.parent / f"out-{name}")]
            result = timed(cmd, root, env, OUT / f"profile-{n}.log")
            stats = pstats.Stats(str(prof), stream=stream)
            stats.sort_stats("cumulative")
            stream.write(f"\n######## {name} ({config}) under cProfile: {result['s']} s (rc={result['rc']})\n")
            if name == "build":
                stream.write("\n== our code (hooks/), by cumulative time\n")
                stats.print_stats(re.escape(hooks), top)
            stream.write("\n== everything, by cumulative time\n")
            stats.print_stats(top)
            stats.sort_stats("tottime")
            stream.write("\n== everything, by own time\n")
            stats.print_stats(top)
        text = stream.getvalue().replace(hooks, "hooks/")
        (OUT / f"profile-{n}.txt").write_text(text, encoding="utf-8")
        print(text)
        print(f"wrote {OUT}/profile-{n}-{{build,baseline}}.prof and {OUT / f'profile-{n}.txt'}")
    finally:
        if not keep:
            shutil.rmtree(root.parent, ignore_errors=True)


# ---- reporting ----------------------------------------------------------------------------------


def meta(seed: int) -> dict:
    def version(name):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    def git(*args):
        try:
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()
        except OSError:
            return ""

    mem = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {mem}".strip(", "),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "versions": {p: version(p) for p in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "pagefind",
                                            "pagefind-bin-extended", "Markdown", "Jinja2", "jieba")},
        "commit": git("rev-parse", "--short", "HEAD") + (" (dirty)" if git("status", "--porcelain") else ""),
        "load_at_start": [round(x, 2) for x in os.getloadavg()],
        "seed": seed,
    }


def table(results: list[dict]) -> str:
    head = ("N", "pages", "build s", "baseline s", "ratio", "cpu ratio", "cold s", "cold ratio", "edit s", "edit ratio",
            "search s", "check s", "build/check",
            "peak MB", "site MB", "index MB", "material user s", "vs material user")
    rows = [head]
    for r in results:
        rows.append((r["n"], r["pages"], r["build_s"], r["baseline_s"], r["ratio"], r["cpu_ratio"],
                     r.get("build_cold_s"), r.get("cold_ratio"), r.get("build_warm_edit_s"), r.get("warm_edit_ratio"),
                     r["search_s"],
                     r["check_s"], r["build_over_check"], r["peak_rss_mb"], r["output_mb"], r["index_mb"],
                     r.get("material_user_s"), r.get("ratio_vs_material_user")))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(head))]
    lines = [" | ".join(str(v).rjust(w) for v, w in zip(row, widths)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def scaling(results: list[dict]) -> dict:
    by_n = {r["n"]: r for r in results}
    out = {}
    if 1000 in by_n and 5000 in by_n:
        for key in ("build", "baseline", "check", "search", "material_user"):
            a, b = by_n[1000][f"{key}_s"], by_n[5000][f"{key}_s"]
            if a and b:
                out[f"{key}_5000_over_1000"] = round(b / a, 2)
    return out


def parse_sizes(text: str) -> list[int]:
    return [int(part) for part in text.replace(" ", "").split(",") if part]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark build, baseline, search and check at several corpus sizes.")
    parser.add_argument("--sizes", type=parse_sizes, default=list(DEFAULT_SIZES), help="comma-separated N (default 200,1000,5000)")
    parser.add_argument("--runs", type=int, help="runs per size (default 3 up to N=1000, 2 above)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check-only", type=int, metavar="N", help="only time the standalone check at N documents")
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile one build at N documents")
    parser.add_argument("--check-cache", type=int, metavar="N",
                        help="time the check cold, warm, without cache and after one edit (check_changed.py)")
    parser.add_argument("--shards", type=int, metavar="N", help="N documents built whole and as 2 and 4 shards "
                        "(tests/bench/shards.py -> build/bench/shards.json)")
    parser.add_argument("--serve-edit", type=int, metavar="N", help="only time a save under make serve at N documents")
    parser.add_argument("--tmp", type=Path, help="parent folder for the temporary sites (default: system temp)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary sites")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)

    if args.profile:
        profile(args.profile, args.seed, args.tmp, args.keep)
        return 0
    if args.check_cache:
        import check_changed

        root, _info, _gen_s = make_site(args.check_cache, args.seed, args.tmp)
        try:
            result = {"n": args.check_cache, **check_changed.measure(root, environment(root))}
        finally:
            if not args.keep:
                shutil.rmtree(root.parent, ignore_errors=True)
        (OUT / "check-cache.json").write_text(json.dumps({"meta": meta(args.seed), "results": [result]},
                                                         ensure_ascii=False, indent=1), encoding="utf-8")
        print(json.dumps(result, ensure_ascii=False))
        return 0
    if args.shards:
        import shards

        return shards.main(["--n", str(args.shards), "--seed", str(args.seed)] + (["--tmp", str(args.tmp)] if args.tmp else [])
                           + (["--keep"] if args.keep else []))
    if args.serve_edit:
        return serve_edit_only(args.serve_edit, args.seed, args.tmp, args.keep)
    if args.check_only:
        result = check_only(args.check_only, args.runs or 3, args.seed, args.tmp, args.keep)
        report = {"meta": meta(args.seed), "results": [result]}
        (OUT / "check-only.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nN={result['n']}: check {result['check_s']} s (median of {result['runs']}), "
              f"peak {result['check_rss_mb']} MB -> {OUT / 'check-only.json'}")
        return 0 if result["ok"] else 1

    results = []
    report = {"meta": meta(args.seed), "results": results}
    for n in args.sizes:
        runs = args.runs or (3 if n <= 1000 else 2)
        results.append(bench_size(n, runs, args.seed, args.tmp, args.keep))
        report["scaling"] = scaling(results)
        (OUT / "latest.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print("\n" + table(results))
    for key, value in report["scaling"].items():
        print(f"{key}: {value}")
    print(f"\n{report['meta']['machine']}; {report['meta']['versions']}\n-> {OUT / 'latest.json'}")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
