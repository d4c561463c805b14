"""The editor loop of `mkdocs serve`, driven in-process, and the clean build it must equal.

`Preview(root, site_dir)` starts a serving process's state (MkDocs' on_startup for `serve`) and
`rebuild()` runs what the server runs after each save: a fresh config, then a full build at the serve
URL (MkDocs cleans the site folder first). `settle()` waits for the background job (calendars, feeds,
open data, search). `close()` puts the adapter back as `mkdocs build` starts it, so a later in-process
build in the same test session is not taken for a preview.

`clean_build(root, out)` is the reference: `mkdocs build` of the same sources in a process of its own
into a fresh folder, at the serve URL. `assert_same_site` compares a preview with it file by file, byte
for byte; the preview's problem box (only a preview shows it) is the one difference allowed.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any, Self

import python_runs

SERVE_URL = "http://127.0.0.1:8000/"
STATUS = "zx-preview-status.json"
# Not compared: the search bundle, gzip files (they carry a timestamp), the preview's status file.
SKIPPED = ("pagefind/",)
# The problem box of overrides/partials/zx/preview-problems.html, as a preview inserts it.
PREVIEW_BOX = re.compile(rb'\n<div class="zx-preview-problems".*?</div>\n', re.DOTALL)


class Preview:
    def __init__(self, root: Path, site_dir: Path):
        self.root, self.site_dir = Path(root), Path(site_dir)
        self._config().plugins.on_startup(command="serve", dirty=False)

    def _config(self) -> Any:
        from mkdocs.config import load_config

        config = load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        return config

    def rebuild(self) -> None:
        from mkdocs.commands.build import build

        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        build(self._config(), serve_url=SERVE_URL, dirty=False)

    def settle(self, timeout: float = 300) -> None:
        """Wait for the background job (calendars, feeds, open data, search) of the last build."""
        job = self.job()
        assert job is None or job.wait(timeout), "the background job did not finish"
        assert job is None or job.error is None, job.error

    @staticmethod
    def job() -> Any:
        from zhengxie.build import engine

        return engine.background_job()

    def close(self) -> None:
        """Stop the background job and start the adapter again as `mkdocs build` does."""
        job = self.job()
        if job is not None:
            job.cancel()
            job.wait(300)
        self._config().plugins.on_startup(command="build", dirty=False)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


LONE = "lone-town"
LONE_PLAN = f"2016-{LONE}-consultation-plan"


def add_lone_body(root: Path) -> None:
    """A body with one document, a plan with items (a copy of the fixture's Qingxi plan): it has a
    feed (feeds/body-lone-town.xml) and a calendar (calendars/lone-town.ics) of its own."""
    from fixture_site import add_bodies

    add_bodies(
        root,
        [
            {
                "id": LONE,
                "name": "测试用孤立镇政协联络组",
                "short": "孤立镇政协联络组",
                "level": "township",
                "region": "虚构地名（测试夹具）",
                "parent": None,
            }
        ],
    )
    source = "2016-qingxi-consultation-plan"
    for folder, suffix in (("docs/plans", ".md"), ("data/plans", ".yml")):
        text = (root / folder / f"{source}{suffix}").read_text(encoding="utf-8")
        text = text.replace("body: qingxi-county", f"body: {LONE}").replace(source, LONE_PLAN)
        (root / folder / f"{LONE_PLAN}{suffix}").write_text(text, encoding="utf-8")


def site_files(site_dir: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(Path(site_dir).rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.is_file() and not rel.startswith(SKIPPED) and not rel.endswith(".gz") and rel != STATUS:
            found[rel] = path.read_bytes()
    return found


def without_preview_box(content: bytes) -> bytes:
    return PREVIEW_BOX.sub(b"", content, count=1)


def start_clean_build(root: Path, out: Path) -> python_runs.Started:
    """`mkdocs build` (not strict: a source with problems still builds) of root into out, at the
    serve URL, without search, in a process of its own."""
    env = dict(os.environ, SITE_URL=SERVE_URL, ZX_SEARCH="0", NO_MKDOCS_2_WARNING="1")
    env.pop("ZX_SHARD", None)
    return python_runs.start("mkdocs", ["build", "--site-dir", str(out)], root, env, merge=True)


def finish_clean_build(process: python_runs.Started, timeout: float = 600) -> None:
    output, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, output


def clean_build(root: Path, out: Path) -> Path:
    finish_clean_build(start_clean_build(root, out))
    return out


def differences(preview_dir: Path, clean_dir: Path) -> list[str]:
    """What differs between a preview and a clean build: files only one has, files whose bytes
    differ (the preview's problem box aside). Empty when they are the same site."""
    preview, clean = site_files(preview_dir), site_files(clean_dir)
    found = [f"only in the preview: {rel}" for rel in sorted(set(preview) - set(clean))]
    found += [f"only in the clean build: {rel}" for rel in sorted(set(clean) - set(preview))]
    found += [
        f"differs: {rel}"
        for rel in sorted(set(preview) & set(clean))
        if preview[rel] != clean[rel] and without_preview_box(preview[rel]) != clean[rel]
    ]
    return found


def assert_same_site(preview_dir: Path, clean_dir: Path) -> None:
    found = differences(preview_dir, clean_dir)
    assert not found, "the preview is not the site a clean build makes:\n" + "\n".join(found[:40])
