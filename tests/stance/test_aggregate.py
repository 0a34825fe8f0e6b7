from __future__ import annotations

import pytest

from nlp.stance.aggregate import document_stance_from_labels

U = ("Press office", "unrelated", 0.9)

CASES = [
    # statement labels (speaker, label, score), document label
    ([U] * 10, "unrelated"),  # nothing about armed patrols
    ([U] * 10 + [("A", "support", 0.45)], "unrelated"),  # one uncertain passing sentence in a long release
    ([U] * 10 + [("A", "support", 0.7)], "unrelated"),  # one confident sentence among many others
    ([U] * 2 + [("A", "oppose", 0.7)], "oppose"),  # a short document mostly on the subject
    ([U] * 10 + [("A", "support", 0.7), ("A", "support", 0.6)], "support"),  # two confident statements
    ([("A", "support", 0.7), ("B", "oppose", 0.8)], "mixed"),  # both sides voiced
    ([("A", "neutral", 0.7), ("B", "neutral", 0.6)], "neutral"),  # about it, no side taken
    # one speaker leaning to support who also says one clear thing against: both sides voiced
    ([("A", "support", 0.7), ("A", "support", 0.8), ("A", "oppose", 0.45)], "mixed"),
    ([("A", "support", 0.7), ("A", "support", 0.8), ("A", "oppose", 0.3)], "support"),  # too unsure to count
]


@pytest.mark.parametrize("labels, expected", CASES)
def test_document_label(labels: list[tuple[str, str, float]], expected: str) -> None:
    assert document_stance_from_labels(labels).label == expected


def test_every_speaker_on_the_subject_keeps_a_stance_even_when_the_document_is_unrelated() -> None:
    stance = document_stance_from_labels([U] * 10 + [("A", "support", 0.45)])
    assert [(s.speaker, s.label) for s in stance.by_speaker] == [("A", "support")]
