"""`check --changed` / `--files` / `--no-cache` as an editor and pre-commit use them: the problems of the
changed files and of the documents they affect (cross-document ones included), nothing else."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from checks_support import NOTE, PLAN_DATA, RULE, SUMMARY_DATA

ROOT = Path(__file__).resolve().parent.parent


def run(repo, *args):
    done = subprocess.run([sys.executable, "-m", "zhengxie", "check", "--root", str(repo.root), "--format", "json", *args],
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin"})
    assert done.returncode in (0, 1), done.stderr
    return [(p["code"], p["file"]) for p in json.loads(done.stdout)], done.returncode


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo.root, check=True,
                   capture_output=True)


def committed(repo):
    """The mini-repo on a branch `main`, with one problem already there (not this change's)."""
    repo.edit(RULE, "topics: [self-building]", "topics: [self-bulding]")
    repo.write(".gitignore", "build/\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def remove_second_item(repo):
    text = repo.read(PLAN_DATA)
    repo.write(PLAN_DATA, text[: text.index("  - id: p02")].replace("stated_count: 2", "stated_count: 1"))


def test_changed_reports_the_change_and_the_summary_it_breaks(zx_repo):
    repo = committed(zx_repo)
    remove_second_item(repo)
    everything, _ = run(repo)
    assert ("ZX501", RULE) in everything and ("ZX504", SUMMARY_DATA) in everything
    changed, status = run(repo, "--changed", "--base", "main")
    assert status == 1
    assert ("ZX504", SUMMARY_DATA) in changed and ("ZX501", RULE) not in changed
    assert run(repo, "--files", PLAN_DATA)[0] == changed
    assert run(repo, "--files", PLAN_DATA, "--no-cache")[0] == changed


def test_files_of_a_page_report_the_pages_linking_to_it(zx_repo):
    repo = committed(zx_repo)
    repo.path(RULE).rename(repo.path("docs/rules/2019-test-rules-moved.md"))
    changed, _ = run(repo, "--changed")
    assert ("ZX505", NOTE) in changed  # the study note links to the rule's old name
    found, _ = run(repo, "--files", RULE.replace(".md", "-moved.md"))
    assert ("ZX505", NOTE) not in found  # the new name changes no other verdict


def test_a_vocabulary_change_reports_everything(zx_repo):
    repo = committed(zx_repo)
    everything, _ = run(repo)
    assert run(repo, "--files", "data/topics.yml")[0] == everything


def test_an_unknown_file_is_a_problem(zx_repo):
    found, status = run(zx_repo, "--files", "docs/plans/nothing-here.md")
    assert ("ZX121", "docs/plans/nothing-here.md") in found and status == 1


def test_cache_and_no_cache_agree(zx_repo):
    remove_second_item(zx_repo)
    assert run(zx_repo, "--no-cache") == run(zx_repo) == run(zx_repo)


def test_pre_commit_hook_passes_the_files():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = next(h for r in config["repos"] for h in r["hooks"] if h["id"] == "zhengxie-check")
    assert hook["entry"].endswith("check --files") and hook["pass_filenames"] is True


def test_a_schema_made_invalid_is_reported_on_every_run_and_a_valid_one_again_passes(zx_repo):
    """The check keeps which schema texts were valid (checking one costs more than using it): an
    invalid schema is never among them, and a fixed one is judged afresh."""
    schema = "data/schemas/topics.schema.json"
    original = zx_repo.read(schema)
    first, _ = run(zx_repo)
    assert ("ZX103", schema) not in first
    zx_repo.write(schema, original.replace('"type": "array"', '"type": "no-such-type"', 1))
    assert ("ZX103", schema) in run(zx_repo)[0] and ("ZX103", schema) in run(zx_repo)[0]
    zx_repo.write(schema, original)
    assert run(zx_repo)[0] == first
