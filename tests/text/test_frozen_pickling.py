"""Values a forked loader sends back to the parent (zhengxie.sources.forked pickles documents) come
back equal, of the same class, whatever their fields."""

from __future__ import annotations

import pickle

from zhengxie.model.corpus import Sic, Stage, WaiverEntry
from zhengxie.text.values import parse_amount, parse_count, parse_period, parse_when


def test_frozen_values_come_back_equal_and_of_their_class():
    values = [
        parse_amount("20余"),
        parse_amount("73.2%"),
        parse_amount("一百二十余"),
        parse_count("约20项"),
        parse_when("9月至10月"),
        parse_when("2024-03-15"),
        parse_period("2019-H1"),
        parse_period("2016—2018"),
        Sic("原文如此", "12", ("13", "14")),
        Stage("thematic", parse_when("3月"), "先调研"),
        WaiverEntry("原文没有这一节", ("一、指导思想",)),
    ]
    for value in values:
        back = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == value and type(back) is type(value)
        assert pickle.loads(pickle.dumps([value, value])) == [value, value]
