"""In a live preview, what follows the pages: calendars, feeds, open data and the search index.

A full build writes them before it ends. A preview writes them after the build has returned and the
browser has reloaded the saved page, in a background thread: the editor sees the page first and the
search index a little later. A newer save supersedes a job still running (its Pagefind process is
stopped, its outputs are not written), and the search keeps answering from the previous index until
the new one is published: Pagefind writes into a scratch folder, its files are moved into pagefind/
one by one and the entry file (which names the chunks a query fetches) last, so a reader's search
sees either the old index or the new, and the chunks of the previous index stay for pages that
loaded it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

from zhengxie.outputs import search
from zhengxie.build.website import write_files

STATUS = "zx-preview-status.json"  # site-relative: which build's outputs and index are published
ENTRY = "pagefind-entry.json"
NICE = 10  # Pagefind yields the processors to the next rebuild


class Superseded(Exception):
    pass


class Job:
    def __init__(self, generation: int, site, site_dir: Path, site_url: str, previous: "Job | None", runner):
        self.generation, self.site, self.site_dir, self.site_url = generation, site, Path(site_dir), site_url
        self.previous, self.runner = previous, runner
        self.cancelled = threading.Event()
        self.done = threading.Event()
        self.error: str | None = None
        self.timings: dict[str, float] = {}
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, name=f"zx-after-build-{generation}", daemon=True)

    def cancel(self) -> None:
        with self._lock:
            self.cancelled.set()
            if self._process is not None and self._process.poll() is None:
                self._process.kill()

    def wait(self, timeout: float | None = None) -> bool:
        return self.done.wait(timeout)

    def _check(self) -> None:
        if self.cancelled.is_set():
            raise Superseded

    def _run(self) -> None:
        started = time.monotonic()
        try:
            if self.previous is not None:
                self.previous.wait()  # one job writes at a time; the older one stops at its next step
                self.previous = None
            self._check()
            scratch = self.site_dir / f".zx-pagefind-{self.generation}"
            if self.runner.search:
                self._start_index(scratch)
            for part in self.site.output_parts(self.site_url):
                files = part()
                self._check()
                write_files(self.site_dir, files)
            self.timings["outputs_s"] = time.monotonic() - started
            if self.runner.search:
                self._finish_index(scratch)
                self.timings["search_s"] = time.monotonic() - started
            self.runner.published(self)
        except Superseded:
            pass
        except Exception as error:  # noqa: BLE001 - a preview reports it and keeps serving
            self.error = f"{type(error).__name__}: {error}"
            self.runner.report(f"搜索索引或开放数据未能更新：{self.error}")
        finally:
            if self.runner.search:
                shutil.rmtree(self.site_dir / f".zx-pagefind-{self.generation}", ignore_errors=True)
            self.site = None  # the model of a superseded build is not kept alive
            self.done.set()

    def _start_index(self, scratch: Path) -> None:
        with self._lock:
            self._check()
            nice = shutil.which("nice")
            command = search.index_command(self.site_dir, output=scratch)
            self._process = subprocess.Popen([nice, "-n", str(NICE), *command] if nice else command,
                                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def _finish_index(self, scratch: Path) -> None:
        output, _ = self._process.communicate()
        self._check()
        if self._process.returncode != 0:
            raise search.SearchIndexError(f"pagefind failed ({self._process.returncode}): {output.decode(errors='replace')}")
        self.runner.publish_bundle(scratch)


class AfterBuild:
    """The background jobs of one serving process: at most one running, the newest wins."""

    def __init__(self, search_enabled: bool = True, report=print):
        self.search = search_enabled
        self.report = report  # how a failed job is told to the editor (the adapter's log)
        self.latest: Job | None = None
        self.generation = 0
        self._bundle_files: set = set()  # files of the published index, kept one generation longer
        self._lock = threading.Lock()

    def start(self, site, site_dir: Path, site_url: str) -> Job:
        with self._lock:
            previous = self.latest
            if previous is not None:
                previous.cancel()
            self.generation += 1
            job = self.latest = Job(self.generation, site, site_dir, site_url, previous, self)
        job.thread.start()
        return job

    def cancel(self) -> None:
        """Stop the running job (a new build has begun); the next start() supersedes it anyway."""
        if self.latest is not None:
            self.latest.cancel()

    def publish_bundle(self, scratch: Path) -> None:
        bundle = scratch.parent / search.BUNDLE
        files = {p.relative_to(scratch) for p in scratch.rglob("*") if p.is_file()}
        for rel in sorted(files, key=lambda rel: rel.name == ENTRY):  # the entry file last
            target = bundle / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(scratch / rel, target)
        for path in [p for p in bundle.rglob("*") if p.is_file()]:
            rel = path.relative_to(bundle)
            if rel not in files and rel not in self._bundle_files:
                path.unlink(missing_ok=True)  # two generations old: no page can still be using it
        self._bundle_files = files

    def published(self, job: Job) -> None:
        status = {"generation": job.generation, "search": self.search, **{k: round(v, 3) for k, v in job.timings.items()}}
        target = job.site_dir / STATUS
        scratch = target.with_suffix(".tmp")
        scratch.write_text(json.dumps(status), encoding="utf-8")
        os.replace(scratch, target)
