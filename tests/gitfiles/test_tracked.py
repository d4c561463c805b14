"""zhengxie.gitfiles: compiled code, an installed environment or a build output committed to git is
reported by the check and fails the strict build (ZX158), and `make` runs no command while git tracks
any, so a committed .pyc never runs in place of its reviewed source and a committed shard is never
merged into the published site."""

from __future__ import annotations

import json
import py_compile
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from checks_support import ROOT, MiniRepo, build_site, make_buildable
from zhengxie.gitfiles import tracked
from zhengxie.tools import cli

MARKER = "ran-from-a-committed-pyc"
COMMITTED = [
    "hooks/zhengxie/__pycache__/cli.cpython-311.pyc",
    "tests/support/helpers.pyc",
    "Hooks/__PYCACHE__/X.PYC",  # a case-insensitive disk opens it as hooks/__pycache__/x.pyc
    "node_modules/axe-core/axe.min.js",
    ".venv/bin/python",
    "build/shards/1/index.html",  # the site workflow merges every build/shards/*/ and publishes it
    "site/index.html",
]


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def _commit(repo: MiniRepo, *forced: str) -> None:
    repo.write(".gitignore", "__pycache__/\n*.pyc\n.venv\nnode_modules/\n/build/\n/site/\n")
    _git(repo.root, "init", "-q", "-b", "main")
    _git(repo.root, "add", "-A")
    if forced:
        _git(repo.root, "add", "-f", "--", *forced)
    _git(repo.root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "edit")


