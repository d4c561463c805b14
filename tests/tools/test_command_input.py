"""What a command is given is data (issue 25, "Safety of the build").

- make hands every value to the command exactly as written: no backtick, $(…), $(shell …), ;, quote,
  space, newline or leading - in a value runs anything or becomes an option (the recipes' arguments
  are recorded with printf instead of running the command, so many values are cheap to try);
- the real targets against a copy of a repository: `make import` of a file with such a name, `make
  new` with such a year, `make check CHANGED=1` with such a base (a base that is not a revision is a
  Chinese usage error, never a git option);
- `check --changed` sees every file name git can hold: Chinese names, spaces, quotes and newlines;
- nothing committed under build/ is read: a planted pickle, garbage and marshalled code change
  neither the check nor the strict build, byte for byte.
"""

from __future__ import annotations

import json
import marshal
import os
import pickle
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import python_runs
from checks_support import FILES, NOTE, ROOT, MiniRepo, build_site, make_buildable
from zhengxie.registry.problems import printable
from zhengxie.tools.changed import changed_files

EXAMPLES = int(os.environ.get("ZX_EXAMPLES", 40))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("ZX_EXAMPLES"),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MARKER = "MARKER"  # what a value would create if make or the shell ran it as code
INPUTS = ("SHARD", "SHARDS", "JOBS", "FORMAT", "CHANGED", "BASE", "KIND", "BODY", "YEAR", "TYPE", "SLUG", "FILE", "N")
RECORD = "printf '%s\\0'"  # stands in for the command: its arguments, NUL-separated
HOSTILE = (
    f"`touch {MARKER}`",
    f"$(touch {MARKER})",
    f"$(shell touch {MARKER})",
    f"; touch {MARKER};",
    f'"; touch {MARKER}; "',
    f"'; touch {MARKER}; '",
    f"\ntouch {MARKER}\n",
    f"& touch {MARKER} &",
    f"| touch {MARKER}",
    "${IFS}",
    "$$",
    "$",
    "#",
    ",",
    "(",
    ")",
    "*",
    "?",
    "~",
    "\\",
    "=",
    "%",
    "--output=x",
    "-x",
    " ",
    "\t",
    "中文 原件",
    "洛阳市政协",
)
GIT = (
    "git",
    "--literal-pathspecs",
    "-c",
    "user.name=测试",
    "-c",
    "user.email=test@example.org",
    "-c",
    "commit.gpgsign=false",
)


