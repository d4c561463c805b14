"""The editor loop of `mkdocs serve`, driven in-process: the same builds, without the server.

`Preview(root, site_dir)` starts a serving process's state (MkDocs' on_startup for `serve`) and
`rebuild()` runs what the server runs after each save: a fresh config, then a build at the serve URL.
"""
from __future__ import annotations

import logging
from pathlib import Path

SERVE_URL = "http://127.0.0.1:8000/"
# Not compared: the search bundle, the preview's status file, gzip files (they carry a timestamp).
SKIPPED = ("pagefind/", ".zx-pagefind")


class Preview:
    def __init__(self, root: Path, site_dir: Path):
        self.root, self.site_dir = Path(root), Path(site_dir)
        self._config().plugins.on_startup(command="serve", dirty=False)

    def _config(self):
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
        from zhengxie.build import engine

        job = engine.background_job()
        assert job is None or job.wait(timeout), "the background job did not finish"
        assert job is None or job.error is None, job.error


def site_files(site_dir: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(Path(site_dir).rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.is_file() and not rel.startswith(SKIPPED) and not rel.endswith(".gz") and rel != "zx-preview-status.json":
            found[rel] = path.read_bytes()
    return found