def _check(repo: MiniRepo, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]]]:
    code = cli.main(["check", "--root", str(repo.root), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("committed", COMMITTED)
def test_committed_code_is_reported_by_the_check(
    zx_repo: MiniRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, committed: str
) -> None:
    monkeypatch.setenv(cli.STORE_ENV, "0")
    zx_repo.write(committed, "compiled")
    _commit(zx_repo, committed)
    code, reported = _check(zx_repo, capsys)
    assert code == 1
    ours = [p for p in reported if p["code"] == "ZX158"]
    assert [p["file"] for p in ours] == [committed]
    assert "由 git 跟踪" in str(ours[0]["message"]) and ours[0]["hint"]
    assert [p for p in reported if p["code"] != "ZX158"] == []

    _git(zx_repo.root, "rm", "-q", "-r", "--cached", "--", committed)
    assert _check(zx_repo, capsys) == (0, [])  # the file is still on disk, only no longer committed


def test_compiled_modules_a_machine_writes_itself_are_no_problem(
    zx_repo: MiniRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every developer's checkout has __pycache__/ folders and a .venv: ignored, not committed."""
    monkeypatch.setenv(cli.STORE_ENV, "0")
    for path in COMMITTED:
        if path == path.lower():  # what Python and make write; git on Linux ignores names case by case
            zx_repo.write(path, "compiled")
    _commit(zx_repo)
    assert _check(zx_repo, capsys) == (0, [])
    assert tracked.committed_code(zx_repo.root) == ()


def test_outside_a_git_repository_nothing_is_committed(tmp_path: Path) -> None:
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert tracked.committed_code(tmp_path) == ()


def test_committed_code_fails_the_strict_build_as_it_fails_the_check(tmp_path: Path) -> None:
    repo = make_buildable(MiniRepo(tmp_path / "repo"))
    committed = "overrides/__pycache__/main.cpython-311.pyc"
    repo.write(committed, "compiled")
    _commit(repo, committed)
    result = build_site(repo, tmp_path / "site")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{committed}: 错误 ZX158" in result.stdout + result.stderr


def _with_make(repo: MiniRepo) -> MiniRepo:
    """The Makefile (and mk/, which it includes) and the project's venv, as in a checkout."""
    shutil.copy(ROOT / "Makefile", repo.root / "Makefile")
    shutil.copytree(ROOT / "mk", repo.root / "mk")
    (repo.root / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    return repo


def _make(repo: MiniRepo, *args: str) -> subprocess.CompletedProcess[str]:
    """`make` in the checkout; the venv is the project's (-o: make is not to install it here)."""
    return subprocess.run(
        ["make", "-s", "-C", str(repo.root), "-o", ".venv/.installed", *args], capture_output=True, text=True
    )


def test_make_runs_nothing_while_a_compiled_module_is_committed(tmp_path: Path) -> None:
    """The attack itself: a .pyc compiled with an unchecked hash is imported whatever its .py says.
    Committed into a checkout, `make check` and `make build` stop before Python starts (exit 2)."""
    repo = _with_make(MiniRepo(tmp_path / "repo"))
    shutil.copytree(ROOT / "hooks", repo.root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    module = repo.root / "hooks" / "zhengxie" / "registry" / "names.py"
    planted = tmp_path / "planted.py"
    planted.write_text(
        module.read_text(encoding="utf-8") + f"\nimport pathlib\npathlib.Path({str(tmp_path / MARKER)!r}).touch()\n",
        encoding="utf-8",
    )
    compiled = "hooks/zhengxie/registry/__pycache__/names.cpython-311.pyc"
    py_compile.compile(
        str(planted),
        cfile=str(repo.root / compiled),
        dfile=str(module),
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
    )
    _commit(repo, compiled)
    for target in ("check", "build"):
        done = _make(repo, target)
        assert done.returncode == 2, done.stdout + done.stderr
        assert "错误 ZX158" in done.stderr and compiled in done.stderr
    assert not (tmp_path / MARKER).exists()

    _git(repo.root, "rm", "-q", "--cached", "--", compiled)  # once removed from git, make runs again
    done = _make(repo, "-n", "check")
    assert done.returncode == 0, done.stderr


def test_an_environment_committed_as_a_symlink_is_reported(
    zx_repo: MiniRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`.venv/` in .gitignore ignores a folder, not a symlink: `make` would run the programs it points at."""
    monkeypatch.setenv(cli.STORE_ENV, "0")
    (zx_repo.root / ".venv").symlink_to("docs", target_is_directory=True)
    zx_repo.write(".gitignore", ".venv/\n")
    _git(zx_repo.root, "init", "-q", "-b", "main")
    _git(zx_repo.root, "add", "-A")
    code, reported = _check(zx_repo, capsys)
    assert code == 1
    assert [(p["code"], p["file"]) for p in reported] == [("ZX158", ".venv")]


def test_the_makefile_guards_the_same_paths_the_check_reports() -> None:
    """The Makefile cannot ask Python for the list (that would start the code it guards against): it
    repeats it, and this keeps the two equal."""
    [line] = [
        line for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines() if "COMMITTED_CODE :=" in line
    ]
    assert tuple(re.findall(r"'([^']+)'", line)) == tracked.NEVER_COMMITTED


def test_make_merges_no_committed_shard(tmp_path: Path) -> None:
    """The site workflow downloads the shards into build/shards/ of a checkout and runs `make merge-shards`,
    which lays every build/shards/*/ into site/: a committed shard would be published unchecked."""
    repo = _with_make(MiniRepo(tmp_path / "repo"))
    committed = "build/shards/9/index.html"
    repo.write(committed, "<script>alert(1)</script>")
    _commit(repo, committed)
    done = _make(repo, "merge-shards")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "错误 ZX158" in done.stderr and committed in done.stderr
    assert not (repo.root / "site").exists()


@pytest.mark.parametrize("workflow", ["check.yml", "site.yml"])
def test_the_workflows_start_python_only_through_make(workflow: str) -> None:
    """The Makefile's guard runs before any Python: a workflow step that ran Python itself (the check,
    a build) would import a committed .pyc before anything could refuse it."""
    import yaml

    flow = yaml.safe_load((ROOT / ".github" / "workflows" / workflow).read_text(encoding="utf-8"))
    runs = [step["run"] for job in flow["jobs"].values() for step in job["steps"] if "run" in step]
    assert runs and any(re.search(r"\bmake\b", run) for run in runs)
    assert not [run for run in runs if re.search(r"python|\.venv/|mkdocs|pip ", run)]
