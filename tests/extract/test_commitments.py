from __future__ import annotations

import pytest
import spacy

from nlp.extract.commitments import find_commitments
from nlp.extract.officials import find_officials
from nlp.extract.statements import find_statements

FORCE = "Metropolitan Police Service"


def _commitments(nlp: spacy.language.Language, text: str) -> list[tuple[str, bool, str]]:
    doc = nlp(text)
    officials = find_officials(doc)
    statements = find_statements(doc, officials, "press_release")
    return [(c.strength, c.negated, c.text) for c in find_commitments(doc, statements, [], officials, FORCE)]


CASES = [
    # text, expected (strength, negated) of each commitment in order
    ("We will deploy dedicated patrols in Hackney this week.", [("firm", False)]),  # will
    ("The Met has pledged to deploy additional officers.", [("firm", False)]),  # pledged to
    ("Officers are going to stay on the estate.", [("firm", False)]),  # going to
    ("Armed officers will not become a routine sight.", [("firm", True)]),  # negated
    (
        "The patrols would only be deployed in extreme circumstances.",
        [("conditional", False)],
    ),  # would only + circumstances
    ("We can provide interpreters if preferable.", [("conditional", False)]),  # can + if
    ("The Met is considering placing armed foot patrols in some areas.", [("tentative", False)]),  # considering
    ("Our aim is to provide reassurance to residents.", [("tentative", False)]),  # intention noun
    (
        "We will be mounting extra patrols and officers will revisit the scene.",
        [("firm", False), ("firm", False)],
    ),  # two clauses
    # negatives
    ("Officers deployed extra patrols last week.", []),  # a past action
    ("Will the Commissioner deploy armed patrols?", []),  # a question
    ("I would like to thank residents for their patience.", []),  # politeness
    ("Residents will be worried by the shooting.", []),  # a prediction about others
    ("It will be an expensive option.", []),  # a judgement, not an act
    ("I hope that the public will come forward.", []),  # hoping that others act
    ("Mr Mayor, I want, if I can, to return to policing.", []),  # a polite 'if I can'
    ("Members will recall the debate last year.", []),  # the audience, not the speaker
    ("Anyone who has a gun could hand it in.", []),  # anyone
]


@pytest.mark.parametrize("text, expected", CASES)
def test_commitments(parser: spacy.language.Language, text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(strength, negated) for strength, negated, _ in _commitments(parser, text)] == expected


def test_actor_is_the_speakers_body_and_text_slices(parser: spacy.language.Language) -> None:
    text = "Commander Tom Hale said: “We will step up patrols in Croydon over the weekend.”"
    doc = parser(text)
    officials = find_officials(doc)
    statements = find_statements(doc, officials, "press_release")
    from nlp.extract.boroughs import find_boroughs

    (commitment,) = find_commitments(doc, statements, find_boroughs(doc), officials, FORCE)
    assert commitment.speaker == "Tom Hale"
    assert commitment.boroughs == ["E09000008"] and commitment.timeframe == "over the weekend"
    assert text[commitment.start : commitment.end] == commitment.text