def _env(**extra: str) -> dict[str, str]:
    """The environment without the values under test (nor an outer make's, when pytest runs under one)."""
    env = {k: v for k, v in os.environ.items() if k not in INPUTS and k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return {**env, **extra}


# ---- make passes values as data: the recipes' arguments, recorded --------------------------------


def _values() -> st.SearchStrategy[str]:
    """Values made of hostile pieces and any text; make itself drops a value's leading blanks
    (its assignment syntax), so a value here starts with something else, or is empty."""
    # No lone surrogates (Cs): an argument or an environment variable cannot hold one.
    any_text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\0"), max_size=4)
    piece = st.one_of(st.sampled_from(HOSTILE), any_text)
    return st.lists(piece, max_size=5).map("".join).filter(lambda v: not v[:1].isspace())


def _recorded(cwd: Path, target: str, **values: str) -> tuple[int, list[str], str]:
    """(exit status, the arguments `make <target>` gives its command, stderr)."""
    command = [
        "make",
        "-s",
        "-f",
        str(ROOT / "Makefile"),
        "-I",
        str(ROOT),
        "-o",
        ".venv/.installed",
        target,
        f"CORE={RECORD}",
        f"SHARDCLI={RECORD}",
        f"MKDOCS={RECORD}",
        f"PY={RECORD}",
    ]
    command += [f"{name}={value}" for name, value in values.items()]
    done = subprocess.run(command, cwd=cwd, capture_output=True, env=_env())
    assert not (cwd / MARKER).exists(), values
    arguments = [os.fsdecode(a) for a in done.stdout.split(b"\0")[:-1]]
    return done.returncode, arguments, done.stderr.decode("utf-8", "replace")


def _option(name: str, value: str) -> list[str]:
    return [f"--{name}={value}"] if value else []


@SETTINGS
@given(kind=_values(), body=_values(), year=_values(), type_=_values(), slug=_values())
def test_make_new_passes_every_value_as_it_is(
    tmp_path: Path, kind: str, body: str, year: str, type_: str, slug: str
) -> None:
    status, arguments, _ = _recorded(tmp_path, "new", KIND=kind, BODY=body, YEAR=year, TYPE=type_, SLUG=slug)
    assert status == 0
    assert arguments == [
        "new",
        f"--kind={kind}",
        f"--body={body}",
        f"--year={year}",
        *_option("type", type_),
        *_option("slug", slug),
    ]


@SETTINGS
@given(file=_values(), kind=_values(), type_=_values(), body=_values())
def test_make_import_passes_the_file_after_the_options(
    tmp_path: Path, file: str, kind: str, type_: str, body: str
) -> None:
    status, arguments, _ = _recorded(tmp_path, "import", FILE=file, KIND=kind, TYPE=type_, BODY=body)
    assert status == 0
    assert arguments == ["import", *_option("kind", kind), *_option("type", type_), *_option("body", body), "--", file]


@SETTINGS
@given(output=_values(), changed=_values(), base=_values())
def test_make_check_passes_format_and_base_as_they_are(tmp_path: Path, output: str, changed: str, base: str) -> None:
    status, arguments, _ = _recorded(tmp_path, "check", FORMAT=output, CHANGED=changed, BASE=base)
    assert status == 0
    assert arguments == [
        "check",
        f"--format={output or 'text'}",
        *(["--changed", f"--base={base or 'main'}"] if changed else []),
    ]


@SETTINGS
@given(shards=_values(), jobs=_values(), sizes=_values())
def test_make_sharded_build_and_bench_pass_their_numbers_as_they_are(
    tmp_path: Path, shards: str, jobs: str, sizes: str
) -> None:
    status, arguments, _ = _recorded(tmp_path, "build-sharded", SHARDS=shards, JOBS=jobs)
    assert (status, arguments) == (0, ["build", f"--shards={shards or '2'}", *_option("jobs", jobs), "--into", "site"])
    status, arguments, _ = _recorded(tmp_path, "shard-matrix", SHARDS=shards)
    assert (status, arguments) == (0, ["matrix", f"--shards={shards or '2'}"])
    status, arguments, _ = _recorded(tmp_path, "bench", N=sizes)
    assert (status, arguments) == (0, ["tests/bench/run.py", *_option("sizes", sizes)])


@SETTINGS
@given(shard=_values())
def test_make_build_takes_only_k_of_n_as_a_shard(tmp_path: Path, shard: str) -> None:
    status, arguments, stderr = _recorded(tmp_path, "build", SHARD=shard)
    if not shard:
        assert (status, arguments) == (0, ["build", "--strict"])
    elif shard.count("/") == 1 and all(part.isascii() and part.isdigit() for part in shard.split("/")):
        assert (status, arguments) == (0, ["build", "--strict", f"--site-dir=build/shards/{shard.split('/')[0]}"])
    else:  # never a site directory made of the value (build/shards/../../x would be cleaned)
        assert (status, arguments) == (2, [])
        assert "用法错误：SHARD 写成 k/N" in stderr


@pytest.mark.parametrize("shard", ["1/4", "12/64", "../../x/2", "1/2/3", "1/", "/2", "1", "a/b", "1 /2", "-1/2"])
def test_make_build_shard_examples(tmp_path: Path, shard: str) -> None:
    status, arguments, _ = _recorded(tmp_path, "build", SHARD=shard)
    valid = shard in ("1/4", "12/64")
    assert status == (0 if valid else 2)
    assert arguments == (["build", "--strict", f"--site-dir=build/shards/{shard.split('/')[0]}"] if valid else [])


# ---- the real targets against a copy of a repository ----------------------------------------------


HOSTILE_NAME = f"原件 `touch {MARKER}` $(touch {MARKER}) $(shell touch {MARKER}); 'a' \"b\" & | \n第二行 $HOME.txt"
ORIGINAL = "洛阳市政协2020年度协商计划\n\n一、指导思想\n\n坚持团结民主。\n\n二、协商议题\n\n全年安排协商活动1项。\n"
DRAFT = "docs/plans/2020-luoyang-city-consultation-plan.md"


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*GIT, *args], cwd=root, capture_output=True, check=True)


