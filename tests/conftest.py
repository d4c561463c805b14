"""Shared fixtures: the repository root, the core on sys.path, the fixture site (tests/fixtures/corpus)
and one strict build of it. tests/README.md says which fixture to use for what.

sys.path: hooks/ (the core, `zhengxie`), tests/ (`from bounds.cases import …`) and tests/support/ (the
shared helpers, imported by their module name: `from checks_support import MiniRepo`)."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT / "hooks", ROOT / "tests", ROOT / "tests" / "support"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

# The core is the repository's, imported before any test runs: an in-process build of a site copied to
# tmp loads that copy's hooks/mkdocs_hooks.py, whose `import zhengxie` would otherwise take the copy's
# hooks/ (MkDocs puts a hook's folder on sys.path) — and a test that deletes its copy would leave the
# modules still to be imported, and the files beside them (cms_editor.js), gone for every later test.
import zhengxie  # noqa: E402, F401

# Property-based tests are deterministic and never timed, whatever a test's own @settings leave out:
# the same examples on every run, no per-example deadline and no "too slow" health check (a loaded
# machine is slow, not wrong), no example database (.hypothesis/ would replay old failures in a
# working copy). ZX_HYPOTHESIS=explore draws new examples on every run instead.
settings.register_profile(
    "zx", derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("explore", parent=settings.get_profile("zx"), derandomize=False)
settings.load_profile("explore" if os.environ.get("ZX_HYPOTHESIS") == "explore" else "zx")


def pytest_collection_modifyitems(items):
    """Every test that drives Chromium (through the `browser` fixture, directly or via `page`,
    `reader_page` or a test's own) is marked `browser`: `-m "not browser"` leaves them all out."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def fixture_root(tmp_path_factory) -> Path:
    """The fixture site (tests/fixtures/corpus with the repository's machinery and vocabularies), assembled
    once per session. Read-only: a test that changes files uses `fixture_copy`."""
    from fixture_site import assemble

    return assemble(tmp_path_factory.mktemp("fixture") / "site")


@pytest.fixture
def fixture_copy(fixture_root, tmp_path) -> Path:
    """A private copy of the fixture site to change."""
    import shutil

    return Path(shutil.copytree(fixture_root, tmp_path / "site"))


def once_per_run(tmp_path_factory, name: str, make) -> Path:
    """The folder `make(folder)` filled, for a session fixture whose tests only read it: made once per
    test run. pytest-xdist's workers share the parent of their base folders; the first worker to ask
    makes it there under a lock, the others wait and read it. A folder left half made (its worker
    failed) is made again by the next to ask."""
    if "PYTEST_XDIST_WORKER" not in os.environ:  # one process: its own base folder
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent / f"once-{name}"
    done = shared.with_name(shared.name + ".done")
    with open(shared.with_name(shared.name + ".lock"), "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        if not done.is_file():
            import shutil

            shutil.rmtree(shared, ignore_errors=True)
            shared.mkdir()
            make(shared)
            done.touch()
    return shared


@pytest.fixture(scope="session")
def built_site(fixture_root, tmp_path_factory) -> Path:
    """The fixture site built once with `mkdocs build --strict` (search index included), once per run."""
    from fixture_site import build

    def make(folder: Path) -> None:
        result = build(fixture_root, folder / "site", search=True)
        assert result.returncode == 0, result.stdout + result.stderr

    return once_per_run(tmp_path_factory, "built", make) / "site"


@pytest.fixture(scope="session")
def shard_sites(tmp_path_factory):
    """A mini-repository with documents on both shards of a 2-shard build (tests/support/shards_support.py),
    built once whole and once as 2 shards merged: (repo, whole site, merged site), strict, with search;
    once per run."""
    from checks_support import MiniRepo
    from shards_support import build_shard_sites

    base = once_per_run(tmp_path_factory, "shards", build_shard_sites)
    return MiniRepo.at(base / "repo"), base / "whole", base / "merged"


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served over local HTTP (a thread in this process), as a reader would reach it."""
    from serving import root_url, serve

    server = serve(built_site)
    yield root_url(server)
    server.shutdown()


CHROMIUM = "/usr/bin/chromium"
EXPECT_TIMEOUT_MS = 60_000
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser). An `expect` waits up to
    EXPECT_TIMEOUT_MS for its condition (Playwright's 5 s is short on a loaded machine); it passes as
    soon as the condition holds."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def browser_page(browser, width_name: str, base_url: str):
    """A fresh page at one of VIEWPORTS, with `base_url`, `width_name` and `shot(name, full=False)`
    (a screenshot artifact in tests/artifacts/); the caller closes `page.context`."""
    is_phone = width_name == "phone"
    context = browser.new_context(viewport=VIEWPORTS[width_name], is_mobile=is_phone, has_touch=is_phone)
    page = context.new_page()
    page.base_url = base_url
    page.width_name = width_name
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.shot = lambda name, full=False: page.screenshot(
        path=str(ARTIFACTS / f"{name}-{width_name}.png"), full_page=full
    )
    return page


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def page(request, browser, site_url):
    """A fresh page at desktop and at phone width; `page.shot(name)` saves a screenshot artifact."""
    page = browser_page(browser, request.param, site_url)
    yield page
    page.context.close()


# ---- npm packages (the browser editor, axe-core) ----------------------------------------------------

NPM_TIMEOUT = 600  # the first `npm ci` downloads the packages


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """The packages package-lock.json pins (Decap CMS, axe-core) in the repository's node_modules/.
    `make test` installs them first (mk/edit.mk); a pytest run of its own does the same `npm ci` when
    they are missing or older than the lock file."""
    stamp, lock = ROOT / "node_modules" / ".package-lock.json", ROOT / "package-lock.json"
    # One `npm ci` at a time: each pytest-xdist worker asks for this fixture.
    with open(ROOT / ".npm-install.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        if not stamp.is_file() or stamp.stat().st_mtime < lock.stat().st_mtime:
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True, timeout=NPM_TIMEOUT)
    return ROOT / "node_modules"


# ---- validation (tests/test_checks_*.py) --------------------------------------------------------


@pytest.fixture
def zx_repo(tmp_path):
    """A small valid mini-repository (the real vocabularies and schemas, a few documents) to break."""
    from checks_support import MiniRepo

    return MiniRepo(tmp_path / "repo")


# ---- the reader's site (tests/test_reader_*.py): a fixture corpus under a sub-path URL ------------


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory):
    """The fixture corpus (tests/support/reader_support.py) built once per run, strict, with search, for
    SITE_URL=https://example.org/zx/ into <www>/zx/; returns (repo, site_dir)."""
    from checks_support import MiniRepo
    from reader_support import MOUNT, SITE_URL, add_corpus, build, make_site

    def make(base: Path) -> None:
        repo = MiniRepo(base / "repo")
        add_corpus(repo)
        make_site(repo)
        result = build(repo, base / "www" / MOUNT, SITE_URL=SITE_URL)
        assert result.returncode == 0, result.stdout + result.stderr

    base = once_per_run(tmp_path_factory, "reader", make)
    return MiniRepo.at(base / "repo"), base / "www" / MOUNT


@pytest.fixture(scope="session")
def reader_url(reader_site):
    """http://127.0.0.1:<port>/zx/: the reader's site served under its sub-path."""
    from reader_support import MOUNT
    from serving import root_url, serve

    server = serve(reader_site[1].parent, not_found=f"{MOUNT}/404.html")
    yield f"{root_url(server)}{MOUNT}/"
    server.shutdown()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def reader_page(request, browser, reader_url):
    """Like `page`, on the reader's site: desktop and phone, screenshots in tests/artifacts/."""
    page = browser_page(browser, request.param, reader_url)
    yield page
    page.context.close()


@pytest.fixture(autouse=True)
def _no_preview_left_serving():
    """A test that drove a preview in this process (serve_support.Preview: on_startup for `serve`)
    leaves the engine serving; a later test's in-process build would then act as a preview (its
    calendars and feeds written later, in the background). Start it again as `mkdocs build` does."""
    yield
    from zhengxie.build import engine

    job = engine.background_job()
    if job is not None:  # its job may still be writing the preview's calendars
        job.cancel()
        job.wait(60)
    engine.start(serving=False)
