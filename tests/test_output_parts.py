"""Calendars and open data are written without the libraries' slow paths, and kept per document:
the files are exactly what icalendar and json.dumps/csv make of the same events and rows, and a
build after an edit makes again only the parts of the documents that show something else."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import marshal

import icalendar
import pytest

from zhengxie.outputs import ical as calendar
from zhengxie.outputs import opendata
from zhengxie.outputcache import FORMAT, OutputCache
from zhengxie.build.site import Site

URL = "https://example.org/kb/"
UTC = dt.timezone.utc
LONG = "关于推进乡村振兴和城乡融合发展的专题协商（示例）" * 4


def event(**changes) -> calendar.Event:
    fields = dict(uid="2016-plan-3@xieshang", stamp=dt.datetime(2016, 1, 5, tzinfo=UTC), start=dt.date(2016, 3, 1),
                  end=dt.date(2016, 4, 1), summary="专题协商（示例）", description="形式：专题协商\n时间：3月",
                  url=URL + "plans/2016-plan/#item-3", cancelled=False)
    return calendar.Event(**{**fields, **changes})


TEXTS = [
    "", "a,b;c\\d", LONG, "x" * 73 + "\\n", "y" * 72 + "\\,z" * 30, "^" * 200, "z" * 73 + "^" + "w" * 80,
    "\ufeff开头的标记", "第一行\r\n第二行\r第三行\n第四行", "字面的\\N换行" * 9, "🙂emoji🙂" * 30, "é" * 100 + ";" * 40,
    "a" * 74, "a" * 75, "b" * 148, "ab" + "中" * 24 + "\\" + "中" * 30,
]


@pytest.mark.parametrize("text", TEXTS)
def test_an_event_is_written_as_icalendar_writes_it(text):
    for variant in (event(summary=text), event(description=text), event(summary=text, url=None, cancelled=True),
                    event(uid=text + "@xieshang", url=URL + text.replace("\n", "").replace("\r", "")),
                    event(start=dt.date(999, 12, 31), end=dt.date(1000, 1, 1))):
        written = calendar.event_bytes(variant)
        assert written == calendar.event_component(variant).to_ical()
        [parsed] = icalendar.Calendar.from_ical(b"BEGIN:VCALENDAR\r\n" + written + b"END:VCALENDAR\r\n").walk("VEVENT")
        assert parsed.decoded("dtstart") == variant.start
        if "\r" not in variant.summary and "\\N" not in variant.summary:
            assert str(parsed["summary"]) == variant.summary.removeprefix("\ufeff")


def test_an_event_icalendar_refuses_is_refused():
    with pytest.raises(ValueError):
        calendar.event_bytes(event(url=URL + "a\nb"))


def test_an_event_with_a_time_of_day_goes_through_icalendar():
    odd = event(start=dt.datetime(2016, 3, 1, 9, 30), end=dt.datetime(2016, 3, 1, 11, 0))
    assert calendar.event_bytes(odd) == calendar.event_component(odd).to_ical()
    assert b"DTSTART:20160301T093000" in calendar.event_bytes(odd)


VALUES = [
    {"id": "a", "n": 3, "f": 1.5, "t": True, "no": False, "none": None, "list": ["x", 1, None], "empty": [],
     "nested": {"k": {"deep": [{"a": []}, {}]}}, "dict": {}},
    {"text": "引号\"、反斜杠\\、换行\n、控制\x01、\u2028", "big": 10 ** 30, "neg": -0.0, "tiny": 1e-300},
    {"nan": float("nan"), "inf": [float("inf"), -float("inf")]},
    {"keys": {1: "int key", None: "none key", True: "bool key", 2.5: "float key"}},
    {"tuple": ("a", ("b",)), "sub": type("Sub", (str,), {})("子类")},
    [], {}, "plain", 7, None,
]


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("level", [0, 2])
def test_rows_are_written_as_json_dumps_writes_them(value, level):
    expected = json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * level)
    assert opendata._json(value, level) == expected


def test_a_value_json_refuses_is_refused():
    with pytest.raises(TypeError):
        opendata._json({"when": object()}, 2)


def reference_open_data(site: Site) -> dict[str, bytes]:
    """The open data as json.dumps and one csv.writer make it from the tables' rows."""
    base, files = URL, {}
    for name, (rows_of, columns) in opendata.TABLES.items():
        rows = [row for doc in site.corpus.documents.values() for row in rows_of(site.corpus, site.follow, base, doc)]
        payload = {"version": opendata.VERSION, "site": base, "table": name, "rows": rows}
        files[f"opendata/{name}.json"] = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
        if columns:
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow([opendata._cell(row.get(c)) for c in columns])
            files[f"opendata/{name}.csv"] = ("\ufeff" + out.getvalue()).encode("utf-8")
    return files


