"""Round trip: import the test originals into a buildable mini-repo, make the fixes the report lists
(as an editor would, programmatically here), then the check finds nothing and the strict build passes."""

from __future__ import annotations

import re

from checks_support import build_site, make_buildable
from import_fixtures import plan_docx, report_txt, rule_docx
from zhengxie.build.validate import validate
from zhengxie.text.values import NOT_STATED_TEXT
from zhengxie.tools.importer import import_file

WHOLE_MARKER = re.compile(r"^【待核：[^】]*】\n\n?", re.M)
MARKER = re.compile(r"【待核：[^】]*】")
# The editor's decisions for what the report names (here: what the originals made by the tests say).
FORMS = {"社区嵌入式养老服务": "grassroots"}


def _fix(root, part) -> None:
    md = root / part.paths[0]
    text = md.read_text(encoding="utf-8")
    for todo in part.found.todos:
        if todo.code == "ZX215":
            text = re.sub(rf"^# {todo.field}:.*$", f"{todo.field}: {NOT_STATED_TEXT}", text, count=1, flags=re.M)
        elif todo.code == "ZX205":
            text = re.sub(rf"^{todo.field}: \[\].*\n", "", text, count=1, flags=re.M)
        elif todo.code == "ZX406":
            data = root / part.paths[1]
            entry = f"  - id: {todo.field}\n"
            source = data.read_text(encoding="utf-8")
            title = re.search(rf"{re.escape(entry)}    title: (.*)\n", source).group(1)
            data.write_text(
                source.replace(
                    entry + f"    title: {title}\n", entry + f"    title: {title}\n    form: {FORMS[title]}\n"
                ),
                encoding="utf-8",
            )
        else:
            assert todo.code == "ZX130", todo
    text = WHOLE_MARKER.sub("", text)  # notes on their own line: placed or dropped by the editor
    text = MARKER.sub("原件此处未填写", text)  # placeholders the original left empty
    md.write_text(text, encoding="utf-8")


def test_import_fix_check_build(zx_repo, tmp_path):
    site = make_buildable(zx_repo).root
    paths = []
    for original in (
        plan_docx(tmp_path / "plan.docx"),
        rule_docx(tmp_path / "rule.docx"),
        report_txt(tmp_path / "report.txt"),
    ):
        imported = import_file(site, original)
        for part in imported.parts:
            assert not part.error
            before = {p.code for p in validate(site)[1] if p.file in part.paths}
            assert before == {t.code for t in part.found.todos}, (before, part.found.todos)
            _fix(site, part)
            paths += part.paths
    assert validate(site)[1] == [], [p.format() for p in validate(site)[1]]
    build = build_site(zx_repo, tmp_path / "out")
    assert build.returncode == 0, build.stdout + build.stderr
    page = (tmp_path / "out" / "plans" / "2024-yunxi-city-consultation-plan" / "index.html").read_text(encoding="utf-8")
    assert "城乡供水一体化" in page and "文旅融合发展" in page
