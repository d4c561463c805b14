"""The project and MkDocs read the same front-matter block (MkDocs' rule: mkdocs/utils/meta.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils import meta

from checks_support import NOTE, summary
from zhengxie.text.reading import split_front_matter

LINES = [
    "---",
    " ---",
    "--- ",
    "---\t",
    "----",
    "...",
    " ...",
    "title: 标题",
    "",
    " ",
    "a: [1",
    "# c",
    "正文",
    "\ufeff---",
]


def _mkdocs_block(text):
    match = meta.YAML_RE.match(text)
    return (match.group(1)[:-1], text[match.end() :]) if match else None


@given(st.lists(st.sampled_from(LINES), max_size=8), st.booleans())
@settings(max_examples=300, deadline=None, derandomize=True)
def test_the_same_block_as_mkdocs(lines, final_newline):
    text = "\n".join(lines) + ("\n" if final_newline else "")
    split = split_front_matter(text)
    ours = (split.front_matter, split.body) if split.front_matter is not None else None
    assert ours == _mkdocs_block(text)


@pytest.mark.parametrize(
    "text,problem",
    [
        (" ---\ntitle: 学习体会\n---\n\n正文。\n", "第一行的 --- 前面不能有空格或空行"),
        ("\n---\ntitle: 学习体会\n---\n\n正文。\n", "第一行的 --- 前面不能有空格或空行"),
        ("---\n---\n\n正文。\n", "两行 --- 之间没有内容"),
        ("---\ntitle: 学习体会\n --- \n\n正文。\n", "没有单独成行、其后换行的结束 --- 行"),
    ],
)
def test_a_block_mkdocs_would_not_read_is_reported(zx_repo, text, problem):
    assert _mkdocs_block(text) is None
    zx_repo.write(NOTE, text)
    found = [p for p in zx_repo.check() if p.code == "ZX102"]
    assert [(p.file, p.line) for p in found] == [(NOTE, 1)] and problem in found[0].message


def test_trailing_spaces_on_the_fences_are_fine_for_both(zx_repo):
    text = zx_repo.read(NOTE).replace("---\n", "--- \t\n", 2)
    assert _mkdocs_block(text) is not None
    zx_repo.write(NOTE, text)
    assert summary(zx_repo.check()) == []
