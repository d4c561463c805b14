"""Broken fixtures for undated documents, inferred years and date consistency (ZX230–ZX237), one per
code, in test_checks_codes' shape: (code, break, file, line, column)."""

from __future__ import annotations

from checks_support import NOTE, PLAN, PLAN_DATA, RULE, SUMMARY_DATA

UNDATED_NOTE = "docs/notes/undated-test-note.md"
UNDATED_NOTE_TEXT = """\
---
title: 学习札记
kind: note
type: study
body: luoyang-city
date: 原文未载
---

学习的体会。
"""


def _undated_note_with_a_date(r):
    r.write(UNDATED_NOTE, UNDATED_NOTE_TEXT.replace("date: 原文未载", "date: 2019-07-01"))


DATE_CASES = [
    # the file name says 2019, the original states no year: the editor picked it
    ("ZX230", lambda r: r.edit(NOTE, "date: 2019-07-01", "date: 原文未载"), NOTE, (NOTE, "date:"), None),
    ("ZX231", _undated_note_with_a_date, UNDATED_NOTE, (UNDATED_NOTE, "date:"), None),
    (
        "ZX232",
        lambda r: r.edit(
            NOTE, "date: 2019-07-01\n", "date: 2019-07-01\ninferred_year: {value: 2019, basis: 依据落款推定}\n"
        ),
        NOTE,
        (NOTE, "year:"),
        None,
    ),
    (  # adopted 10 May, signed 1 May
        "ZX233",
        lambda r: r.edit(
            RULE, "date: 2019-05-01\n", "adopted: {meeting: 主席会议, date: 2019-05-10}\ndate: 2019-05-01\n"
        ),
        RULE,
        (RULE, "date: 2019-05-01"),
        None,
    ),
    (  # a 2019 plan published in December 2020
        "ZX234",
        lambda r: r.edit(PLAN, "date: 2019-02-01\n", "date: 2019-02-01\npublished: 2020-12-20\n"),
        PLAN,
        (PLAN, "published:"),
        None,
    ),
    (  # a 2019 item reported held in 2017
        "ZX235",
        lambda r: r.edit(SUMMARY_DATA, "    date: 2019-03-20\n", "    date: 2017-03-20\n"),
        SUMMARY_DATA,
        (SUMMARY_DATA, "date: 2017-03-20"),
        None,
    ),
    (  # an item of the 2019 plan dated in 2020
        "ZX236",
        lambda r: r.edit(PLAN_DATA, "time: 3月", "time: 2020-03-15"),
        PLAN_DATA,
        (PLAN_DATA, "time: 2020-03-15"),
        None,
    ),
    (  # YAML's not-a-number where a figure belongs
        "ZX237",
        lambda r: r.edit(SUMMARY_DATA, "    value: 100\n", "    value: .nan\n"),
        SUMMARY_DATA,
        (SUMMARY_DATA, "value: .nan"),
        None,
    ),
]
