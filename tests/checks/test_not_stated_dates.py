"""A document whose original states no date (date: 原文未载) is checked like any other, never crashes;
its file name's year stands only when something the original writes gives that year (issue 30)."""

from __future__ import annotations

from checks_support import NOTE, RULE


def test_date_not_stated_needs_a_year_the_original_states(zx_repo):
    zx_repo.edit(RULE, "date: 2019-05-01", "date: 原文未载")
    zx_repo.edit(NOTE, "date: 2019-07-01", "date: 原文未载")
    assert [p.code for p in zx_repo.check()] == ["ZX230", "ZX230"]  # the 2019 of the file names is a guess
    zx_repo.edit(RULE, "date: 原文未载", "date: 原文未载\ndoc_number: 洛政协发〔2019〕3号")
    zx_repo.edit(
        NOTE, "date: 原文未载", "date: 原文未载\ninferred_year: {value: 2019, basis: 依据文中“九届二次会议”推定}"
    )
    assert [p.code for p in zx_repo.check()] == []
