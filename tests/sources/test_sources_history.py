"""发布日期 and 更新日期 from git (zhengxie.sources.history): one git log for the whole repository,
what a commit added and changed, files not committed, no repository at all, and a shallow clone whose
cut-off dates are never guessed."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from portal_support import commit_all, git
from zhengxie.sources import history
from zhengxie.sources.history import read_history

FIRST = "2024-03-05T10:00:00+08:00"
SECOND = "2025-06-18T09:30:00+08:00"
THIRD = "2026-01-02T08:00:00+08:00"
ODD = "docs/notes/2019 学习 “体会”.md"  # spaces, Chinese and quotes in the name


def _day(stamp: str) -> dt.date:
    return dt.datetime.fromisoformat(stamp).date()


def _write(root, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    """Two commits: the first adds a plan and a note, the second changes the note and adds a rule."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    _write(root, "docs/plans/2019-a.md", "计划\n")
    _write(root, ODD, "体会\n")
    commit_all(root, "add", FIRST)
    _write(root, ODD, "体会，修改\n")
    _write(root, "docs/rules/2019-b.md", "规则\n")
    commit_all(root, "change", SECOND)
    return root


def test_first_commit_is_published_last_is_updated(repo):
    found = read_history(repo)
    plan, note, rule = found.of("docs/plans/2019-a.md"), found.of(ODD), found.of("docs/rules/2019-b.md")
    assert (plan.published.date(), plan.updated.date()) == (_day(FIRST), _day(FIRST))
    assert (note.published.date(), note.updated.date()) == (_day(FIRST), _day(SECOND))
    assert (rule.published.date(), rule.updated.date()) == (_day(SECOND), _day(SECOND))
    assert plan.committed and note.committed and rule.committed


def test_files_not_committed_say_so_and_get_no_date(repo):
    _write(repo, "docs/notes/2019-new.md", "新文档\n")  # untracked
    _write(repo, "docs/plans/2019-a.md", "计划，尚未提交的修改\n")  # changed since its commit
    found = read_history(repo)
    new, changed = found.of("docs/notes/2019-new.md"), found.of("docs/plans/2019-a.md")
    assert (new.published, new.updated, new.committed) == (None, None, False)
    assert (changed.published.date(), changed.updated, changed.committed) == (_day(FIRST), None, False)


def test_outside_git_there_is_no_history(tmp_path):
    _write(tmp_path, "docs/plans/2019-a.md", "计划\n")
    found = read_history(tmp_path)
    assert not found.known
    assert found.of("docs/plans/2019-a.md") is None


def test_a_repository_without_commits_has_no_history(tmp_path):
    git(tmp_path, "init", "-q")
    _write(tmp_path, "docs/plans/2019-a.md", "计划\n")
    assert read_history(tmp_path).of("docs/plans/2019-a.md") is None


def test_a_site_in_a_subfolder_of_the_repository(tmp_path):
    site = tmp_path / "site"
    git(tmp_path, "init", "-q")
    _write(site, "docs/plans/2019-a.md", "计划\n")
    _write(tmp_path, "docs/plans/2019-a.md", "另一个网站的同名文件\n")
    commit_all(tmp_path, "add", FIRST)
    found = read_history(site)
    assert found.of("docs/plans/2019-a.md").published.date() == _day(FIRST)
    assert set(found.files) == {"docs/plans/2019-a.md"}  # paths relative to the site, only its docs/


def test_one_git_log_for_any_number_of_files(tmp_path, monkeypatch):
    git(tmp_path, "init", "-q")
    for n in range(60):
        _write(tmp_path, f"docs/notes/2019-{n:02d}.md", f"第{n}篇\n")
    commit_all(tmp_path, "many", FIRST)
    calls = []
    real = subprocess.run

    def counting(command, *args, **kwargs):
        calls.append(command)
        return real(command, *args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting)
    found = read_history(tmp_path)
    assert len(found.files) == 60
    assert len(calls) == 3  # rev-parse, log, diff: not one per file
    assert sum("log" in command for command in calls) == 1
    log = next(command for command in calls if "log" in command)
    assert log[-2:] == ["--", "docs"]  # the path after --, never taken for an option


def test_a_shallow_clone_leaves_out_what_it_cut_off(tmp_path):
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q")
    _write(origin, "docs/plans/2019-a.md", "计划\n")
    commit_all(origin, "one", FIRST)
    _write(origin, "docs/rules/2019-b.md", "规则\n")
    commit_all(origin, "two", SECOND)
    _write(origin, "docs/rules/2019-b.md", "规则，修改\n")
    _write(origin, "docs/notes/2019-c.md", "体会\n")
    commit_all(origin, "three", THIRD)
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{origin}", "clone")
    found = read_history(tmp_path / "clone")
    assert found.shallow
    plan, rule, note = (found.of(p) for p in ("docs/plans/2019-a.md", "docs/rules/2019-b.md", "docs/notes/2019-c.md"))
    # The plan was added before the cut: the boundary commit lists it, but says nothing of its dates.
    assert (plan.published, plan.updated, plan.committed) == (None, None, True)
    # The rule was added at the boundary (unknowable as such) and changed after it (known).
    assert (rule.published, rule.updated.date()) == (None, _day(THIRD))
    # The note was added after the cut: both dates known.
    assert (note.published.date(), note.updated.date()) == (_day(THIRD), _day(THIRD))


def test_the_log_is_parsed_whatever_the_names():
    """git log -z output: a record per commit, NUL after the header and after each name."""
    out = (
        "\x1eaaa\x1f2025-06-18T09:30:00+08:00\x00\ndocs/a b.md\x00docs/新.md\x00"
        "\x1ebbb\x1f2024-03-05T10:00:00+08:00\x00\ndocs/a b.md\x00"
    ).encode()
    files = history.parse_log(out)
    assert files["docs/a b.md"].published.date() == dt.date(2024, 3, 5)
    assert files["docs/a b.md"].updated.date() == dt.date(2025, 6, 18)
    assert files["docs/新.md"].published.date() == dt.date(2025, 6, 18)


def test_the_ci_site_build_checks_out_the_whole_history():
    """A shallow checkout (actions/checkout's default) would leave the dates out of every page."""
    import yaml

    from checks_support import ROOT

    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    checkout = next(s for s in flow["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
