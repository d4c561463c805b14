"""Issue 30, items 2, 4 and 6: undated originals and inferred years pass without an invented fact;
dates that contradict one another are flagged; misspelt, spaced and excerpted headings, odd numbers
and a broken front matter are judged as an editor would expect."""

from __future__ import annotations

import pytest

from checks_support import NOTE, PLAN, PLAN_DATA, RULE, SUMMARY, SUMMARY_DATA, summary

UNDATED = "docs/rules/undated-test-study-rules.md"
UNDATED_TEXT = """\
---
title: 某县政协委员学习制度
kind: rule
type: rules
body: luoyang-city
issuers: 原文未载
date: 原文未载
---

第一条　为了加强委员学习，制定本制度。

第二条　本制度自印发之日起施行。
"""


def _codes(repo) -> list[str]:
    return [p.code for p in repo.check()]


def _passes(repo) -> None:
    problems = repo.check()
    assert problems == [], "\n".join(p.format() for p in problems)


# ---- undated and inferred -------------------------------------------------------------------------


def test_an_undated_original_passes_under_an_undated_name(zx_repo):
    zx_repo.write(UNDATED, UNDATED_TEXT)
    _passes(zx_repo)


def test_a_year_picked_for_an_undated_original_is_flagged_with_the_undated_name(zx_repo):
    zx_repo.write("docs/rules/2015-test-study-rules.md", UNDATED_TEXT)
    problems = zx_repo.check()
    assert summary(problems) == [("ZX230", "docs/rules/2015-test-study-rules.md", 7)]
    assert "undated-test-study-rules" in problems[0].hint and "inferred" in problems[0].hint


@pytest.mark.parametrize(
    "dated",
    [
        "adopted: {meeting: 主席会议, date: 2015-03-01}\n",  # an adoption date states the year
        "doc_number: 洛政协发〔2015〕3号\n",  # so does a 文号 with its year
    ],
)
def test_another_written_date_states_the_year(zx_repo, dated):
    path = "docs/rules/2015-test-study-rules.md"
    zx_repo.write(path, UNDATED_TEXT.replace("date: 原文未载\n", f"date: 原文未载\n{dated}"))
    _passes(zx_repo)


def test_an_inferred_year_is_recorded_with_its_basis_and_must_match_the_file_name(zx_repo):
    inferred = "inferred_year: {value: 2015, basis: 依据“九届二次会议”推定}\n"
    path = "docs/rules/2015-test-study-rules.md"
    zx_repo.write(path, UNDATED_TEXT.replace("date: 原文未载\n", f"date: 原文未载\n{inferred}"))
    _passes(zx_repo)
    zx_repo.edit(path, "value: 2015", "value: 2016")
    assert summary(zx_repo.check()) == [("ZX213", path, zx_repo.line_of(path, "year:"))]


@pytest.mark.parametrize(
    "written",
    [
        "inferred_year: 2015",  # a bare year: not marked as inferred
        "inferred_year: {value: 2015}",  # no basis
        "inferred_year: {value: 2015, basis: ''}",
        "inferred_year: {value: 二〇一五, basis: 依据落款推定}",
    ],
)
def test_an_inferred_year_needs_a_year_and_a_basis(zx_repo, written):
    zx_repo.write(UNDATED, UNDATED_TEXT.replace("date: 原文未载\n", f"date: 原文未载\n{written}\n"))
    problems = zx_repo.check()
    assert problems and all(p.code.startswith("ZX2") and p.file == UNDATED for p in problems), summary(problems)
    assert any("year" in p.message for p in problems)


def test_undated_and_inferred_documents_are_read_as_such(zx_repo):
    from zhengxie.sources.loader import load_corpus

    zx_repo.write(UNDATED, UNDATED_TEXT)
    zx_repo.write(
        "docs/rules/2015-test-study-rules.md",
        UNDATED_TEXT.replace("date: 原文未载\n", "date: 原文未载\ninferred_year: {value: 2015, basis: 依据落款推定}\n"),
    )
    documents = load_corpus(zx_repo.root).documents
    undated, inferred = documents["undated-test-study-rules"], documents["2015-test-study-rules"]
    assert undated.year is None and undated.inferred_year is None
    assert inferred.year == 2015 and inferred.inferred_year is not None
    assert inferred.inferred_year.basis == "依据落款推定"


