"""The shipped stance model on hand-written statements: look-alikes are unrelated, sides are right."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from nlp.stance.classifier import (
    StanceClassifier,
    TrainedStanceClassifier,
    lean_on_speakers,
    load_classifier,
    presiding,
)
from nlp.stance.model import LABELS

pytestmark = pytest.mark.slow

# (statement, expected label): as many look-alikes (unrelated) as statements about armed patrols.
TABLE = [
    # an unarmed patrol is a patrol, but not an armed one
    ("Officers on unarmed patrols will visit the estate every evening.", "unrelated"),
    # covid patrols enforce distancing rules, nothing to do with firearms
    ("Covid patrols will continue in the park this weekend.", "unrelated"),
    # a Taser alone is not a firearm
    ("Officers will now carry Tasers on every shift.", "unrelated"),
    # armed criminals are the threat, not the police response
    ("Armed criminals are terrorising the estate.", "unrelated"),
    # guns seized from suspects are evidence, not police arms
    ("Police seized three guns and ammunition in the raid.", "unrelated"),
    # the armed forces are soldiers, not police officers
    ("Soldiers from the armed forces will help at the border.", "unrelated"),
    # insisting armed officers stay exceptional is oppose (RECORD.md)
    ("Armed officers must remain the exception.", "oppose"),
    # welcoming more firearms officers is support
    ("We welcome the extra firearms officers.", "support"),
    # warning against routine arming is oppose
    ("Routine arming of every officer would be a grave mistake.", "oppose"),
    # wanting more armed officers on the streets is support
    ("More armed officers on our streets will keep Londoners safe.", "support"),
    # a count of firearms officers takes no side
    ("There are currently 2,500 authorised firearms officers in London.", "neutral"),
    # an open question about armed deployment takes no side
    ("How many armed response vehicles are on patrol each night?", "neutral"),
    # a high-visibility patrol is seen, not armed
    ("A high-visibility patrol will walk the market every Saturday.", "unrelated"),
    # wanting armed patrols kept because they reassure is support (a known miss until the v4 features)
    ("The armed patrols have made residents feel safer, and they should stay.", "support"),
]


# Plain support the model still gets wrong: topic words ("estate", "threat", "residents") that
# the corpus mostly uses in opposition outweigh the verb of support. Kept so a better model shows.
KNOWN_MISSES = [
    ("Armed patrols should be extended to every borough with a gun crime problem.", "support"),
]


@pytest.fixture(scope="module")
def classifier() -> StanceClassifier:
    loaded = load_classifier(None)
    if not isinstance(loaded, TrainedStanceClassifier):
        pytest.fail("no shipped stance model in nlp/stance/model: run 'policing stance train'")
    return loaded


def test_table_is_balanced() -> None:
    unrelated = sum(label == "unrelated" for _, label in TABLE)
    assert unrelated == len(TABLE) - unrelated


@pytest.mark.parametrize(("text", "expected"), TABLE)
def test_label(classifier: StanceClassifier, text: str, expected: str) -> None:
    label, score, _, _ = classifier.predict([text])[0]
    assert label == expected
    assert 0.0 <= score <= 1.0


@pytest.mark.xfail(strict=True, reason="known weakness of the shipped model (see KNOWN_MISSES)")
@pytest.mark.parametrize(("text", "expected"), KNOWN_MISSES)
def test_known_misses(classifier: StanceClassifier, text: str, expected: str) -> None:
    assert classifier.predict([text])[0][0] == expected


@pytest.mark.parametrize(("text", "expected"), TABLE)
def test_cues_are_phrases_of_the_statement(classifier: StanceClassifier, text: str, expected: str) -> None:
    _, _, cues, _ = classifier.predict([text])[0]
    assert cues, "every decision here has words behind it"
    for cue in cues:
        assert cue.lower() in text.lower()


def test_relevance_is_the_first_stage_probability(classifier: StanceClassifier) -> None:
    results = classifier.predict([text for text, _ in TABLE])
    for (text, expected), (_, score, _, relevance) in zip(TABLE, results, strict=True):
        assert 0.0 <= relevance <= 1.0
        if expected == "unrelated":
            assert relevance < 0.5 and score == pytest.approx(1 - relevance, abs=1e-3), text
        else:  # the label's probability is relevance times the side's
            assert relevance >= 0.5 and score <= relevance, text


def test_spans_of_a_parsed_doc(classifier: StanceClassifier, parser) -> None:  # type: ignore[no-untyped-def]
    text = "The council met on Monday. Armed officers must remain the exception. Tasers were issued."
    doc = parser(text)
    offsets = [(s.start_char, s.end_char) for s in doc.sents]
    labels = [label for label, *_ in classifier.predict_doc(doc, offsets)]
    assert labels[1] == "oppose"
    assert labels[2] == "unrelated"
    assert set(labels) <= set(LABELS)


def test_missing_model_falls_back_to_the_rule(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    with caplog.at_level(logging.WARNING):
        fallback = load_classifier(str(tmp_path / "nowhere.skops"))
    assert type(fallback) is StanceClassifier
    assert "cue-lexicon rule" in caplog.text
    assert fallback.predict(["Officers will carry Tasers."])[0][0] == "unrelated"


def test_pipeline_fills_statement_stance(extractor) -> None:  # type: ignore[no-untyped-def]
    from nlp.ingest import finish
    from nlp.ingest.base import Document

    text = (
        "Metropolitan Police press release\n\n"
        "Armed officers will patrol the Northwold estate in Hackney this week after a shooting.\n\n"
        'Chief Superintendent Ada Okafor said: "Armed officers must remain the exception, '
        'and these patrols will end as soon as the threat allows."\n'
    )
    record = extractor.record(finish(Document(text=text, source="test.txt")))
    labels = [s.stance.label for s in record.statements]
    assert labels and set(labels) <= set(LABELS)
    assert record.stance.label != "unrelated"


def test_sides_lean_on_the_same_speakers_other_statements() -> None:
    sides = np.array([[0.45, 0.55, 0.0], [0.9, 0.1, 0.0], [0.8, 0.2, 0.0], [0.2, 0.8, 0.0]])
    blended = lean_on_speakers(sides, ["Okafor", "Okafor", "Okafor", None], weight=0.5)
    assert blended[0].argmax() == 0  # a close call goes the way the speaker leans elsewhere
    assert blended[1].argmax() == 0 and blended[2].argmax() == 0
    assert (blended[3] == sides[3]).all()  # an unknown speaker is left alone
    assert np.allclose(blended.sum(axis=1), 1.0)


def test_one_clear_statement_keeps_its_side_against_its_speaker() -> None:
    sides = np.array([[0.05, 0.95, 0.0], [0.7, 0.3, 0.0], [0.7, 0.3, 0.0]])
    blended = lean_on_speakers(sides, ["Reid", "Reid", "Reid"], weight=0.5)
    assert blended[0].argmax() == 1  # a speaker may voice both sides


CHAIR = "The Presiding Officer (Ann Gow)\n\nThe next item is a statement.\n\nMotion debated,\n\nThat the Parliament notes the armed patrols."
PRESIDING_ROWS = [
    # (role, where the statement starts, said from the chair?)
    ("Presiding Officer", CHAIR.index("The next item"), True),  # the chair of a chamber speaks to procedure
    ("Deputy Speaker", 0, True),  # ... so does the Deputy Speaker
    ("Lord Speaker", 0, True),  # ... and the Lord Speaker
    ("Presiding Officer", CHAIR.index("That the Parliament"), False),  # a motion the chair reads is the mover's
    ("Chair", 0, False),  # a committee's chair questions witnesses in their own voice
    ("MSP", 0, False),  # a member speaks for themselves
    (None, 0, False),  # no role known
]


@pytest.mark.parametrize("role, start, expected", PRESIDING_ROWS)
def test_the_chair_of_a_chamber_takes_no_side(role: str | None, start: int, expected: bool) -> None:
    assert presiding(role, CHAIR, start) is expected