def _committed(repo: MiniRepo) -> MiniRepo:
    """The mini-repository under git: everything committed on main."""
    repo.write(".gitignore", "/.venv\n/hooks\n/Makefile\n/mk\n")
    _git(repo.root, "init", "-q", "-b", "main")
    _git(repo.root, "add", "-A")
    _git(repo.root, "commit", "-q", "-m", "base")
    return repo


def _with_make(repo: MiniRepo) -> MiniRepo:
    """The Makefile (and mk/, which it includes), the core (hooks/) and the project's venv, as `make` in a
    checkout sees them."""
    shutil.copy(ROOT / "Makefile", repo.root / "Makefile")
    shutil.copytree(ROOT / "mk", repo.root / "mk")
    (repo.root / "hooks").symlink_to(ROOT / "hooks", target_is_directory=True)
    (repo.root / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    return repo


def _make(repo: MiniRepo, target: str, **values: str) -> subprocess.CompletedProcess[str]:
    """The real target; the venv is the project's (-o: make is not to install it here)."""
    command = ["make", "-s", "-C", str(repo.root), "-o", ".venv/.installed", target]
    return subprocess.run(command + [f"{k}={v}" for k, v in values.items()], capture_output=True, text=True, env=_env())


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if ".git" not in p.parts}


@pytest.fixture
def repo(tmp_path: Path) -> MiniRepo:
    return _with_make(MiniRepo(tmp_path / "repo"))


@pytest.mark.parametrize("name", [HOSTILE_NAME, "-原件.txt", "--output=x.txt"], ids=["hostile", "dash", "option"])
def test_make_import_reads_the_file_it_is_given(repo: MiniRepo, name: str) -> None:
    repo.write(name, ORIGINAL)
    done = _make(repo, "import", FILE=name, KIND="plan", BODY="luoyang-city")
    assert done.returncode == 0, done.stdout + done.stderr
    assert repo.path(DRAFT).is_file()
    assert "title: 洛阳市政协2020年度协商计划" in repo.read(DRAFT)
    assert not list(repo.root.rglob(MARKER)) and not repo.path("x").exists()


def test_make_import_of_a_missing_file_is_a_chinese_error(repo: MiniRepo) -> None:
    before = _files(repo.root)
    done = _make(repo, "import", FILE=HOSTILE_NAME)
    assert done.returncode == 2
    assert "错误：找不到文件" in done.stderr and "Traceback" not in done.stderr
    assert printable(HOSTILE_NAME) in done.stderr  # shown on one line
    assert _files(repo.root) == before


@pytest.mark.parametrize(
    "year",
    [
        f"2020`touch {MARKER}`",
        f"$(touch {MARKER})",
        f"$(shell touch {MARKER})",
        f"2020; touch {MARKER}",
        "2020\"'",
        "20 20",
        "2020\n2021",
        "二〇二〇",
        "-2020",
    ],
)
def test_make_new_refuses_a_year_that_is_not_four_digits(repo: MiniRepo, year: str) -> None:
    before = _files(repo.root)
    done = _make(repo, "new", KIND="plan", BODY="luoyang-city", YEAR=year)
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"错误：年份“{printable(year.strip())}”不对" in done.stderr
    assert _files(repo.root) == before  # no marker, no draft


def test_make_new_still_creates_a_document(repo: MiniRepo) -> None:
    done = _make(repo, "new", KIND="plan", BODY="luoyang-city", YEAR="2021")
    assert done.returncode == 0, done.stderr
    assert repo.path("docs/plans/2021-luoyang-city-consultation-plan.md").is_file()


