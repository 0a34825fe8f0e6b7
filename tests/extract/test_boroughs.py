from __future__ import annotations

import pytest
import spacy

from nlp.extract.boroughs import edit_distance, find_boroughs

CASES = [
    # text, expected borough codes (places never count here)
    ("Officers were deployed in Hackney and Tower Hamlets.", {"E09000012", "E09000030"}),  # plain names
    ("Patrols start in H&F and RBKC this week.", {"E09000013", "E09000020"}),  # short forms
    ("The Royal Borough of Kensington and Chelsea said so.", {"E09000020"}),  # official form
    ("Extra patrols in Earling and Kingston from Monday.", {"E09000009", "E09000021"}),  # misspelling, short form
    ("Tower Hamlets Council welcomed the plan.", {"E09000030"}),  # council keeps the borough sense
    ("London Borough of Barnet residents were consulted.", {"E09000003"}),  # official prefix
    ("Officers in Croyden made arrests.", {"E09000008"}),  # misspelling in a place context
    # negatives: other senses of the same words
    ("Lord Harris of Haringey spoke in the debate.", set()),  # a peer's territorial title
    ("He was born in Kingston, Jamaica, in 1970.", set()),  # another Kingston
    ("She moved to Richmond, Virginia, last year.", set()),  # another Richmond
    ("Barnet Football Club hosted the event.", set()),  # a club named after the place
    ("MPs in Westminster voted on the Bill in Parliament.", set()),  # Westminster meaning Parliament
    ("Mr Sutton said the figures were wrong.", set()),  # a surname
    ("Crowds gathered on Westminster Bridge.", set()),  # a landmark is a place, not the borough
    ("The dealing of drugs continued in the park.", set()),  # an ordinary word near 'Ealing'
    ("Residents in Brixton and Peckham were told.", set()),  # neighbourhoods only
]


@pytest.mark.parametrize("text, codes", CASES)
def test_borough_codes(parser: spacy.language.Language, text: str, codes: set[str]) -> None:
    found = {m.code for m in find_boroughs(parser(text)) if m.place is None}
    assert found == codes


def test_places_map_to_their_borough(parser: spacy.language.Language) -> None:
    matches = find_boroughs(parser("Residents in Brixton and Tottenham were told."))
    assert {(m.place, m.code) for m in matches} == {("Brixton", "E09000022"), ("Tottenham", "E09000014")}


def test_offsets_slice_the_text_on_a_blank_pipeline() -> None:
    doc = spacy.blank("en")("Police in Newham and Waltham Forest said so.")
    for m in find_boroughs(doc):
        assert doc.text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "a, b, distance",
    [("Earling", "Ealing", 1), ("Croyden", "Croydon", 1), ("Hackeny", "Hackney", 1), ("Harrow", "Hounslow", 3)],
)
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b, 2) == min(distance, 3)
