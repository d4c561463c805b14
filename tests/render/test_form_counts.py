"""Issue 30: a plan that gives its activities as counts by form (全年安排专题协商会3次、对口协商5次……)
without listing them shows those counts as written, and never says it lists 0 items."""

from __future__ import annotations

from checks_support import PLAN, PLAN_DATA, build_site, make_buildable, summary

PLAN_ID = "2019-counted-consultation-plan"  # a second plan of the mini-repo, beside the one with items


def test_a_plan_counted_by_form_shows_its_counts_as_written(zx_repo, tmp_path):
    zx_repo.write(
        f"docs/plans/{PLAN_ID}.md", zx_repo.read(PLAN).replace("2019年度协商计划", "2019年度协商计划（按形式计）")
    )
    zx_repo.write(
        PLAN_DATA.replace("2019-test-consultation-plan", PLAN_ID),
        "stated_count: 13\nform_counts: {专题协商会: 3, counterpart: 5, 双月协商座谈会: 5余次}\n",
    )
    assert summary(zx_repo.check()) == []
    result = build_site(make_buildable(zx_repo), tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    page = (tmp_path / "site" / "plans" / PLAN_ID / "index.html").read_text(encoding="utf-8")
    assert "按协商形式：专题协商会 3、对口协商 5、双月协商座谈会 5余次" in page
    assert "本计划所述：13 项。" in page and "列出 0 项" not in page
