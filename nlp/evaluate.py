"""Scoring records against gold annotations, as GOLD.md defines it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nlp.gold import GoldDocument
from nlp.record import Record

SIDES3 = ("support", "oppose", "neutral")
STRENGTHS = ("firm", "conditional", "tentative")
QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})


def fold(text: str) -> str:
    """Case, white space and quote marks folded, for quote matching."""
    text = text.translate(QUOTE_MARKS).lower()
    return " ".join(re.sub(r"[\"']", "", text).split())


def quote_matches(quote: str, text: str) -> bool:
    """GOLD.md: the text contains the quote, or shares at least 60% of its words."""
    q, t = fold(quote), fold(text)
    if q in t:
        return True
    words = re.findall(r"\w+", q)
    have = set(re.findall(r"\w+", t))
    return bool(words) and sum(w in have for w in words) / len(words) >= 0.6


def best_statement(quote: str, statements: Sequence[Any]) -> Any:
    """The predicted statement a gold quote is scored against: the shortest that contains it,
    else the shortest that shares 60% of its words, else None."""
    folded = fold(quote)
    containing = [s for s in statements if folded in fold(s.text)]
    candidates = containing or [s for s in statements if quote_matches(quote, s.text)]
    return min(candidates, key=lambda s: len(s.text)) if candidates else None


def name_matches(forms: Sequence[str], predicted: str | None) -> bool:
    """A predicted speaker matches when it contains one of the forms, or a form's surname."""
    if not predicted:
        return False
    p = predicted.lower()
    return any(f.lower() in p or f.split()[-1].lower() in p.split() for f in forms if f.strip())


def contains_any(forms: Sequence[str], predicted: str | None) -> bool:
    return bool(predicted) and any(f.lower() in str(predicted).lower() for f in forms)


