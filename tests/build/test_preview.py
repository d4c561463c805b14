"""The real `mkdocs serve` (what `make serve` runs, without --dirty) after the saves issue 25 found
faulty: a fix after a save with broken YAML (or a template that stops the build), a template or asset
edit, a save written while a rebuild runs, and the deletion of a body's only document (its feed and
calendar must go); and the search, which must keep answering while a save is indexed.

Each test starts `mkdocs serve` on 127.0.0.1 at a free port over a fixture site (tests/support/fixture_site.py),
saves files as an editor does and polls the served pages until they show the save; every wait is bounded
by a generous timeout and fails with the server's log. MkDocs holds requests while it rebuilds, so a
page is always one build's. The background job's outputs (calendars, feeds, open data) come later:
zx-preview-status.json names the generation they belong to, and MkDocs deletes it with the rest of the
site before each rebuild, so two reads naming the same generation enclose reads of one whole generation.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

import ports
from fixture_site import PLAN, RULE, SUMMARY, assemble
from serve_support import LONE, LONE_PLAN, STATUS, add_lone_body

pytestmark = pytest.mark.slow  # each test starts a real `mkdocs serve` and waits for its rebuilds
TIMEOUT = 300.0  # generous: a loaded machine is slow, a waiting test is not flaky
POLL = 0.05
BOX = 'class="zx-preview-problems"'
SUMMARY_URL = f"summaries/{SUMMARY}/"
PLAN_URL = f"plans/{PLAN}/"
RULE_URL = f"rules/{RULE}/"
T = TypeVar("T")

# A hook of the test site only: it holds one rebuild after the sources are read (the adapter's
# on_config) until the test lets it go, so a save is certainly written while that rebuild runs.
GATE_HOOK = """\
import os
import time
from pathlib import Path


def on_pre_build(config):
    gate = Path(os.environ["ZX_TEST_GATE"])
    if not (gate / "armed").exists():
        return
    (gate / "armed").unlink()
    (gate / "held").write_text("held", encoding="utf-8")
    deadline = time.monotonic() + 600
    while not (gate / "go").exists():
        if time.monotonic() > deadline:
            raise RuntimeError("the test never let the rebuild go")
        time.sleep(0.02)
