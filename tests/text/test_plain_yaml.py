"""Plain YAML read by zhengxie.text.plainyaml gives exactly what libyaml gives: the same data (types
included), the same line for every key and list item, the same duplicate keys, the same "finite"
flag — on every YAML text of the fixture corpus, on hand-picked edge cases, and on thousands of
texts made by cutting and splicing those files. Whatever it does not read goes to libyaml."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checks_support import ROOT
from zhengxie.text import plainyaml
from zhengxie.text.reading import parse_yaml, split_front_matter

CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def _corpus_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "data").rglob("*.yml"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").glob("*.yml"))]
    for path in sorted((CORPUS / "docs").rglob("*.md")):
        block = split_front_matter(path.read_text(encoding="utf-8")).front_matter
        if block is not None:
            texts.append(block)
    return texts


TEXTS = _corpus_texts()


def _same(text: str, first_line: int = 1) -> None:
    fast, slow = parse_yaml(text, first_line), parse_yaml(text, first_line, plain=False)
    assert repr(fast.data) == repr(slow.data)  # repr: 1 and True and 1.0 differ
    assert list(fast.lines.items()) == list(slow.lines.items())
    assert fast.issues == slow.issues
    assert fast.finite == slow.finite


def test_the_corpus_reads_the_same():
    for text in TEXTS:
        _same(text, 3)


TYPICAL = """# yaml-language-server: $schema=../schemas/plan-data.schema.json
stated_count: 2
items:
  - id: p01
    title: 示例议题一
    form: thematic
    time: 6月
    roles:
      lead-unit: 示例委员会
      participants: [示例局甲, 示例局乙]
    topics: [talent]
  - id: p02
    title: 示例议题二
    time: 第三季度
    summary: 围绕示例议题，开展协商。
"""


def test_typical_data_and_front_matter_are_read_without_libyaml():
    front = 'title: 示例\nkind: plan\ndate: 2022-02-05\nperiod: "2022"\ntopics: [a, b]\nsample: true\n'
    for text in (TYPICAL, front):
        assert plainyaml.read(text, 1, lambda v: v, ()) is not None
        _same(text, 2)


EDGES = [
    "a: 1\nb: 1.5\nc: true\nd: ~\ne:\nf: null\ng: 2019-03-01\nh: 10:30\ni: 0x1F\nj: 1_000\nk: .inf\nl: -.inf\n",
    "a: .nan\n",
    "a: yes\nb: No\nc: off\nd: =\ne: <<\n",
    "a: [1, b, true, ~, 2.5, .inf]\nb: []\nc: [ ]\nd: [a b, c]\n",
    'a: "x: y #z"\nb: ""\nc: "1"\n',
    "a: x\na: y\n",
    "a:\n  b: 1\na: 2\n",
    "a:\n  b: 1\n  b: [x]\n",
    "items:\n- a\n- b\nc: 1\n",
    "items:\n  - id: p1\n    x: 1\n  - id: p2\n    id: p3\n",
    "- a\n- b\n",
    "  a: 1\n",
    "# only a comment\n",
    "",
    "a: 1\n  b: 2\n",
    "a: b: c\n",
    "a: x #c\n",
    "a: x#c\n",
    "a: [x]#\n",
    "a:\n  - b:\n    - c\n  - d\n",
    "a:\n- x:\n  - 1\n  y: 2\n",
    "a: -1\nb: +1\nc: -x\n",
    "a: x\n---\nb: y\n",
    "a: x\n...\n",
    "? a\n: b\n",
    "a:x\n",
    "a : x\n",
    "a: 'x'\n",
    "a: x\n\n\n   \n# c\n  # c\nb: y\n",
    "a:\n\n  b: 1\n",
    "a: 1" + "0" * 5000 + "\n",
    "a: \u3000x\u3000\nb: \xa0\n",
    "a: x\u2028y\n",
    "a: x\x85y\n",
    "a:\tx\n",
    "a: x\r\nb: y\n",
    "\ufeffa: x\n",
    "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 40)),
    "a: [" + ", ".join(["x"] * 200) + "]\n",
    "title：x\n",
    "a: 1\n-\n",
    "a:\n  -\n  - b\n",
    "a: [x, ]\n",
    "a: [x, [y]]\n",
    "a: x]\nb: x[y\nc: x,y\n",
]


@pytest.mark.parametrize("text", EDGES)
def test_edge_cases_read_the_same(text):
    _same(text)
    _same(text, 5)


def test_cut_and_spliced_corpus_texts_read_the_same():
    pieces = [" ", "  ", "\n", "- ", "-", ":", ": ", "#", " #", "[", "]", ",", '"', "'", "a", "1", ".inf", "~", "~\n"]
    pieces += ["null", "yes", "=", "<<", "2020-01-01", "10:30", "\u3000", "：", "?", "k: v\n", "  x: 1\n", "- a: 1\n"]
    pieces += ["  - b\n", "items:\n- x\n", "\t", "k:\n", "k: []\n", "k: [a, 1, true]\n", '"a"', "-\n", "--- "]
    rnd = random.Random(20261207)
    small = [t for t in TEXTS if len(t) < 3000]
    for _ in range(5000):
        text = rnd.choice(small)
        for _ in range(rnd.randint(1, 4)):
            at = rnd.randint(0, len(text))
            roll = rnd.random()
            if roll < 0.5:
                text = text[:at] + rnd.choice(pieces) + text[at:]
            elif roll < 0.8:
                text = text[:at] + text[at + rnd.randint(1, 5) :]
            else:
                lines = text.split("\n")
                lines[rnd.randrange(len(lines))] = lines[rnd.randrange(len(lines))]
                text = "\n".join(lines)
        _same(text, rnd.randint(1, 3))


_KEYS = st.sampled_from(["a", "b", "id", "lead-unit", "x_1"])
_VALUES = st.sampled_from(["x", "1", "true", "~", "", "2.5", "[a, 1]", "[]", '"q"', "中文", "a b", "-1", "a:b"])
_LINE = st.tuples(st.integers(0, 3), st.booleans(), st.one_of(st.none(), _KEYS), _VALUES)


@given(st.lists(_LINE, max_size=12))
def test_generated_block_texts_read_the_same(lines):
    text = "".join(
        "  " * indent + ("- " if dash else "") + (f"{key}: " if key else "") + value + "\n"
        for indent, dash, key, value in lines
    )
    _same(text)


def test_a_value_the_libyaml_path_refuses_is_refused_the_same_way():
    for text in ("a: =\n", "a: [=]\n"):  # the `value` tag: no constructor, a ZX114 finding
        fast, slow = parse_yaml(text), parse_yaml(text, plain=False)
        assert fast.issues == slow.issues and fast.data is slow.data is None


def test_plain_reader_leaves_anchors_and_block_scalars_to_libyaml():
    for text in ("a: &x 1\nb: *x\n", "a: |\n  x\n", "a: !!str 1\n", "a: {b: 1}\n"):
        assert plainyaml.read(text, 1, lambda v: v, ()) is None


def test_fixture_corpus_is_found():
    assert Path(CORPUS).is_dir() and len(TEXTS) > 20
