"""Gold annotations (GOLD.md): loading and validation.

Runnable on its own for corpus authors: ``python nlp/gold.py corpus/`` lists every problem.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BOROUGH_CODES = frozenset(f"E090000{n:02d}" for n in range(1, 34))
KINDS = frozenset({"press_release", "transcript", "debate", "news", "other"})
STATEMENT_STANCES = frozenset({"support", "oppose", "neutral", "unrelated"})
DOCUMENT_STANCES = frozenset({"support", "oppose", "neutral", "mixed", "unrelated"})
STRENGTHS = frozenset({"firm", "conditional", "tentative"})
TOP_KEYS = frozenset(
    {
        "source",
        "date",
        "kind",
        "boroughs",
        "officials",
        "figures",
        "commitments",
        "statements",
        "speakers",
        "stance",
        "ignore",
        "notes",
        "split",
    }
)


@dataclass
class GoldDocument:
    """A text with what a careful reader finds in it."""

    name: str
    text: str
    gold: dict[str, Any]
    path: Path = field(default_factory=Path)


def gold_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """Every ``NAME.txt`` with a ``NAME.gold.json`` beside it, below ``folder``, sorted."""
    pairs = []
    for gold_path in sorted(folder.rglob("*.gold.json")):
        text_path = gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
        if text_path.exists():
            pairs.append((text_path, gold_path))
    return pairs


def load_gold_dir(folder: Path) -> list[GoldDocument]:
    """Load every gold pair below ``folder``."""
    docs = []
    for text_path, gold_path in gold_pairs(folder):
        text = text_path.read_text(encoding="utf-8-sig")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        docs.append(GoldDocument(text_path.stem, text, gold, text_path))
    return docs


def _fold(text: str) -> str:
    table = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
    return " ".join(text.translate(table).lower().split())


def _check_quotes(doc: GoldDocument, key: str) -> list[str]:
    problems = []
    folded = _fold(doc.text)
    for item in doc.gold.get(key) or []:
        quote = item.get("quote", "")
        if not quote or _fold(quote) not in folded:
            problems.append(f"{key}: quote not in text: {quote!r}")
    return problems


def _check_labels(gold: dict[str, Any]) -> list[str]:
    problems = []
    if gold.get("kind") not in KINDS:
        problems.append(f"kind not one of {sorted(KINDS)}: {gold.get('kind')!r}")
    if "stance" in gold and gold["stance"] not in DOCUMENT_STANCES:
        problems.append(f"document stance invalid: {gold['stance']!r}")
    for code in gold.get("boroughs") or []:
        if code not in BOROUGH_CODES:
            problems.append(f"boroughs: not a London GSS code: {code!r}")
    for item in gold.get("statements") or []:
        if item.get("stance") not in STATEMENT_STANCES:
            problems.append(f"statements: invalid stance {item.get('stance')!r}")
        if not isinstance(item.get("speaker"), list) or not item["speaker"]:
            problems.append(f"statements: speaker must be a non-empty list: {item!r}")
    for item in gold.get("speakers") or []:
        if item.get("stance") not in STATEMENT_STANCES - {"unrelated"}:
            problems.append(f"speakers: invalid stance {item.get('stance')!r}")
    for item in gold.get("commitments") or []:
        if item.get("strength") not in STRENGTHS:
            problems.append(f"commitments: invalid strength {item.get('strength')!r}")
    return problems


def _check_shapes(gold: dict[str, Any]) -> list[str]:
    problems = [f"unknown key {key!r}" for key in gold if key not in TOP_KEYS]
    for item in gold.get("officials") or []:
        if not isinstance(item.get("name"), str):
            problems.append(f"officials: name must be a string: {item!r}")
        for key in ("role", "organisation"):
            if key in item and not isinstance(item[key], list):
                problems.append(f"officials: {key} must be a list: {item!r}")
    for item in gold.get("figures") or []:
        if not isinstance(item.get("value"), (int, float)) or not isinstance(item.get("counts"), str):
            problems.append(f"figures: need numeric value and string counts: {item!r}")
    return problems


def validate(doc: GoldDocument) -> list[str]:
    """Every problem with one gold document, as readable lines (empty when it is sound)."""
    problems = _check_shapes(doc.gold) + _check_labels(doc.gold)
    problems += _check_quotes(doc, "statements") + _check_quotes(doc, "commitments")
    return problems


def main(argv: list[str]) -> int:
    bad = 0
    for folder in argv or ["."]:
        for doc in load_gold_dir(Path(folder)):
            for problem in validate(doc):
                bad += 1
                print(f"{doc.path}: {problem}")
    print("gold files are sound" if not bad else f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
