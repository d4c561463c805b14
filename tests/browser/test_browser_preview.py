"""While `mkdocs serve` runs, a document with problems shows them above its title (code, message, hint),
at desktop and phone width; the page left open reloads without the box once the document is fixed; a
production build of the same sources never shows the box."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

import ports
from checks_support import PLAN, MiniRepo
from conftest import ARTIFACTS, VIEWPORTS
from reader_support import build, make_site

PLAN_URL = "plans/2019-test-consultation-plan/"
BROKEN = ("## 四、组织实施\n\n各有关单位要密切配合。\n", "")  # a required section removed: ZX301
RELOAD_TIMEOUT_MS = 300_000  # a rebuild on a loaded machine; the page reloads itself as soon as it is done


def _broken_repo(root) -> MiniRepo:
    repo = MiniRepo(root)
    make_site(repo)
    repo.edit(PLAN, *BROKEN)
    return repo


@contextlib.contextmanager
def serving(root: Path, livereload: bool = False) -> Iterator[str]:
    """`mkdocs serve` of root on a free port (watching the sources with livereload); yields its URL.
    A port another process took meanwhile is tried again on another (tests/support/ports.py)."""
    for attempt in range(1, ports.TRIES + 1):
        port = ports.free_port()
        server, log = _start_serving(root, livereload, port)
        started = any("Serving on" in line for line in log)
        if started or attempt == ports.TRIES or not ports.taken("".join(log)):
            break
        server.wait()
    try:
        assert started and server.poll() is None, "".join(log)
        assert server.stderr is not None
        threading.Thread(target=server.stderr.read, daemon=True).start()  # the pipe never fills up
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait()


def _start_serving(root: Path, livereload: bool, port: int) -> tuple[subprocess.Popen[str], list[str]]:
    """The server and its log up to "Serving on" (logged once the first build is done), or to its end."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZX_SEARCH="0")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            *([] if livereload else ["--no-livereload"]),
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    log = []
    assert server.stderr is not None
    for line in server.stderr:
        log.append(line)
        if "Serving on" in line:
            break
    return server, log


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """`mkdocs serve` on a mini-repo whose plan lacks a required section; yields (url, problems)."""
    repo = _broken_repo(tmp_path_factory.mktemp("preview") / "repo")
    problems = repo.check()
    with serving(repo.root) as url:
        yield url, problems


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_serve_shows_a_documents_problems_at_the_top(browser, preview, width):
    url, problems = preview
    assert [p.code for p in problems] == ["ZX301"]
    context = browser.new_context(viewport=VIEWPORTS[width], is_mobile=width == "phone")
    page = context.new_page()
    page.goto(url + PLAN_URL)
    box = page.locator(".zx-preview-problems")
    expect(box).to_be_visible()
    expect(box).to_contain_text("ZX301")
    expect(box).to_contain_text(problems[0].message)
    expect(box).to_contain_text("修改建议")
    assert box.bounding_box()["y"] < page.locator("article h1").bounding_box()["y"]  # above the title
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"reader-preview-problems-{width}.png"))
    page.goto(url + "summaries/2019-test-annual-summary/")  # a document without problems: no box
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator(".zx-preview-problems")).to_have_count(0)
    context.close()


def test_the_open_page_reloads_without_the_box_once_the_document_is_fixed(browser, tmp_path):
    """An editor keeps the page open while fixing the document: the live preview rebuilds after the
    save and reloads the page, and the box is gone (and comes back with the next broken save)."""
    repo = MiniRepo(tmp_path / "repo")
    make_site(repo)
    fixed = repo.read(PLAN)
    broken = fixed.replace(BROKEN[0], BROKEN[1], 1)
    repo.write(PLAN, broken)
    with serving(repo.root, livereload=True) as url:
        context = browser.new_context(viewport=VIEWPORTS["desktop"])
        page = context.new_page()
        page.goto(url + PLAN_URL)
        box = page.locator(".zx-preview-problems")
        expect(box).to_contain_text("ZX301")
        repo.write(PLAN, fixed)
        expect(box).to_have_count(0, timeout=RELOAD_TIMEOUT_MS)
        expect(page.locator("article")).to_contain_text("各有关单位要密切配合", timeout=RELOAD_TIMEOUT_MS)
        repo.write(PLAN, broken)  # broken again: the box is back
        expect(box).to_contain_text("ZX301", timeout=RELOAD_TIMEOUT_MS)
        context.close()


def test_a_production_build_never_shows_the_box(tmp_path, root):
    repo = _broken_repo(tmp_path / "repo")
    out = tmp_path / "site"
    result = build(repo, out, strict=False, ZX_SEARCH="0")  # not strict, so the broken page is written
    assert result.returncode == 0, result.stderr
    assert "ZX301" in result.stderr  # the problem is reported in the log, as ever
    page = (out / PLAN_URL / "index.html").read_text(encoding="utf-8")
    assert "zx-preview-problems" not in page
    from zhengxie.build.website import Site

    site = Site.load(repo.root, template_dir=root / "overrides")
    assert site.preview_problems("plans/2019-test-consultation-plan.md") == []
    previewing = Site.load(repo.root, template_dir=root / "overrides", preview=True)
    assert [p.code for p in previewing.preview_problems("plans/2019-test-consultation-plan.md")] == ["ZX301"]
