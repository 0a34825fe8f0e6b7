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
    Figure,
    Mention,
    Official,
    Place,
    Record,
    Stance,
    Statement,
)
from nlp.stance.aggregate import document_stance


def record_parts(doc: Doc) -> dict[str, Any]:
    """The record fields found in a Doc, as plain data (dicts, lists, strings, numbers).

    Plain data crosses process boundaries (spaCy's msgpack, Dask's pickles) unchanged,
    whatever fields the extractors' match objects gain."""
    statements = doc._.statements or []
    return {
        "boroughs": _plain(_boroughs(doc)),
        "places": _plain(_places(doc)),
        "officials": _plain([_official(match) for match in doc._.officials or []]),
        "figures": _plain([_item(Figure, match) for match in doc._.figures or []]),
        "commitments": _plain([_item(Commitment, match) for match in doc._.commitments or []]),
        "statements": _plain([_statement(match) for match in statements]),
        "stance": _plain(document_stance(statements)),
    }


def record_from_doc(doc: Doc, document: Document) -> Record:
    """The record of one Doc whose text is ``document.text`` (or a chunk of it)."""
    parts = doc._.record if doc._.record is not None else record_parts(doc)
    return Record.from_dict(
        {
            **parts,
            "id": document.id or "",
            "source": document.source,
            "text": doc.text,
            "title": document.title,
            "date": document.date,
            "kind": document.kind or doc._.kind or "other",
            "errors": list(document.errors),
        }
    )


def text_only_record(document: Document, reason: str) -> Record:
    """A record with the document's text and metadata and no items, ``reason`` in its errors."""
    return Record(
        id=document.id or "",
        source=document.source,
        text=document.text,
        title=document.title,
        date=document.date,
        kind=document.kind or "other",  # type: ignore[arg-type]
        errors=[*document.errors, reason],
    )


def _plain(value: Any) -> Any:
    """Dataclasses as dicts and tuples as lists, all the way down (what JSON and msgpack keep)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _fields(match: Any) -> dict[str, Any]:
    """The fields of an extractor's match, whether a NamedTuple, a dataclass or a slotted class."""
    if hasattr(match, "_asdict"):
        return dict(match._asdict())
    if dataclasses.is_dataclass(match):
        return {f.name: getattr(match, f.name) for f in dataclasses.fields(match)}
    names = getattr(match, "__slots__", None) or vars(match)
    return {name: getattr(match, name) for name in names}


def _item(cls: type, match: Any) -> Any:
    """A record item of type ``cls`` from a match; fields the record does not have are left out."""
    known = {f.name for f in dataclasses.fields(cls)}
    return cls(**{name: value for name, value in _fields(match).items() if name in known})


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
    merged.stance = document_stance(merged.statements)
    return merged