"""


class Served:
    """`mkdocs serve` of root in a process of its own; its log is read as it comes."""

    def __init__(self, root: Path, env: dict[str, str]):
        for attempt in range(1, ports.TRIES + 1):
            try:
                self._start(root, env, ports.free_port())
                self.wait(lambda: any("Serving on" in line for line in self.log), "the first build")
                break
            except pytest.fail.Exception:
                self.stop()
                if attempt == ports.TRIES or not ports.taken("\n".join(self.log)):
                    raise
        self.wait(lambda: self.generation() is not None, "the first background job")

    def _start(self, root: Path, env: dict[str, str], port: int) -> None:
        self.base = f"http://127.0.0.1:{port}/"
        self.log: list[str] = []
        # stop() ends the server with Ctrl-C (SIGINT). A test run started in the background ignores
        # SIGINT, and an ignored signal stays ignored in a child: handled here, it is the default there.
        ignored = signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                cwd=root,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ZX_SEARCH": "0", **env},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
        finally:
            signal.signal(signal.SIGINT, ignored)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line.rstrip("\n"))

    def get(self, url: str) -> tuple[int, str]:
        """(HTTP status, body) of a site path; MkDocs answers once the running rebuild is done."""
        try:
            with urllib.request.urlopen(self.base + url, timeout=TIMEOUT) as response:
                return response.status, response.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", errors="replace")

    def page(self, url: str) -> str:
        code, body = self.get(url)
        return body if code == 200 else ""

    def generation(self) -> int | None:
        """The generation whose background outputs are published, None while none is."""
        code, body = self.get(STATUS)
        return json.loads(body)["generation"] if code == 200 else None

    def one_generation(self, urls: list[str]) -> tuple[int, dict[str, tuple[int, str]]] | None:
        """The answers for urls, all from one generation (pages and background outputs), or None when
        a rebuild came in between or the generation's outputs are not published yet."""
        first = self.generation()
        answers = {url: self.get(url) for url in urls}
        return (first, answers) if first is not None and self.generation() == first else None

    def wait(self, condition: Callable[[], T], what: str, timeout: float = TIMEOUT) -> T:
        """condition()'s first true value, polled; fails with the server's log after timeout."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"mkdocs serve stopped waiting for {what}:\n" + "\n".join(self.log[-40:]))
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                pytest.fail(f"gave up waiting for {what} after {timeout:.0f} s:\n" + "\n".join(self.log[-40:]))
            time.sleep(POLL)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # MkDocs shuts down and removes its site folder
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(10)


@pytest.fixture()
def serve(tmp_path: Path) -> Iterator[Callable[..., Served]]:
    started: list[Served] = []

    def start(root: Path, **env: str) -> Served:
        served = Served(root, env)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    return assemble(tmp_path / "repo")


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("where", ["front matter", "data file"])
def test_a_fix_after_a_save_with_broken_yaml_is_served(site, serve, where):
    if where == "front matter":
        rel, url, old = f"docs/summaries/{SUMMARY}.md", SUMMARY_URL, "title: 明湖市政协2016年工作总结"
        broken, fixed, shown = (
            'title: "明湖市政协2016年工作总结（初稿',
            "title: 明湖市政协2016年工作总结（定稿）",
            "明湖市政协2016年工作总结（定稿）",
        )
    else:
        rel, url, old = f"data/plans/{PLAN}.yml", PLAN_URL, "title: 村庄规划编制与乡村振兴"
        broken, fixed, shown = (
            "title: [村庄规划编制与乡村振兴（初稿",
            "title: 村庄规划编制与乡村振兴（定稿）",
            "村庄规划编制与乡村振兴（定稿）",
        )
    served = serve(site)
    assert BOX not in served.page(url)
    edit(site, rel, old, broken)
    served.wait(
        lambda: BOX in (html := served.page(url)) and "<code>ZX103</code>" in html, "the broken save's problem box"
    )
    edit(site, rel, broken, fixed)
    served.wait(lambda: shown in (html := served.page(url)) and BOX not in html, "the fix")


def test_a_fix_after_a_template_that_stops_the_build_is_served(site, serve):
    """A template with a syntax error stops the rebuild (MkDocs logs it and holds requests until a
    rebuild succeeds); the fix is rebuilt and served."""
    served = serve(site)
    footer = site / "overrides" / "partials" / "zx" / "footer.html"
    fixed = footer.read_text(encoding="utf-8") + "\n<p>页脚修好了</p>\n"
    footer.write_text(fixed + "{% if %}\n", encoding="utf-8")
    served.wait(
        lambda: any("An error happened during the rebuild" in line for line in served.log), "the failed rebuild"
    )
    footer.write_text(fixed, encoding="utf-8")
    served.wait(lambda: "页脚修好了" in served.page(SUMMARY_URL), "the fixed template")
    served.wait(lambda: served.one_generation([SUMMARY_URL]), "the fixed build's background job")


def test_template_and_asset_edits_are_served(site, serve):
    served = serve(site)
    footer = site / "overrides" / "partials" / "zx" / "footer.html"  # rendered by MkDocs' theme
    footer.write_text(footer.read_text(encoding="utf-8") + "\n<p>页脚修改测试</p>\n", encoding="utf-8")
    served.wait(lambda: "页脚修改测试" in served.page(SUMMARY_URL), "the footer edit")
    items = site / "overrides" / "partials" / "zx" / "plan-items.html"  # rendered by the core's views
    items.write_text(items.read_text(encoding="utf-8") + "\n<p>项目模板修改测试</p>\n", encoding="utf-8")
    served.wait(lambda: "项目模板修改测试" in served.page(PLAN_URL), "the plan-items template edit")
    css = site / "docs" / "assets" / "zx.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* 样式修改测试 */\n", encoding="utf-8")
    served.wait(lambda: "样式修改测试" in served.page("assets/zx.css"), "the stylesheet edit")


def test_a_save_written_while_a_rebuild_runs_is_served(site, serve, tmp_path):
    gate = tmp_path / "gate"
    gate.mkdir()
    (site / "hooks" / "zx_test_gate.py").write_text(GATE_HOOK, encoding="utf-8")
    edit(site, "mkdocs.yml", "  - hooks/mkdocs_hooks.py\n", "  - hooks/mkdocs_hooks.py\n  - hooks/zx_test_gate.py\n")
    served = serve(site, ZX_TEST_GATE=str(gate))
    (gate / "armed").write_text("armed", encoding="utf-8")
    edit(site, f"docs/summaries/{SUMMARY}.md", "大部分按时举行", "大部分按时举行（第一次保存）")
    served.wait(lambda: (gate / "held").exists(), "the first save's rebuild to read the sources")
    # That rebuild has read the sources and is held: the second save is written while it runs.
    edit(site, f"docs/rules/{RULE}.md", "制定本规则。", "制定本规则（第二次保存）。")
    (gate / "go").write_text("go", encoding="utf-8")
    served.wait(
        lambda: "第一次保存" in served.page(SUMMARY_URL) and "第二次保存" in served.page(RULE_URL), "both saves"
    )

    def settled() -> bool:  # and the background job of the build that has both is published
        seen = served.one_generation([SUMMARY_URL, RULE_URL])
        return seen is not None and "第一次保存" in seen[1][SUMMARY_URL][1] and "第二次保存" in seen[1][RULE_URL][1]

    served.wait(settled, "the last rebuild's background job")


def test_a_bodys_only_document_deleted_takes_its_feed_and_calendar(site, serve):
    add_lone_body(site)
    feed, calendar, plan = f"feeds/body-{LONE}.xml", f"calendars/{LONE}.ics", f"plans/{LONE_PLAN}/"
    served = serve(site)
    _, before = served.wait(lambda: served.one_generation([plan, feed, calendar, "opendata/"]), "the first generation")
    assert [before[url][0] for url in (plan, feed, calendar)] == [200, 200, 200]
    assert "BEGIN:VCALENDAR" in before[calendar][1] and LONE in before["opendata/"][1]
    (site / "docs" / "plans" / f"{LONE_PLAN}.md").unlink()
    (site / "data" / "plans" / f"{LONE_PLAN}.yml").unlink()

    def without_the_plan() -> dict[str, tuple[int, str]] | None:
        seen = served.one_generation([plan, feed, calendar, "opendata/"])
        return seen[1] if seen is not None and seen[1][plan][0] == 404 else None

    after = served.wait(without_the_plan, "a generation built without the plan, its outputs published")
    assert after[feed][0] == 404, "the deleted body's feed is still served"
    assert after[calendar][0] == 404, "the deleted body's calendar is still served"
    assert LONE not in after["opendata/"][1], "the open data page still offers them"


def test_the_search_keeps_answering_while_a_save_is_indexed(site, serve):
    """MkDocs empties the site folder before a rebuild; the published index is put back with the
    pages, so between the rebuilt page and the new index the search still answers (the old index)."""
    entry, status, token = "pagefind/pagefind-entry.json", STATUS, "zxsearchprobe"
    served = serve(site, ZX_SEARCH="1")
    _, first = served.wait(lambda: served.one_generation([entry]), "the first index")
    assert first[entry][0] == 200
    edit(site, f"docs/summaries/{SUMMARY}.md", "大部分按时举行", f"大部分按时举行 {token}")
    between: list[int] = []

    def indexed() -> bool:
        # Rebuilt pages, no published generation yet: the window in which only the old index exists.
        answers = [served.get(status)[0], token in served.page(SUMMARY_URL), *served.get(entry)]
        if answers[:2] == [404, True] and served.get(status)[0] == 404:
            between.append(answers[2])
        return answers[2] == 200 and answers[3] != first[entry][1]

    served.wait(indexed, "the new index")
    assert set(between) <= {200}, f"the search index was missing after the rebuild: {between}"
