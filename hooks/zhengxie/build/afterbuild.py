"""In a live preview, what follows the pages: calendars, feeds, open data and the search index.

A full build writes them before it ends. A preview writes them after the build has returned and the
browser has reloaded the saved page, in a background thread: the editor sees the page first and the
search index a little later. A newer save supersedes a job still running: its Pagefind process is
stopped and, once `cancel()` has returned, it writes nothing more into the site folder — MkDocs cleans
that folder before every build, and an output of the previous generation written after the clean
(a deleted body's feed, say) would outlive it. Outputs the newer generation does not write again are
removed when it publishes, so nothing of an older generation survives even without the clean.

The search keeps answering from the previous index until the new one is published. Since MkDocs
deletes pagefind/ with the rest of the site before each build, the published index is kept beside the
site folder and put back (hard links) when the pages are written. Pagefind writes into a scratch folder
there too; its files are moved into the kept index one by one and the entry file (which names the
chunks a query fetches) last, then mirrored into pagefind/ in the same order, so a reader's search
sees either the old index or the new, and the chunks of the previous index stay for pages that loaded
it.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path

from zhengxie.build.website import Site, write_files
from zhengxie.outputs import search

STATUS = "zx-preview-status.json"  # site-relative: which build's outputs and index are published
ENTRY = "pagefind-entry.json"
NICE = 10  # Pagefind yields the processors to the next rebuild


class SupersededError(Exception):
    pass


class Job:
    """One build's background outputs. Every write into the site folder happens under the job's lock
    after a check that the job is still current, so `cancel()` returning means it writes no more."""

    def __init__(
        self, generation: int, site: Site, site_dir: Path, site_url: str, previous: Job | None, runner: AfterBuild
    ):
        self.site: Site | None = site  # until the job is done
        self.generation, self.site_dir, self.site_url = generation, Path(site_dir), site_url
        self.previous, self.runner = previous, runner
        self.cancelled = threading.Event()
        self.done = threading.Event()
        self.error: str | None = None
        self.timings: dict[str, float] = {}
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, name=f"zx-after-build-{generation}", daemon=True)

    def cancel(self) -> None:
        """Stop the job; when this returns it writes nothing more (a write under way is finished first)."""
        self.cancelled.set()  # seen by the job's next check
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                self._process.kill()

    def wait(self, timeout: float | None = None) -> bool:
        return self.done.wait(timeout)

    def _check(self) -> None:
        if self.cancelled.is_set():
            raise SupersededError

    def _write(self, step: Callable[[], None]) -> None:
        with self._lock:
            self._check()
            step()

    def _run(self) -> None:
        started = time.monotonic()
        scratch = self.runner.scratch(self.generation) if self.runner.search else None
        try:
            site = self.site
            if site is None:  # a job runs once: at its end its model is let go
                return
            if self.previous is not None:
                self.previous.wait()  # one job writes at a time; the older one stops at its next step
                self.previous = None
            self._check()
            if scratch is not None:
                self._start_index(scratch, site.document_folders())
            written: set[str] = set()
            for part in site.output_parts(self.site_url):
                files = part()
                self._write(functools.partial(self.runner.write_outputs, self.site_dir, files))
                written.update(files)
            self._write(lambda: self.runner.remove_outputs(self.site_dir, keep=written))
            self.timings["outputs_s"] = time.monotonic() - started
            if scratch is not None:
                self._finish_index(scratch)
                self.timings["search_s"] = time.monotonic() - started
            self._write(lambda: self.runner.published(self))
        except SupersededError:
            pass
        except Exception as error:  # a preview reports it and keeps serving
            self.error = f"{type(error).__name__}: {error}"
            self.runner.report(f"搜索索引或开放数据未能更新：{self.error}")
        finally:
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)
            self.site = None  # the model of a superseded build is not kept alive
            self.done.set()

    def _start_index(self, scratch: Path, folders: list[str]) -> None:
        with self._lock:
            self._check()
            nice = shutil.which("nice")
            command = search.index_command(self.site_dir, output=scratch, folders=folders)
            self._process = subprocess.Popen(
                [nice, "-n", str(NICE), *command] if nice else command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
            )

    def _finish_index(self, scratch: Path) -> None:
        assert self._process is not None
        output, _ = self._process.communicate()
        self._check()
        if self._process.returncode != 0:
            raise search.SearchIndexError(
                f"pagefind failed ({self._process.returncode}): {output.decode(errors='replace')}"
            )
        self._write(lambda: self.runner.publish_bundle(scratch, self.site_dir))


class AfterBuild:
    """The background jobs of one serving process: at most one running, the newest wins."""

    def __init__(self, search_enabled: bool = True, report: Callable[[str], object] = print):
        self.search = search_enabled
        self.report = report  # how a failed job is told to the editor (the adapter's log)
        self.latest: Job | None = None
        self.generation = 0
        self._store: Path | None = None  # beside the site folder: the published index, scratch folders
        self._bundle_files: set[Path] = set()  # files of the published index, kept one generation longer
        self._outputs: set[str] = set()  # site paths of outputs written since the last publication
        self._lock = threading.Lock()

    def start(self, site: Site, site_dir: Path, site_url: str) -> Job:
        """The job of a build whose pages are written; the published index is put back first."""
        site_dir = Path(site_dir)
        with self._lock:
            self.cancel()
            previous = self.latest
            self.generation += 1
            if self.search:
                self._restore_bundle(site_dir)
            job = self.latest = Job(self.generation, site, site_dir, site_url, previous, self)
        job.thread.start()
        return job

    def cancel(self) -> None:
        """Stop the running job (a new build has begun): when this returns, it writes nothing more."""
        if self.latest is not None:
            self.latest.cancel()

    # ---- called by a job, under its lock ----------------------------------------------------------

    def write_outputs(self, site_dir: Path, files: dict[str, bytes]) -> None:
        self._outputs.update(files)
        write_files(site_dir, files)

    def remove_outputs(self, site_dir: Path, keep: set[str]) -> None:
        """Outputs an earlier job wrote that this generation does not: a deleted body's feed."""
        for rel in sorted(self._outputs - keep):
            (site_dir / rel).unlink(missing_ok=True)
        self._outputs = set(keep)

    def scratch(self, generation: int) -> Path:
        return self._folder() / f"scratch-{generation}"

    def publish_bundle(self, scratch: Path, site_dir: Path) -> None:
        kept = self._folder() / search.BUNDLE
        files = {p.relative_to(scratch) for p in scratch.rglob("*") if p.is_file()}
        for rel in _entry_last(files):
            target = kept / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(scratch / rel, target)
        for path in [p for p in kept.rglob("*") if p.is_file()]:
            rel = path.relative_to(kept)
            if rel not in files and rel not in self._bundle_files:
                path.unlink(missing_ok=True)  # two generations old: no page can still be using it
        self._bundle_files = files
        _mirror(kept, site_dir / search.BUNDLE)

    def published(self, job: Job) -> None:
        status = {
            "generation": job.generation,
            "search": self.search,
            **{k: round(v, 3) for k, v in job.timings.items()},
        }
        target = job.site_dir / STATUS
        scratch = target.with_suffix(".tmp")
        scratch.write_text(json.dumps(status), encoding="utf-8")
        os.replace(scratch, target)

    # ---- the kept index ---------------------------------------------------------------------------

    def _folder(self) -> Path:
        if self._store is None:
            raise RuntimeError("no build has started")
        return self._store

    def _restore_bundle(self, site_dir: Path) -> None:
        """The index published before this build, back in the freshly cleaned site folder."""
        if self._store is None:
            try:  # beside the site folder, so the index is hard-linked rather than copied
                self._store = Path(tempfile.mkdtemp(prefix=".zx-preview-", dir=site_dir.parent))
            except OSError:
                self._store = Path(tempfile.mkdtemp(prefix="zx-preview-"))
            weakref.finalize(self, shutil.rmtree, self._store, True)
        kept = self._store / search.BUNDLE
        if kept.is_dir():
            _mirror(kept, site_dir / search.BUNDLE)


def _entry_last(files: set[Path]) -> list[Path]:
    return sorted(files, key=lambda rel: (rel.name == ENTRY, rel.as_posix()))


def _mirror(source: Path, target: Path) -> None:
    """Make target hold exactly source's files (the entry file placed last), as hard links when they
    share a file system; a file is replaced atomically, never written in place."""
    files = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for rel in _entry_last(files):
        src, dst = source / rel, target / rel
        if dst.exists() and os.path.samefile(src, dst):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        temporary = dst.with_name(f".{dst.name}.zx-tmp")
        try:
            os.link(src, temporary)
        except OSError:
            shutil.copyfile(src, temporary)
        os.replace(temporary, dst)
    if target.is_dir():
        for path in [p for p in target.rglob("*") if p.is_file()]:
            if path.relative_to(target) not in files:
                path.unlink(missing_ok=True)
