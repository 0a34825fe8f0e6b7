from __future__ import annotations

import json

import jsonschema
import pytest

from nlp.record import (
    Borough,
    Commitment,
    DocumentStance,
    Figure,
    Mention,
    Official,
    Record,
    SpeakerStance,
    Stance,
    Statement,
    json_schema,
    text_id,
)

TEXT = "Met commissioner Jane Roe said armed patrols in Hackney would stay rare. 127 killings so far."


def full_record() -> Record:
    return Record(
        id=text_id(TEXT),
        source="x.txt",
        text=TEXT,
        title="T",
        date="2019-01-02",
        kind="news",
        boroughs=[Borough("Hackney", "E09000012", [Mention(48, 55, "Hackney")])],
        officials=[
            Official("Jane Roe", None, "Commissioner", "Metropolitan Police Service", [Mention(17, 25, "Jane Roe")])
        ],
        figures=[Figure(127, "127 killings", "killings", 73, 85)],
        commitments=[Commitment("Metropolitan Police Service", "stay rare", TEXT[:72], "conditional", 0, 72)],
        statements=[Statement("Jane Roe", "indirect", TEXT[:72], 0, 72, Stance("oppose", 0.8, ["stay rare"]))],
        stance=DocumentStance(label="oppose", by_speaker=[SpeakerStance("Jane Roe", "oppose", 0.8)]),
    )


def test_round_trip_through_json_is_lossless() -> None:
    record = full_record()
    again = Record.from_dict(json.loads(json.dumps(record.to_dict())))
    assert again == record


def test_every_offset_slices_the_text() -> None:
    record = full_record()
    assert record.text[48:55] == record.boroughs[0].mentions[0].text
    assert record.text[record.figures[0].start : record.figures[0].end] == record.figures[0].text


def test_record_is_valid_against_its_schema() -> None:
    jsonschema.validate(full_record().to_dict(), json_schema())


@pytest.mark.parametrize(
    "field, bad",
    [
        ("kind", "blog"),  # not one of the five kinds
        ("stance", {"target": "armed patrols", "label": "maybe", "by_speaker": []}),  # unknown label
        ("boroughs", [{"name": "Hackney", "code": "E09000012"}]),  # mentions missing
    ],
)
def test_schema_rejects_broken_records(field: str, bad: object) -> None:
    data = full_record().to_dict()
    data[field] = bad
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())


def test_from_dict_ignores_unknown_fields_so_old_readers_survive_new_fields() -> None:
    data = full_record().to_dict() | {"added_later": 1}
    assert Record.from_dict(data).id == full_record().id


def test_text_id_is_stable_and_content_based() -> None:
    assert text_id("abc") == text_id("abc") != text_id("abd")
