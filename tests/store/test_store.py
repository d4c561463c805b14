"""zhengxie.store and the check's stored verdict: a repeated check replays exactly what it would
print; any change to what the check reads computes it again; a record that is malformed, foreign,
oversized, behind a symlink or committed to git is never used and never runs anything."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from checks_support import NOTE, PLAN, PLAN_DATA, SUMMARY, MiniRepo, build_site, make_buildable
from zhengxie.build import validate as validate_module
from zhengxie.store import digest, records
from zhengxie.tools import cli

RECORD = "build/cache/store/check.json"


class Checks:
    """Runs `python -m zhengxie check` in this process and counts the times it really checked."""

    def __init__(self, repo: MiniRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
        self.repo, self.capsys, self.computed = repo, capsys, 0
        real = validate_module.validate

        def counted(root: Path | str) -> object:
            self.computed += 1
            return real(root)

        monkeypatch.setattr(validate_module, "validate", counted)

    def __call__(self, *args: str) -> tuple[int, str, str]:
        code = cli.main(["check", "--root", str(self.repo.root), *args])
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def checks(zx_repo: MiniRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Checks:
    monkeypatch.delenv(cli.STORE_ENV, raising=False)
    return Checks(zx_repo, monkeypatch, capsys)


def _fresh(checks: Checks, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    with monkeypatch.context() as patch:
        patch.setenv(cli.STORE_ENV, "0")
        return checks(*args)


@pytest.mark.parametrize("broken", [True, False], ids=["problems", "clean"])
def test_a_repeated_check_prints_what_the_check_computes(
    checks: Checks, monkeypatch: pytest.MonkeyPatch, broken: bool
) -> None:
    if broken:  # an error, a warning and a control character in a message: every field and its escaping
        checks.repo.edit(PLAN, "body: luoyang-city", "body: luo\x1byang")
        checks.repo.edit(PLAN, "各有关单位要密切配合。\n", "")
    first = checks("--format", "json")
    assert checks.computed == 1 and checks.repo.path(RECORD).is_file()
    for output in cli.FORMATS:
        computed = _fresh(checks, monkeypatch, "--format", output)
        before = checks.computed
        assert checks("--format", output) == computed, output
        assert checks.computed == before, f"{output}: computed again instead of replayed"
        assert computed[0] == (1 if broken else 0) and not computed[2]
    assert json.loads(first[1]) == json.loads(_fresh(checks, monkeypatch, "--format", "json")[1])


def _same_size_same_time(repo: MiniRepo, rel: str, old: str, new: str) -> None:
    """An edit that keeps the file's size and modification time: only its content tells."""
    assert len(old.encode()) == len(new.encode())
    before = os.stat(repo.path(rel))
    repo.edit(rel, old, new)
    os.utime(repo.path(rel), ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(repo.path(rel)).st_size == before.st_size


CHANGES: dict[str, Callable[[MiniRepo], None]] = {
    "document, same size and time": lambda r: _same_size_same_time(r, SUMMARY, "收到提案100件", "收到提案□件"),
    "data file": lambda r: r.edit(PLAN_DATA, "form: thematic", "form: thematc"),
    "vocabulary": lambda r: r.edit("data/topics.yml", "id: ecology", "id: ecologie"),
    "schema": lambda r: r.write("data/schemas/topics.schema.json", "{not json"),
    "catalogue": lambda r: r.edit("data/problems.yml", "  title: ", "  title: 改 ", 1),
    "new file": lambda r: r.write("docs/notes/2019-notes.txt", "不发布的文件"),
    "deleted file": lambda r: r.delete(NOTE),
    "mkdocs.yml": lambda r: r.write("mkdocs.yml", r.read("mkdocs.yml") + "\n# 改动\n"),
    "page template": lambda r: r.write("overrides/zx-extra.html", "{{ page.content }}"),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_any_change_to_what_the_check_reads_computes_it_again(
    checks: Checks, monkeypatch: pytest.MonkeyPatch, change: Callable[[MiniRepo], None]
) -> None:
    checks()
    assert checks.computed == 1
    change(checks.repo)
    after = checks("--format", "json")
    assert checks.computed == 2
    assert after == _fresh(checks, monkeypatch, "--format", "json")


@pytest.mark.parametrize("changed", ["package", "distribution"])
def test_a_change_to_the_code_computes_it_again(
    checks: Checks, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, changed: str
) -> None:
    """The core's own files, or an installed distribution: the same name and version installed again
    with other files is told apart by pip's RECORD (each installed file's hash)."""
    if changed == "package":
        code = tmp_path / "code" / "zhengxie" / "checks.py"
        monkeypatch.setattr(digest, "PACKAGE", code.parent)
        before, after = "RULE = 1\n", "RULE = 2\n"
    else:
        code = tmp_path / "site-packages" / "rules_lib-1.0.dist-info" / "RECORD"
        monkeypatch.syspath_prepend(str(code.parent.parent))
        before, after = "rules_lib/__init__.py,sha256=AAAA,10\n", "rules_lib/__init__.py,sha256=BBBB,10\n"
    code.parent.mkdir(parents=True)
    code.write_text(before, encoding="utf-8")
    checks()
    checks()
    assert checks.computed == 1
    code.write_text(after, encoding="utf-8")
    checks()
    assert checks.computed == 2


def test_files_and_changed_modes_always_compute(checks: Checks) -> None:
    checks()
    checks("--files", NOTE)
    assert checks.computed == 2


# ---- what is never read ----------------------------------------------------------------------------


class _Planted:
    """Unpickled, it would create the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return open, (str(self.marker), "w")


def _envelope(key: str, value: object) -> bytes:
    return json.dumps({"format": records.FORMAT, "key": key, "value": value}).encode()


def _bad_records(key: str, marker: Path) -> dict[str, bytes]:
    good_row = ["ZX502", "error", PLAN, 5, "机构不存在", "改一下", None]
    return {
        "not JSON": b"{not json",
        "not UTF-8": b"\x80\x04garbage \xff\xfe\x00",
        "a pickle": pickle.dumps(_Planted(marker)),
        "nested too deep": b"[" * 200_000 + b"]" * 200_000,
        "a huge number": b'{"format": ' + b"9" * 10_000 + b"}",
        "not an object": b"[]",
        "another format": json.dumps({"format": "other/1", "key": key, "value": {}}).encode(),
        "another key": _envelope("0" * 64, {"documents": 0, "problems": []}),
        "an extra field": json.dumps({"format": records.FORMAT, "key": key, "value": {}, "run": "x"}).encode(),
        "value not an object": _envelope(key, []),
        "documents not a count": _envelope(key, {"documents": -1, "problems": []}),
        "documents a boolean": _envelope(key, {"documents": True, "problems": []}),
        "row too short": _envelope(key, {"documents": 1, "problems": [good_row[:6]]}),
        "line a string": _envelope(key, {"documents": 1, "problems": [[*good_row[:3], "5", *good_row[4:]]]}),
        "unknown severity": _envelope(key, {"documents": 1, "problems": [[good_row[0], "fatal", *good_row[2:]]]}),
        "not a code": _envelope(key, {"documents": 1, "problems": [["ZX5020", *good_row[1:]]]}),
        "column a float": _envelope(key, {"documents": 1, "problems": [[*good_row[:6], 1.5]]}),
    }


def test_a_malformed_or_foreign_record_is_ignored(zx_repo: MiniRepo, tmp_path: Path) -> None:
    key = cli.check_key(zx_repo.root)
    assert key
    place = records.open_store(zx_repo.root)
    marker = tmp_path / "unpickled"
    record = zx_repo.path(RECORD)
    record.parent.mkdir(parents=True)
    for name, data in _bad_records(key, marker).items():
        record.write_bytes(data)
        assert records.read(place, cli.CHECK_RECORD, key, cli.verdict_of) is None, name
    assert not marker.exists()
    assert records.write(place, cli.CHECK_RECORD, key, {"documents": 3, "problems": []})
    assert records.read(place, cli.CHECK_RECORD, key, cli.verdict_of) == ([], 3)  # the helpers above are sound


def test_an_oversized_record_is_not_read(zx_repo: MiniRepo) -> None:
    key = cli.check_key(zx_repo.root)
    assert key
    place = records.open_store(zx_repo.root)
    assert records.write(place, cli.CHECK_RECORD, key, {"documents": 3, "problems": []})
    with open(zx_repo.path(RECORD), "r+b") as record:  # a valid record, then NUL bytes up to the limit (sparse)
        record.truncate(records.MAX_BYTES + 1)
    assert records.read(place, cli.CHECK_RECORD, key, cli.verdict_of) is None


def _passing_record(root: Path) -> bytes:
    """A record with the right key that says the check passed: what a forger would commit."""
    key = cli.check_key(root)
    assert key
    return _envelope(key, {"documents": 0, "problems": []})


@pytest.mark.parametrize("where", ["garbage", "symlinked folder", "symlinked record", "fifo"])
def test_the_check_computes_past_a_record_it_cannot_use(
    checks: Checks, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, where: str
) -> None:
    checks.repo.edit(PLAN, "body: luoyang-city", "body: luoyang")
    expected = _fresh(checks, monkeypatch, "--format", "json")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "check.json").write_bytes(_passing_record(checks.repo.root))
    record = checks.repo.path(RECORD)
    record.parent.parent.mkdir(parents=True)
    if where == "symlinked folder":
        record.parent.symlink_to(elsewhere)
    else:
        record.parent.mkdir()
        if where == "garbage":
            record.write_bytes(b"\x00{not json")
        elif where == "symlinked record":
            record.symlink_to(elsewhere / "check.json")
        else:
            os.mkfifo(record)  # opening it for reading would wait for a writer
    before = checks.computed
    assert checks("--format", "json") == expected
    assert checks.computed == before + 1
    if where == "garbage":  # replaced by the computed verdict, which the next run replays
        assert checks("--format", "json") == expected and checks.computed == before + 1
    else:  # nothing written through a link or over a special file
        assert (elsewhere / "check.json").read_bytes() == _passing_record(checks.repo.root)


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.mark.parametrize("committed", [RECORD, "build/cache/store/notes.json", "build/cache"])
def test_a_committed_record_is_never_read_and_is_reported(
    checks: Checks, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, committed: str
) -> None:
    repo = checks.repo
    repo.edit(PLAN, "body: luoyang-city", "body: luoyang")
    expected = json.loads(_fresh(checks, monkeypatch, "--format", "json")[1])
    forged = _passing_record(repo.root)
    if committed == "build/cache":  # the store's parent committed as a symlink to a folder with a forged record
        (tmp_path / "forged" / "store").mkdir(parents=True)
        (tmp_path / "forged" / "store" / "check.json").write_bytes(forged)
        repo.path("build").mkdir()
        repo.path("build/cache").symlink_to(tmp_path / "forged")
    else:
        repo.write(RECORD, forged)
        repo.write(committed, forged)
    repo.write(".gitignore", "/build/\n")
    _git(repo.root, "init", "-q", "-b", "main")
    _git(repo.root, "add", "-A")
    _git(repo.root, "add", "-f", "--", committed)
    _git(repo.root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "forged")

    code, out, err = checks("--format", "json")
    reported = json.loads(out)
    assert code == 1 and not err
    ours = [p for p in reported if p["code"] == "ZX157"]
    assert [p["file"] for p in ours] == [committed]
    assert "由 git 跟踪" in ours[0]["message"] and ours[0]["hint"]
    assert [p for p in reported if p["code"] != "ZX157"] == expected  # the forged verdict was not read
    assert repo.path(RECORD).read_bytes() == forged or committed == "build/cache"  # nor replaced
    text = checks()[1]
    assert f"{committed}: 错误 ZX157" in text and "检查未通过" in text

    shutil.rmtree(repo.path("build"))
    _git(repo.root, "rm", "-q", "-r", "--cached", "--", "build")
    assert checks("--format", "json")[1] == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def test_a_committed_record_fails_the_strict_build_as_it_fails_the_check(tmp_path: Path) -> None:
    """One verdict: the build never reads the store, but a record committed into it fails the build
    with the same ZX157 the check reports."""
    repo = make_buildable(MiniRepo(tmp_path / "repo"))
    repo.write(RECORD, "{}")
    repo.write(".gitignore", "/build/\n")
    _git(repo.root, "init", "-q", "-b", "main")
    _git(repo.root, "add", "-A")
    _git(repo.root, "add", "-f", "--", RECORD)
    result = build_site(repo, tmp_path / "site")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{RECORD}: 错误 ZX157" in result.stdout + result.stderr


def test_committing_or_removing_a_build_output_computes_it_again(checks: Checks) -> None:
    """The verdict reads git's index too (ZX158): the same files, committed or not, are two verdicts."""
    repo = checks.repo
    repo.write("site/index.html", "<p>built</p>")
    repo.write(".gitignore", "/site/\n/build/\n")
    _git(repo.root, "init", "-q", "-b", "main")
    _git(repo.root, "add", "-A")
    assert checks()[0] == 0
    _git(repo.root, "add", "-f", "--", "site/index.html")
    code, out, _ = checks()
    assert (code, checks.computed) == (1, 2) and "site/index.html: 错误 ZX158" in out
    _git(repo.root, "rm", "-q", "--cached", "--", "site/index.html")
    assert checks()[0] == 0 and checks.computed == 3
