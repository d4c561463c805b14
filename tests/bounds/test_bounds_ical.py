"""calendar.ics never carries a character a reader may split lines on inside a value: content's
line separators (CR, LF, VT, FF, FS/GS/RS, NEL, U+2028, U+2029) are written as the escape \\n, other
control characters are dropped, and a URL's are percent-encoded. Whatever the text, the file has
exactly the content lines the events have."""

from __future__ import annotations

import datetime as dt

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengxie.outputs.ical import Event, _assemble, event_bytes, event_component, one_line

SEPARATORS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
CONTROLS = "".join(map(chr, [*range(0x20), 0x7F, *range(0x80, 0xA0)]))
# Text with every kind of separator and control, the characters TEXT escapes, a fake property and CJK.
_TEXT = st.text(
    alphabet=st.sampled_from(list(SEPARATORS + CONTROLS + "\\;,:N aSUMMARY协商\ufeff")) | st.characters(), max_size=200
)
STAMP = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
PROPERTIES = ("BEGIN:", "SUMMARY:", "DTSTART;", "DTEND;", "DTSTAMP:", "UID:", "DESCRIPTION:", "STATUS:", "URL:", "END:")


def _event(
    summary: str,
    description: str = "说明",
    url: str | None = "https://example.org/x/",
    start: dt.date = dt.date(2019, 3, 1),
    cancelled: bool = False,
) -> Event:
    return Event(
        uid="2019-x-p01@xieshang",
        stamp=STAMP,
        start=start,
        end=start + dt.timedelta(days=1),
        summary=summary,
        description=description,
        url=url,
        cancelled=cancelled,
    )


def _content_lines(data: bytes) -> list[str]:
    """The file's content lines as any reader sees them: split wherever str.splitlines splits (a
    superset of what readers split on), then unfolded."""
    lines: list[str] = []
    for line in data.decode("utf-8").splitlines():
        if line.startswith(" ") and lines:
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


@settings(max_examples=300)
@given(_TEXT, _TEXT, _TEXT, st.booleans())
def test_no_text_adds_a_line(summary, description, url_tail, cancelled):
    event = _event(summary, description, "https://example.org/" + url_tail, cancelled=cancelled)
    data = event_bytes(event)
    text = data.decode("utf-8")
    assert text.splitlines() == text.split("\r\n")[:-1]  # CRLF is the only line break in the file
    lines = _content_lines(data)
    assert len(lines) == 9 + cancelled
    assert all(line.startswith(PROPERTIES) for line in lines), lines


@settings(max_examples=200)
@given(_TEXT)
def test_a_reader_gets_the_text_back_with_separators_as_newlines(summary):
    parsed = icalendar.Event.from_ical(event_bytes(_event(summary)))
    expected = one_line(summary)
    expected = expected[1:] if expected.startswith("\ufeff") else expected
    assert str(parsed["SUMMARY"]) == expected.replace("\\N", "\n")


@settings(max_examples=200)
@given(_TEXT, _TEXT)
def test_the_fast_writer_matches_icalendar(summary, url_tail):
    event = _event(summary, summary, "https://example.org/" + url_tail.lstrip("\ufeff"))
    assert event_bytes(event) == event_component(event).to_ical()


def test_every_separator_is_escaped_and_every_control_dropped():
    assert one_line("x".join(SEPARATORS)) == "x".join("\n" * len(SEPARATORS))
    assert one_line("a\r\nb") == "a\nb"
    assert one_line("a" + CONTROLS.replace("\t", "").translate({ord(c): None for c in SEPARATORS}) + "b") == "ab"
    summary = next(
        line
        for line in _content_lines(event_bytes(_event("甲\u2028SUMMARY:乙\x85丙\x0b丁")))
        if line.startswith("SUMMARY")
    )
    assert summary == "SUMMARY:甲\\nSUMMARY:乙\\n丙\\n丁"


def test_a_url_with_separators_is_percent_encoded():
    url = next(
        line
        for line in _content_lines(event_bytes(_event("x", url="https://e.org/a\u2028b\tc\x00d")))
        if line.startswith("URL")
    )
    assert url == "URL:https://e.org/a%E2%80%A8b%09c%00d"


def test_a_calendar_name_with_separators_stays_one_line():
    data = _assemble("机构\u2029X-INJECTED:1\x0c名", [event_bytes(_event("x"))])
    lines = _content_lines(data)
    assert not any(line.startswith("X-INJECTED") for line in lines)
    assert "X-WR-CALNAME:机构 X-INJECTED:1 名" in lines
