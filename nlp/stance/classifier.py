"""The stance classifier's handle: the shipped model when there is one, else the cue rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nlp.stance.rules import rule_stance


@dataclass
class StanceClassifier:
    """Labels statements support / oppose / neutral / unrelated toward armed patrols."""

    name: str = "cue-lexicon rule"

    def predict(self, texts: Sequence[str]) -> list[tuple[str, float, list[str]]]:
        return [rule_stance(text) for text in texts]


def load_classifier(path: str | None = None) -> StanceClassifier:
    return StanceClassifier()
