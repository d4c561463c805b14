"""A document whose original states no date (date: 原文未载) is checked like any other, never crashes."""

from __future__ import annotations

from checks_support import NOTE, RULE


def test_date_not_stated_is_accepted_and_the_file_name_gives_the_year(zx_repo):
    zx_repo.edit(RULE, "date: 2019-05-01", "date: 原文未载")
    zx_repo.edit(NOTE, "date: 2019-07-01", "date: 原文未载")
    assert [p.code for p in zx_repo.check()] == []
