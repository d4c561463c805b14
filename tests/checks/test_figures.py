"""Figures audited like an auditor and published like an archivist, on tmp mini-repos: each measure type,
breakdowns (nested too), rates and qualifiers; the inconsistencies of real reports (per-session sums
1596/1461 against totals 1386/1261, 立案率 77% where 300/410 = 73.2%, a field breakdown of 171 against 174
filed, 591 in one place and 588 in another) each caught with the computed value and each acknowledgeable
with `sic`; 并案 as each body declares it; what a summary says about its plan; the export of every figure."""

from __future__ import annotations

import json

import pytest

from checks_support import FIGURES_DATA as DATA
from checks_support import FIGURES_DOC as DOC
from checks_support import summary, write_summary
from zhengxie.sources.loader import load_corpus
from zhengxie.text.values import parse_amount

PLAN_REF = "2019-test-consultation-plan"


def codes(problems) -> list:
    return [p.code for p in problems]


def declare_merging(repo, body: str, meaning: str) -> None:
    repo.edit("data/bodies.yml", f"- id: {body}\n", f"- id: {body}\n  merged_proposals: {meaning}\n")


def figures_of(repo, year: int = 2020) -> list:
    return load_corpus(repo.root).documents[f"{year}-test-annual-summary"].summary.figures


# ---- values as printed --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,low,high",
    [
        (174, 174, 174),
        ("99%以上", 99, float("inf")),
        ("20余", 20, 30),
        ("1200余", 1200, 1300),
        ("约300", 270, 330),
        ("300左右", 270, 330),
        ("50多", 50, 60),
        ("73.2%", 73.15, 73.25),
    ],
)
def test_qualifiers_are_kept_as_written_and_read_as_intervals(text, low, high):
    amount = parse_amount(text)
    assert amount.text == str(text)
    assert amount.bounds == pytest.approx((low, high))


def test_a_rate_is_read_within_its_printed_precision():
    assert parse_amount(77).interval(rounded=True) == (76.5, 77.5)
    assert parse_amount("73.2").interval(rounded=True) == pytest.approx((73.15, 73.25))


# ---- one fixture per measure type --------------------------------------------------------------


@pytest.mark.parametrize(
    "figure,export",
    [
        ("- {measure: proposals-received, value: 410}", {"measure": "proposals-received", "unit": "件", "text": "410"}),
        ("- {measure: proposals-merged, value: 12}", {"measure": "proposals-merged", "unit": "件"}),
        ("- {measure: proposals-feedback, value: 380}", {"measure": "proposals-feedback", "unit": "份"}),
        ("- {measure: opinions-submitted, value: 86, unit: 条}", {"measure": "opinions-submitted", "unit": "条"}),
        ("- {measure: opinions-endorsed, value: 20余}", {"measure": "opinions-endorsed", "qualifier": "余"}),
        ("- {measure: consultations, value: 12}", {"measure": "consultations", "unit": "次"}),
        ("- {measure: research, value: 8, unit: 项}", {"measure": "research", "unit": "项"}),
        ("- {measure: inspections, value: 4}", {"measure": "inspections", "unit": "次"}),
        ("- {measure: members, value: 235}", {"measure": "members", "unit": "人"}),
        (
            "- {measure: member-participation, value: 1200余}",
            {"text": "1200余", "qualifier": "余", "bounds": [1200, 1300]},
        ),
        ("- {label: 调研报告, value: 20余, unit: 篇}", {"measure": None, "label": "调研报告", "unit": "篇"}),
        (
            "- {measure: proposals-satisfaction-rate, value: 99%以上, of: 原文未载}",
            {"rate": True, "base": "原文未载", "qualifier": "以上"},
        ),
    ],
)
def test_each_measure_type_loads_checks_and_exports(zx_repo, figure, export):
    declare_merging(zx_repo, "luoyang-city", "within-filed")
    write_summary(zx_repo, figure)
    problems = zx_repo.check()
    assert codes(problems) in ([], ["ZX424"]), summary(problems)
    exported = figures_of(zx_repo)[0].to_dict()
    assert {k: exported[k] for k in export} == export
    assert json.loads(json.dumps(exported, ensure_ascii=False)) == exported  # ready for the JSON export


def test_a_custom_figure_needs_a_registered_unit(zx_repo):
    write_summary(zx_repo, "- {label: 调研报告, value: 20, unit: 本}")
    assert codes(zx_repo.check()) == ["ZX421"]


