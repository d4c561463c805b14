"""The corpus model loads every sample document with its data, whatever the line endings."""
from zhengxie.loader import load_corpus


def test_sample_corpus_has_every_kind(root):
    corpus = load_corpus(root)
    kinds = {d.kind for d in corpus.documents.values()}
    assert {"rule", "plan", "summary"} <= kinds


def test_sample_plan_has_its_eighteen_items(root):
    plan = load_corpus(root).documents["2018-luoyang-consultation-plan"]
    assert len(plan.items) == 18
    assert all(item.lead and item.departments for item in plan.items)


def test_bom_and_crlf_load_like_plain_files(tmp_path, root):
    import shutil

    shutil.copytree(root / "data", tmp_path / "data")
    (tmp_path / "docs" / "notes").mkdir(parents=True)
    text = "---\ntitle: 学习体会\nkind: note\nbody: luoyang-city\ndate: 2018-05-04\n---\n\n## 一、体会\n\n正文。\n"
    (tmp_path / "docs" / "notes" / "2018-a.md").write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode())
    (tmp_path / "docs" / "notes" / "2018-b.md").write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    a, b = corpus.documents["2018-a"], corpus.documents["2018-b"]
    assert (a.title, a.date, a.headings) == (b.title, b.date, b.headings)
    assert a.headings[0].line == 8
