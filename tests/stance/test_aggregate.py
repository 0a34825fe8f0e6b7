from __future__ import annotations

import pytest

from nlp.stance.aggregate import Labelled, document_stance_from_labels

U = ("Press office", "unrelated", 0.9, 0.1)

CASES = [
    # statement labels (speaker, label, score, relevance), document label
    ([U] * 10, "unrelated"),  # nothing about armed patrols
    ([U] * 10 + [("A", "support", 0.45, 0.6)], "unrelated"),  # one uncertain passing sentence in a long release
    ([U] * 10 + [("A", "support", 0.7, 0.9)], "unrelated"),  # one sure sentence among many others
    ([U] * 2 + [("A", "oppose", 0.7, 0.9)], "oppose"),  # a short document mostly on the subject
    ([U] * 10 + [("A", "support", 0.7, 0.9), ("A", "support", 0.6, 0.85)], "support"),  # two sure statements
    # surely about armed patrols though unsure of their side: the document is still about them
    ([U] * 10 + [("A", "support", 0.42, 0.9), ("A", "neutral", 0.38, 0.85)], "support"),
    # leaning to a side but unsure they are on the subject at all: not enough
    ([U] * 10 + [("A", "support", 0.55, 0.6), ("A", "support", 0.52, 0.7)], "unrelated"),
    ([("A", "support", 0.7, 0.9), ("B", "oppose", 0.8, 0.95)], "mixed"),  # both sides voiced
    ([("A", "neutral", 0.7, 0.9), ("B", "neutral", 0.6, 0.9)], "neutral"),  # about it, no side taken
    # one speaker leaning to support who also says one clear thing against: both sides voiced
    ([("A", "support", 0.7, 0.9), ("A", "support", 0.8, 0.9), ("A", "oppose", 0.45, 0.9)], "mixed"),
    ([("A", "support", 0.7, 0.9), ("A", "support", 0.8, 0.9), ("A", "oppose", 0.3, 0.9)], "support"),  # too unsure
]


@pytest.mark.parametrize("labels, expected", CASES)
def test_document_label(labels: list[Labelled], expected: str) -> None:
    assert document_stance_from_labels(labels).label == expected


def test_every_speaker_on_the_subject_keeps_a_stance_even_when_the_document_is_unrelated() -> None:
    stance = document_stance_from_labels([U] * 10 + [("A", "support", 0.45, 0.6)])
    assert [(s.speaker, s.label) for s in stance.by_speaker] == [("A", "support")]
