"""serve_edit_s: from saving one file to the served page showing the change, under `make serve`.

    PYTHONPATH=hooks .venv/bin/python tests/bench/serve_edit.py SITE      # SITE: a generated corpus (mutated!)
    PYTHONPATH=hooks .venv/bin/python tests/bench/run.py --serve-edit 1000

Starts what `make serve` runs (`mkdocs serve`: every save rebuilds the whole site from the sources) on
a free port, waits for the first build and its background job (calendars, feeds, open data, Pagefind),
then:
  * body: appends a sentence to one summary's body;
  * data: renames one item in one plan's data file;
and for each times, with a monotonic clock from just before the write, until the served page contains
the new text (polling every 20 ms; the server holds requests while it rebuilds), then until the
preview's status file (zx-preview-status.json) reports the background job of that rebuild done, i.e.
the search index includes it. The server's own "Documentation built in" lines give each build's time.
The site is edited in place: run it on a copy.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

POLL = 0.02
STATUS = "zx-preview-status.json"
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(condition, timeout: float) -> float:
    """Seconds until condition() is true (monotonic clock); raises after timeout."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise TimeoutError("gave up waiting")
        time.sleep(POLL)
    return time.monotonic() - started


class Server:
    def __init__(self, root: Path, env: dict):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=root,
            env=dict(env, NO_MKDOCS_2_WARNING="1"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append(line.rstrip())

    def builds(self) -> list[float]:
        return [float(m.group(1)) for line in self.lines if (m := BUILT.search(line))]

    def page(self, url: str) -> str | None:
        if self.process.poll() is not None:
            raise RuntimeError("mkdocs serve stopped:\n" + "\n".join(self.lines[-20:]))
        return fetch(self.base + url)

    def generation(self) -> int:
        text = self.page(STATUS)
        try:
            return json.loads(text)["generation"] if text else 0
        except (ValueError, KeyError):
            return 0

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _edit_body(root: Path, token: str) -> str:
    path = sorted(p for p in (root / "docs" / "summaries").glob("*.md") if p.name != "index.md")[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\n\n编辑测试：{token}。\n", encoding="utf-8")
    return f"summaries/{path.stem}/"


def _edit_data(root: Path, token: str) -> str:
    path = sorted((root / "data" / "plans").glob("*.yml"))[0]
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"^(\s+title: )([^'\"\n]+)$", lambda m: f"{m.group(1)}{m.group(2)}{token}", text, count=1, flags=re.M)
    assert new != text, f"no item title in {path}"
    path.write_text(new, encoding="utf-8")
    return f"plans/{path.stem}/"


def measure(root: Path, env: dict, timeout: float = 900) -> dict:
    """Seconds from a save to the served page (and to the search index) under mkdocs serve."""
    root = Path(root)
    server = Server(root, dict(env, ZX_SEARCH="1"))
    result: dict = {}
    try:
        started = time.monotonic()
        wait_for(lambda: server.page("") is not None, timeout)
        result["serve_first_build_s"] = round(time.monotonic() - started, 2)
        wait_for(lambda: server.generation() >= 1, timeout)
        result["serve_first_index_s"] = round(time.monotonic() - started, 2)
        for name, edit in (("body", _edit_body), ("data", _edit_data)):
            token = f"zxedit{name}{int(time.time())}"
            generation = server.generation()
            builds = len(server.builds())
            written = time.monotonic()
            url = edit(root, token)
            shown = wait_for(lambda token=token, url=url: token in (server.page(url) or ""), timeout)
            indexed = wait_for(lambda generation=generation: server.generation() > generation, timeout)
            result[f"serve_edit_{name}_s"] = round(shown, 2)
            result[f"serve_edit_{name}_search_s"] = round(time.monotonic() - written, 2)
            result[f"serve_edit_{name}_build_s"] = server.builds()[builds:] or None
            del indexed
        result["serve_edit_s"] = result["serve_edit_body_s"]
    finally:
        server.stop()
    return result


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path, help="a generated site (edited in place)")
    args = parser.parse_args(argv)
    hooks = Path(__file__).resolve().parents[2] / "hooks"
    env = dict(os.environ, PYTHONPATH=str(hooks))
    print(json.dumps(measure(args.site, env), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
