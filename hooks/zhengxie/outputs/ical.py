"""The scheduled consultation items as an iCalendar file (calendar.ics), one event per item.

One calendar for all bodies (calendar.ics) and one per body (calendars/<body>.ics), every plan
year. A plan's events are written once (event_bytes: the bytes icalendar writes, without building
its objects per event, which cost about 0.25 ms an event) and go into both files, so the work is
linear in the number of items; a build reuses the events of plans whose inputs are unchanged
(Site.output_parts) and puts the files together again.

An item with a known date of holding (or a new date after postponement) is an all-day event on
that date; otherwise it spans its planned time (month, quarter, half-year, dates). An item whose
time the plan does not state (原文未载) or that has none written is no event: the calendar never
invents a month; the year pages list such items under 时间未定. An item of a plan marked 示例 says so
in its summary and description. UIDs and DTSTAMPs derive from the data only, so the same sources
always give the same file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import icalendar

from zhengxie.derive.followthrough import FollowThrough
from zhengxie.model import urls
from zhengxie.model.corpus import Corpus, Document
from zhengxie.outputs.feeds import SAMPLE, SAMPLE_NOTE
from zhengxie.text.values import NOT_STATED_TEXT, When

FILE = "calendar.ics"
BODY_FOLDER = "calendars/"
UID_DOMAIN = "xieshang"


def body_file(body_id: str) -> str:
    return f"{BODY_FOLDER}{body_id}.ics"


def _span(year: int, when: When | None) -> tuple[dt.date, dt.date] | None:
    """[start, end) of the planned time; None when the plan states none (such items stay out of
    calendars: a reader must not see a date the original never gave)."""
    if when is None or not when.placed:
        return None
    try:
        if when.day is not None and when.last_day is not None:  # (dates have both)
            return dt.date(year, when.first_month, when.day), dt.date(
                year, when.last_month, when.last_day
            ) + dt.timedelta(days=1)
        end = dt.date(year + 1, 1, 1) if when.last_month == 12 else dt.date(year, when.last_month + 1, 1)
        return dt.date(year, when.first_month, 1), end
    except ValueError:  # a day the month does not have: the check reports it
        return None
    except OverflowError:  # ending on 9999-12-31: an end the calendar cannot write
        return None


def _day(day: dt.date) -> tuple[dt.date, dt.date] | None:
    """[day, the next day): an all-day event; None on 9999-12-31, which has no next day to end on."""
    return (day, day + dt.timedelta(days=1)) if day < dt.date.max else None


def _new_calendar(name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//协商知识库//zhengxie//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", one_line(name).replace("\n", " "))  # icalendar writes X- values unescaped
    return cal


# What a reader may take for the end of a content line: CR and LF, and also VT, FF, the file, group
# and record separators, NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR (str.splitlines and many
# readers split there). In text each becomes a newline, which TEXT escaping writes as \n.
_LINE_SEPARATORS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# The other control characters (C0 but TAB, DEL, C1) and lone surrogates are never text: dropped.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_URL_UNSAFE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\t]")  # … and TAB


def one_line(value: str) -> str:
    """Content text as a property value may hold it: every line separator a newline (escaped when
    written), every other control character gone."""
    return _CONTROLS.sub("", _LINE_SEPARATORS.sub("\n", value))


def _url_value(value: str) -> str:
    """A URL with its line separators, TABs and control characters percent-encoded (they are not URL
    characters; encoded, the link still names the same item)."""
    return _URL_UNSAFE.sub(_percent, _LINE_SEPARATORS.sub(_percent, value))


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group(0).encode("utf-8", "replace"))


def build_calendar(corpus: Corpus, follow: FollowThrough, site_url: str | None = None) -> bytes:
    """Every scheduled item of every plan year, all bodies."""
    return build_calendars(corpus, follow, site_url)[FILE]


def calendar_plans(corpus: Corpus) -> list[Document]:
    """The plans whose items may be events, in path order (the order of the events in every file)."""
    return [plan for plan in corpus.documents.values() if plan.items and plan.year]


def build_calendars(corpus: Corpus, follow: FollowThrough, site_url: str | None = None) -> dict[str, bytes]:
    """{path: ics bytes}: calendar.ics with all items, calendars/<body>.ics per body with a plan.
    Each plan's events are serialised once and go into both files."""
    names: dict[str, str] = {}
    for doc in corpus.documents.values():  # every body with a plan gets its file, even if empty
        if doc.items and doc.body and doc.body not in names:
            body = corpus.vocab.bodies.get(doc.body)
            names[doc.body] = f"{body.name if body else doc.body}协商计划安排"
    plans = calendar_plans(corpus)
    events = {plan.id: plan_events(corpus, follow, plan, site_url) for plan in plans}
    per_body: dict[str, list[bytes]] = {body_id: [] for body_id in names}
    for plan in plans:
        if plan.body:
            per_body[plan.body].append(events[plan.id])
    files = {FILE: _assemble("协商计划安排", [events[plan.id] for plan in plans])}
    files.update({body_file(b): _assemble(names[b], found) for b, found in per_body.items()})
    return files


_END = b"END:VCALENDAR\r\n"


def _assemble(name: str, events: list[bytes]) -> bytes:
    head: bytes = _new_calendar(name).to_ical()
    return head[: -len(_END)] + b"".join(events) + _END


