"""Exceptions excuse only what they name: a waiver names its code and the finding's scope (a section, a
count), a sic the value as printed and the value computed; anything else that changes is reported
again, and an exception written without its scope is one problem that shows the text to copy."""

from __future__ import annotations

import re

import pytest

from checks_support import PLAN, PLAN_DATA, RULE, SUMMARY_DATA

# ---- waivers -------------------------------------------------------------------------------------


def _no_annex(r):
    """The rule as an original without 附则: its last article moves under 总则."""
    r.edit(RULE, "## 第二章　附则\n\n", "")


def test_a_waiver_of_the_missing_annex_excuses_the_annex_only(zx_repo):
    _no_annex(zx_repo)
    assert [(p.code, p.scope) for p in zx_repo.check()] == [("ZX301", "附则")]
    zx_repo.edit(RULE, "type: rules\n", "type: rules\nwaive: {ZX301: {reason: 原件没有附则一章, scope: 附则}}\n")
    assert zx_repo.check() == []
    zx_repo.edit(RULE, "## 第一章　总则", "## 第一章　总侧")  # a slip elsewhere is not covered
    [problem] = zx_repo.check()
    assert (problem.code, problem.scope) == ("ZX301", "总则")
    assert "waive 的 ZX301 豁免的是" not in problem.hint  # the 附则 waiver still fits: it is not blamed


def test_a_waived_count_is_reported_again_once_an_item_is_deleted(zx_repo):
    zx_repo.edit(PLAN_DATA, "stated_count: 2", "stated_count: 11项")
    waive = "waive: {ZX404: {reason: 原件正文说十一项，只列出其中两项, scope: 写明11项，列出2}}\n"
    zx_repo.edit(PLAN, "kind: plan\n", "kind: plan\n" + waive)
    assert zx_repo.check() == []
    text = zx_repo.read(PLAN_DATA)
    zx_repo.write(PLAN_DATA, text[: text.index("  - id: p02")])  # another item deleted
    # (the summary and the home page still refer to the deleted item: their own problems)
    [problem] = [p for p in zx_repo.check() if p.file in (PLAN, PLAN_DATA)]  # the finding, not also ZX309
    assert problem.code == "ZX404" and problem.file == PLAN_DATA
    assert "豁免的是“写明11项，列出2”，现在是“写明11项，列出1”" in problem.hint


def test_a_waiver_without_scope_is_one_problem_whose_text_can_be_copied(zx_repo):
    _no_annex(zx_repo)
    zx_repo.edit(RULE, "type: rules\n", "type: rules\nwaive: {ZX301: 原件没有附则一章}\n")
    [problem] = zx_repo.check()
    assert (problem.code, problem.file, problem.line) == ("ZX430", RULE, 5)
    written = re.search(r"改成 (ZX301: \{.*?\})；", problem.hint)
    assert written, problem.hint
    zx_repo.edit(RULE, "waive: {ZX301: 原件没有附则一章}", f"waive: {{{written[1]}}}")
    assert zx_repo.check() == []


def test_a_waiver_whose_scope_matches_nothing_says_which_scope(zx_repo):
    zx_repo.edit(RULE, "type: rules\n", "type: rules\nwaive: {ZX301: {reason: 原件没有附则, scope: 附则}}\n")
    [problem] = zx_repo.check()
    assert problem.code == "ZX309" and "ZX301（附则）" in problem.message


# ---- sic ---------------------------------------------------------------------------------------------

SESSIONS = """\
# yaml-language-server: $schema=../schemas/summary-data.schema.json
figures:
  - measure: proposals-received
    value: 1386
    sic: {reason: 原件各次会议分项合计与总数不符, printed: 1386, computed: 1390}
    breakdown:
      by: session
      parts: [{label: 一次会议, value: 420}, {label: 二次会议, value: 398}, {label: 三次会议, value: 195}, {label: 四次会议, value: 377}]
reports:
  - {item: 2019-test-consultation-plan#p01, status: held, date: 2019-03-20}
  - {item: 2019-test-consultation-plan#p02, status: held, date: 2019-09-20}
"""


