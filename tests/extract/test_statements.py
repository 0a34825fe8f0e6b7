from __future__ import annotations

import pytest
import spacy

from nlp.extract.officials import find_officials
from nlp.extract.statements import find_quotes, find_statements


def _statements(nlp: spacy.language.Language, text: str, kind: str | None = None) -> list[tuple[str | None, str, str]]:
    doc = nlp(text)
    return [(s.speaker, s.kind, s.text) for s in find_statements(doc, find_officials(doc), kind)]


def _speaker_of(found: list[tuple[str | None, str, str]], words: str) -> str | None:
    hits = sorted((len(text), speaker) for speaker, _, text in found if words in text)
    assert hits, f"no statement holds {words!r}: {found}"
    return hits[0][1]  # the shortest statement holding the words, as the evaluation reads it


LAYOUTS = [
    # text, words of one statement, its speaker
    ("Inspector Ann Lee said: “We will patrol the estate tonight.”", "patrol the estate", "Ann Lee"),  # X said: "..."
    (
        "“We will patrol the estate tonight,” said Chief Inspector Ann Lee.",
        "patrol the estate",
        "Ann Lee",
    ),  # "...," said X
    (
        "“We will patrol the estate tonight,” Chief Inspector Ann Lee said.",
        "patrol the estate",
        "Ann Lee",
    ),  # "...," X said
    (
        "Chief Inspector Ann Lee said: “We will patrol the estate.\n\n“Officers will stay all night.\n\n“Residents can talk to us.”",
        "Residents can talk",
        "Ann Lee",
    ),  # a quote running over paragraphs, closed only at the end
    (
        "Chief Inspector Ann Lee spoke first.\n\nShe added: “Officers will stay all night on the estate.”",
        "stay all night",
        "Ann Lee",
    ),  # pronoun resolved to the person just named
    (
        "“We are clear,” said Commander Tom Hale, “that armed officers are the exception here.”",
        "armed officers are the exception",
        "Tom Hale",
    ),  # a quote split around its attribution
    (
        "Detective Chief Inspector Ann Lee, from the South Area Command Unit: “This operation took months of work.”",
        "took months of work",
        "Ann Lee",
    ),  # a label with no reporting verb
    (
        "Commander Tom Hale told a hearing that armed patrols would stay rare in the borough.",
        "armed patrols would stay rare",
        "Tom Hale",
    ),  # reported speech
    (
        "Armed patrols will stay rare, according to Commander Tom Hale of the Met.",
        "will stay rare",
        "Tom Hale",
    ),  # according to
    (
        "A spokesperson for the Mayor of London, Sadiq Noor, said: “The Mayor is clear on this matter.”",
        "The Mayor is clear",
        "Sadiq Noor",
    ),  # a spokesperson speaks for the office holder
    (
        "A Metropolitan Police spokesperson said: “Enquiries continue into the incident.”",
        "Enquiries continue",
        "Metropolitan Police Service",
    ),  # a body's spokesperson speaks for the body
    (
        "Ruth Lomax, chair of the Hillside Tenants' Association, spoke first.\n\n"
        "Cllr Owen Price, leader of the council, said he had asked for more patrols.\n\n"
        "\"We have waited long enough for this,\" he said.",
        "waited long enough",
        "Owen Price",
    ),  # "he" is the person named last, never an office whose title holds the letters "he"
    (
        "Chief Inspector Ann Gow said the patrols would continue.\n\n"
        "Rob Dale, who runs a youth club nearby, said he had doubts.\n\n"
        "“Nobody asked the young people about this,” he said.",
        "Nobody asked the young people",
        "Rob Dale",
    ),  # ... even when that person holds no office
    (
        "The Metropolitan Police welcomed the verdict.\n\nJudge Tom Bryce's remarks when passing sentence "
        "highlighted our commitment to victims.",
        "highlighted our commitment",
        "Metropolitan Police Service",
    ),  # someone's remarks as a subject report no speech: the sentence is the writer's
    (
        'Ann Gow, Regional Manager for Neighbourhood Watch Scotland, said "Reporting works and people know it."',
        "Reporting works",
        "Ann Gow",
    ),  # the name before an apposition, not the last capitalised run ("Watch Scotland")
    (
        "Superintendent Ann Gow said that the patrols had ended. She accepted that residents should have been told sooner.",
        "residents should have been told",
        "Ann Gow",
    ),  # "she" acting right after reported speech goes on reporting the same speaker
    (
        "The Metropolitan Police said a man had been detained. He was taken to a police station in the evening.",
        "taken to a police station",
        "Metropolitan Police Service",
    ),  # ... but a passive "he was taken" reports nothing
    (
        "Concerns were raised about delays, to which Inspector Ann Gow replied that two more crews were coming.",
        "two more crews",
        "Ann Gow",
    ),  # a reporting verb in a relative clause, with what was said
    (
        "The panel agreed with everything that Inspector Ann Gow said about the patrols.",
        "agreed with everything",
        None,
    ),  # ... but "everything that X said" reports nothing of X's
]


@pytest.mark.parametrize("text, words, speaker", LAYOUTS)
def test_quote_and_report_layouts(parser: spacy.language.Language, text: str, words: str, speaker: str | None) -> None:
    assert _speaker_of(_statements(parser, text), words) == speaker