def plan_events(corpus: Corpus, follow: FollowThrough, plan: Document, site_url: str | None) -> bytes:
    """The VEVENTs of one plan's items with a placed time, in the plan's order. What they show
    comes from the plan, the vocabularies and the reports on its items (its follow-through).
    A plan without a year (none of calendar_plans) has no events."""
    year = plan.year
    if not year:
        return b""
    base = (site_url or "/").rstrip("/") + "/"
    vocab = corpus.vocab
    stamp = dt.datetime.combine(plan.date or dt.date(year, 1, 1), dt.time(), dt.UTC)
    found: list[bytes] = []
    for item in plan.items:
        status = follow.of_item(item)
        line = status.latest if status else None
        report = line.report if line else None
        # A report whose status is dated (held, postponed: data/statuses.yml) moves the event to its date.
        dated = report is not None and report.date is not None and line is not None and line.state.dated
        if dated and report and report.date:
            span = _day(report.date)
        else:
            when = item.when  # a time that names its year (2020-03-15) is on that year, not the plan's
            span = _span(when.year if when is not None and when.year else year, when)
        if span is None:
            continue
        url = base + urls.item_url(plan.url, item.id)
        forms = [vocab.forms[f].name if f in vocab.forms else f for f in item.forms]
        lines = [f"{SAMPLE}：{plan.sample_note or SAMPLE_NOTE}"] if plan.sample else []
        lines += [f"形式：{' → '.join(forms)}", f"时间：{item.time_label}"]
        for role_id, names in item.roles.items():
            role = vocab.roles.get(role_id)
            lines.append(f"{role.name if role else role_id}：{'、'.join(names) if names else NOT_STATED_TEXT}")
        lines.append(f"计划：{plan.title}")
        if status:
            lines.append(f"落实情况：{status.label}")
        lines.append(url)
        found.append(
            event_bytes(
                Event(
                    uid=f"{plan.id}-{item.id}@{UID_DOMAIN}",
                    stamp=stamp,
                    start=span[0],
                    end=span[1],
                    summary=f"{item.title}（{SAMPLE}）" if plan.sample and SAMPLE not in item.title else item.title,
                    description="\n".join(lines),
                    url=url if site_url else None,
                    cancelled=bool(status and status.status == "cancelled"),
                )
            )
        )
    return b"".join(found)


@dataclass(frozen=True, slots=True)
class Event:
    """What one event says; `event_bytes` writes it as icalendar would."""

    uid: str
    stamp: dt.datetime  # midnight UTC
    start: dt.date
    end: dt.date
    summary: str
    description: str
    url: str | None
    cancelled: bool


def event_component(event: Event) -> icalendar.Event:
    """The event as an icalendar component: the reference `event_bytes` matches byte for byte."""
    component = icalendar.Event()
    component.add("uid", one_line(event.uid))
    component.add("dtstamp", event.stamp)
    component.add("dtstart", event.start)
    component.add("dtend", event.end)
    component.add("summary", one_line(event.summary))
    component.add("description", one_line(event.description))
    if event.url is not None:
        component.add("url", _url_value(event.url))
    if event.cancelled:
        component.add("status", "CANCELLED")
    return component


def event_bytes(event: Event) -> bytes:
    """The VEVENT as icalendar serialises it (properties in its canonical order, TEXT escaped,
    lines folded below 75 octets), written directly: building icalendar's objects for each of
    tens of thousands of events was most of a build's calendar time. Anything but plain dates
    and a UTC midnight stamp goes through icalendar itself. Every text is `one_line` first, and a
    URL's line separators are percent-encoded: no reader finds a line break in a value."""
    stamp = event.stamp
    if not (
        type(event.start) is dt.date
        and type(event.end) is dt.date
        and stamp.tzinfo is dt.UTC
        and stamp.time() == dt.time()
    ):
        ical: bytes = event_component(event).to_ical()
        return ical
    lines = [
        b"BEGIN:VEVENT",
        _fold("SUMMARY:" + _text(event.summary)),
        b"DTSTART;VALUE=DATE:" + _date(event.start),
        b"DTEND;VALUE=DATE:" + _date(event.end),
        b"DTSTAMP:" + _date(stamp) + b"T000000Z",
        _fold("UID:" + _text(event.uid)),
        _fold("DESCRIPTION:" + _text(event.description)),
    ]
    if event.cancelled:
        lines.append(b"STATUS:CANCELLED")
    if event.url is not None:
        lines.append(_fold("URL:" + _unmarked(_url_value(event.url))))
    lines.append(b"END:VEVENT\r\n")
    return b"\r\n".join(lines)


def _date(day: dt.date) -> bytes:
    return f"{day.year:04}{day.month:02}{day.day:02}".encode()


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping, in icalendar's order (a literal \\N is a newline to it), of the
    value made `one_line`."""
    return _unmarked(
        one_line(value)
        .replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _unmarked(value: str) -> str:
    # icalendar reads each value back as UTF-8 with a signature: one leading BOM goes
    return value[1:] if value.startswith("\ufeff") else value


_FOLD_AT = 74  # octets a line (or a continuation, after its space) holds
_ESCAPES = (ord("\\"), ord("^"))  # never the last octet of a folded line: the escape would split


def _fold(line: str) -> bytes:
    """The content line folded as icalendar folds it: at the last character boundary within 74
    octets, never right after a backslash or caret (it moves to the next line)."""
    data = line.encode("utf-8")
    if len(data) <= _FOLD_AT:
        return data
    parts: list[bytes] = []
    start, size = 0, len(data)
    while size - start > _FOLD_AT:
        end = start + _FOLD_AT
        while data[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        if end - start > 1 and data[end - 1] in _ESCAPES:
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts)
