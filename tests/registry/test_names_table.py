"""The one table of names per vocabulary (zhengxie.registry.names): name, short and aliases → id,
an id always itself, a shared name resolving to neither."""

from __future__ import annotations

from conftest import ROOT
from zhengxie.registry.names import Names, Spelling
from zhengxie.sources.loader import load_vocabulary


def table(*entries: tuple[str, list[str]]) -> Names:
    return Names.of(
        (id_, [Spelling(text, (i, n)) for n, text in enumerate(texts)]) for i, (id_, texts) in enumerate(entries)
    )


def test_names_and_aliases_resolve_to_the_id() -> None:
    names = table(
        ("luoyang-city", ["中国人民政治协商会议洛阳市委员会", "洛阳市政协", "洛阳政协"]), ("yunxi-city", ["云溪市政协"])
    )
    assert names.resolve("洛阳市政协") == names.resolve(" 洛阳政协 ") == names.resolve("luoyang-city") == "luoyang-city"
    assert names.resolve("无此机构") == "无此机构"  # left as written: the check says it is unknown
    assert names.name_of("luoyang-city") == "中国人民政治协商会议洛阳市委员会"
    assert names.clashes == {}


def test_a_shared_name_is_a_clash_not_a_guess() -> None:
    names = table(("ecology", ["生态环境"]), ("environment", ["环境保护", "生态环境"]))
    assert names.resolve("生态环境") == "生态环境" and names.ambiguous("生态环境")
    clash = names.clashes["生态环境"]
    assert clash.ids == ("ecology", "environment") and clash.path == (1, 1)  # where it is declared again


def test_an_id_stands_for_itself_even_when_it_is_another_entrys_name() -> None:
    names = table(("plenary", ["全体会议"]), ("other", ["plenary"]))
    assert names.resolve("plenary") == "plenary" and not names.ambiguous("plenary")
    assert "plenary" in names.clashes  # still the registry's problem


def test_the_repositorys_registry_has_no_shared_name() -> None:
    corpus = load_vocabulary(ROOT)
    assert [p for p in corpus.problems if p.code == "ZX220"] == []
    vocab = corpus.vocab
    assert vocab.names_of("bodies").resolve("洛阳市政协") == "luoyang-city"
    assert vocab.names_of("types/plan").resolve("年度协商计划") == "consultation"
    assert vocab.names_of("kinds").resolve("协商计划") == "plan"
    assert vocab.names_of("choices/status").resolve("现行有效") == "in-force"
    assert vocab.names_of("breakdowns").resolve("界别") == "sector"