def test_figures_show_as_printed(zx_repo):
    write_summary(
        zx_repo,
        """\
        - {measure: member-participation, value: 1200余}
        - {measure: proposals-satisfaction-rate, value: 99%以上, of: proposals-feedback}
        - {measure: proposals-answer-rate, value: 100}
        - {label: 调研报告, value: 10左右, unit: 篇}
        - {measure: proposals-solved-rate, value: 90以上}
    """,
    )
    assert [f.text for f in figures_of(zx_repo)] == ["1200余人次", "99%以上", "100%", "10篇左右", "90%以上"]


# ---- breakdowns --------------------------------------------------------------------------------

FIELD_171 = """\
- measure: proposals-filed
  value: 174
  breakdown:
    by: field
    parts:
      - {label: 经济建设, value: 70}
      - {label: 社会民生, value: 61}
      - {label: 文化教育, value: 40}
"""


def test_a_breakdown_that_adds_up_passes_nested_too(zx_repo):
    write_summary(
        zx_repo,
        """\
        - measure: proposals-filed
          value: 171
          breakdown:
            by: sector
            parts:
              - label: 党派
                value: 100
                breakdown:
                  by: other
                  parts: [{label: 民革, value: 60}, {label: 民盟, value: 40}]
              - {label: 界别, value: 71}
    """,
    )
    assert zx_repo.check() == []


def test_a_field_breakdown_of_171_against_174_filed_is_caught_with_the_sum(zx_repo):
    write_summary(zx_repo, FIELD_171)
    [problem] = zx_repo.check()
    assert problem.code == "ZX422" and problem.file == DATA and problem.line == 3  # the total's value
    assert "按领域分项合计171件，与立案174件不符" in problem.message
    assert "sic" in problem.hint


def test_a_nested_breakdown_is_checked_at_its_part(zx_repo):
    write_summary(
        zx_repo,
        """\
        - measure: proposals-filed
          value: 100
          breakdown:
            by: sector
            parts:
              - label: 党派
                value: 60
                breakdown: {by: other, parts: [{label: 民革, value: 30}, {label: 民盟, value: 20}]}
              - {label: 界别, value: 40}
    """,
    )
    [problem] = zx_repo.check()
    assert problem.code == "ZX422" and "合计50件，与党派60件不符" in problem.message


PER_SESSION = """\
- measure: proposals-received
  value: 1386
  breakdown:
    by: session
    parts: [{label: 一次会议, value: 420}, {label: 二次会议, value: 398}, {label: 三次会议, value: 401}, {label: 四次会议, value: 377}]
- measure: proposals-filed
  value: 1261
  breakdown:
    by: session
    parts: [{label: 一次会议, value: 385}, {label: 二次会议, value: 362}, {label: 三次会议, value: 368}, {label: 四次会议, value: 346}]
"""


def test_per_session_sums_1596_and_1461_against_totals_1386_and_1261(zx_repo):
    write_summary(zx_repo, PER_SESSION)
    messages = [p.message for p in zx_repo.check() if p.code == "ZX422"]
    assert len(messages) == 2
    assert "按会次分项合计1596件，与收到提案1386件不符" in messages[0]
    assert "按会次分项合计1461件，与立案1261件不符" in messages[1]


# ---- rates -------------------------------------------------------------------------------------

FILING_77 = """\
- {measure: proposals-received, value: 410}
- {measure: proposals-filed, value: 300}
- {measure: proposals-filing-rate, value: 77%}
"""


def test_filing_rate_77_where_300_of_410_is_73_2_is_caught(zx_repo):
    write_summary(zx_repo, FILING_77)
    [problem] = zx_repo.check()
    assert problem.code == "ZX413" and problem.line == 4
    assert "73.2%" in problem.message and "立案300件" in problem.message and "收到提案410件" in problem.message


@pytest.mark.parametrize("stated,ok", [("73%", True), ("73.2%", True), ("73.3%", False), ("74%", False)])
def test_a_rate_is_checked_to_its_stated_precision(zx_repo, stated, ok):
    write_summary(zx_repo, FILING_77.replace("77%", stated))
    assert codes(zx_repo.check()) == ([] if ok else ["ZX413"])


@pytest.mark.parametrize("satisfied,ok", [(590, True), (580, False)])
def test_99_percent_or_more_is_a_lower_bound(zx_repo, satisfied, ok):
    write_summary(
        zx_repo,
        f"""\
        - {{measure: proposals-feedback, value: 595}}
        - {{measure: proposals-satisfied, value: {satisfied}}}
        - {{measure: proposals-satisfaction-rate, value: 99%以上}}
    """,
    )
    assert codes(zx_repo.check()) == ([] if ok else ["ZX413"])


