"""Issue 29: 编辑本页 on every document (the editor's entry where admin/ is deployed, else the
repository's web editor); files written with names open in the editor with their choices selected;
the site workflow deploys the editor for the real repository."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

import python_runs
from checks_support import PLAN, MiniRepo, make_buildable
from conftest import ROOT
from zhengxie.outputs import cms
from zhengxie.sources.loader import load_corpus, load_vocabulary

PLAN_ID = PLAN.rsplit("/", 1)[-1][: -len(".md")]


def test_the_entry_is_the_collection_the_editor_names(zx_repo) -> None:
    corpus = load_corpus(zx_repo.root)
    doc = corpus.documents[PLAN_ID]
    collection = cms.document_collection(corpus.vocab, corpus.vocab.kinds[doc.kind], [])
    assert cms.entry_url(corpus, doc) == f"admin/#/collections/{collection['name']}/entries/{PLAN_ID}"


def test_the_editor_is_linked_only_where_it_is_deployed(zx_repo, monkeypatch, node_modules: Path) -> None:
    corpus = load_corpus(zx_repo.root)
    doc = corpus.documents[PLAN_ID]
    monkeypatch.delenv("ZX_CMS_REPO", raising=False)
    monkeypatch.delenv("ZX_CMS_PORT", raising=False)
    (zx_repo.root / "node_modules").symlink_to(node_modules)
    assert cms.edit_url(zx_repo.root, corpus, doc) is None  # no repository to edit
    monkeypatch.setenv("ZX_CMS_REPO", "owner/site")
    assert cms.edit_url(zx_repo.root, corpus, doc) == cms.entry_url(corpus, doc)
    (zx_repo.root / "node_modules").unlink()
    assert cms.edit_url(zx_repo.root, corpus, doc) is None  # the scripts are not installed


def test_files_written_with_names_open_with_their_choices(zx_repo) -> None:
    names = cms.file_names(load_vocabulary(ROOT).vocab)
    assert names["body"]["洛阳市政协"] == "luoyang-city"
    assert names["body"]["中国人民政治协商会议洛阳市委员会"] == "luoyang-city"
    assert names["form"]["双月协商座谈会"] == "bimonthly-forum"
    assert names["topics"]["乡村振兴"] == "rural-revitalization"
    assert names["roles"]["牵头单位"] == "lead-unit"
    assert names["type"]["年度协商计划"] == "consultation"
    script = cms.editor_script(load_vocabulary(ROOT).vocab, cms.config(ROOT, load_vocabulary(ROOT)))
    assert "asIds(jsyaml.load(" in script and '"双月协商座谈会": "bimonthly-forum"' in script


def test_the_site_workflow_deploys_the_editor_for_this_repository() -> None:
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    assert flow["env"]["ZX_CMS_REPO"] == "${{ github.repository }}"
    assert flow["env"]["ZX_EDIT_URI"].startswith("https://github.com/${{ github.repository }}/edit/")
    steps = [step.get("run", "") for step in flow["jobs"]["build"]["steps"]]
    install = next(i for i, run in enumerate(steps) if run.startswith("npm ci"))
    assert install < next(i for i, run in enumerate(steps) if run.startswith("make build"))


def _build(repo: MiniRepo, out: Path, **env: str) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ZX_CMS", "ZX_EDIT"))}
    arguments = ["build", "--strict", "--site-dir", str(out)]
    result = python_runs.run(
        "mkdocs", arguments, repo.root, clean | {"NO_MKDOCS_2_WARNING": "1", "ZX_SEARCH": "0"} | env
    )
    assert result.returncode == 0, result.stderr[-3000:]


def _edit_link(page: Path) -> str | None:
    found = re.search(r'<a href="([^"]*)" title="编辑本页"', page.read_text(encoding="utf-8"))
    return found.group(1) if found else None


@pytest.mark.slow
def test_every_document_page_has_edit_this_page(tmp_path: Path, node_modules: Path) -> None:
    repo = make_buildable(MiniRepo(tmp_path / "repo"))
    (repo.root / "node_modules").symlink_to(node_modules)
    _build(repo, tmp_path / "plain")
    assert _edit_link(tmp_path / "plain" / "plans" / PLAN_ID / "index.html") is None  # nothing to edit with
    web = "https://github.com/owner/site/edit/main/docs/"
    _build(repo, tmp_path / "web", ZX_EDIT_URI=web)
    assert _edit_link(tmp_path / "web" / "plans" / PLAN_ID / "index.html") == web + PLAN.removeprefix("docs/")
    _build(repo, tmp_path / "cms", ZX_EDIT_URI=web, ZX_CMS_REPO="owner/site")
    corpus = load_corpus(repo.root)
    for doc in corpus.documents.values():
        link = _edit_link(tmp_path / "cms" / doc.url / "index.html")
        assert link == f"../../admin/#/collections/{corpus.vocab.kinds[doc.kind].folder}/entries/{doc.id}", doc.id
    assert _edit_link(tmp_path / "cms" / "index.html") == f"{web}index.md"  # not a document: the web editor
