"""Government-portal declarations for tests (data/site.yml, zhengxie.model.portal): a site file with a
small size limit, helpers to attach originals to a mini-repository's document, and the broken fixtures
of the originals and body-code problems in the form of tests/checks/test_checks_codes.py's CASES:
(code, how to break the repo, file, line, column)."""

from __future__ import annotations

from checks_support import PLAN

SITE_YML = """\
# yaml-language-server: $schema=schemas/site.schema.json
sample: true
sample_note: 测试用的网站信息，全部是虚构的示例。
footer:
  sponsor: 测试主办单位（示例）
  organizer: 测试承办单位（示例）
  contact: 电话 0000-0000000（示例）
  site_code: 0000000000（示例）
  icp:
    text: 示ICP备00000000号（示例）
    url: https://beian.miit.gov.cn/
  police:
    text: 示公网安备00000000000000号（示例）
    url: https://beian.mps.gov.cn/
  correction:
    text: jiucuo@example.org（示例）
    url: mailto:jiucuo@example.org
index_number: "{body_code}-{year}-{seq:04d}"
originals:
  max_bytes: 4096
  types:
    - suffix: .pdf
      name: PDF
      signatures: ["255044462d"]
    - suffix: .docx
      name: Word
      signatures: ["504b0304"]
licence:
  name: 测试许可协议（示例）
  url: https://example.org/licence
"""

PDF = b"%PDF-1.4\n% a small stand-in for an original\n%%EOF\n"
DOCX = b"PK\x03\x04" + b"\x00" * 60
ORIGINAL = "docs/plans/originals/2019-test-plan.pdf"


def with_site(r, text: str = SITE_YML) -> None:
    r.write("data/site.yml", text)


def attach(r, *paths: str, doc: str = PLAN) -> None:
    """List `paths` as the document's originals (a YAML list, one per line)."""
    listed = "".join(f"  - {p}\n" for p in paths)
    r.edit(doc, "topics: [ecology, industry]\n", f"topics: [ecology, industry]\noriginals:\n{listed}")


def _original(r, path: str, content: bytes) -> None:
    with_site(r)
    r.write(path, content)
    attach(r, path)


def _duplicate_code(r) -> None:
    r.write(
        "data/bodies.yml",
        r.read("data/bodies.yml")
        + "- {id: test-one, name: 测试一, short: 测试一, level: city, code: TST}\n"
        + "- {id: test-two, name: 测试二, short: 测试二, level: city, code: TST}\n",
    )


LISTED = (PLAN, "  - docs/plans/originals/")

PORTAL_CASES = [
    ("ZX151", lambda r: _original(r, "docs/plans/originals/2019-test-plan.zip", PDF), PLAN, LISTED, None),
    ("ZX152", lambda r: _original(r, ORIGINAL, PDF + b"0" * 5000), PLAN, LISTED, None),
    ("ZX153", lambda r: (with_site(r), attach(r, ORIGINAL)), PLAN, LISTED, None),
    ("ZX154", lambda r: _original(r, ORIGINAL, b"just text, renamed\n"), PLAN, LISTED, None),
    ("ZX155", lambda r: (with_site(r), r.write(ORIGINAL, PDF)), ORIGINAL, 1, None),
    ("ZX156", _duplicate_code, "data/bodies.yml", ("data/bodies.yml", "test-two"), None),
]


# ---- a git repository and a site built from it ---------------------------------------------------

GIT_IDENTITY = ("-c", "user.name=测试", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false")


def git(root, *arguments: str, when: str | None = None) -> str:
    """Run git in `root` (its own identity, no signing); `when`: the commit's date, ISO 8601."""
    import os
    import subprocess

    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    done = subprocess.run(
        ["git", *GIT_IDENTITY, *arguments], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit_all(root, message: str, when: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, when=when)


PORTAL_SITE_URL = "https://example.org/"
NOTE_ID = "2019-test-study-note"
PLAN_ID = "2019-test-consultation-plan"
RULE_ID = "2019-test-rules"
PLAN_INTRO = "以科学理论为指导，围绕中心、服务大局。"  # the plan's first paragraph (checks_support.FILES)
FIRST_COMMIT = "2024-03-05T10:00:00+08:00"
SECOND_COMMIT = "2025-06-18T09:30:00+08:00"


def build_portal_site(base):
    """A mini-repository with the test site file, 洛阳市政协 given the code LYT, the plan attaching a
    PDF and a Word original, committed in two commits (the note changed in the second), built for
    PORTAL_SITE_URL. Returns (repo, site folder)."""
    from checks_support import NOTE, MiniRepo, make_buildable

    repo = make_buildable(MiniRepo(base / "repo"))
    with_site(repo)
    repo.edit("data/bodies.yml", "  parent: null\n", "  parent: null\n  code: LYT\n")  # the first body: 洛阳
    repo.write(ORIGINAL, PDF)
    repo.write("docs/plans/originals/2019 原件.docx", DOCX)
    attach(repo, ORIGINAL, "docs/plans/originals/2019 原件.docx")
    repo.edit(NOTE, "date: 2019-07-01\n", "date: 2019-07-01\nsample: true\n")
    git(repo.root, "init", "-q")
    commit_all(repo.root, "first", FIRST_COMMIT)
    repo.edit(NOTE, "学习的体会，", "学习的体会（修改），")
    commit_all(repo.root, "second", SECOND_COMMIT)
    problems = repo.check()
    assert not problems, "\n".join(p.format() for p in problems)
    out = base / "out"
    result = build_site_at(repo, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return repo, out


def build_site_at(repo, out):
    """checks_support.build_site with SITE_URL set: og:url and canonical links take it."""
    import os

    import python_runs

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZX_SEARCH="0", SITE_URL=PORTAL_SITE_URL)
    return python_runs.run("mkdocs", ["build", "--strict", "--site-dir", str(out)], repo.root, env)
