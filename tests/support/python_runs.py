"""`python -m mkdocs …` and `python -m zhengxie …` as the tests run them, without paying the imports each time.

A test that builds or checks a site runs the command in a process of its own, as a user would. Most of
what such a process spends on a small site is importing MkDocs, Material, mkdocs-macros and the core
(about 0.5 s of a 1.6 s build). Here each run is a fork of a server process that imported them once
(the standard library's forkserver, one per pytest worker): the child starts with nothing but those
modules — no state of any build, no thread — takes the run's working folder, environment, arguments
and `sys.path` as `python -m` would set them, and runs the module as `__main__`. What it prints goes to
files, read back as a `subprocess.CompletedProcess` (or through `Started`, Popen's few methods the
tests use).

What differs from a fresh interpreter: the preloaded modules come from the repository (hooks/, .venv),
not from a copy's hooks/ — the same files, as the fixture sites copy them. A test that changes a copy's
core, or that needs an interpreter option, runs `subprocess` itself.
"""

from __future__ import annotations

import multiprocessing
import os
import runpy
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from multiprocessing import forkserver
from pathlib import Path

PRELOAD = "python_runs_preload"  # tests/support/python_runs_preload.py: the imports every run shares
SUPPORT = Path(__file__).resolve().parent
HOOKS = SUPPORT.parents[1] / "hooks"
_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload([PRELOAD])


def _ensure_server() -> None:
    """Start this process's fork server, able to import the preload: Python 3.11's server imports it
    before it takes this process's sys.path (3.12 takes it first), so it is given PYTHONPATH for that."""
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(SUPPORT), str(HOOKS)])
    try:
        forkserver.ensure_running()
    finally:
        if before is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = before


def _child(module: str, args: list[str], cwd: str, env: dict[str, str], out: str, err: str | None) -> None:
    """In the forked child: become `python -m module args` in cwd with env, printing into files."""
    os.chdir(cwd)
    os.environ.clear()  # the same mapping object: os.environ defaults bound at import see the run's values
    os.environ.update(env)
    out_fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    err_fd = out_fd if err is None else os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(out_fd, 1)
    os.dup2(err_fd, 2)
    # `python -m` puts the working folder first and PYTHONPATH's folders after it.
    extra = [os.path.join(cwd, p) for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    sys.path[:0] = [cwd, *extra]
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


class Started:
    """A run in progress: `communicate`, `kill` and `returncode`, as the tests use them of Popen."""

    def __init__(self, module: str, args: Sequence[str], cwd: Path, env: Mapping[str, str], merge: bool):
        self._folder = tempfile.TemporaryDirectory(prefix="zx-run-")
        self._out = os.path.join(self._folder.name, "stdout")
        self._err = None if merge else os.path.join(self._folder.name, "stderr")
        self._args = [module, *args]
        self._process = _context.Process(
            target=_child, args=(module, list(args), str(cwd), dict(env), self._out, self._err)
        )
        _ensure_server()
        self._process.start()
        self.returncode: int | None = None

    def communicate(self, timeout: float | None = None) -> tuple[str, str | None]:
        self._process.join(timeout)
        if self._process.exitcode is None:
            self.kill()
            raise subprocess.TimeoutExpired(self._args, timeout or 0)
        self.returncode = self._process.exitcode
        return self._read(self._out), None if self._err is None else self._read(self._err)

    def kill(self) -> None:
        if self._process.exitcode is None:
            self._process.kill()
            self._process.join()
        self.returncode = self._process.exitcode

    def _read(self, path: str) -> str:
        try:
            return Path(path).read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:  # killed before it opened its output
            return ""

    def __del__(self) -> None:
        self._folder.cleanup()


def start(module: str, args: Sequence[str], cwd: Path, env: Mapping[str, str], merge: bool = False) -> Started:
    """`python -m module args` started in cwd with exactly env (stderr into stdout when merge)."""
    return Started(module, args, cwd, env, merge)


def run(
    module: str, args: Sequence[str], cwd: Path, env: Mapping[str, str], timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """`subprocess.run([python, "-m", module, *args], cwd=cwd, env=env, capture_output=True, text=True)`."""
    started = start(module, args, cwd, env)
    stdout, stderr = started.communicate(timeout)
    assert started.returncode is not None
    return subprocess.CompletedProcess([sys.executable, "-m", module, *args], started.returncode, stdout, stderr)