def reference_calendars(site: Site) -> dict[str, bytes]:
    """The calendars with every event made by icalendar's objects."""
    original = calendar.event_bytes
    calendar.event_bytes = lambda e: calendar.event_component(e).to_ical()
    try:
        return calendar.build_calendars(site.corpus, site.follow, URL)
    finally:
        calendar.event_bytes = original


def test_calendars_and_open_data_are_those_the_libraries_make(fixture_root, monkeypatch):
    monkeypatch.setenv("ZX_NO_CACHE", "1")
    site = Site.load(fixture_root, template_dir=fixture_root / "overrides")
    files = site.outputs(URL)
    for path, content in reference_open_data(site).items():
        assert files[path] == content, path
    calendars = reference_calendars(site)
    assert {path: files[path] for path in calendars} == calendars
    assert len(icalendar.Calendar.from_ical(files["calendar.ics"]).walk("VEVENT")) > 3
    assert json.loads(files["opendata/items.json"])["rows"]


def test_an_empty_table_is_written_as_json_dumps_writes_it(fixture_root, monkeypatch):
    monkeypatch.setenv("ZX_NO_CACHE", "1")
    site = Site.load(fixture_root, template_dir=fixture_root / "overrides")
    monkeypatch.setitem(opendata.TABLES, "figures", (lambda *args: [], opendata.TABLES["figures"][1]))
    files = opendata.build_open_data(site.corpus, site.follow, URL)
    assert json.loads(files["opendata/figures.json"])["rows"] == []
    assert files["opendata/figures.json"] == reference_open_data(site)["opendata/figures.json"]


# ---- OutputCache.parts ---------------------------------------------------------------------------


def store(tmp_path) -> OutputCache:
    return OutputCache(tmp_path, b"global")


def test_parts_are_reused_per_key_and_the_store_holds_this_builds_parts_only(tmp_path):
    made = []
    def compute(part):
        made.append(part)
        return f"value of {part}".encode()

    first = store(tmp_path).parts("p", {"a": b"1", "b": b"1", "c": b"1"}, compute)
    assert first == {"a": b"value of a", "b": b"value of b", "c": b"value of c"} and made == ["a", "b", "c"]
    made.clear()
    cache = store(tmp_path)
    assert cache.parts("p", {"a": b"1", "b": b"2", "d": b"1"}, compute) == {
        "a": b"value of a", "b": b"value of b", "d": b"value of d"}
    assert made == ["b", "d"]
    [entry] = [p for p in (tmp_path / "build/cache/outputs/values").iterdir()]
    assert set(marshal.loads(entry.read_bytes())[3]) == {"a", "b", "d"}  # c is gone
    made.clear()
    assert store(tmp_path).parts("p", {"a": b"1"}, compute) == {"a": b"value of a"} and made == []
    assert set(marshal.loads(entry.read_bytes())[3]) == {"a"}


def test_parts_of_another_global_key_or_a_damaged_store_are_made_again(tmp_path):
    made = []
    def compute(part):
        made.append(part)
        return part
    store(tmp_path).parts("p", {"a": b"1"}, compute)
    OutputCache(tmp_path, b"other code").parts("p", {"a": b"1"}, compute)
    assert made == ["a", "a"]
    [entry] = [p for p in (tmp_path / "build/cache/outputs/values").iterdir()]
    for damage in (b"\x00garbage", entry.read_bytes()[:30], marshal.dumps((FORMAT, "p", b"other code", {"a": "x"})),
                   marshal.dumps((FORMAT, "p", b"global", {"a": "not a pair"}))):
        entry.write_bytes(damage)
        made.clear()
        assert store(tmp_path).parts("p", {"a": b"1"}, compute) == {"a": "a"} and made == ["a"]