def test_a_sic_acknowledges_the_values_it_names(zx_repo):
    zx_repo.write(SUMMARY_DATA, SESSIONS)
    assert zx_repo.check() == []


def test_a_sic_flags_again_when_a_part_is_mistyped(zx_repo):
    zx_repo.write(SUMMARY_DATA, SESSIONS.replace("value: 195", "value: 159"))
    [problem] = zx_repo.check()
    assert problem.code == "ZX422" and "合计1354" in problem.message
    assert "sic 确认的是原文所印1386、计算为1390，现在是原文所印1386、计算为1354" in problem.hint


def test_a_sic_flags_again_when_the_total_is_mistyped(zx_repo):
    zx_repo.write(SUMMARY_DATA, SESSIONS.replace("    value: 1386", "    value: 1368"))
    [problem] = zx_repo.check()
    assert problem.code == "ZX422" and "现在是原文所印1368、计算为1390" in problem.hint


def test_a_sic_without_its_values_is_one_problem_whose_text_can_be_copied(zx_repo):
    old = SESSIONS.replace(
        "sic: {reason: 原件各次会议分项合计与总数不符, printed: 1386, computed: 1390}",
        "sic: 原件各次会议分项合计与总数不符",
    )
    zx_repo.write(SUMMARY_DATA, old)
    [problem] = zx_repo.check()
    assert (problem.code, problem.line) == ("ZX431", 5)
    written = re.search(r"把 sic 改成 (\{.*?\})；", problem.hint)
    assert written and written[1] == "{reason: 原件各次会议分项合计与总数不符, printed: 1386, computed: 1390}"
    zx_repo.write(SUMMARY_DATA, old.replace("sic: 原件各次会议分项合计与总数不符", f"sic: {written[1]}"))
    assert zx_repo.check() == []


def test_an_unacknowledged_inconsistency_shows_the_sic_to_write(zx_repo):
    zx_repo.write(
        SUMMARY_DATA,
        SESSIONS.replace("    sic: {reason: 原件各次会议分项合计与总数不符, printed: 1386, computed: 1390}\n", ""),
    )
    [problem] = zx_repo.check()
    assert problem.code == "ZX422" and "sic: {reason: 原因, printed: 1386, computed: 1390}" in problem.hint


# ---- partial arithmetic --------------------------------------------------------------------------

PARTIAL = """\
# yaml-language-server: $schema=../schemas/summary-data.schema.json
figures:
  - {measure: proposals-received, value: 235}
  - {measure: proposals-filed, value: 174}
  - {measure: proposals-referred, value: %s}
reports:
  - {item: 2019-test-consultation-plan#p01, status: held, date: 2019-03-20}
  - {item: 2019-test-consultation-plan#p02, status: held, date: 2019-09-20}
"""


def test_stated_parts_may_not_exceed_the_total_when_others_are_not_stated(zx_repo):
    zx_repo.write(SUMMARY_DATA, PARTIAL % 64)  # 174 + 64 = 238 > 235; 不予立案 is not stated
    [problem] = zx_repo.check()
    assert (problem.code, problem.line) == ("ZX427", 3)
    assert "立案174件 + 转为意见建议（转交）64件 = 238件，已多于收到提案235件" in problem.message
    assert "不予立案原文未载" in problem.message
    assert "computed: 238件以上" in problem.hint


def test_stated_parts_within_the_total_pass_when_others_are_not_stated(zx_repo):
    zx_repo.write(SUMMARY_DATA, PARTIAL % 60)  # 234 ≤ 235: the rest may be the 1 not stated
    assert zx_repo.check() == []


# ---- one root cause, one problem -------------------------------------------------------------------