@pytest.mark.parametrize(
    "base",
    [
        "--output=x",
        "-x",
        f"`touch {MARKER}`",
        f"$(touch {MARKER})",
        f"$(shell touch {MARKER})",
        f"main; touch {MARKER}",
        "main\nHEAD",
        "没有这个分支",
        "main:docs",
        "HEAD..main",
    ],
)
def test_make_check_base_is_a_revision_or_a_chinese_usage_error(repo: MiniRepo, base: str) -> None:
    _committed(repo)
    before = _files(repo.root)
    done = _make(repo, "check", CHANGED="1", BASE=base)
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"用法错误：--base “{printable(base)}”不是本仓库中的分支、标签或提交" in done.stderr
    assert "Traceback" not in done.stderr
    assert _files(repo.root) == before  # --output=x wrote nothing, nothing ran


def test_make_check_changed_against_a_named_base(repo: MiniRepo) -> None:
    _committed(repo)
    _git(repo.root, "checkout", "-q", "-b", "编辑")
    done = _make(repo, "check", CHANGED="1", BASE="main")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "检查通过：0 个文档" in done.stdout


# ---- check --changed sees every name git can hold ---------------------------------------------------


def _names() -> st.SearchStrategy[str]:
    """File names as offices write them and worse: Chinese, spaces, quotes, backslashes, newlines,
    control characters, any Unicode. Not / or NUL (no file has them), not hidden (.git…), short
    enough for any file system."""
    text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="/\0"), min_size=1, max_size=20)
    chinese = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=8)
    return (
        st.lists(
            st.one_of(chinese, text, st.sampled_from(["\n", " ", '"', "'", "\\", "\t", "-", "中文"])),
            min_size=1,
            max_size=4,
        )
        .map("".join)
        .filter(lambda n: not n.startswith(".") and len(n.encode()) <= 200 and not n.lower().startswith("git~"))
    )


@pytest.fixture
def bare(tmp_path: Path) -> Iterator[Path]:
    """A tiny repository: one committed file on main."""
    root = tmp_path / "bare"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("首页\n", encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "base")
    yield root


@SETTINGS
@given(committed=_names(), untracked=_names(), edited=_names())
def test_changed_files_are_the_names_on_disk(bare: Path, committed: str, untracked: str, edited: str) -> None:
    _git(bare, "checkout", "-q", "-f", "-B", "编辑", "main")  # each example from main, clean
    _git(bare, "reset", "-q", "--hard", "main")
    _git(bare, "clean", "-q", "-fdx")
    names = {f"docs/c/{committed}", f"docs/u/{untracked}", f"docs/e/{edited}"}
    for name in names:
        (bare / name).parent.mkdir(exist_ok=True)
        (bare / name).write_bytes(b"x\n")
    _git(bare, "add", "--", f"docs/c/{committed}")
    _git(bare, "commit", "-q", "-m", "committed on the branch")
    _git(bare, "add", "--", f"docs/e/{edited}")  # staged, not committed
    assert set(changed_files(bare, "main")) == names


def test_changed_files_names_deleted_and_renamed_files(bare: Path) -> None:
    old, new = "docs/旧 名.md", "docs/新\n名.md"
    (bare / old).write_text("x\n", encoding="utf-8")
    _git(bare, "add", "--", old)
    _git(bare, "commit", "-q", "-m", "old")
    _git(bare, "branch", "-q", "base")
    _git(bare, "mv", "--", old, new)
    assert set(changed_files(bare, "base")) == {old, new}


def _cli_check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return python_runs.run("zhengxie", ["check", "--format", "json", *args], root, _env(PYTHONPATH=str(ROOT / "hooks")))


