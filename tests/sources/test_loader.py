"""The corpus model loads every document with its data, whatever the line endings."""

from fixture_site import FIXTURE, documents
from zhengxie.sources.loader import load_corpus


def test_corpus_has_every_document_and_kind(fixture_root):
    corpus = load_corpus(fixture_root)
    assert set(corpus.documents) == {path.stem for path in documents(FIXTURE)}
    kinds = {d.kind for d in corpus.documents.values()}
    assert kinds == {"rule", "plan", "summary", "note"}


def test_plan_items_load_with_their_time_roles_and_lead(zx_repo):
    from checks_support import PLAN

    plan = load_corpus(zx_repo.root).documents[PLAN.split("/")[-1][: -len(".md")]]
    assert [item.id for item in plan.items] == ["p01", "p02"]
    first, second = plan.items
    assert first.lead == "市政协人口资源环境委员会"
    assert first.roles["participants"] == ("市生态环境局", "市水利局")
    assert (first.time.kind, first.when.month, first.time_label) == ("month", 3, "3月")
    assert (second.time.kind, second.when.first_month, second.when.last_month) == ("quarter", 7, 9)
    assert second.forms == ("bimonthly-forum",)


def test_bom_and_crlf_load_like_plain_files(tmp_path, fixture_root):
    import shutil

    shutil.copytree(fixture_root / "data", tmp_path / "data")
    (tmp_path / "docs" / "notes").mkdir(parents=True)
    text = "---\ntitle: 学习体会\nkind: note\nbody: minghu-city\ndate: 2016-05-04\n---\n\n## 一、体会\n\n正文。\n"
    (tmp_path / "docs" / "notes" / "2016-a.md").write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode())
    (tmp_path / "docs" / "notes" / "2016-b.md").write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    a, b = corpus.documents["2016-a"], corpus.documents["2016-b"]
    assert (a.title, a.date, a.headings) == (b.title, b.date, b.headings)
    assert a.headings[0].line == 8


def _broken_copy(fixture_copy):
    """The fixture site with a few files an editor broke: bad YAML, a file that is not UTF-8, a symlink."""
    docs = sorted((fixture_copy / "docs").rglob("*.md"))
    plans = sorted((fixture_copy / "data").glob("*/*.yml"))
    docs[-1].write_bytes(docs[-1].read_bytes().replace(b"title:", b"title: [", 1))
    docs[-2].write_bytes(docs[-2].read_bytes() + b"\xff\xfe")
    plans[0].write_bytes(plans[0].read_bytes() + b"\nitems: {\n")
    docs[3].write_text(
        docs[3].read_text(encoding="utf-8") + "\n[某页](nowhere.md) {{ page.title }} <script>x</script>\n"
    )
    docs[0].unlink()
    docs[0].symlink_to(docs[1])
    return fixture_copy


def test_loading_and_checking_on_several_cores_give_what_one_core_gives(fixture_copy, monkeypatch):
    from zhengxie import checks
    from zhengxie.checks import run_checks
    from zhengxie.sources import forked, loader

    root = _broken_copy(fixture_copy)
    monkeypatch.setattr(loader, "FORK_MINIMUM", 1)  # fork for a handful of documents
    monkeypatch.setattr(forked, "cores", lambda: 4)
    monkeypatch.setattr(forked, "can_fork", lambda: True)  # other tests may leave a server thread running
    started = []
    monkeypatch.setattr(forked, "_start", lambda *a, start=forked._start: started.append(1) or start(*a))
    several = load_corpus(root)
    assert len(started) == 3
    monkeypatch.setattr(forked, "cores", lambda: 1)
    one = load_corpus(root)
    assert list(several.documents) == list(one.documents)
    assert all(several.documents[key] == doc for key, doc in one.documents.items())
    assert several.reporter.problems == one.reporter.problems
    assert {p.code for p in one.reporter.problems} >= {"ZX101", "ZX103", "ZX116"}
    monkeypatch.setattr(checks, "FORK_DOCUMENTS", 1)  # the last checks in a child, beside the others
    monkeypatch.setattr(forked, "cores", lambda: 2)
    started.clear()
    forked_verdict = run_checks(several)
    assert len(started) == 1
    monkeypatch.setattr(forked, "cores", lambda: 1)
    assert forked_verdict == run_checks(one)
    assert list(several.dependencies.items()) == list(one.dependencies.items())  # what `check --changed` reads
    assert any(
        read.startswith("docs/") for reads in one.dependencies.values() for read in reads
    )  # (links, in the child)
    assert {"ZX505", "ZX602"} <= {p.code for p in forked_verdict}  # a broken link and a script, found in the child


def test_a_failed_child_is_replaced_and_none_is_left_behind(monkeypatch):
    import os

    import pytest

    from zhengxie.sources import forked

    parent = os.getpid()

    def job(part):
        if os.getpid() != parent:
            raise RuntimeError("a child fails")
        return [n * n for n in part]

    monkeypatch.setattr(forked, "cores", lambda: 3)
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    children, fork = [], os.fork

    def recorded_fork():
        pid = fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded_fork)
    results = forked.in_slices(list(range(20)), job, 1)
    assert len(results) == len(children) + 1 == 3
    assert [n for part in results for n in part] == [n * n for n in range(20)]
    for pid in children:  # each was waited for: none is left behind
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
