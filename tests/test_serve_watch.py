"""`make serve` pauses MkDocs' file watcher while it rebuilds, and still sees every save.

The watcher polls docs/ and data/ twice a second; at 5000 documents each poll takes about 0.1 s of
the CPU the rebuild needs, so the adapter's on_serve makes a rebuild hold the pollers' locks. A save
made while a rebuild runs must then be seen by the next poll: the real `mkdocs serve --dirty` below
gets two saves, the second written as soon as the first one's rebuild starts, and serves both.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import urllib.request

import pytest

from fixture_site import SUMMARY, assemble

SUMMARY_PAGE = f"docs/summaries/{SUMMARY}.md"


class _Emitter:
    def __init__(self):
        self._lock = threading.Lock()


class _Observer:
    def __init__(self, count: int):
        self.emitters = {_Emitter() for _ in range(count)}


class _Server:
    def __init__(self, builder):
        self.builder, self.observer = builder, _Observer(3)


def _adapter():
    """The MkDocs hook file, as MkDocs loads it (a module of its own)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "hooks" / "mkdocs_hooks.py"
    spec = importlib.util.spec_from_file_location("serve_watch_adapter", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_rebuild_holds_every_pollers_lock_and_lets_go_even_when_it_fails():
    held = []

    def build():
        held.append([emitter._lock.locked() for emitter in server.observer.emitters])
        if len(held) == 2:
            raise RuntimeError("a failed rebuild (MkDocs logs it and waits for the next save)")

    server = _Server(build)
    server = _adapter().on_serve(server, config=None, builder=build)
    server.builder()
    with pytest.raises(RuntimeError):
        server.builder()
    assert held == [[True] * 3, [True] * 3]
    assert not any(emitter._lock.locked() for emitter in server.observer.emitters)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _read_until(server: subprocess.Popen, text: str, log: list) -> None:
    for line in server.stderr:
        log.append(line)
        if text in line:
            return
    raise AssertionError(f"mkdocs serve ended before logging {text!r}:\n{''.join(log)}")


def test_saves_made_while_the_preview_rebuilds_are_all_served(tmp_path):
    root = assemble(tmp_path / "repo")
    page = root / SUMMARY_PAGE
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZX_SEARCH="0")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log: list = []
    deadline = threading.Timer(180, server.kill)  # a save never seen ends the server, and the test
    deadline.start()
    try:
        _read_until(server, "Serving on", log)
        page.write_text(page.read_text(encoding="utf-8") + "\n第一次保存的句子（示例）。\n", encoding="utf-8")
        _read_until(server, "Building documentation", log)  # the first save's rebuild has started
        page.write_text(page.read_text(encoding="utf-8") + "\n第二次保存的句子（示例）。\n", encoding="utf-8")
        _read_until(server, "Reloading browsers", log)
        _read_until(server, "Reloading browsers", log)  # the second save's own rebuild
        url = f"http://127.0.0.1:{port}/summaries/{SUMMARY}/"
        with urllib.request.urlopen(url, timeout=60) as response:
            html = response.read().decode("utf-8")
        assert "第一次保存的句子" in html and "第二次保存的句子" in html
    finally:
        deadline.cancel()
        server.terminate()
        server.wait()
