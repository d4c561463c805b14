"""The benchmark's corpus generator writes valid, deterministic sites (no timings asserted here).

tests/bench/run.py measures builds of generated corpora; these tests only prove that what it
measures is a corpus the checks accept and a site that builds strictly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))

import gen_corpus

from zhengxie.build.validate import validate

N = 30
SEED = 7


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bench") / "site"
    info = gen_corpus.generate(root, N, seed=SEED)
    assert info["documents"] == N
    return root


def test_generated_corpus_has_no_problems(site):
    corpus, problems = validate(site)
    assert [p.format() for p in problems] == []
    assert len(corpus.documents) == N
    types = {(d.kind, d.type) for d in corpus.documents.values()}
    assert types >= {
        ("rule", "rules"),
        ("plan", "consultation"),
        ("plan", "work"),
        ("summary", "annual"),
        ("summary", "half-year"),
        ("note", "study"),
    }
    reports = corpus.reports
    assert reports and all(r.item in corpus.items for r in reports)
    for doc in corpus.of_kind("summary"):
        value = {f.measure: f.value.value for f in doc.summary.figures if f.measure}
        assert value["proposals-filed"] <= value["proposals-received"]
        assert value["proposals-answered"] <= value["proposals-filed"]
        assert value["proposals-answer-rate"] == round(value["proposals-answered"] / value["proposals-filed"] * 100, 1)


def test_same_seed_writes_identical_files(site, tmp_path):
    again = tmp_path / "again"
    gen_corpus.generate(again, N, seed=SEED)
    assert files(again) == files(site)
    other = tmp_path / "other"
    gen_corpus.generate(other, N, seed=SEED + 1)
    assert files(other) != files(site)


def test_generated_site_builds_strictly(site, tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZX_SEARCH="0", PYTHONPATH=str(site / "hooks"))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "out" / "plans" / "index.html").is_file()


def test_baseline_twin_builds(tmp_path):
    """The plain-Material baseline of the benchmark: same pages, no hooks, no macros left in the text."""
    site = tmp_path / "site"
    gen_corpus.generate(site, N, seed=SEED)
    config = gen_corpus.write_baseline(site)
    documents = [
        p for folder in ("rules", "plans", "summaries", "notes") for p in (site / "docs-baseline" / folder).glob("*.md")
    ]
    assert documents and not any("{{" in p.read_text(encoding="utf-8") for p in documents)
    text = config.read_text(encoding="utf-8")
    assert "hooks:" not in text and "custom_dir" not in text and "plugins: []" in text
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "out")],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_material_user_setup_builds_with_search_tags_and_documents_in_nav(tmp_path):
    """The second baseline: the same pages as a Material user would publish them — built-in search,
    the documents' topics as tags, every document in the nav, pruned per page."""
    site = tmp_path / "site"
    gen_corpus.generate(site, N, seed=SEED)
    gen_corpus.write_baseline(site)
    config = gen_corpus.write_material_user(site)
    text = config.read_text(encoding="utf-8")
    assert "hooks:" not in text and "custom_dir" not in text and "navigation.prune" in text
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(out)],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    documents = sorted((site / "docs-material-user" / "plans").glob("2*.md"))
    assert documents
    page = (out / "plans" / documents[0].stem / "index.html").read_text(encoding="utf-8")
    assert 'class="md-tag' in page  # its topics, as tags
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith(f"plans/{documents[0].stem}/") for doc in index["docs"])
    assert (out / "tags" / "index.html").is_file()
    assert text.count(".md\n") >= len(documents)  # documents are listed in the nav


def test_reuse_lines_counts_stores_state_and_file_system_memos_not_pure_memos(tmp_path):
    """tests/bench/reuse_lines.py: what the bench reports as the reuse layers' line count."""
    import reuse_lines

    module = tmp_path / "hooks" / "zhengxie" / "example.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        """import functools
import os
import pickle

_seen: dict = {}
_current: list = []


def store(value):
    with open("build/cache/x.pickle", "wb") as out:
        pickle.dump(value, out)


def remember(key, value):
    _seen[key] = value


def start():
    global _current
    _current = [1]


@functools.lru_cache(maxsize=None)
def slug(text: str) -> str:
    return text.lower()


@functools.lru_cache(maxsize=None)
def real(folder: str) -> str:
    return os.path.realpath(folder)
""",
        encoding="utf-8",
    )
    result = reuse_lines.count(tmp_path)
    reasons = {f["reason"].split(" (")[0] for f in result["found"]}
    assert reasons == {"persistence", "module-level state kept across builds", "memo of the file system"}
    assert not any("_current" in f["reason"] for f in result["found"])  # replaced for each build: not kept
    assert [m["function"] for m in result["memos"]] == ["slug"]
    assert result["lines"] == sum(f["lines"] for f in result["found"]) > 0
    (tmp_path / "hooks" / "zhengxie" / "carry.py").write_text("x = 1\n", encoding="utf-8")
    assert any(f["reason"] == "a deleted reuse module is back" for f in reuse_lines.count(tmp_path)["found"])


def test_reuse_lines_lists_a_pipe_to_a_forked_child_and_counts_the_same_pickle_elsewhere(tmp_path):
    """Pickling a child's result into a pipe (the functions PIPED names) keeps nothing for a later run;
    the same code under any other name is counted as persistence."""
    import reuse_lines

    code = """import pickle


def {name}(job, write_end):
    payload = pickle.dumps((job(),))
    return payload
"""
    module = tmp_path / "hooks" / "zhengxie" / "sources" / "forked.py"
    module.parent.mkdir(parents=True)
    module.write_text(code.format(name="_start"), encoding="utf-8")
    result = reuse_lines.count(tmp_path)
    assert result["lines"] == 0
    assert [m["function"] for m in result["memos"]] == ["_start"]
    module.write_text(code.format(name="save"), encoding="utf-8")
    assert reuse_lines.count(tmp_path)["lines"] > 0


def test_reuse_lines_counts_the_store_package_and_the_functions_that_use_it(tmp_path):
    """The one store counts whole, each line once; a function elsewhere that uses a name imported
    from it counts too, and the rest of that module does not."""
    import reuse_lines

    store = tmp_path / "hooks" / "zhengxie" / "store"
    store.mkdir(parents=True)
    (store / "records.py").write_text('"""Records."""\n\nimport json\n\nPATH = "build/cache/store"\n', encoding="utf-8")
    (tmp_path / "hooks" / "zhengxie" / "cli.py").write_text(
        "from zhengxie.store import records\n\n\ndef check():\n    return records.PATH\n\n\ndef other():\n    return 1\n",
        encoding="utf-8",
    )
    found = {f["file"]: f["lines"] for f in reuse_lines.count(tmp_path)["found"]}
    assert found == {"hooks/zhengxie/store/records.py": 5, "hooks/zhengxie/cli.py": 2}
