from __future__ import annotations

import pytest
import spacy

from nlp.extract.headings import find_headings
from nlp.extract.officials import find_officials

BLANK = spacy.blank("en")

CASES = [
    # text, expected (name, honorific, role, organisation) of the one official found
    (
        "Met commissioner Jane Roe told a hearing on Thursday.",
        ("Jane Roe", None, "Commissioner", "Metropolitan Police Service"),
    ),  # pre-modifier
    (
        "The Police and Crime Commissioner for Devon and Cornwall, Ann Gow, will decide.",
        ("Ann Gow", None, "Police and Crime Commissioner for Devon and Cornwall", "Devon and Cornwall"),
    ),  # an office for a place, then the holder's full name
    (
        "Assistant commissioner, Sir Tom Hale, said: “We are ready.”",
        ("Tom Hale", "Sir", "Assistant Commissioner", None),
    ),  # office before a comma
    (
        "Ann Kay, Deputy Mayor for Policing and Crime, said so.",
        ("Ann Kay", None, "Deputy Mayor for Policing and Crime", "Mayor's Office for Policing and Crime"),
    ),  # apposition
    (
        "Labour peer Lord Fenn told the House of Lords it was wrong.",
        ("Fenn", "Lord", "Labour Peer", "House of Lords"),
    ),  # a peer by title
    (
        "The Cabinet Secretary for Justice (Rory Bain)\n\nI welcome this.",
        ("Rory Bain", None, "Cabinet Secretary for Justice", "Scottish Government"),
    ),  # Holyrood heading
    (
        "Sir Tom Hale QPM (Deputy Commissioner, Metropolitan Police Service): Thank you, Chair.",
        ("Tom Hale", "Sir", "Deputy Commissioner", "Metropolitan Police Service"),
    ),  # Assembly turn
    (
        "The Home Secretary [The Rt Hon Jo Vale MP] has written.",
        ("Jo Vale", None, "Home Secretary", "Home Office"),
    ),  # editor's brackets
    (
        "The Mayor of Newham, Sam Ode, said the fines were fair.",
        ("Sam Ode", None, "Mayor of Newham", "Newham Council"),
    ),  # office of a place
    (
        "Chief Constable of Kent, Ola Ray, gave evidence.",
        ("Ola Ray", None, "Chief Constable of Kent", "Kent"),
    ),  # force from the office
]
NEGATIVES = [
    # text with no official in it
    "Maciej Nowak was found in his home on Saturday.",  # a victim is not an official
    "Assets identified and referred for restraint (including cash): £6,410",  # a heading-shaped line
    "In my first months as Home Secretary, I met the Commissioner often.",  # an office alone is no name
    "The Minister of State, Home Office was asked.",  # a body after an office is no person
    "Mayor of London's Violence Reduction Unit funds youth work.",  # a unit, not a person
    "Police Officers Asks For Extra Firearms",  # a title-case headline
    "A spokesperson for the force said: “We will respond.”",  # an unnamed spokesperson
    "Residents met Officers on the estate.",  # capitalised common words
    "Kingston Council will meet on Monday.",  # a council
    "The Police and Crime Commissioner for Devon, Cornwall and the Isles of Scilly will decide.",  # places listed
]


@pytest.mark.parametrize("text, expected", CASES)
def test_official_with_role_and_organisation(text: str, expected: tuple[str, str | None, str, str | None]) -> None:
    (official,) = find_officials(BLANK(text))
    name, honorific, role, organisation = expected
    assert (official.name, official.honorific, official.role) == (name, honorific, role)
    if organisation:
        assert official.organisation == organisation


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_official(text: str) -> None:
    assert find_officials(BLANK(text)) == []


def test_mentions_merge_surname_title_and_first_name() -> None:
    text = "Assistant commissioner, Sir Tom Hale, said: “We act.”\n\nSir Tom added that Hale would report."
    (official,) = find_officials(BLANK(text))
    surfaces = [surface for _, _, surface in official.mentions]
    assert surfaces == ["Tom Hale", "Sir Tom", "Hale"]
    for start, end, surface in official.mentions:
        assert text[start:end] == surface


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "§ 36. Sir JOHN BRAY asked the Home Secretary whether ...\n§ Mr. BRAY In that case ...",
            ["John Bray", "Bray"],
        ),  # old Hansard
        ("Lord Ames (CB)\n\nMy Lords, I agree.\n\nBaroness Tull of Ely\n\nMy Lords, no.", ["Ames", "Tull"]),  # Lords
        ("Question By: \nAda Lin\nLabour Group\nAsked Of: \nThe Mayor\n\nWhat plans?", ["Ada Lin"]),  # question page
        (
            "Kenneth Rowe (Labour)\n\nGood afternoon.\n\nDonald Fife (Scottish National Party)\n\nThank you.",
            ["Kenneth Rowe", "Donald Fife"],
        ),  # Holyrood members
        (
            "The Convener (Ada Lin)\n\nWelcome.\n\nAda Lin\n\nThank you.\n\nPolicing\n\nNext.\n\nTom Bryce\n\nNo.",
            ["Ada Lin", "Ada Lin"],
        ),  # a bare name heads a turn only once a heading has named them ("Policing", "Tom Bryce" do not)
        ("Crime: Knife Arches\n\nAsked by Baroness Tull\n\nTo ask what plans they have.", ["Tull"]),  # Lords title
        ("Chair: Welcome, everyone.\n\nTom Bryce: Thank you.", ["Tom Bryce"]),  # a first-line turn is kept
        (
            "T2. [905221] Ada Lin (Ealing North) (Lab)\n\nWill the Minister act?\n\nMr Bryce\n\nYes.",
            ["Ada Lin", "Bryce"],
        ),  # Commons topical question, numbered as printed
    ],
)
def test_headings_name_their_speakers(text: str, names: list[str]) -> None:
    assert [h.name for h in find_headings(text) if h.name] == names


def test_headings_are_not_read_across_lines() -> None:
    text = "Policing\n\nThe Presiding Officer (Tricia Vane)\n\nThe next item."
    assert [(h.name, h.role) for h in find_headings(text)] == [("Tricia Vane", "Presiding Officer")]
