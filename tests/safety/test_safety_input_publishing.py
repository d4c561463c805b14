"""What can be published: an allowlist of file types in docs/, no symlinks anywhere in docs/ or
data/, nothing read from outside the repository — and none of it printed into the CI log."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from checks_support import NOTE, PLAN, PLAN_DATA, ROOT, summary
from safety_input_cases import SECRET, outside


@pytest.mark.parametrize(
    "name",
    [
        "docs/notes/page.html",
        "docs/notes/page.htm",
        "docs/notes/logo.svg",
        "docs/notes/2019-x-note.markdown",
        "docs/notes/2019-x-note.mdown",
        "docs/notes/2019-x-note.MD",
        "docs/notes/style.css",
        "docs/evil.js",
        "docs/notes/README",
        "docs/assets/page.html",
        "docs/assets/font.woff2",
    ],
)
def test_files_outside_the_allowlist_are_refused(zx_repo, name):
    zx_repo.write(name, "<script>alert(1)</script>")
    problems = zx_repo.check()
    assert ("ZX115", name, 1) in summary(problems)


def test_pages_images_and_assets_are_published(zx_repo):
    for name in (
        "docs/notes/photo.png",
        "docs/notes/photo.jpg",
        "docs/notes/photo.jpeg",
        "docs/photo.gif",
        "docs/notes/photo.webp",
        "docs/assets/site.css",
        "docs/assets/site.js",
    ):
        zx_repo.write(name, b"x")
    zx_repo.write("docs/notes/.hidden.html", "<script>alert(1)</script>")  # MkDocs never publishes dot files
    assert zx_repo.check() == []


def _run_check(root, fmt):
    return subprocess.run(
        [sys.executable, "-m", "zhengxie", "check", "--root", str(root), "--format", fmt],
        env={"PYTHONPATH": str(ROOT / "hooks")},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("link", [PLAN_DATA, NOTE, "data/topics.yml", "docs/index.md", "data/problems.yml"])
def test_a_symlink_is_refused_and_never_read(zx_repo, link):
    if link == "data/problems.yml":  # the catalogue itself: a coded problem is impossible, but never its text
        zx_repo.delete(link)
        os.symlink(outside(zx_repo), zx_repo.path(link))
        for fmt in ("text", "github", "json"):
            result = _run_check(zx_repo.root, fmt)
            assert result.returncode == 1 and SECRET not in result.stdout + result.stderr
        return
    zx_repo.delete(link)
    os.symlink(outside(zx_repo), zx_repo.path(link))
    for fmt in ("text", "github", "json"):
        result = _run_check(zx_repo.root, fmt)
        assert result.returncode == 1
        assert SECRET not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr
    assert [p.line for p in zx_repo.check() if p.code == "ZX116" and p.file == link] == [1]


def test_a_symlinked_schema_is_not_read(zx_repo, tmp_path):
    schema = zx_repo.path("data/schemas/front-matter.schema.json")
    outside = tmp_path / "schema.json"
    outside.write_text('{"type": "object", "properties": {"title": {"maxLength": 1}}}', encoding="utf-8")
    schema.unlink()
    os.symlink(outside, schema)
    problems = zx_repo.check()
    assert [p.line for p in problems if p.code == "ZX116" and p.file == "data/schemas/front-matter.schema.json"] == [1]
    assert not any(p.code == "ZX200" or "maxLength" in p.message for p in problems)


def test_a_symlinked_folder_is_refused_and_not_entered(zx_repo, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "2019-evil-study-note.md").write_text("---\ntitle: x\n---\n<script>alert(1)</script>\n")
    os.symlink(outside, zx_repo.path("docs/notes/linked"))
    os.symlink(outside, zx_repo.path("data/plans/linked"))
    os.symlink(zx_repo.path("docs"), zx_repo.path("docs/notes/loop"))
    problems = zx_repo.check()
    got = summary(problems)
    for rel in ("docs/notes/linked", "data/plans/linked", "docs/notes/loop"):
        assert ("ZX116", rel, 1) in got
    assert not any("evil" in p.file for p in problems)


def test_docs_or_data_itself_as_a_symlink_is_refused(zx_repo, tmp_path):
    real = tmp_path / "real-data"
    os.rename(zx_repo.path("data"), real)
    os.symlink(real, zx_repo.path("data"))
    result = _run_check(zx_repo.root, "text")
    assert result.returncode != 0 and "Traceback" not in result.stderr


def test_a_fifo_is_refused_without_being_opened(zx_repo):
    os.mkfifo(zx_repo.path("docs/notes/2019-pipe-study-note.md"))
    os.mkfifo(zx_repo.path("data/plans/2019-pipe.yml"))
    got = summary(zx_repo.check())  # opening a FIFO would block forever
    assert ("ZX115", "docs/notes/2019-pipe-study-note.md", 1) in got
    assert ("ZX115", "data/plans/2019-pipe.yml", 1) in got


def test_the_build_publishes_only_what_the_check_accepts(zx_repo):
    from zhengxie.build.website import Site

    zx_repo.write("docs/notes/page.html", "<script>alert(1)</script>")
    zx_repo.write("docs/notes/photo.png", b"x")
    os.symlink(outside(zx_repo), zx_repo.path("docs/notes/passwd.png"))
    site = Site.load(zx_repo.root, template_dir=ROOT / "overrides")
    assert site.publishable("notes/photo.png") and site.publishable(NOTE[len("docs/") :])
    assert site.publishable(PLAN[len("docs/") :])
    assert not site.publishable("notes/page.html")
    assert not site.publishable("notes/passwd.png")


THEME_LINKS = [
    "overrides/leak.txt",  # a file MkDocs copies into the site as it is
    "overrides/partials/zx/footer.html",  # a template every page includes
    "overrides/.icons/zx/seal.svg",  # Material inlines icons from .icons/
    "overrides/linked",  # a folder
    "mkdocs.yml",
]


def test_a_symlink_the_theme_would_follow_is_refused(zx_repo, tmp_path):
    """MkDocs reads overrides/ and mkdocs.yml besides docs/: a linked template would be rendered and a
    linked file published from wherever it points (a footer linked to ../.git/config would print the
    checkout's credentials on every page)."""
    for link in THEME_LINKS:
        zx_repo.path(link).parent.mkdir(parents=True, exist_ok=True)
        zx_repo.path(link).unlink(missing_ok=True)
        os.symlink(tmp_path if link == "overrides/linked" else outside(zx_repo), zx_repo.path(link))
    got = summary(zx_repo.check())
    assert [entry for entry in got if entry[0] == "ZX116"] == sorted(("ZX116", link, 1) for link in THEME_LINKS)


def test_the_build_publishes_no_linked_theme_file_and_fails(tmp_path):
    from checks_support import MiniRepo, build_site, make_buildable
    from zhengxie.build.website import Site

    repo = make_buildable(MiniRepo(tmp_path / "repo"))
    os.symlink(outside(repo), repo.path("overrides/leak.txt"))
    result = build_site(repo, tmp_path / "site")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "overrides/leak.txt:1: 错误 ZX116" in result.stdout + result.stderr
    assert not (tmp_path / "site" / "leak.txt").exists()
    site = Site.load(repo.root, template_dir=repo.path("overrides"))
    assert not site.publishes(str(repo.path("overrides")), "leak.txt")
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", repo.path("overrides/linked"))
    site = Site.load(repo.root, template_dir=repo.path("overrides"))
    assert not site.publishes(str(repo.path("overrides")), "linked/secret.txt")  # whatever lists a linked folder
    assert site.publishes(str(repo.path("overrides")), "main.html")
    assert not any(SECRET in p.read_text(errors="replace") for p in (tmp_path / "site").rglob("*") if p.is_file())


def test_a_linked_template_is_never_rendered_even_in_a_preview(tmp_path):
    """Not strict (as `make serve` builds): the linked footer counts as missing, so the build stops
    without printing what the link points at."""
    import python_runs
    from checks_support import MiniRepo, make_buildable

    repo = make_buildable(MiniRepo(tmp_path / "repo"))
    footer = repo.path("overrides/partials/zx/footer.html")
    footer.unlink()
    os.symlink(outside(repo), footer)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZX_SEARCH="0")
    result = python_runs.run("mkdocs", ["build", "--site-dir", str(tmp_path / "site")], repo.root, env)
    assert result.returncode == 1 and "partials/zx/footer.html" in result.stdout + result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert not any(SECRET in p.read_text(errors="replace") for p in (tmp_path / "site").rglob("*") if p.is_file())