TURNS = [
    # transcript text, words, speaker
    (
        "Jane Roe AM (Chair): Welcome to the meeting today.\n\nSir Tom Hale QPM (Deputy Commissioner, Metropolitan Police Service): Thank you, Chair, for having us.",
        "Thank you, Chair",
        "Tom Hale",
    ),  # London Assembly committee
    (
        "Question By: \nJane Roe\nLabour Group\nAsked Of: \nThe Mayor\n\nWhat are your plans for armed patrols?\n\nAnswer for Patrols\n\nAnswered By: \nThe Mayor\n\nThere are no current plans at all.",
        "What are your plans",
        "Jane Roe",
    ),  # Mayor's Question Time page
    (
        "The Cabinet Secretary for Justice (Rory Bain)\n\nI welcome this opportunity to make a statement.",
        "welcome this opportunity",
        "Rory Bain",
    ),  # Holyrood
    (
        "Lord Ames asked Her Majesty's Government:\n\nWhat plans they have to arm the police.\n\nThe Minister of State, Home Office (Baroness Tull of Ely)\n\nMy Lords, there are none at present.",
        "there are none",
        "Tull",
    ),  # Lords question and answer
    (
        "Q12 Chair: Can you tell us about numbers?\n\nMick Dray: Yes, we have six hundred officers trained.",
        "six hundred officers",
        "Mick Dray",
    ),  # select committee oral evidence
    (
        "The Deputy Presiding Officer (Ann Gow)\n\nThe next item is a statement by Rory Bain.\n\n"
        "The Cabinet Secretary for Justice (Rory Bain)\n\nI welcome this chance.\n\n"
        "The Deputy Presiding Officer\n\nWe turn to questions.\n\n"
        "Iain Dow (Lothian) (Lab)\n\nWill the pilot end in June?\n\n"
        "Rory Bain\n\nIt will end in June unless the evidence says otherwise.",
        "unless the evidence",
        "Rory Bain",
    ),  # Holyrood: a later turn headed by the bare name the first heading gave
    (
        "The Deputy Presiding Officer (Ann Gow)\n\nThe next item is a statement.\n\n"
        "The Presiding Officer (Kay Moss)\n\nThank you.\n\n"
        "The Deputy Presiding Officer\n\nWe turn to questions now.",
        "We turn to questions",
        "Ann Gow",
    ),  # ... or by an office alone, whose holder an earlier heading named
    (
        "The Convener (Ann Gow)\n\nGood morning.\n\nIain Dow (Lothian) (Lab)\n\nWill the pilot end?\n\n"
        "The Convener\n\nWe must move on to the next item now.",
        "move on to the next item",
        "Ann Gow",
    ),  # a committee's convener, likewise
    (
        "The Deputy Presiding Officer (Ann Gow)\n\nThe final item is a debate on motion S6M-01234, in the name of "
        "Iain Dow, on armed policing.\n\nMotion debated,\n\nThat the Parliament notes with concern the armed patrols."
        "\n\nIain Dow (Lothian) (Lab)\n\nI thank members.",
        "notes with concern",
        "Iain Dow",
    ),  # the motion the chair reads out is its mover's
    (
        "Police: Armed Officers\n\nAsked by Lord Ames\n\nTo ask His Majesty's Government what plans they have.\n\n"
        "The Minister of State, Home Office (Lord Tull) (Con)\n\nMy Lords, there are none at present.",
        "what plans they have",
        "Ames",
    ),  # Lords: a title line is no turn; "Asked by" heads the question; a party after the office
    (
        "Present:\nAda Lin (Chair)\nSuperintendent Tom Bryce (Metropolitan Police)\n\n"
        "1. Welcome\n\nSuperintendent Bryce said that the patrols had ended on Friday.",
        "the patrols had ended",
        "Tom Bryce",
    ),  # minutes: a list of those present heads no turn, so what follows is reported speech
    (
        "In attendance (others): Inspector Tom Bryce\n\nResolved: That the minutes be agreed.\n\n"
        "Inspector Bryce said that two patrols were planned.",
        "two patrols were planned",
        "Tom Bryce",
    ),  # minutes furniture ("In attendance:", "Resolved:") is nobody speaking
    (
        "Jane Roe AM: The Commissioner [of Police of the Metropolis, Sir Tom Hale QPM] said yesterday that more firearms officers were needed.",
        "more firearms officers",
        "Tom Hale",
    ),  # someone else's words reported inside a turn
]


@pytest.mark.parametrize("text, words, speaker", TURNS)
def test_transcript_turns(parser: spacy.language.Language, text: str, words: str, speaker: str) -> None:
    assert _speaker_of(_statements(parser, text, "transcript"), words) == speaker


MALFORMED = [
    # text that must not raise, and how many quoted passages it holds
    ("She said: “We will act.\n\nThen nothing more.", 1),  # an odd number of quote marks
    ("He said: “”.", 0),  # an empty quote
    ("The last character is a quote mark “", 0),  # a quote mark at the very end
    ('Straight "quotes" and “curly” mixed ” oddly', 2),  # mixed and stray marks
    ("“", 0),  # nothing but a mark
]


@pytest.mark.parametrize("text, count", MALFORMED)
def test_malformed_quotes_never_raise(parser: spacy.language.Language, text: str, count: int) -> None:
    assert len(find_quotes(text)) == count
    _statements(parser, text)  # the whole extractor copes too


def test_statements_slice_the_text_and_come_in_reading_order(parser: spacy.language.Language) -> None:
    text = "Commander Tom Hale said: “We act today.”\n\nThe force added that patrols continue in the area."
    doc = parser(text)
    found = find_statements(doc, find_officials(doc), "press_release")
    assert [s.start for s in found] == sorted(s.start for s in found)
    for statement in found:
        assert text[statement.start : statement.end] == statement.text