@pytest.mark.parametrize("commit", [False, True], ids=["uncommitted", "committed"])
def test_check_changed_reports_chinese_and_newline_names_as_the_full_check_does(tmp_path: Path, commit: bool) -> None:
    repo = _committed(MiniRepo(tmp_path / "repo"))
    _git(repo.root, "checkout", "-q", "-b", "编辑")
    repo.write("docs/notes/2019-学习体会.md", FILES[NOTE].replace("title: 学习体会\n", ""))  # a bad name, no title
    repo.write("docs/notes/2019-study\nnote.md", FILES[NOTE])  # a newline in the name
    repo.write('docs/notes/2019 study "note".md', FILES[NOTE])  # spaces and quotes
    if commit:
        _git(repo.root, "add", "-A")
        _git(repo.root, "commit", "-q", "-m", "中文文件名")
    full, changed = _cli_check(repo.root), _cli_check(repo.root, "--changed", "--base", "main")
    assert (full.returncode, changed.returncode) == (1, 1), changed.stdout + changed.stderr
    everything = json.loads(full.stdout)
    assert {p["file"] for p in everything} == {
        "docs/notes/2019-学习体会.md",
        "docs/notes/2019-study\\nnote.md",
        'docs/notes/2019 study "note".md',
    }
    assert json.loads(changed.stdout) == everything


# ---- nothing committed under build/ is read ----------------------------------------------------------


class _Planted:
    """Unpickled, it would create the marker file (pickle calls open(marker, "w"))."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return open, (str(self.marker), "w")


def _plant(repo: MiniRepo, marker: Path) -> list[str]:
    """A pickle and marshalled code that would create `marker`, and garbage, under build/cache/."""
    code = marshal.dumps(compile(f"open({str(marker)!r}, 'w').close()", "planted", "exec"))
    planted = {
        "build/cache/corpus.pickle": pickle.dumps(_Planted(marker)),
        "build/cache/docs/plans/2019-test-consultation-plan.pickle": pickle.dumps(_Planted(marker)),
        "build/cache/docs/index.md": b"\x80\x04garbage \xff\xfe\x00",
        "build/cache/docs/pages.json": b"{not json",
        "build/cache/check.marshal": code,
        "build/cache/pages.marshal": b"\xe3garbage",
    }
    for path, data in planted.items():
        repo.write(path, data)
    _git(repo.root, "add", "-f", "--", *planted)
    _git(repo.root, "commit", "-q", "-m", "planted")
    return list(planted)


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_planted_files_would_run_if_read(tmp_path: Path) -> None:
    """The plants are live: reading them the way a cache would creates the marker."""
    pickled, marshalled = tmp_path / "pickled", tmp_path / "marshalled"
    pickle.loads(pickle.dumps(_Planted(pickled))).close()
    exec(marshal.loads(marshal.dumps(compile(f"open({str(marshalled)!r}, 'w').close()", "planted", "exec"))))
    assert pickled.exists() and marshalled.exists()


def test_nothing_committed_under_build_is_read(tmp_path: Path) -> None:
    """Committed, the plants are named by the check and fail the build (ZX158), and none runs; left on
    disk once out of git, they are still never read: the site equals one built without them."""
    repo = _committed(make_buildable(MiniRepo(tmp_path / "repo")))
    marker = tmp_path / "unpickled"
    planted = _plant(repo, marker)
    assert _git(repo.root, "ls-files", "--", "build").stdout.decode().split() == sorted(planted)

    check = _cli_check(repo.root)
    reported = json.loads(check.stdout)
    assert check.returncode == 1, check.stdout + check.stderr
    assert sorted((p["code"], p["file"]) for p in reported) == [("ZX158", path) for path in sorted(planted)]
    committed = build_site(repo, tmp_path / "committed")
    assert committed.returncode == 1 and "错误 ZX158" in committed.stdout + committed.stderr
    assert not marker.exists()

    _git(repo.root, "rm", "-q", "-r", "--cached", "--", "build")  # out of git, still on disk
    check = _cli_check(repo.root)
    assert (check.returncode, check.stdout.strip()) == (0, "[]"), check.stdout + check.stderr
    with_planted = build_site(repo, tmp_path / "with")
    assert with_planted.returncode == 0, with_planted.stderr
    assert not marker.exists()
    assert all(repo.path(path).is_file() for path in planted)
    shutil.rmtree(repo.path("build"))
    without = build_site(repo, tmp_path / "without")
    assert without.returncode == 0, without.stderr
    built = _tree(tmp_path / "with")
    assert "index.html" in built and "plans/2019-test-consultation-plan/index.html" in built
    assert built == _tree(tmp_path / "without")
    assert not marker.exists()
