"""A valid new document in any year or body never turns `make test` red, nor does removing a sample.

The real repository is copied to tmp and grows: the fixture documents are re-dated into a plan year
newer than every document it holds and into a year none of them uses, issued by bodies no document
uses (added to the copy's data/bodies.yml). The core check and the strict build must pass, and the
checks that hold for any site (site_checks) must hold for every document, old and new.
"""

from __future__ import annotations

import re

import pytest
import yaml

from fixture_site import (
    FIXTURE,
    FIXTURE_YEARS,
    ROOT,
    build,
    check,
    copy_repository,
    data_file,
    documents,
    fixture_bodies,
    front_matter,
    transplant,
)
from site_checks import calendar_plan_ids, header_problems, index_problems, missing_pages
from site_checks import documents as site_documents


def filed_years(root) -> dict[str, int | None]:
    """Document id -> the year the site files it under (its period's, else its date's, else its name's)."""
    from zhengxie.sources.loader import load_corpus

    return {doc.id: doc.year for doc in load_corpus(root).documents.values()}


def new_bodies(root) -> dict[str, str]:
    """Fixture body id -> an id neither data/bodies.yml nor any document of root uses."""
    used = {b["id"] for b in yaml.safe_load((root / "data" / "bodies.yml").read_text(encoding="utf-8")) or []}
    used |= {front_matter(p).get("body") for p in documents(root)}
    ids = [b["id"] for b in fixture_bodies()]
    suffix = next(s for s in ("", *(f"-{n}" for n in range(2, 100))) if not {i + s for i in ids} & used)
    return {i: i + suffix for i in ids}


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """(root, new doc ids, newest year, unused year) of the real repository with the fixture added."""
    root = copy_repository(tmp_path_factory.mktemp("grown") / "repo")
    years = set(filed_years(root).values()) - {None}
    newest = max(years | {2030}) + 1
    unused = next(y for y in (2024, *range(2000, newest)) if y not in years)
    ids = transplant(root, {FIXTURE_YEARS[0]: newest, FIXTURE_YEARS[1]: unused}, new_bodies(root))
    return root, ids, newest, unused


@pytest.fixture(scope="module")
def grown_site(grown, tmp_path_factory):
    root = grown[0]
    out = tmp_path_factory.mktemp("grown-site")
    result = build(root, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_the_additions_are_new_years_and_bodies(grown):
    root, ids, newest, unused = grown
    samples = documents(ROOT)
    bodies = {front_matter(p)["body"] for p in samples}
    added = [p for p in documents(root) if p.stem in ids]
    year = filed_years(root)
    assert len(added) == len(documents(FIXTURE)) and {year[p.stem] for p in added} == {newest, unused}
    assert not bodies & {front_matter(p)["body"] for p in added}
    plans = [p for p in added if front_matter(p)["kind"] == "plan"]
    sample_years = [y for y in filed_years(ROOT).values() if y]
    assert plans and all(year[p.stem] > max(sample_years, default=0) for p in plans)


def test_the_check_passes(grown):
    result = check(grown[0])
    assert result.returncode == 0, result.stdout + result.stderr
    assert not re.search(r"ZX\d{3}", result.stdout), result.stdout


def test_the_strict_build_gives_every_document_its_page_header_and_index_entries(grown, grown_site):
    root, ids, site = grown[0], grown[1], grown_site
    docs = site_documents(root)
    assert set(ids) <= {stem for _, stem, _ in docs}
    assert not missing_pages(site, docs)
    assert not header_problems(site, root, docs)
    assert not index_problems(site, root)


def test_the_calendar_holds_the_newest_plan_year(grown, grown_site):
    root, _ids, newest, _ = grown
    year = filed_years(root)
    newest_plans = {p.stem for p in documents(root) if front_matter(p)["kind"] == "plan" and year[p.stem] == newest}
    with_items = {p for p in newest_plans if (root / "data" / "plans" / f"{p}.yml").is_file()}
    assert with_items and with_items <= calendar_plan_ids(grown_site)


def _unreferenced(root, docs):
    """The documents whose id no other file under docs/ or data/ mentions (no links, no reports)."""
    texts = {
        p: p.read_text(encoding="utf-8") for p in [*(root / "docs").rglob("*.md"), *(root / "data").rglob("*.yml")]
    }
    found = []
    for doc in docs:
        own = {doc, *data_file(root, doc)}
        if not any(doc.stem in text for path, text in texts.items() if path not in own):
            found.append(doc)
    return found


def test_removing_a_document_still_passes(tmp_path):
    root = copy_repository(tmp_path / "repo")
    candidates = _unreferenced(root, documents(root))
    if not candidates:  # every sample is referenced (or there are none): remove an added document instead
        transplant(root, {FIXTURE_YEARS[0]: 2031, FIXTURE_YEARS[1]: 2024}, new_bodies(root))
        candidates = _unreferenced(root, documents(root))
    doc = candidates[0]
    for path in [doc, *data_file(root, doc)]:
        path.unlink()
    assert doc.stem not in {p.stem for p in documents(root)}
    result = check(root)
    assert result.returncode == 0, result.stdout + result.stderr
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / "site" / doc.parent.name / doc.stem).exists()
