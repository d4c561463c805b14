"""Shards (zhengxie.shards: partition, merge, build): the partition declared in data/shards.yml is valid,
stable when bodies are added and complete; a bad selection is a coded problem; the merge refuses a
path two shards wrote differently; the CI workflow builds every shard with the Makefile's targets."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from checks_support import ROOT, summary
from zhengxie.build.validate import validate
from zhengxie.shards import build as shardbuild
from zhengxie.shards import partition as shards
from zhengxie.shards.merge import MergeError, merge, merge_sitemaps

NEW_BODIES = """\
- id: anping-county
  name: 中国人民政治协商会议安平县委员会（示例）
  short: 安平县政协
  level: county
  parent: null
- id: anping-town
  name: 安平县政协城关镇工作办公室（示例）
  short: 城关镇政协工作办公室
  level: township
  parent: anping-county
"""


def _corpus(repo):
    corpus, problems = validate(repo.root)
    assert problems == [], summary(problems)
    return corpus


def test_the_declared_partition_is_valid():
    """The repository's data/shards.yml passes its schema; a wrong value is the schema check's coded problem."""
    data = yaml.safe_load((ROOT / "data" / "shards.yml").read_text(encoding="utf-8"))
    assert data["group"] in shards.GROUPS and data["max_shards"] >= 1
    assert shards.read_settings(ROOT) == shards.Settings(
        data["group"], data["max_shards"], shards.read_settings(ROOT).max_line
    )


def test_a_wrong_setting_is_reported_at_its_line(zx_repo):
    zx_repo.write("data/shards.yml", "group: county\nmax_shards: 0\n")
    problems = zx_repo.check()
    found = {(p.file, p.line) for p in problems}
    assert ("data/shards.yml", 1) in found and ("data/shards.yml", 2) in found, summary(problems)
    assert shards.read_settings(zx_repo.root) == shards.Settings(max_line=2)  # the build falls back, the check fails


@pytest.mark.parametrize("count", [1, 2, 3, 4, 8])
def test_adding_bodies_moves_no_existing_body(zx_repo, count):
    before = shards.Partition.of(_corpus(zx_repo), count)
    zx_repo.write("data/bodies.yml", zx_repo.read("data/bodies.yml") + NEW_BODIES)
    after = shards.Partition.of(_corpus(zx_repo), count)
    assert {b: after.bodies[b] for b in before.bodies} == before.bodies
    assert after.bodies["anping-town"] == after.bodies["anping-county"]  # a township goes with its county


@pytest.mark.parametrize("count", [1, 2, 4])
def test_every_page_is_published_by_exactly_one_shard(zx_repo, count):
    corpus = _corpus(zx_repo)
    views = [shards.ShardView.from_env(zx_repo.root, corpus, {shards.ENV: f"{k}/{count}"}) for k in range(1, count + 1)]
    assert all(problem is None for _, problem in views)
    pages = list(corpus.listing.pages) + list(corpus.listing.files) + ["topics/index.md", "assets/javascripts/x.js"]
    for src_uri in pages:
        owners = [view.selection.index for view, _ in views if view.publishes(src_uri)]
        assert len(owners) == 1, (src_uri, owners)
    partition = views[0][0].partition
    assert sum(partition.sizes(corpus.documents.values()).values()) == len(corpus.documents)
    for doc in corpus.documents.values():
        owner = next(view.selection.index for view, _ in views if view.publishes(doc.src_uri))
        assert owner == partition.bodies[doc.body]  # a body's documents all go to the body's shard
    assert not any(view.publishes(p) for view, _ in views[1:] for p in ("index.md", "topics/index.md"))  # the hub's


def test_a_whole_build_publishes_everything_with_one_bundle(zx_repo):
    view, problem = shards.ShardView.from_env(zx_repo.root, _corpus(zx_repo), {})
    assert problem is None and view.selection is None and view.hub
    assert view.publishes("plans/2019-test-consultation-plan.md") and view.bundles == ("pagefind",)


@pytest.mark.parametrize("value", ["5/4", "0/2", "two", "1/0", "/3"])
def test_a_malformed_selection_is_ZX128(zx_repo, value):
    view, problem = shards.ShardView.from_env(zx_repo.root, _corpus(zx_repo), {shards.ENV: value})
    assert problem.code == "ZX128" and problem.file == "ZX_SHARD" and value in problem.message
    assert view.selection is None


def test_more_shards_than_allowed_is_ZX129(zx_repo, capsys):
    zx_repo.write("data/shards.yml", "group: body\nmax_shards: 2\n")
    _, problem = shards.ShardView.from_env(zx_repo.root, _corpus(zx_repo), {shards.ENV: "3/3"})
    assert (problem.code, problem.file, problem.line) == ("ZX129", "data/shards.yml", 2)
    assert shardbuild.main(["--root", str(zx_repo.root), "matrix", "--shards", "3"]) == 2
    assert "ZX129" in capsys.readouterr().err
    assert shardbuild.main(["--root", str(zx_repo.root), "matrix", "--shards", "2"]) == 0
    assert json.loads(capsys.readouterr().out) == ["1/2", "2/2"]


def _tree(base, files):
    for rel, text in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return base


SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    "    {}\n</urlset>"
)


def test_merge_lays_shards_side_by_side_and_unites_sitemaps(tmp_path):
    one = _tree(
        tmp_path / "1",
        {"index.html": "home", "404.html": "same", "sitemap.xml": SITEMAP.format("<url><loc>/</loc></url>")},
    )
    two = _tree(
        tmp_path / "2",
        {
            "plans/a/index.html": "a",
            "404.html": "same",
            "sitemap.xml": SITEMAP.format("<url><loc>/plans/a/</loc></url>"),
        },
    )
    stats = merge([one, two], tmp_path / "site")
    site = tmp_path / "site"
    assert (site / "plans/a/index.html").read_text() == "a" and (site / "index.html").read_text() == "home"
    assert stats.shared == 1
    assert re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text()) == ["/", "/plans/a/"]
    assert (site / "sitemap.xml.gz").exists()


def test_merge_fails_on_a_path_written_twice_differently(tmp_path):
    one = _tree(tmp_path / "1", {"index.html": "home", "assets/x.css": "a {}"})
    two = _tree(tmp_path / "2", {"assets/x.css": "b {}"})
    _tree(tmp_path / "site", {"kept.html": "the last good site"})
    with pytest.raises(MergeError) as failed:
        merge([one, two], tmp_path / "site")
    assert failed.value.collisions == ["assets/x.css (1 ≠ 2)"]
    assert (tmp_path / "site" / "kept.html").exists()  # nothing replaced


def test_merge_sitemaps_keeps_each_url_once():
    a = SITEMAP.format("<url><loc>/</loc></url>\n    <url><loc>/x/</loc></url>")
    b = SITEMAP.format("<url><loc>/x/</loc></url>")
    assert merge_sitemaps([a, b]).count("<loc>/x/</loc>") == 1


# ---- the CI workflow ----------------------------------------------------------------------------


def _make_targets() -> set:
    return set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


def test_the_workflow_builds_every_shard_with_the_make_targets():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    jobs = flow["jobs"]
    assert {"plan", "build", "merge"} <= set(jobs)
    assert jobs["build"]["needs"] == "plan" and jobs["merge"]["needs"] == "build"
    runs = {name: " ".join(step.get("run", "") for step in job["steps"]) for name, job in jobs.items()}
    plan_make = re.search(r"make -s (\S+) SHARDS=\$SHARDS", runs["plan"])
    assert plan_make and plan_make.group(1) == "shard-matrix"
    assert jobs["build"]["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.plan.outputs.matrix) }}"
    assert "make build SHARD=${{ matrix.shard }}" in runs["build"]
    assert "make merge-shards" in runs["merge"] and "make check" in runs["merge"]
    used = set(re.findall(r"make (?:-s )?([a-z][a-z-]*)", " ".join(runs.values())))
    assert used <= _make_targets(), used - _make_targets()
    # The matrix the plan job computes covers every shard; each build uploads the folder the merge reads.
    count = int(flow["env"]["SHARDS"].split("'")[1])
    assert shards.matrix(count, shards.read_settings(ROOT)) == [f"{k}/{count}" for k in range(1, count + 1)]
    upload = next(s for s in jobs["build"]["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "build/shards/${{ steps.index.outputs.k }}/"
    assert any(
        "download-artifact" in s.get("uses", "") and s["with"]["path"] == "build/shards/"
        for s in jobs["merge"]["steps"]
    )
