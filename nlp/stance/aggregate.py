"""From statement labels to each speaker's stance and the document's."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from nlp.record import DocumentStance, SpeakerStance

SIDES = ("support", "oppose")


def speaker_stances(labels: Iterable[tuple[str | None, str, float]]) -> list[SpeakerStance]:
    """One stance per speaker who said anything about armed patrols, in order of first word.

    A speaker's label is the side whose statements carry the most probability mass;
    neutral only when they took no side at all."""
    mass: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    count: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for speaker, label, score in labels:
        if speaker and label != "unrelated":
            mass[speaker][label] += score
            count[speaker][label] += 1
    result = []
    for speaker, by_label in mass.items():
        sided = {label: value for label, value in by_label.items() if label in SIDES}
        label = max(sided, key=sided.__getitem__) if sided else "neutral"
        score = by_label[label] / count[speaker][label]
        result.append(SpeakerStance(speaker, label, round(score, 4)))  # type: ignore[arg-type]
    return result


def document_stance_from_labels(labels: list[tuple[str | None, str, float]]) -> DocumentStance:
    """``mixed`` when both sides are voiced, ``unrelated`` when nothing is about armed patrols."""
    by_speaker = speaker_stances(labels)
    voiced = {s.label for s in by_speaker} | {label for speaker, label, _ in labels if not speaker}
    if voiced >= set(SIDES):
        label = "mixed"
    elif voiced & set(SIDES):
        label = next(side for side in SIDES if side in voiced)
    elif voiced - {"unrelated"}:
        label = "neutral"
    else:
        label = "unrelated"
    return DocumentStance(label=label, by_speaker=by_speaker)  # type: ignore[arg-type]


def document_stance(statements: Iterable[Any]) -> DocumentStance:
    """The document stance from statement matches that carry ``(label, score, cues)``."""
    return document_stance_from_labels([(s.speaker, s.stance[0], s.stance[1]) for s in statements if s.stance])