def macro_f1(pairs: Sequence[tuple[str, str]], labels: Sequence[str]) -> float:
    """Macro-F1 over ``labels`` from (gold, predicted) pairs; labels absent from both are skipped."""
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores) if scores else 0.0


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def prf(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return {
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Scorer:
    """Accumulates every GOLD.md score over many documents."""

    boroughs: Tally = field(default_factory=Tally)
    officials: Tally = field(default_factory=Tally)
    figures: Tally = field(default_factory=Tally)
    commitments: Tally = field(default_factory=Tally)
    role_hits: list[bool] = field(default_factory=list)
    org_hits: list[bool] = field(default_factory=list)
    counts_hits: list[bool] = field(default_factory=list)
    strength_pairs: list[tuple[str, str]] = field(default_factory=list)
    statement_found: list[bool] = field(default_factory=list)
    speaker_hits: list[bool] = field(default_factory=list)
    stance_pairs: list[tuple[str, str]] = field(default_factory=list)
    relevance_hits: list[bool] = field(default_factory=list)
    document_hits: list[bool] = field(default_factory=list)
    speaker_pairs: list[tuple[str, str]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, gold: GoldDocument, record: Record) -> None:
        g = gold.gold
        ignore = g.get("ignore") or {}
        if "boroughs" in g:
            self._boroughs(g["boroughs"], record, ignore.get("boroughs", []), gold.name)
        if "officials" in g:
            self._officials(g["officials"], record, gold.name)
        if "figures" in g:
            self._figures(g["figures"], record, ignore.get("figures", []), gold.name)
        if "commitments" in g:
            self._commitments(g["commitments"], record, ignore.get("commitments", []), gold.name)
        if "statements" in g:
            self._statements(g["statements"], record, gold.name)
        if "stance" in g:
            self.document_hits.append(g["stance"] == record.stance.label)
            if not self.document_hits[-1]:
                self.misses.append(f"{gold.name}: document stance {record.stance.label} (gold {g['stance']})")
        if "speakers" in g:
            self._speakers(g["speakers"], record, gold.name)

    def _boroughs(self, gold: list[str], record: Record, ignore: list[str], name: str) -> None:
        predicted = {b.code for b in record.boroughs} - set(ignore)
        expected = set(gold)
        self.boroughs.add(len(predicted & expected), len(predicted - expected), len(expected - predicted))
        self.misses += [f"{name}: borough missed {c}" for c in expected - predicted]
        self.misses += [f"{name}: borough extra {c}" for c in predicted - expected]

    def _officials(self, gold: list[dict[str, Any]], record: Record, name: str) -> None:
        unmatched = list(record.officials)
        for item in gold:
            surname = item["name"].split()[-1].lower()
            hit = next((o for o in unmatched if o.name.split()[-1].lower() == surname), None)
            if hit is None:
                self.misses.append(f"{name}: official missed {item['name']}")
                continue
            unmatched.remove(hit)
            if item.get("role"):
                self.role_hits.append(contains_any(item["role"], hit.role))
            if item.get("organisation"):
                self.org_hits.append(contains_any(item["organisation"], hit.organisation))
                if not self.org_hits[-1]:
                    self.misses.append(
                        f"{name}: organisation {hit.organisation!r} for {hit.name} (gold {item['organisation']})"
                    )
            if item.get("role") and not self.role_hits[-1]:
                self.misses.append(f"{name}: role {hit.role!r} for {hit.name} (gold {item['role']})")
        self.misses += [f"{name}: official extra {o.name} ({o.role})" for o in unmatched]
        self.officials.add(
            len(record.officials) - len(unmatched), len(unmatched), len(gold) - (len(record.officials) - len(unmatched))
        )

    def _figures(self, gold: list[dict[str, Any]], record: Record, ignore: list[float], name: str) -> None:
        unmatched = [f for f in record.figures if f.value not in ignore]
        tp = 0
        for item in gold:
            hit = next((f for f in unmatched if float(f.value) == float(item["value"])), None)
            if hit is None:
                self.misses.append(f"{name}: figure missed {item['value']} {item.get('counts')}")
                continue
            unmatched.remove(hit)
            tp += 1
            words = re.findall(r"\w+", str(item.get("counts", "")).lower())
            self.counts_hits.append(all(w in str(hit.counts or "").lower() for w in words))
            if not self.counts_hits[-1]:
                self.misses.append(f"{name}: counts {hit.counts!r} for {hit.text!r} (gold {item.get('counts')!r})")
        self.misses += [f"{name}: figure extra {f.value} ({f.text})" for f in unmatched]
        self.figures.add(tp, len(unmatched), len(gold) - tp)

    def _commitments(self, gold: list[dict[str, Any]], record: Record, ignore: list[str], name: str) -> None:
        unmatched = [c for c in record.commitments if not any(quote_matches(q, c.text) for q in ignore)]
        tp = 0
        for item in gold:
            hit = next((c for c in unmatched if quote_matches(item["quote"], c.text)), None)
            if hit is None:
                self.misses.append(f"{name}: commitment missed {item['quote']!r}")
                continue
            unmatched.remove(hit)
            tp += 1
            self.strength_pairs.append((item["strength"], hit.strength))
        self.misses += [f"{name}: commitment extra {c.text[:70]!r}" for c in unmatched]
        self.commitments.add(tp, len(unmatched), len(gold) - tp)

    def _statements(self, gold: list[dict[str, Any]], record: Record, name: str) -> None:
        for item in gold:
            hit = best_statement(item["quote"], record.statements)
            self.statement_found.append(hit is not None)
            self.speaker_hits.append(hit is not None and name_matches(item["speaker"], hit.speaker))
            label = hit.stance.label if hit else "(not found)"
            if item["stance"] in SIDES3 or label in SIDES3:
                self.stance_pairs.append((item["stance"], label))
            self.relevance_hits.append(hit is not None and (item["stance"] == "unrelated") == (label == "unrelated"))
            if hit is None:
                self.misses.append(f"{name}: statement missed {item['quote']!r}")
                continue
            if label != item["stance"]:
                self.misses.append(f"{name}: stance {label} for {item['quote']!r} (gold {item['stance']})")
            if not name_matches(item["speaker"], hit.speaker):
                self.misses.append(f"{name}: speaker {hit.speaker!r} for {item['quote']!r} (gold {item['speaker'][0]})")

    def _speakers(self, gold: list[dict[str, Any]], record: Record, name: str) -> None:
        for item in gold:
            hit = next((s for s in record.stance.by_speaker if name_matches(item["speaker"], s.speaker)), None)
            label = hit.label if hit else "(not found)"
            self.speaker_pairs.append((item["stance"], label))
            if label != item["stance"]:
                self.misses.append(f"{name}: speaker stance {label} for {item['speaker'][0]} (gold {item['stance']})")

    def summary(self) -> dict[str, dict[str, float]]:
        def share(values: list[bool]) -> float:
            return sum(values) / len(values) if values else 0.0

        strength_accuracy = share([g == p for g, p in self.strength_pairs])
        return {
            "boroughs": self.boroughs.prf(),
            "officials": {
                **self.officials.prf(),
                "role_accuracy": share(self.role_hits),
                "organisation_accuracy": share(self.org_hits),
            },
            "figures": {**self.figures.prf(), "counts_accuracy": share(self.counts_hits)},
            "commitments": {
                **self.commitments.prf(),
                "strength_accuracy": strength_accuracy,
                "strength_macro_f1": macro_f1(self.strength_pairs, STRENGTHS),
            },
            "statements": {
                "recall": share(self.statement_found),
                "speaker_accuracy": share(self.speaker_hits),
                "stance_macro_f1": macro_f1(self.stance_pairs, SIDES3),
                "relevance_accuracy": share(self.relevance_hits),
                "n": len(self.statement_found),
            },
            "stance": {
                "document_accuracy": share(self.document_hits),
                "speaker_macro_f1": macro_f1(self.speaker_pairs, SIDES3),
                "documents": len(self.document_hits),
                "speakers": len(self.speaker_pairs),
            },
        }


def evaluate(pairs: Iterable[tuple[GoldDocument, Record]]) -> Scorer:
    """Score every (gold, predicted record) pair."""
    scorer = Scorer()
    for gold, record in pairs:
        scorer.add(gold, record)
    return scorer


def format_table(summary: dict[str, dict[str, float]]) -> str:
    """The summary as one readable table per field."""
    lines = []
    for fieldname, scores in summary.items():
        lines.append(fieldname)
        for key, value in scores.items():
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            lines.append(f"  {key:<24}{shown:>8}")
    return "\n".join(lines)


def confusion(pairs: Sequence[tuple[str, str]]) -> Counter[tuple[str, str]]:
    return Counter(pairs)
