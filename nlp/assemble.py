"""From an annotated spaCy Doc to the Record of RECORD.md."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc

from nlp.extract.boroughs import gazetteer
from nlp.ingest import Document
from nlp.record import (
    Borough,
    Commitment,
    DocumentStance,
    Figure,
    Mention,
    Official,
    Place,
    Record,
    Stance,
    Statement,
)
from nlp.stance.aggregate import document_stance, document_stance_from_labels


def record_from_doc(doc: Doc, document: Document) -> Record:
    """The record of one Doc whose text is ``document.text`` (or a chunk of it)."""
    return Record(
        id=document.id or "",
        source=document.source,
        text=doc.text,
        title=document.title,
        date=document.date,
        kind=document.kind or doc._.kind or "other",  # type: ignore[arg-type]
        boroughs=_boroughs(doc),
        places=_places(doc),
        officials=[_official(match) for match in doc._.officials or []],
        figures=[Figure(**match._asdict()) for match in doc._.figures or []],
        commitments=[Commitment(**match._asdict()) for match in doc._.commitments or []],
        statements=[_statement(match) for match in doc._.statements or []],
        stance=document_stance(doc._.statements or []),
        errors=list(document.errors),
    )


def _boroughs(doc: Doc) -> list[Borough]:
    names = gazetteer().names
    by_code: dict[str, Borough] = {}
    for match in doc._.boroughs or []:
        if match.place is None and match.code:
            borough = by_code.setdefault(match.code, Borough(names[match.code], match.code))
            borough.mentions.append(Mention(match.start, match.end, match.text))
    return list(by_code.values())


def _places(doc: Doc) -> list[Place]:
    by_name: dict[str, Place] = {}
    for match in doc._.boroughs or []:
        if match.place is not None:
            place = by_name.setdefault(match.place, Place(match.place, match.code))
            place.mentions.append(Mention(match.start, match.end, match.text))
    return list(by_name.values())


def _official(match: Any) -> Official:
    return Official(
        name=match.name,
        honorific=match.honorific,
        role=match.role,
        organisation=match.organisation,
        mentions=[Mention(start, end, text) for start, end, text in match.mentions],
        post_nominals=list(match.post_nominals),
    )


def _statement(match: Any) -> Statement:
    stance = Stance(*match.stance) if match.stance else Stance()
    return Statement(match.speaker, match.kind, match.text, match.start, match.end, stance, match.role)


def _shift(item: Any, offset: int) -> Any:
    """A copy of a record item (or list of them) with every offset moved by ``offset``."""
    if isinstance(item, list):
        return [_shift(x, offset) for x in item]
    if not dataclasses.is_dataclass(item) or isinstance(item, type):
        return item
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(item):
        value = getattr(item, field.name)
        if field.name in ("start", "end") and isinstance(value, int):
            changes[field.name] = value + offset
        elif isinstance(value, list) or dataclasses.is_dataclass(value):
            changes[field.name] = _shift(value, offset)
    return dataclasses.replace(item, **changes)


def merge_records(document: Document, parts: Iterable[tuple[int, Record]]) -> Record:
    """One record from the records of a document's chunks, offsets moved into the whole text."""
    merged = Record(
        id=document.id or "",
        source=document.source,
        text=document.text,
        title=document.title,
        date=document.date,
        kind=document.kind or "other",  # type: ignore[arg-type]
        errors=list(document.errors),
    )
    boroughs: dict[str, Borough] = {}
    officials: dict[str, Official] = {}
    for offset, part in parts:
        part = _shift(part, offset)
        for borough in part.boroughs:
            boroughs.setdefault(borough.code, Borough(borough.name, borough.code)).mentions += borough.mentions
        for official in part.officials:
            officials.setdefault(
                official.name, dataclasses.replace(official, mentions=[])
            ).mentions += official.mentions
        merged.places += part.places
        merged.figures += part.figures
        merged.commitments += part.commitments
        merged.statements += part.statements
    merged.boroughs, merged.officials = list(boroughs.values()), list(officials.values())
    merged.stance = _merged_stance(merged.statements)
    return merged


def _merged_stance(statements: list[Statement]) -> DocumentStance:
    return document_stance_from_labels([(s.speaker, s.stance.label, s.stance.score) for s in statements])
