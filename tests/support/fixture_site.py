"""Sites for the tests that do not depend on which sample documents the repository holds.

`assemble(dest)` writes a site made of the repository's machinery (mkdocs.yml, hooks/, overrides/,
docs/ without its documents, data/ vocabularies and schemas, copied so they stay in sync) and the
fixture corpus in tests/fixtures/corpus/. `copy_repository(dest)` copies the real repository as it is.
`transplant` re-dates the fixture documents into another site, which is how a test adds documents
in years and bodies that no sample has.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import yaml

import python_runs

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "corpus"
FIXTURE_YEARS = (2016, 2015)  # every year the fixture documents use; transplant maps each to a new one
# The fixture documents the tests name (doc ids; their pages are /<folder>/<id>/).
PLAN = "2016-minghu-consultation-plan"  # 6 items: held, merged, postponed, cancelled, unreported
SUMMARY = "2016-minghu-annual-summary"  # figures and the reports on PLAN's items
HALF_YEAR = "2016-qingxi-half-year-summary"
RULE = "2015-qingxi-office-rules"  # three chapters, five articles, one cross-reference
NOTE = "2016-baishi-study-note"  # the one document without sample: true
MACHINERY = ("mkdocs.yml", "hooks", "overrides")
IGNORE = shutil.ignore_patterns("__pycache__")
FRONT_MATTER = re.compile(r"\A\ufeff?---\r?\n(.*?)\r?\n---\r?\n", re.S)


def front_matter(path: Path) -> dict:
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    meta = yaml.safe_load(match.group(1)) if match else None
    return meta if isinstance(meta, dict) else {}


def is_document(path: Path) -> bool:
    """A document declares its kind; home, section index and guide pages do not."""
    return path.suffix == ".md" and "kind" in front_matter(path)


def documents(root: Path) -> list[Path]:
    return sorted(p for p in (root / "docs").rglob("*.md") if is_document(p))


def data_file(root: Path, doc: Path) -> list[Path]:
    """The data files (data/<folder>/<doc-id>.yml) that belong to a document."""
    return sorted(p for p in (root / "data").glob(f"*/{doc.stem}.yml"))


def _copy(source: Path, dest: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, dest, ignore=IGNORE, dirs_exist_ok=True)
    else:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, dest)


def copy_repository(dest: Path) -> Path:
    """The real repository (machinery, docs/ and data/) copied to dest."""
    for name in (*MACHINERY, "docs", "data"):
        _copy(ROOT / name, dest / name)
    return dest


def fixture_bodies() -> list[dict]:
    return yaml.safe_load((FIXTURE / "data" / "bodies.yml").read_text(encoding="utf-8"))


def add_bodies(root: Path, bodies: list[dict] | None = None) -> None:
    """Append bodies (the fixture bodies by default) to root's data/bodies.yml, except those it lists."""
    target = root / "data" / "bodies.yml"
    known = {b["id"] for b in yaml.safe_load(target.read_text(encoding="utf-8")) or []}
    wanted = [b for b in (fixture_bodies() if bodies is None else bodies) if b["id"] not in known]
    if wanted:
        text = target.read_text(encoding="utf-8").rstrip("\n") + "\n"
        text += yaml.safe_dump(wanted, allow_unicode=True, sort_keys=False, default_flow_style=False)
        target.write_text(text, encoding="utf-8", newline="\n")


def assemble(dest: Path) -> Path:
    """The fixture site: the repository without its documents, plus the fixture corpus."""
    for name in MACHINERY:
        _copy(ROOT / name, dest / name)
    for path in sorted((ROOT / "docs").rglob("*")):
        if path.is_file() and not is_document(path):
            _copy(path, dest / path.relative_to(ROOT))
    for path in sorted((ROOT / "data").iterdir()):  # vocabularies and schemas, not documents' data
        if path.is_file() or path.name == "schemas":
            _copy(path, dest / "data" / path.name)
    add_bodies(dest)
    for folder in ("docs", "data/plans", "data/summaries"):
        for path in sorted((FIXTURE / folder).rglob("*")):
            if path.is_file():
                _copy(path, dest / path.relative_to(FIXTURE))
    return dest


def transplant(dest: Path, years: dict[int, int], bodies: dict[str, str] | None = None) -> list[str]:
    """Copy the fixture documents (and their data files) into dest with each fixture year replaced by
    years[year] (ids, file names, dates, text) and each fixture body id by bodies[id]; the bodies are
    added to dest's data/bodies.yml. Returns the new document ids."""
    bodies = bodies or {}
    pattern = re.compile(
        "|".join([r"20\d\d", *(rf"\b{re.escape(b)}\b" for b in sorted(bodies, key=len, reverse=True))])
    )

    def rename(text: str) -> str:
        def one(match: re.Match) -> str:
            word = match.group()
            return str(years.get(int(word), word)) if word.isdigit() else bodies[word]

        return pattern.sub(one, text)

    add_bodies(
        dest,
        [
            dict(b, id=bodies.get(b["id"], b["id"]), parent=bodies.get(b["parent"], b["parent"]))
            for b in fixture_bodies()
        ],
    )
    ids = []
    for doc in documents(FIXTURE):
        for path in [doc, *data_file(FIXTURE, doc)]:
            target = dest / rename(str(path.relative_to(FIXTURE)))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(rename(path.read_text(encoding="utf-8")), encoding="utf-8", newline="\n")
        ids.append(rename(doc.stem))
    return ids


# ---- running the checks and the build ------------------------------------------------------------


def check(root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    return python_runs.run("zhengxie", ["check", "--root", str(root)], root, env)


def build(root: Path, out: Path, search: bool = False) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the site at root into out (Pagefind only when search=True)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if not search:
        env["ZX_SEARCH"] = "0"
    return python_runs.run("mkdocs", ["build", "--strict", "--site-dir", str(out)], root, env)
