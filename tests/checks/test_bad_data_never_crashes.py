"""Bad data in docs/ or data/ is reported, never a crash: each case once raised inside a check (and
so stopped `mkdocs build` with a traceback)."""

from __future__ import annotations

import json

import pytest

from checks_support import PLAN, PLAN_DATA, SUMMARY, SUMMARY_DATA, MiniRepo

BIG = "1" + "0" * 5000  # int() of more than 4300 digits raises


def _schema_example(repo: MiniRepo) -> None:
    path = "data/schemas/topics.schema.json"
    schema = json.loads(repo.read(path))
    schema["examples"] = [{"properties": 1}]
    repo.write(path, json.dumps(schema, ensure_ascii=False, indent=2))


def _required_false(repo: MiniRepo) -> None:
    path = "data/schemas/front-matter.schema.json"
    schema = json.loads(repo.read(path))
    schema["properties"]["zz"] = False
    schema["required"] = ["zz"]
    repo.write(path, json.dumps(schema, ensure_ascii=False, indent=2))


def _other_bodys_form(repo: MiniRepo) -> None:
    repo.write(
        "data/forms.yml",
        repo.read("data/forms.yml")
        + "- {id: other-own, name: 他会专用协商, body: suichuan-county, requires: [time]}\n",
    )
    repo.edit(PLAN_DATA, "    form: thematic\n    time: 3月\n", "    form: other-own\n")


def _difference_of_three(repo: MiniRepo) -> None:
    repo.edit(
        "data/measures.yml",
        "difference: [proposals-filed, proposals-merged]",
        "difference: [proposals-filed, proposals-merged, proposals-received]",
    )
    repo.edit("data/bodies.yml", "- id: luoyang-city\n", "- id: luoyang-city\n  merged_proposals: within-filed\n")
    repo.edit(
        SUMMARY_DATA,
        "  - measure: proposals-filed\n    value: 90\n",
        "  - measure: proposals-filed\n    value: 90\n  - measure: proposals-merged\n    value: 5\n"
        "  - measure: proposals-filed-net\n    value: 85\n",
    )


CASES = {
    "a period in year 0": lambda r: r.edit(SUMMARY, 'period: "2019"', 'period: "0000"'),
    "a period in year 9999": lambda r: r.edit(SUMMARY, 'period: "2019"', 'period: "9999-H2"'),
    "another body's own form without a time": _other_bodys_form,
    "a schema example holding properties: 1": _schema_example,
    "a required property whose schema is false": _required_false,
    "a difference of three measures": _difference_of_three,
    "a figure of 5000 digits": lambda r: r.edit(SUMMARY_DATA, "    value: 12\n", f'    value: "{BIG}余"\n'),
    "a stated count of 5000 digits": lambda r: r.edit(PLAN_DATA, "stated_count: 2\n", f'stated_count: "{BIG}项"\n'),
    "data/fields.yml giving date the type text": lambda r: r.edit(
        "data/fields.yml",
        "- id: date\n  label: 成文日期\n  type: date\n",
        "- id: date\n  label: 成文日期\n  type: text\n",
    ),
    "a topic with kind: in place of id:": lambda r: r.write(
        "data/topics.yml", r.read("data/topics.yml") + "- kind: energy\n  name: 能源\n"
    ),
}
# Cases with nothing to report: the value is allowed, only the crash was wrong.
QUIET = {
    "a schema example holding properties: 1",  # examples may hold anything
    "data/fields.yml giving date the type text",  # a text date is not a date: the document's year comes from its period
}


@pytest.mark.parametrize("case", CASES)
def test_the_check_reports_and_does_not_crash(tmp_path, case):
    repo = MiniRepo(tmp_path / "repo")
    CASES[case](repo)
    problems = repo.check()  # raised before
    if case not in QUIET:
        assert problems, "the bad value is reported"
    assert all(p.code.startswith("ZX") and p.message and p.hint is not None for p in problems)


def _plan_of_9999(repo: MiniRepo) -> None:
    """A plan of the year 9999 (named so: no ZX213) whose unreported item falls on 12-31."""
    repo.write(
        "docs/plans/9999-test-consultation-plan.md",
        repo.read(PLAN).replace('period: "2019"', 'period: "9999"').replace("date: 2019-02-01", "date: 9999-02-01"),
    )
    repo.write(
        "data/plans/9999-test-consultation-plan.yml", repo.read(PLAN_DATA).replace("time: 3月", "time: 9999-12-31")
    )


# Bad data the check lets through, which once raised while the build wrote its outputs (after the
# pages: `mkdocs build` stopped with a traceback).
OUTPUT_CASES = {
    "a report held on 9999-12-31": lambda r: r.edit(SUMMARY_DATA, "    date: 2019-03-20", "    date: 9999-12-31"),
    "an item on 12-31 of a plan of 9999": _plan_of_9999,
}


@pytest.mark.parametrize("case", OUTPUT_CASES)
def test_the_outputs_are_written_and_do_not_crash(tmp_path, case):
    from zhengxie.build.validate import validate
    from zhengxie.derive.followthrough import FollowThrough
    from zhengxie.outputs.feeds import build_feeds
    from zhengxie.outputs.ical import FILE, build_calendars
    from zhengxie.outputs.opendata import build_open_data

    repo = MiniRepo(tmp_path / "repo")
    OUTPUT_CASES[case](repo)
    corpus = validate(repo.root)[0]
    follow = FollowThrough(corpus)
    calendars = build_calendars(corpus, follow, "https://example.org/")  # raised before
    assert calendars[FILE].startswith(b"BEGIN:VCALENDAR")
    assert build_feeds(corpus, "https://example.org/") and build_open_data(corpus, follow, "https://example.org/")
