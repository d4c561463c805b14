"""Issue 29: a clerk writes the registered Chinese names (所属机构 洛阳市政协, 专题 乡村振兴, 协商形式
双月协商座谈会 …) wherever an id is accepted; the site reads ids, so the result is the id version's."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from checks_support import PLAN, PLAN_DATA, SUMMARY_DATA, MiniRepo, build_site, make_buildable, summary
from zhengxie.sources.loader import load_corpus

PLAN_ID = PLAN.rsplit("/", 1)[-1][: -len(".md")]


def write_names(repo: MiniRepo) -> MiniRepo:
    """The mini-repo's plan and summary written with names instead of ids, nothing else changed."""
    repo.edit(PLAN, "kind: plan\n", "kind: 协商计划\n")
    repo.edit(PLAN, "type: consultation\n", "type: 年度协商计划\n")
    repo.edit(PLAN, "body: luoyang-city\n", "body: 洛阳市政协\n")
    repo.edit(PLAN, "topics: [ecology, industry]", "topics: [生态环境, 产业发展]")
    repo.edit(PLAN_DATA, "form: thematic", "form: 专题协商会")
    repo.edit(PLAN_DATA, "form: bimonthly-forum", "form: 双月协商座谈会")
    repo.edit(PLAN_DATA, "lead-unit: 市政协人口资源环境委员会", "牵头单位: 市政协人口资源环境委员会")
    repo.edit(PLAN_DATA, "participants: [市生态环境局", "参与部门: [市生态环境局")
    repo.edit(PLAN_DATA, "topics: [ecology]", "topics: [生态环境]")
    repo.edit(SUMMARY_DATA, "measure: proposals-filed\n", "measure: 立案数\n")  # an alias (data/measures.yml)
    repo.edit(SUMMARY_DATA, "status: held\n", "status: 已开展\n")  # an alias (data/statuses.yml)
    repo.edit(SUMMARY_DATA, "status: merged\n", "status: 已合并\n")  # the name
    return repo


def test_a_plan_written_with_names_passes_the_check(zx_repo):
    assert summary(write_names(zx_repo).check()) == []


def test_names_are_read_as_ids(zx_repo):
    corpus = load_corpus(write_names(zx_repo).root)
    plan = corpus.documents[PLAN_ID]
    assert (plan.kind, plan.type, plan.body, plan.topics) == (
        "plan",
        "consultation",
        "luoyang-city",
        ["ecology", "industry"],
    )
    first, second = plan.items
    assert (first.form, second.form, first.topics) == ("thematic", "bimonthly-forum", ["ecology"])
    assert list(first.roles) == ["lead-unit", "participants"]  # in data/roles.yml order, as ids
    assert first.lead == "市政协人口资源环境委员会"
    # the renamed key keeps its line: a problem about the role points at what the clerk wrote
    assert plan.data_line("items", 0, "roles", "lead-unit") == zx_repo.line_of(PLAN_DATA, "牵头单位:")
    figures = next(d for d in corpus.documents.values() if d.summary and d.summary.figures).summary
    assert "proposals-filed" in {f.measure for f in figures.figures}
    assert [r.status for r in figures.reports] == ["held", "merged"]


def test_a_status_written_as_a_name_is_checked_as_its_id(zx_repo):
    """已开展 is held: a held item needs its date, whichever way the status is written."""
    zx_repo.edit(SUMMARY_DATA, "status: held\n    date: 2019-03-20\n", "status: 已开展\n")
    assert [p.code for p in zx_repo.check()] == [p.code for p in _without_date(zx_repo)]


def _without_date(repo: MiniRepo) -> list:
    repo.edit(SUMMARY_DATA, "status: 已开展\n", "status: held\n")
    found = repo.check()
    assert found, "a held report without its date is a problem"
    return found


def test_an_unregistered_status_is_a_problem(zx_repo):
    zx_repo.edit(SUMMARY_DATA, "status: held\n", "status: 开完了\n")
    assert any(p.file == SUMMARY_DATA for p in zx_repo.check())


def test_a_body_may_name_its_parent(zx_repo):
    zx_repo.edit("data/bodies.yml", "parent: juxian-county", "parent: 莒县政协")
    corpus = load_corpus(zx_repo.root)
    assert corpus.vocab.bodies["qingfeng-town"].parent == "juxian-county"
    assert summary(zx_repo.check()) == []


def test_a_name_two_entries_share_is_the_registrys_problem_not_a_guess(zx_repo):
    zx_repo.edit("data/topics.yml", "aliases: [乡村振兴战略]", "aliases: [乡村振兴战略, 生态环境]")
    problems = zx_repo.check()
    # once, where the registry declares it the second time; not again at each document that uses it
    assert summary(problems) == [("ZX220", "data/topics.yml", zx_repo.line_of("data/topics.yml", "name: 生态环境"))]
    assert "rural-revitalization" in problems[0].message and "ecology" in problems[0].message
    write_names(zx_repo)
    corpus = load_corpus(zx_repo.root)
    assert corpus.documents[PLAN_ID].topics == ["生态环境", "industry"]  # neither: left as written
    assert [p.code for p in zx_repo.check()] == ["ZX220"]


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    ids = make_buildable(MiniRepo(tmp_path_factory.mktemp("ids")))
    names = write_names(make_buildable(MiniRepo(tmp_path_factory.mktemp("names"))))
    built = []
    for repo in (ids, names):
        out = repo.root / "site"
        result = build_site(repo, out)
        assert result.returncode == 0, result.stderr[-3000:]
        built.append(out)
    return built[0], built[1]


def _differences(compared: filecmp.dircmp[str], at: str = "") -> list[str]:
    found = [f"{at}{name}" for name in compared.left_only + compared.right_only + compared.diff_files]
    for name, sub in compared.subdirs.items():
        found += _differences(sub, f"{at}{name}/")
    return found


def test_names_build_the_same_site_as_ids(two_sites):
    ids, names = two_sites
    assert _differences(filecmp.dircmp(ids, names, ignore=[])) == []
    page = (names / "plans" / PLAN_ID / "index.html").read_text(encoding="utf-8")
    assert "洛阳市政协" in page and "双月协商座谈会" in page