@pytest.mark.parametrize("period", ["七届一次会议", "九届二次会议期间", "第十三届第四次会议", "十三届四次会议以来"])
def test_a_period_may_be_a_session(zx_repo, period):
    zx_repo.edit(PLAN, 'period: "2019"', f"period: {period}")
    _passes(zx_repo)


def test_a_form_the_original_leaves_out_is_not_stated(zx_repo):
    zx_repo.edit(PLAN_DATA, "form: thematic", "form: 原文未载")
    _passes(zx_repo)


# ---- date consistency -----------------------------------------------------------------------------


def test_published_before_signed_is_flagged_at_the_later_field(zx_repo):
    zx_repo.edit(RULE, "date: 2019-05-01\n", "date: 2019-05-01\npublished: 2019-04-20\n")
    problems = zx_repo.check()
    assert summary(problems) == [("ZX233", RULE, zx_repo.line_of(RULE, "published:"))]
    assert "2019-04-20" in problems[0].message and "2019-05-01" in problems[0].message


def test_taking_effect_before_adoption_is_flagged_but_not_before_a_later_posting(zx_repo):
    zx_repo.edit(RULE, "date: 2019-05-01\n", "date: 2019-05-01\npublished: 2019-05-20\neffective: 2019-05-01\n")
    _passes(zx_repo)  # in force on signing, posted on the website later: what originals do
    zx_repo.edit(RULE, "effective: 2019-05-01", "effective: 2019-04-01")
    assert summary(zx_repo.check()) == [("ZX233", RULE, zx_repo.line_of(RULE, "effective:"))]


@pytest.mark.parametrize(
    "dates,found",
    [
        ("date: 2018-12-20\n", []),  # adopted at the end of the year before
        ("date: 2019-02-01\npublished: 2019-12-31\n", []),
        ("date: 2018-03-01\n", ["ZX234"]),  # ten months early
        ("date: 2019-02-01\npublished: 2020-12-20\n", ["ZX234"]),  # the 2019 plan published in December 2020
    ],
)
def test_a_plan_is_dated_within_or_just_before_its_year(zx_repo, dates, found):
    zx_repo.edit(PLAN, "date: 2019-02-01\n", dates)
    assert _codes(zx_repo) == found


def test_a_session_period_gives_no_years_to_compare_with(zx_repo):
    zx_repo.edit(PLAN, 'period: "2019"', "period: 九届二次会议")
    zx_repo.edit(PLAN, "date: 2019-02-01\n", "date: 2016-02-01\n")
    assert "ZX234" not in _codes(zx_repo)  # a session gives no years to compare with


def test_a_report_held_before_the_plan_or_after_the_summary_is_flagged(zx_repo):
    zx_repo.edit(SUMMARY_DATA, "    date: 2019-03-20\n", "    date: 2020-03-20\n")
    problems = zx_repo.check()
    assert [p.code for p in problems] == ["ZX235"] and "晚于本总结的成文日期 2019-12-20" in problems[0].message


def test_a_postponement_to_a_later_date_is_what_the_report_says(zx_repo):
    zx_repo.edit(SUMMARY_DATA, "status: held\n    date: 2019-03-20", "status: postponed\n    date: 2020-03-20")
    assert "ZX235" not in _codes(zx_repo)


def test_an_item_dated_in_its_plan_year_passes(zx_repo):
    zx_repo.edit(PLAN_DATA, "time: 3月", "time: 2019-03-15")
    _passes(zx_repo)


