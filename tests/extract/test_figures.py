from __future__ import annotations

import pytest
import spacy

from nlp.extract.figures import find_figures, words_to_number

CASES = [
    # text, expected (value, counts) pairs
    ("There have been 127 killings so far in 2018.", [(127, "killings")]),  # digits, year not a figure
    ("Officers made nine arrests.", [(9, "arrests")]),  # number words
    ("Knife crime rose by 12 per cent.", [(12, None)]),  # a percentage
    ("The force will spend £1.2 million on training.", [(1_200_000, None)]),  # money with a scale word
    ("Only 275 of the 17,318 officers carry guns.", [(275, None), (17318, "officers")]),  # thousands separator
    ("The plan raises the number of armed officers we have by 600.", [(600, "armed officers")]),  # counted through 'by'
    ("Crimes of violence were down 10 per cent.", [(10, "Crimes of violence")]),  # what went down
    ("There were 127 killings, up from the 116 seen before.", [(127, "killings"), (116, "killings")]),  # ellipsis
    ("It was an 18-month investigation.", [(18, "month")]),  # a duration counts its unit
    ("£13,000 worth of counterfeit goods was seized.", [(13000, "counterfeit goods")]),  # past a wrapper noun
    # negatives
    ("Passengers left at Seven Kings station.", []),  # a number word opening a place name
    ("Youths played in a five-a-side tournament.", []),  # a game, not a count
    ("Call 101 or 999 in an emergency.", []),  # phone numbers
    ("A 25-year-old man was arrested on 4 June.", []),  # an age and a date
    ("The meeting starts at 10.30am on Tuesday.", []),  # a time
    ("Covid-19 rules and Tier Two restrictions apply.", []),  # names with numbers
    ("Under section 60 officers may search anyone.", []),  # a section number
    ("Questions 98 - 217 were taken in public.", []),  # question numbers
    ("The findings [1] were published on 13 and 14 of June.", []),  # a footnote mark and dates
    ("He arrived at 15:55 and left.", []),  # a time with a colon
]


@pytest.mark.parametrize("text, expected", CASES)
def test_figures(parser: spacy.language.Language, text: str, expected: list[tuple[float, str | None]]) -> None:
    found = [(f.value, f.counts) for f in find_figures(parser(text))]
    assert [v for v, _ in found] == [v for v, _ in expected]
    for (_, counts), (_, want) in zip(found, expected, strict=True):
        if want:
            assert counts == want


def test_figure_text_slices_the_document(parser: spacy.language.Language) -> None:
    doc = parser("There have been 127 killings so far in 2018, said the force.")
    (figure,) = find_figures(doc)
    assert doc.text[figure.start : figure.end] == figure.text
    assert figure.period == "so far in 2018"


@pytest.mark.parametrize(
    "text, value", [("twenty-five", 25), ("three hundred", 300), ("a dozen", 12), ("two thousand and five", 2005)]
)
def test_words_to_number(text: str, value: int) -> None:
    assert words_to_number(text) == value