def test_a_rate_over_another_base_names_it(zx_repo):
    write_summary(
        zx_repo,
        """\
        - {measure: proposals-filed, value: 400}
        - {measure: proposals-satisfied, value: 300}
        - {measure: proposals-solved, value: 300}
        - {measure: proposals-answered, value: 400}
        - {measure: proposals-solved-rate, value: 75, of: proposals-filed}
    """,
    )
    assert zx_repo.check() == []


def test_a_rate_whose_base_the_original_does_not_state_is_a_warning(zx_repo):
    write_summary(zx_repo, "- {measure: proposals-satisfaction-rate, value: 98.5, of: 原文未载}")
    [problem] = zx_repo.check()
    assert (problem.code, problem.severity, problem.line) == ("ZX424", "warning", 2)


def test_an_unstated_base_may_be_waived_with_a_reason(zx_repo):
    write_summary(zx_repo, "- {measure: proposals-satisfaction-rate, value: 98.5, of: 原文未载}")
    zx_repo.edit(
        DOC,
        "type: annual\n",
        "type: annual\nwaive: {ZX424: {reason: 原件没有说明满意率的基数, scope: 满意率（含基本满意）}}\n",
    )
    assert zx_repo.check() == []


@pytest.mark.parametrize("parts,ok", [("12, 11", True), ("20, 11", False)])
def test_20_odd_is_checked_as_an_interval(zx_repo, parts, ok):
    a, b = parts.split(", ")
    write_summary(
        zx_repo,
        f"""\
        - label: 调研报告
          value: 20余
          unit: 篇
          breakdown: {{by: other, parts: [{{label: 专委会, value: {a}}}, {{label: 界别, value: {b}}}]}}
    """,
    )
    assert codes(zx_repo.check()) == ([] if ok else ["ZX422"])


# ---- the same figure twice, parts of a whole, 并案 ---------------------------------------------


def test_591_in_one_place_and_588_in_another_is_caught(zx_repo):
    write_summary(
        zx_repo,
        """\
        - {measure: proposals-answered, value: 591}
        - {measure: proposals-answered, label: 办复提案, value: 588}
    """,
    )
    [problem] = zx_repo.check()
    assert problem.code == "ZX425" and problem.line == 3 and "另处为591件" in problem.message


def test_answered_over_filed_is_caught(zx_repo):
    write_summary(zx_repo, "- {measure: proposals-filed, value: 90}\n- {measure: proposals-answered, value: 95}")
    assert codes(zx_repo.check()) == ["ZX411"]


RECEIVED = """\
- {measure: proposals-received, value: 420}
- {measure: proposals-filed, value: 380}
- {measure: proposals-merged, value: 20}
- {measure: proposals-referred, value: 30}
- {measure: proposals-rejected, value: 10}
"""


def test_merged_declared_within_filed_is_not_added_to_received(zx_repo):
    declare_merging(zx_repo, "luoyang-city", "within-filed")
    write_summary(zx_repo, RECEIVED)
    assert zx_repo.check() == []
    write_summary(zx_repo, RECEIVED + "- {measure: proposals-filed-net, value: 360}\n")
    assert zx_repo.check() == []
    write_summary(zx_repo, RECEIVED + "- {measure: proposals-filed-net, value: 370}\n")
    [problem] = zx_repo.check()
    assert problem.code == "ZX427" and "立案380件 − 并案20件 = 360件" in problem.message


def test_merged_declared_beside_filed_is_added_to_received(zx_repo):
    declare_merging(zx_repo, "luoyang-city", "beside-filed")
    write_summary(zx_repo, RECEIVED)
    [problem] = zx_repo.check()
    assert problem.code == "ZX427" and "= 440件，与收到提案420件不符" in problem.message
    write_summary(zx_repo, RECEIVED.replace("value: 420", "value: 440"))
    assert zx_repo.check() == []


def test_merged_needs_the_bodys_declaration(zx_repo):
    write_summary(zx_repo, RECEIVED)
    assert "ZX428" in codes(zx_repo.check())


def test_a_rate_over_actual_filings_uses_filed_minus_merged(zx_repo):
    declare_merging(zx_repo, "luoyang-city", "within-filed")
    write_summary(
        zx_repo,
        RECEIVED
        + """\
        - {measure: proposals-answered, value: 360}
        - {measure: proposals-answer-rate, value: 100, of: proposals-filed-net}
    """.replace("        ", ""),
    )
    assert zx_repo.check() == []