MERGED = """\
# yaml-language-server: $schema=../schemas/summary-data.schema.json
figures:
  - {measure: proposals-received, value: 420}
  - {measure: proposals-filed, value: 380}
  - {measure: proposals-merged, value: 20}
  - {measure: proposals-filed-net, value: 360}
  - {measure: proposals-referred, value: 30}
  - {measure: proposals-rejected, value: 10}
  - {measure: proposals-answered, value: 360}
  - measure: proposals-answered
    value: 355
    sic: {reason: 原件第三部分写作355件, printed: 355, computed: 360件}
reports:
  - {item: 2019-test-consultation-plan#p01, status: held, date: 2019-03-20}
  - {item: 2019-test-consultation-plan#p02, status: held, date: 2019-09-20}
"""


def _merged_body(r):
    r.edit("data/bodies.yml", "- id: luoyang-city\n", "- id: luoyang-city\n  merged_proposals: within-filed\n")


def test_the_summary_with_its_sic_passes_before_the_slip(zx_repo):
    _merged_body(zx_repo)
    zx_repo.write(SUMMARY_DATA, MERGED)
    assert zx_repo.check() == []


def test_a_yaml_slip_in_bodies_is_one_problem(zx_repo):
    _merged_body(zx_repo)
    zx_repo.write(SUMMARY_DATA, MERGED)
    zx_repo.edit("data/bodies.yml", "- id: luoyang-city\n", "- id: luoyang-city\n  name: [未闭合\n")
    problems = zx_repo.check()
    assert [(p.code, p.file) for p in problems] == [("ZX103", "data/bodies.yml")]


def test_a_yaml_slip_in_measures_is_one_problem(zx_repo):
    _merged_body(zx_repo)
    zx_repo.write(SUMMARY_DATA, MERGED)
    zx_repo.edit("data/measures.yml", "measures:\n", "measures:\n  - {id: [未闭合\n")
    problems = zx_repo.check()
    assert [(p.code, p.file) for p in problems] == [("ZX103", "data/measures.yml")]


# ---- shares ------------------------------------------------------------------------------------------

SHARES = """\
# yaml-language-server: $schema=../schemas/summary-data.schema.json
figures:
  - measure: proposals-filed
    value: 200
    breakdown:
      by: field%s
      parts:
        - {label: 经济建设, value: 98, share: %s}
        - {label: 社会民生, value: 102, share: 51%%}
reports:
  - {item: 2019-test-consultation-plan#p01, status: held, date: 2019-03-20}
  - {item: 2019-test-consultation-plan#p02, status: held, date: 2019-09-20}
"""


def _shares(repo, first: str, base: str = "") -> list:
    repo.write(SUMMARY_DATA, SHARES % (base, first))
    return repo.check()


def test_a_share_is_checked_to_its_printed_precision(zx_repo):
    assert _shares(zx_repo, "49%") == []
    [problem] = _shares(zx_repo, "59%")  # 49 % printed as 59 %
    assert (problem.code, problem.line) == ("ZX432", 8)
    assert "经济建设占59%，按经济建设98件除以立案200件计算为49%" in problem.message
    assert "sic: {reason: 原因, printed: 59%, computed: 49%}" in problem.hint


def test_two_decimal_shares_on_the_wrong_base_are_flagged(zx_repo):
    # 98 of 210 received, not of the 200 filed: 46.67 %, which the two decimals rule out
    zx_repo.write(SUMMARY_DATA, (SHARES % ("", "46.67%")).replace("share: 51%", "share: 48.57%"))
    assert [p.code for p in zx_repo.check()] == ["ZX432", "ZX432"]


def test_shares_adjusted_to_sum_to_100_are_noted_not_rejected(zx_repo):
    from zhengxie.build.validate import validate

    three = (SHARES % ("", "33%")).replace("value: 200", "value: 300").replace("value: 98,", "value: 100,")
    three = three.replace(
        "        - {label: 社会民生, value: 102, share: 51%}\n",
        "        - {label: 社会民生, value: 100, share: 33%}\n        - {label: 文化教育, value: 100, share: 34%}\n",
    )
    # three parts of 100 in 300 are 33.3 % each, printed 33 %, 33 % and 34 % so that they add up to 100
    zx_repo.write(SUMMARY_DATA, three)
    assert zx_repo.check() == []
    corpus, _ = validate(zx_repo.root)
    notes = [a.note for a in corpus.acknowledged]
    assert any("原文各项占比调整为合计100%" in n for n in notes), notes


