"""Plainly written YAML is read without libyaml's nodes (zhengxie.plainyaml) and gives exactly what
libyaml's reading gives: the same data, of the same types, the same line for every key and list
item, in the same order. What it cannot read the same way it declines, and libyaml reads it."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from checks_support import PLAN, PLAN_DATA, SUMMARY_DATA, MiniRepo
from zhengxie import plainyaml
from zhengxie.text.reading import loader
from zhengxie.text.reading import parse_yaml, read_source, split_front_matter
from zhengxie.build.validate import validate

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))

import gen_corpus  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "corpus"


def assert_read_alike(text: str, first_line: int = 1) -> bool:
    """True when plainyaml read the text (then it matches libyaml's reading), False when it declined."""
    found = plainyaml.read_plain(text, first_line)
    if found is None:
        return False
    expected = parse_yaml(text, first_line)
    assert expected.issues == [], text
    data, lines = found
    assert repr(data) == repr(expected.data), text  # repr: 1 and 1.0 and True differ
    assert list(lines.items()) == list(expected.lines.items()), text
    return True


def yaml_texts(root: Path) -> list:
    """(text, first line) of every front matter and data file under root."""
    found = []
    for path in sorted((root / "docs").rglob("*.md")) + sorted((root / "data").rglob("*.yml")):
        text, _ = read_source(path, root)
        if text is None:
            continue
        if path.suffix == ".md":
            split = split_front_matter(text)
            if split.front_matter is not None:
                found.append((split.front_matter, split.front_matter_line))
        else:
            found.append((text, 1))
    return found


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list:
    root = tmp_path_factory.mktemp("plain-yaml") / "site"
    gen_corpus.generate(root, 40, seed=3)
    return yaml_texts(root) + yaml_texts(FIXTURES)


def test_generated_and_fixture_files_are_read_alike(generated):
    read = [assert_read_alike(text, line) for text, line in generated]
    assert sum(read) > 0.9 * len(read)  # nearly all are plain: the point of the fast reading


# Pieces that change how YAML reads a line: comments, indicators, quotes, anchors, tags, typed
# values, odd spaces and line breaks, keys YAML reads otherwise, document markers.
PIECES = ["#", " #", " # c", ": ", ":", "&a ", "*a", "!!str ", "!x ", "|", ">", "- ", "-", "\t", "  ", "\n",
          "\n  ", "\n    x", "'", "''", '"', '\\"', "[", "]", "[]", "{", "}", "{a: 1}", "{a: 1, b: [c]}", ",", "?", "? ", "~",
          "null", "Null", "0x1F", "0o17", "1_000", "10:30", "1e3", ".5", "+1", "-1", "0b101", "yes", "off",
          "TRUE", "<<", "=", "\u2028", "\x85", "\ufeff", "\x07", "\u3000", "\xa0", "---", "...", "%", "：",
          "@", "`", "2019-01-01", "1.0", "NaN", ".inf", "-.inf", "a b", "x: [a, b]", "x:", "- x: 1", "：y"]


def mutations(text: str, rng: random.Random, count: int):
    for _ in range(count):
        lines = text.split("\n")
        choice = rng.random()
        if choice < 0.6:
            at = rng.randrange(len(text) + 1)
            yield text[:at] + rng.choice(PIECES) + text[at:]
        elif choice < 0.75:
            at = rng.randrange(len(text) + 1)
            yield text[:at] + text[at + rng.randrange(1, 4):]
        elif choice < 0.9:
            i = rng.randrange(len(lines))
            yield "\n".join(lines[:i] + [lines[i]] + lines[i:])  # a line twice: duplicate keys and items
        else:
            i = rng.randrange(len(lines))
            yield "\n".join(lines[:i] + [" " * rng.randrange(1, 5) + lines[i]] + lines[i + 1:])


def test_mutated_files_are_read_alike_or_declined(generated):
    rng = random.Random(12)
    bases = rng.sample(generated, 60)
    read = declined = 0
    for text, line in bases:
        for mutated in mutations(text, rng, 60):
            if assert_read_alike(mutated, line):
                read += 1
            else:
                declined += 1
    assert read and declined  # both ways are exercised


@pytest.mark.parametrize("text", [
    "a: 1\nb: [1, 2.5, true, null, ~, x]\nc:\n  - d: '3'\n    e: \"4\"\n  - f\n  - -2\n",
    "  a: 1\n  b:\n    c: 2\n",
    "# comment\n\na: x#y\n  # indented comment\nb: 2006-06-19\n",
    "a:\n  -   b: 1\n      c: 2\n",
    "a: b\n\n\n",
    "a: []\nb: [ a , b ]\nc: {d: 1, e: x y}\nf: {}\n",
    "items:\n  - id: p01\n    roles:\n      lead: 某委员会\n      participants: [甲, 乙]\n",
])
def test_small_texts(text):
    assert assert_read_alike(text, 5)


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",  # duplicate key: reported by libyaml's reading
    "a: x # comment\n",
    "a: |\n  x\n",
    "a: b\n  c\n",  # a value continued on the next line
    "a:\n- b\n",  # a list at the key's own indentation
    "a: &x 1\nb: *x\n",
    "- a\n- b\n",  # not a mapping
    "a: [a, [b]]\n",
    "a: {b: {c: 1}}\n",
    "a:\tb\n",
    "a: \"x\\ty\"\n",
    "a: <<\n",
    "a: 1\n---\nb: 2\n",
])
def test_declined_texts(text):
    assert plainyaml.read_plain(text) is None


def test_the_verdict_is_the_same_with_and_without_it(zx_repo: MiniRepo, monkeypatch):
    zx_repo.edit(PLAN_DATA, "form: thematic", "form: thematik")
    zx_repo.edit(PLAN, "topics: [", "topics: [unknown-topic, ")
    zx_repo.write(SUMMARY_DATA, zx_repo.read(SUMMARY_DATA) + "extra: 1\nextra: 2\n")
    fast = [p.as_dict() for p in validate(zx_repo.root)[1]]
    monkeypatch.setattr(loader, "read_plain", lambda text, first_line=1: None)
    assert [p.as_dict() for p in validate(zx_repo.root)[1]] == fast
    assert {p["code"] for p in fast} >= {"ZX503", "ZX501", "ZX106"}
