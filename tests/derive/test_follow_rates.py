"""完成率 only where a report exists (issue 27): a plan no summary reports on yet shows 尚无总结, never
"完成率 0.0%" (which reads as "nothing was done"); a year's rate counts the plans with a report only and
says how many are left out; the rule is told in words, with no formula."""

from __future__ import annotations

import re

import pytest
from test_follow_pages import pages_of, plan

from checks_support import MiniRepo, build_site, make_buildable
from zhengxie.derive.followthrough import NO_SUMMARY, FollowThrough
from zhengxie.sources.loader import load_corpus


@pytest.fixture
def repo(tmp_path):
    repo = MiniRepo(tmp_path / "repo")  # its 2019 plan has two items, both reported (held, merged)
    plan(repo, 1, 4, year=2019)  # no summary reports on it
    plan(repo, 2, 3, year=2020)  # nor on this one, alone in its year
    return repo


def test_a_plan_without_a_report_has_no_rate_but_says_so(repo):
    corpus, _ = pages_of(repo)

    follow = FollowThrough(corpus)
    reported = follow.of_plan(corpus.documents["2019-test-consultation-plan"])
    unreported = follow.of_plan(corpus.documents["2019-follow-plan-01"])
    assert reported.reported and reported.rate_text == "100.0%" and reported.progress_text == "完成率 100.0%"
    assert not unreported.reported and unreported.rate is None
    assert unreported.rate_text == NO_SUMMARY == "尚无总结" and unreported.progress_text == "尚无总结"


def test_a_years_rate_counts_the_plans_with_a_report_only(repo):
    _, pages = pages_of(repo)
    rows = {row.year: row for row in pages.overview.rows}
    # 2019: the reported plan (2 of 2 done) and a 4-item plan without a report: 100.0%, not 2 ÷ 6
    assert rows[2019].rate_text == "100.0%" and rows[2019].unreported_plans == 1
    assert rows[2020].rate_text == "尚无总结" and rows[2020].reported_plans == 0


def test_the_rule_is_words_not_a_formula(repo):
    rule = FollowThrough(load_corpus(repo.root)).done_rule  # from data/statuses.yml: the statuses that count
    assert "完成率 =" not in rule and "÷" not in rule and "已举行和已合并的项目计为完成" in rule


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("follow-rates")
    repo = MiniRepo(root / "repo")
    plan(repo, 1, 4, year=2019)
    make_buildable(repo)
    result = build_site(repo, root / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "out"


def zero(html: str) -> bool:
    """Whether the page shows a rate of 0.0% (100.0% is not one)."""
    return re.search(r"(?<![0-9])0\.0%", html) is not None


def page(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_pages_show_no_summary_instead_of_a_zero_rate(site):
    plan_page = page(site, "plans/2019-follow-plan-01")
    assert "尚无总结" in plan_page and "完成率 " not in plan_page and not zero(plan_page)
    year = page(site, "follow-through/2019")
    assert "完成率 100.0%" in year  # the plan with a report keeps its rate
    assert not zero(year) and year.count("尚无总结") >= 2  # the table row and the plan's own line
    overview = page(site, "follow-through")
    assert "100.0%" in overview and "另有 1 个计划尚无总结" in overview and not zero(overview)
    reported = page(site, "plans/2019-test-consultation-plan")
    assert "完成率 100.0%" in reported and "÷" not in reported