def test_a_share_on_an_unstated_base_is_not_computed_but_may_not_exceed_100(zx_repo):
    base = "\n      share_of: 原文未载"
    assert _shares(zx_repo, "45%", base) == []  # the base is not the total: nothing to divide
    problems = _shares(zx_repo, "990%以上", base)
    assert [p.code for p in problems] == ["ZX433"]  # the share: not also the shares together
    assert "经济建设占990%以上，超过100%" in problems[0].message


# ---- a plan's counts by form -----------------------------------------------------------------------

COUNTS = """\
# yaml-language-server: $schema=../schemas/plan-data.schema.json
stated_count: %s
form_counts: {专题协商会: 3, counterpart: 5, bimonthly-forum: 5}
"""


def _counts(repo, stated, sic: str = "") -> list:
    repo.write(PLAN_DATA, COUNTS % stated + sic)
    return [p for p in repo.check() if p.file == PLAN_DATA]


def test_counts_by_form_without_items_are_checked_against_the_stated_total(zx_repo):
    assert _counts(zx_repo, 13) == []
    [problem] = _counts(zx_repo, 21)
    assert (problem.code, problem.line) == ("ZX434", 3)
    assert "合计 13，但 stated_count 写的是“21”" in problem.message
    assert "form_counts_sic: {reason: 原因, printed: 21, computed: 13}" in problem.hint


def test_counts_by_form_kept_as_printed_flag_again_when_a_count_changes(zx_repo):
    sic = "form_counts_sic: {reason: 原件写全年协商21次，分列各形式合计13次, printed: 21, computed: 13}\n"
    assert _counts(zx_repo, 21, sic) == []
    zx_repo.edit(PLAN_DATA, "counterpart: 5", "counterpart: 4")
    assert [p.code for p in zx_repo.check() if p.file == PLAN_DATA] == ["ZX434"]


# ---- odd shapes never crash --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "waive",
    ["{ZX301: {reason: 原因, scope: {a: 1}}}", "{ZX301: {reason: [1], scope: 附则}}", "{ZX301: [原因]}", "{ZX301: {}}"],
)
def test_odd_waivers_are_problems_not_tracebacks(zx_repo, waive):
    _no_annex(zx_repo)
    zx_repo.edit(RULE, "type: rules\n", f"type: rules\nwaive: {waive}\n")
    assert zx_repo.check()  # the schema (and the unexcused ZX301) report it


@pytest.mark.parametrize(
    "sic",
    ["[原因]", "{reason: 原因, printed: [1], computed: {a: 1}}", "{printed: 1386, computed: 1390}", "1386", ".nan"],
)
def test_odd_sics_are_problems_not_tracebacks(zx_repo, sic):
    zx_repo.write(
        SUMMARY_DATA, SESSIONS.replace("{reason: 原件各次会议分项合计与总数不符, printed: 1386, computed: 1390}", sic)
    )
    assert zx_repo.check()


@pytest.mark.parametrize("share", ["49", "[49%]", ".inf", "0%", "{a: 1}"])
def test_odd_shares_are_problems_not_tracebacks(zx_repo, share):
    problems = _shares(zx_repo, share)
    assert problems  # 0 % of 200 is not 98 (ZX432); the others are the schema's


@pytest.mark.parametrize("counts", ["[3, 5]", "{thematic: [3]}", "{thematic: 3余次}", "{未知形式: 3}", "{}"])
def test_odd_form_counts_are_problems_not_tracebacks(zx_repo, counts):
    zx_repo.write(PLAN_DATA, f"stated_count: 13\nform_counts: {counts}\n")
    zx_repo.check()
