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
