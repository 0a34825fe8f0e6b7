from __future__ import annotations

import pytest

from nlp.ingest import finish
from nlp.ingest.base import Document
from nlp.pipeline import Extractor, split_paragraphs


@pytest.mark.parametrize("limit", [40, 75, 1000])
def test_split_paragraphs_keeps_every_character_and_offset(limit: int) -> None:
    text = "\n\n".join(f"Paragraph {i} says officers patrolled Hackney today." for i in range(12))
    chunks = split_paragraphs(text, limit)
    assert "".join(chunk for _, chunk in chunks) == text
    for offset, chunk in chunks:
        assert text[offset : offset + len(chunk)] == chunk and len(chunk) <= limit


def test_long_documents_are_chunked_with_offsets_into_the_whole_text(nlp_full: object) -> None:
    paragraphs = [f"Officers in Hackney made {n} arrests, police said." for n in range(2, 14)]
    text = "\n\n".join(paragraphs)
    document = finish(Document(text=text, source="long.txt"))
    chunked = Extractor(nlp_full, chunk_chars=120).record(document)  # type: ignore[arg-type]
    whole = Extractor(nlp_full).record(document)  # type: ignore[arg-type]
    assert chunked.text == text
    assert [f.value for f in chunked.figures] == [f.value for f in whole.figures] == list(range(2, 14))
    for figure in chunked.figures:
        assert text[figure.start : figure.end] == figure.text
    assert len(chunked.boroughs) == 1 and len(chunked.boroughs[0].mentions) == 12


def test_the_chair_of_a_chamber_takes_no_side_end_to_end(nlp_full: object) -> None:
    text = (
        "Meeting of the Parliament\n\nThe Presiding Officer (Ann Gow)\n\n"
        "Members who wish to ask about armed officers should press their buttons now.\n\n"
        "Iain Dow (Lothian) (Lab)\n\nArmed officers on every street would be a grave mistake for Scotland."
    )
    record = Extractor(nlp_full).record(finish(Document(text=text, source="chamber.txt")))  # type: ignore[arg-type]
    by_speaker = {s.speaker: s.stance.label for s in record.statements if s.stance}
    assert by_speaker["Ann Gow"] == "unrelated"
    assert by_speaker["Iain Dow"] == "oppose"
