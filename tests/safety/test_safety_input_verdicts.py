"""Check ≡ build: over a small set of mini-repositories, `python -m zhengxie check` fails exactly
when `mkdocs build --strict` fails, both report the same problem codes, neither prints a traceback,
and nothing the check refuses reaches the built site."""

from __future__ import annotations

import os

import pytest

from checks_support import NOTE, PLAN, PLAN_DATA, SUMMARY, MiniRepo
from safety_input_cases import outside
from safety_input_support import buildable, codes, run_build, run_check


def _valid(r):
    pass


def _warning(r):
    r.edit(SUMMARY, "调研还不够深入。\n", "")  # ZX303, a warning: the strict build fails on it


def _error(r):
    r.edit(PLAN, "body: luoyang-city", "body: luoyang")


def _refused_files(r):
    r.write("docs/notes/page.html", "<script>alert(1)</script>")
    r.write("docs/notes/logo.svg", "<svg onload=alert(1)></svg>")
    r.write("docs/notes/2019-x-study-note.markdown", "<script>alert(1)</script>")
    os.symlink(outside(r), r.path("docs/notes/passwd.png"))


def _broken_front_matter(r):
    r.write("docs/notes/2019-empty-study-note.md", "---\n---\n")
    r.write("docs/notes/2019-blank-study-note.md", "")
    r.write("docs/notes/2019-tagged-study-note.md", r.read(NOTE).replace("type: study", "type: !!set {a}"))
    r.write(PLAN_DATA, "items: !!binary aGVsbG8=\n")
    r.write("docs/notes/2019-gbk-study-note.md", r.read(NOTE).encode("gbk"))
    r.write("docs/notes/index.md", b"---\ntitle: \xff\xfe\n---\n")


def _year_folder(r):
    r.write("docs/notes/2019/2019-other-study-note.md", r.read(NOTE).replace("../rules/", "../../rules/"))


def _values_beyond_pages(r):
    # Valid content that reaches the feeds, the open data and the theme's nav, not only the pages.
    r.edit(PLAN, "title: 洛阳市政协2019年度协商计划", 'title: "洛阳市政协\\x01 2019年度协商计划"')  # lxml refuses \x01
    r.edit("data/bodies.yml", "name: 中国人民政治协商会议洛阳市委员会", 'name: "中国人民政治协商会议\\x0b洛阳市委员会"')
    r.edit(PLAN_DATA, "title: 黄河流域生态保护", 'title: \'=HYPERLINK("http://example.com/","点击")\'')
    r.edit("docs/plans/index.md", "template: zx-section.html", "template: zx-section.html\nicon: ../../../etc/passwd")


CASES = {
    f.__name__[1:]: f
    for f in (_valid, _warning, _error, _refused_files, _broken_front_matter, _year_folder, _values_beyond_pages)
}


@pytest.mark.parametrize("name", list(CASES))
def test_check_and_strict_build_agree(tmp_path, name):
    repo = buildable(MiniRepo(tmp_path / "repo"))
    CASES[name](repo)
    site = tmp_path / "site"
    check, build = run_check(repo.root), run_build(repo.root, site)
    build_output = build.stdout + build.stderr
    assert "Traceback" not in check.stdout + check.stderr and "Traceback" not in build_output
    assert (check.returncode == 0) == (build.returncode == 0), (check.stdout, build_output[-3000:])
    assert codes(check.stdout) == codes(build_output), build_output[-3000:]
    if name == "valid":
        assert check.returncode == 0
    if name == "warning":
        assert codes(check.stdout) == {"ZX303"} and check.returncode == 1
    if name == "values_beyond_pages":
        assert check.returncode == 0
        assert "洛阳市政协 2019年度协商计划" in (site / "feeds/all.xml").read_text(encoding="utf-8")
        # A spreadsheet shows the title as text instead of running it as a formula.
        assert "'=HYPERLINK(" in (site / "opendata/items.csv").read_text(encoding="utf-8-sig")
    if name == "year_folder":
        assert check.returncode == 0
        assert (site / "notes/2019/2019-other-study-note/index.html").is_file()
    if name == "refused_files":
        assert {"ZX115", "ZX116"} <= codes(check.stdout)
        # Even a lax build (no --strict: it writes the site despite the errors) leaves them out.
        lax = run_build(repo.root, site, strict=False)
        assert lax.returncode == 0 and (site / "index.html").is_file(), lax.stderr[-2000:]
        published = {p.name for p in site.rglob("*")}
        assert "notes" in published
        assert not published & {
            "page.html",
            "logo.svg",
            "passwd.png",
            "2019-x-study-note.markdown",
            "2019-x-study-note",
        }
