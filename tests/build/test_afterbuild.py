"""The preview's background job (zhengxie.build.afterbuild) and MkDocs' clean before each rebuild: a
superseded job writes nothing once cancel() has returned (the next build cleans the site folder right
after), and outputs of an older generation do not outlive the generation that no longer writes them."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from zhengxie.build import afterbuild
from zhengxie.build.afterbuild import AfterBuild

WAIT = 300.0


class FakeSite:
    """What a job reads of a Site: its outputs, as steps."""

    def __init__(self, *parts: dict[str, bytes]):
        self.parts = parts

    def output_parts(self, site_url: str) -> list[Callable[[], dict[str, bytes]]]:
        return [functools.partial(dict, part) for part in self.parts]


def run(runner: AfterBuild, site: FakeSite, site_dir: Path) -> afterbuild.Job:
    job = runner.start(site, site_dir, "/")
    assert job.wait(WAIT) and job.error is None, job.error
    return job


def test_a_cancel_during_a_write_returns_after_it_and_nothing_is_written_later(tmp_path, monkeypatch):
    events: list[str] = []
    cancelling: list[threading.Thread] = []
    write = afterbuild.write_files

    def write_while_cancelled(site_dir: Path, files: dict[str, bytes]) -> None:
        if not cancelling:  # the first write: a new build asks the job to stop while it writes
            job = runner.latest
            assert job is not None

            def cancel() -> None:
                runner.cancel()
                events.append("cancel returned")

            cancelling.append(threading.Thread(target=cancel))
            cancelling[0].start()
            assert job.cancelled.wait(WAIT)  # the request is in; the write under way goes on
        write(site_dir, files)
        events.append(f"wrote {', '.join(sorted(files))}")

    monkeypatch.setattr(afterbuild, "write_files", write_while_cancelled)
    runner = AfterBuild(search_enabled=False, report=pytest.fail)
    job = runner.start(FakeSite({"feeds/a.xml": b"a"}, {"calendars/b.ics": b"b"}), tmp_path, "/")
    assert job.wait(WAIT)
    cancelling[0].join(WAIT)
    assert events == ["wrote feeds/a.xml", "cancel returned"], "cancel() returned while the job still wrote"
    assert not (tmp_path / "calendars" / "b.ics").exists(), "a cancelled job went on writing"
    assert not (tmp_path / afterbuild.STATUS).exists(), "a cancelled job published its generation"


def test_outputs_an_older_generation_wrote_go_when_a_newer_one_publishes(tmp_path):
    """Even without MkDocs' clean (`mkdocs serve --dirty`), a deleted body's feed does not stay."""
    runner = AfterBuild(search_enabled=False, report=pytest.fail)
    run(runner, FakeSite({"feeds/all.xml": b"1", "feeds/body-gone.xml": b"1"}, {"calendars/gone.ics": b"1"}), tmp_path)
    assert (tmp_path / "feeds" / "body-gone.xml").is_file()
    run(runner, FakeSite({"feeds/all.xml": b"2"}, {}), tmp_path)
    assert (tmp_path / "feeds" / "all.xml").read_bytes() == b"2"
    assert not (tmp_path / "feeds" / "body-gone.xml").exists()
    assert not (tmp_path / "calendars" / "gone.ics").exists()