# ---- 原文如此 ------------------------------------------------------------------------------------

CASES = {
    "field-171": (
        FIELD_171.replace(
            "  value: 174\n", "  value: 174\n  sic: {reason: 原件分项合计171件, printed: 174, computed: 171}\n"
        ),
        ["按领域分项合计171件，与立案174件不符（原文如此）"],
    ),
    "sessions": (
        PER_SESSION.replace(
            "  value: 1386\n", "  value: 1386\n  sic: {reason: 原件如此, printed: 1386, computed: 1596}\n"
        ).replace("  value: 1261\n", "  value: 1261\n  sic: {reason: 原件如此, printed: 1261, computed: 1461}\n"),
        [
            "按会次分项合计1596件，与收到提案1386件不符（原文如此）",
            "按会次分项合计1461件，与立案1261件不符（原文如此）",
        ],
    ),
    "filing-77": (
        FILING_77.replace("value: 77%}", "value: 77%, sic: {reason: 原件如此, printed: 77%, computed: 73.2%}}"),
        ["立案率77%，按立案300件除以收到提案410件计算为73.2%（原文如此）"],
    ),
    "591-588": (
        "- {measure: proposals-answered, value: 591}\n"
        "- {measure: proposals-answered, label: 办复提案, value: 588, sic: {reason: 原件第三部分写作588件, printed: 588, computed: 591}}\n",
        ["办复提案另处为591件，此处为588件（原文如此）"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_inconsistency_is_acknowledgeable(zx_repo, case):
    figures, notes = CASES[case]
    write_summary(zx_repo, figures)
    corpus_problems = zx_repo.check()
    assert corpus_problems == []
    from zhengxie.build.validate import validate

    corpus, _ = validate(zx_repo.root)
    assert [a.note for a in corpus.acknowledged] == notes
    assert all(a.reason and a.doc.id == "2020-test-annual-summary" for a in corpus.acknowledged)


def test_sic_on_a_consistent_value_is_a_problem(zx_repo):
    write_summary(
        zx_repo,
        FILING_77.replace("value: 77%}", "value: 73.2%, sic: {reason: 原件如此, printed: 73.2%, computed: 73.2%}}"),
    )
    [problem] = zx_repo.check()
    assert problem.code == "ZX426" and problem.line == 4


# ---- across documents --------------------------------------------------------------------------

REPORTS = f"""\
reports:
  - {{item: {PLAN_REF}#p01, status: held, date: 2020-03-20}}
  - {{item: {PLAN_REF}#p02, status: cancelled, reason: 另行安排}}
"""


@pytest.mark.parametrize(
    "planned,held,found",
    [
        (2, 1, []),
        (3, 1, ["ZX509"]),
        (2, 2, ["ZX510"]),
        (3, 2, ["ZX509", "ZX510"]),
    ],
)
def test_what_a_summary_says_of_its_plan_agrees_with_the_plan_and_the_reports(zx_repo, planned, held, found):
    write_summary(
        zx_repo,
        f"""\
        - {{measure: plan-items, value: {planned}, plan: {PLAN_REF}}}
        - {{measure: plan-items-held, value: {held}, plan: {PLAN_REF}}}
    """,
        extra=REPORTS,
    )
    assert codes(zx_repo.check()) == found


def test_a_plan_count_kept_as_printed_is_acknowledged(zx_repo):
    write_summary(
        zx_repo,
        f"- {{measure: plan-items, value: 3, plan: {PLAN_REF}, sic: {{reason: 原件如此, printed: 3, computed: 2}}}}",
        extra=REPORTS,
    )
    assert zx_repo.check() == []


def test_an_approximate_plan_count_is_an_interval(zx_repo):
    zx_repo.edit(f"data/plans/{PLAN_REF}.yml", "stated_count: 2", "stated_count: 2项左右")
    write_summary(zx_repo, f"- {{measure: plan-items, value: 2, plan: {PLAN_REF}}}")
    assert zx_repo.check() == []


def test_a_breakdown_by_undertaking_unit_with_approximate_parts(zx_repo):
    write_summary(
        zx_repo,
        """\
        - measure: proposals-answered
          value: 300
          breakdown:
            by: undertaker
            parts: [{label: 县发展改革局, value: 约100}, {label: 县教育局, value: 90余}, {label: 其他单位, value: 105}]
    """,
    )
    assert zx_repo.check() == []  # 90–110 + 90–100 + 105 may be 300
