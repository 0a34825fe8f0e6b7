"""The corpus: every gold file is sound."""

from __future__ import annotations

from nlp.gold import load_gold_dir, validate
from tests.conftest import CORPUS


def test_every_gold_file_is_sound() -> None:
    docs = load_gold_dir(CORPUS)
    assert docs, "the corpus is empty"
    problems = [f"{doc.name}: {p}" for doc in docs for p in validate(doc)]
    assert not problems, "\n".join(problems[:20])


def test_corpus_meets_its_counts() -> None:
    from collections import Counter

    docs = load_gold_dir(CORPUS)
    genres = Counter(doc.name.split("-")[0] for doc in docs)
    assert len(docs) >= 60
    assert genres["pr"] >= 25 and genres["tr"] >= 15 and genres["db"] >= 10 and genres["nw"] >= 10
    stances = Counter(s["stance"] for doc in docs for s in doc.gold.get("statements", []))
    assert sum(stances.values()) >= 800
    assert min(stances["support"], stances["oppose"], stances["neutral"]) >= 150 and stances["unrelated"] >= 250
    codes = {code for doc in docs for code in doc.gold.get("boroughs", [])}
    assert codes == {f"E090000{n:02d}" for n in range(1, 34)}  # every borough and the City


def test_split_is_fixed_and_covers_every_document_once() -> None:
    import json

    split = json.loads((CORPUS / "split.json").read_text())
    names = {doc.name for doc in load_gold_dir(CORPUS)}
    assert set(split["train"]) | set(split["test"]) == names
    assert not set(split["train"]) & set(split["test"])
    assert len(split["test"]) >= len(names) // 6
