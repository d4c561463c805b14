"""One site with every class of bad input from issue 25 at once: the check and the strict build
report coded problems and fail; the build without --strict still finishes. None of them shows a
traceback, and the calendar it writes has no line a reader would split inside a value."""

from __future__ import annotations

import pytest

from checks_support import NOTE, PLAN_DATA, RULE, SUMMARY, MiniRepo
from safety_input_support import buildable, codes, run_build, run_check
from zhengxie.text.outline import int_to_chinese

DEEP = "".join("    " * i + "- 层\n" for i in range(40))


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    repo = buildable(MiniRepo(tmp_path_factory.mktemp("bounds") / "repo"))
    articles = "".join(f"第{int_to_chinese(n)}条　内容。\n\n" for n in [*range(3, 1000), 999, 1001])
    repo.edit(RULE, "第三条　依照本规则第一条的规定，本规则自印发之日起施行。", articles + "见第一千零一条。")
    repo.edit(NOTE, "学习的体会，", "学习的体会：\n\n" + DEEP + "\n")
    repo.edit("data/bodies.yml", "parent: juxian-county", "parent: qingfeng-town")
    repo.edit("data/sections.yml", "patterns: ['工作回顾$', ", "patterns: ['^(a+)+$', ")
    repo.edit(SUMMARY, "## 二、存在问题", "## 二、" + "a" * 5000 + "!")
    repo.edit(PLAN_DATA, "title: 黄河流域生态保护", 'title: "黄河流域\\u2028SUMMARY:注入\\x0b生态\\x85保护"')
    return repo


def test_the_check_reports_each_class_and_exits_1(bad_site):
    result = run_check(bad_site.root)
    assert result.returncode == 1
    assert {"ZX305", "ZX136", "ZX512", "ZX301"} <= codes(result.stdout), result.stdout[-3000:]
    assert "Traceback" not in result.stdout + result.stderr


def test_the_strict_build_fails_with_the_same_codes(bad_site, tmp_path):
    result = run_build(bad_site.root, tmp_path / "site")
    assert result.returncode == 1
    assert {"ZX305", "ZX136", "ZX512", "ZX301"} <= codes(result.stdout + result.stderr)
    assert "Traceback" not in result.stdout + result.stderr


def test_the_build_without_strict_finishes_and_the_calendar_stays_in_lines(bad_site, tmp_path):
    result = run_build(bad_site.root, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr
    calendar = (tmp_path / "site" / "calendar.ics").read_bytes().decode("utf-8")
    assert calendar.splitlines() == calendar.split("\r\n")[:-1]
    assert "SUMMARY:黄河流域\\nSUMMARY:注入\\n生态\\n保护" in calendar.replace("\r\n ", "")
    note = (tmp_path / "site" / "notes" / "2019-test-study-note" / "index.html").read_text(encoding="utf-8")
    assert "层" not in note  # the page past the bound is not rendered
    rule = (tmp_path / "site" / "rules" / "2019-test-rules" / "index.html").read_text(encoding="utf-8")
    assert 'id="article-1001"' in rule and 'href="#article-1001"' in rule
