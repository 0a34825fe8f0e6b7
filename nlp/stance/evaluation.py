"""Scoring the stance classifier on gold statements, beside two baselines in the same run.

The baselines: always the training set's majority label, and the cue-lexicon rule. Each
gold statement is given to them as the sentence(s) holding its quote, with its gold
speaker (the "given gold statements" view); the end-to-end figure, with statements found by
the pipeline, comes from ``policing evaluate``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from nlp.evaluate import macro_f1
from nlp.gold import GoldDocument, load_gold_dir
from nlp.stance.classifier import StanceClassifier, TrainedStanceClassifier, load_classifier
from nlp.stance.dataset import Example, corpus_split, examples_from
from nlp.stance.model import LABELS, SIDES


@dataclass
class Scores:
    """One system's labels against gold."""

    name: str
    pairs: list[tuple[str, str]]  # (gold, predicted)

    @property
    def macro_f1(self) -> float:
        """Over all four labels."""
        return macro_f1(self.pairs, LABELS)

    @property
    def sides_macro_f1(self) -> float:
        """Over support / oppose / neutral, as ``policing evaluate`` reports it."""
        return macro_f1(self.pairs, SIDES)

    @property
    def relevance_accuracy(self) -> float:
        hits = [(g == "unrelated") == (p == "unrelated") for g, p in self.pairs]
        return sum(hits) / len(hits) if hits else 0.0

    @property
    def accuracy(self) -> float:
        return sum(g == p for g, p in self.pairs) / len(self.pairs) if self.pairs else 0.0

    def summary(self) -> dict[str, float]:
        return {
            "macro_f1": round(self.macro_f1, 4),
            "sides_macro_f1": round(self.sides_macro_f1, 4),
            "relevance_accuracy": round(self.relevance_accuracy, 4),
            "accuracy": round(self.accuracy, 4),
        }


@dataclass
class Report:
    source: str
    systems: list[Scores]

    def summary(self) -> dict[str, Any]:
        return {"source": self.source, "statements": len(self.systems[0].pairs)} | {
            s.name: s.summary() for s in self.systems
        }


def evaluate_examples(classifier: StanceClassifier, examples: Sequence[Example], majority: str, source: str) -> Report:
    """The classifier, the majority label and the cue rule on the same gold statements."""
    gold = [e.label for e in examples]
    # Statements of one document by one speaker share a side (the speakers are the gold ones).
    speakers = [f"{e.document}\n{e.speaker}" if e.speaker else None for e in examples]
    predicted = [label for label, *_ in classifier.predict_spans([e.span for e in examples], speakers)]
    rule = [label for label, *_ in StanceClassifier().predict_spans([e.span for e in examples])]
    systems = [
        Scores(classifier.name, list(zip(gold, predicted, strict=True))),
        Scores(f"majority ({majority})", [(g, majority) for g in gold]),
        Scores("cue-lexicon rule", list(zip(gold, rule, strict=True))),
    ]
    return Report(source, systems)


def confusion_table(pairs: Sequence[tuple[str, str]], labels: Sequence[str] = LABELS) -> str:
    """Rows are gold labels, columns predicted."""
    counts = Counter(pairs)
    width = max(len(label) for label in labels) + 2
    lines = ["gold \\ predicted".ljust(width + 4) + "".join(label.rjust(width) for label in labels)]
    for gold in labels:
        lines.append(gold.ljust(width + 4) + "".join(str(counts[gold, p]).rjust(width) for p in labels))
    return "\n".join(lines)


def format_report(report: Report) -> str:
    model = report.systems[0]
    lines = [f"{report.source}: {len(model.pairs)} gold statements", "", f"{model.name}, confusion:"]
    lines += [confusion_table(model.pairs), ""]
    header = f"{'system':<34}{'macro-F1':>10}{'sides F1':>10}{'relevance':>11}{'accuracy':>10}"
    lines.append(header)
    for s in report.systems:
        lines.append(
            f"{s.name:<34}{s.macro_f1:>10.3f}{s.sides_macro_f1:>10.3f}{s.relevance_accuracy:>11.3f}{s.accuracy:>10.3f}"
        )
    lines.append("(macro-F1 over all four labels; sides F1 over support/oppose/neutral)")
    return "\n".join(lines)


def gold_documents(folder: Path | None, corpus: Path) -> tuple[list[GoldDocument], str]:
    """The corpus test split by default; a folder's test split when it has a split.json;
    else every gold pair in the folder."""
    if folder is None:
        return corpus_split(corpus, "test"), f"{corpus} (test split)"
    if (folder / "split.json").is_file():
        return corpus_split(folder, "test"), f"{folder} (test split)"
    return load_gold_dir(folder), str(folder)


def evaluate_folder(
    folder: Path | None, corpus: Path, nlp: Language, classifier: StanceClassifier | None = None
) -> Report:
    """The shipped classifier (or ``classifier``) and the baselines on a gold folder."""
    classifier = classifier or load_classifier(None)
    documents, source = gold_documents(folder, corpus)
    examples = list(examples_from(documents, nlp))
    majority = (
        classifier.model.metadata.get("majority_label", "unrelated")
        if isinstance(classifier, TrainedStanceClassifier)
        else "unrelated"
    )
    return evaluate_examples(classifier, examples, majority, source)
