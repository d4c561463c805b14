"""The browser editor's fixtures (imported by the tests that use them): the npm packages (installed once with `npm ci` when missing) and
`make edit` running on a private copy of the fixture site, driven in Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import ports
from conftest import ROOT
from fixture_site import assemble

DECAP = ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
START_TIMEOUT = 120  # decap-server and the first build of `mkdocs serve`


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Wait until condition() holds, asking again every 0.2 s, for at most timeout seconds."""
    deadline, pause = time.monotonic() + timeout, threading.Event()
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        pause.wait(0.2)


def answers(url: str, data: bytes | None = None) -> bool:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@dataclass
class Editor:
    root: Path  # the working copy the editor writes into
    url: str  # http://127.0.0.1:<port>/admin/
    log: Path


@pytest.fixture
def editor(node_modules: Path, tmp_path: Path) -> Iterator[Editor]:
    """`make edit` (mk/edit.mk) on a copy of the fixture site: decap-server and `mkdocs serve` on free
    ports of 127.0.0.1; stopped, both, at the end (the process group make leads)."""
    root = assemble(tmp_path / "site")
    for name in ("package.json", "package-lock.json", "Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, root / name)  # keeps the times: node_modules/ is newer than the lock
    (root / "mk").mkdir()
    shutil.copy(ROOT / "mk" / "edit.mk", root / "mk" / "edit.mk")
    (root / "node_modules").symlink_to(node_modules)
    (root / ".venv").symlink_to((ROOT / ".venv").resolve())
    log = tmp_path / "edit.log"
    for attempt in range(1, ports.TRIES + 1):  # a port another process took meanwhile: tried again
        site, backend = ports.free_port(), ports.free_port()
        process = _make_edit(root, site, backend, log)
        url = f"http://127.0.0.1:{site}/admin/"
        try:
            wait_for(lambda: _started(process, log, url, backend), START_TIMEOUT, f"make edit (log: {log})")  # noqa: B023
            break
        except AssertionError:
            _stop(process)
            if attempt == ports.TRIES or not ports.taken(log.read_text(encoding="utf-8")):
                raise
    try:
        yield Editor(root, url, log)
    finally:
        _stop(process)


def _started(process: subprocess.Popen[bytes], log: Path, url: str, backend: int) -> bool:
    """Both servers answer; an AssertionError with the log when make stopped or a port was taken."""
    text = log.read_text(encoding="utf-8")
    assert process.poll() is None and not ports.taken(text), text
    return answers(url + "config.yml") and answers(f"http://127.0.0.1:{backend}/api/v1", b'{"action": "info"}')


def _make_edit(root: Path, site: int, backend: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("w") as out:
        # -o: the shared venv is taken as installed (this copy's requirements.txt is newer than its stamp).
        return subprocess.Popen(
            ["make", "-o", ".venv/.installed", "edit", f"EDIT_ADDR=127.0.0.1:{site}", f"CMS_PORT={backend}"],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=dict(os.environ, ZX_SEARCH="0"),
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)  # make, decap-server and mkdocs serve: the group it leads
        process.wait(timeout=30)