def test_an_item_stage_dated_in_another_year_is_flagged(zx_repo):
    zx_repo.edit(
        PLAN_DATA,
        "    form: thematic\n    time: 3月\n",
        "    stages:\n      - form: group-discussion\n        time: 2019-03-02\n"
        "      - form: standing-committee\n        time: 2020-06-18\n",
    )
    assert summary(zx_repo.check()) == [("ZX236", PLAN_DATA, zx_repo.line_of(PLAN_DATA, "time: 2020-06-18"))]


# ---- smaller ---------------------------------------------------------------------------------------

PROPOSAL_REPORT = "docs/summaries/2019-test-proposal-report.md"
PROPOSAL_TEXT = """\
---
title: 关于提案工作情况的报告
kind: summary
type: proposal-report
body: luoyang-city
date: 2019-12-20
period: "2019"
---

## 一、提案提出和立案情况

收到提案100件。

## 二、提案办理和落实情况

已全部办复。
"""


def test_a_misspelt_heading_does_not_pass_as_its_section(zx_repo):
    zx_repo.write(PROPOSAL_REPORT, PROPOSAL_TEXT)
    _passes(zx_repo)
    zx_repo.edit(PROPOSAL_REPORT, "立案情况", "立按情况")
    problems = zx_repo.check()
    assert [p.code for p in problems] == ["ZX301"] and "提案提出和立案情况" in problems[0].message


def test_a_full_width_colon_in_front_matter_keeps_the_declared_type(zx_repo):
    zx_repo.write(PROPOSAL_REPORT, PROPOSAL_TEXT.replace("type: proposal-report", "type：proposal-report"))
    codes = _codes(zx_repo)
    assert "ZX105" in codes
    assert "ZX301" not in codes  # not judged as an annual summary (主要工作、存在问题……)


def test_a_spaced_chapter_title_is_its_section_and_hints_say_no_none(zx_repo):
    zx_repo.edit(RULE, "## 第一章　总则", "## 第一章　总　则")
    _passes(zx_repo)
    zx_repo.edit(RULE, "## 第一章　总　则", "## 第一章　总侧")
    problems = zx_repo.check()
    assert "ZX301" in [p.code for p in problems]
    assert all("（无）" not in p.hint for p in problems), [p.hint for p in problems]


def test_an_excerpt_may_start_at_two_and_leave_sections_out(zx_repo):
    zx_repo.write(PROPOSAL_REPORT, PROPOSAL_TEXT.replace("## 一、提案提出和立案情况\n\n收到提案100件。\n\n", ""))
    assert sorted(set(_codes(zx_repo))) == ["ZX301", "ZX304"]  # without the mark: missing and misnumbered
    zx_repo.edit(PROPOSAL_REPORT, "period:", "excerpt: 节选自原件第二部分“提案办理和落实情况”\nperiod:")
    _passes(zx_repo)


@pytest.mark.parametrize("value", [".nan", ".inf", ".NaN"])
def test_not_a_number_is_flagged(zx_repo, value):
    zx_repo.edit(SUMMARY_DATA, "    value: 90\n", f"    value: {value}\n")
    problems = [p for p in zx_repo.check() if p.code == "ZX237"]
    assert problems and value.lower() in problems[0].message.lower()


def test_note_dates_still_pass(zx_repo):
    """The mini-repository's own documents pass: nothing here raises a false alarm."""
    assert zx_repo.read(NOTE) and zx_repo.read(SUMMARY)
    _passes(zx_repo)


def test_a_report_held_on_a_date_the_original_leaves_out(zx_repo):
    zx_repo.edit(SUMMARY_DATA, "    date: 2019-03-20\n", "    date: 原文未载\n")
    _passes(zx_repo)


@pytest.mark.parametrize("value", ["-.inf", ".inf", ".nan"])
def test_not_a_number_is_one_problem(zx_repo, value):
    """One root cause, one problem: no second finding from the schema (out of range, not an integer)."""
    zx_repo.edit(PLAN_DATA, "stated_count: 2", f"stated_count: {value}")
    assert [p.code for p in zx_repo.check()] == ["ZX237"]
