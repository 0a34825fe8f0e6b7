"""The statement record (RECORD.md): typed dataclasses, dict round-trips and a JSON Schema.

Field names and label sets here are a contract shared with the evaluation, the store and
users' notebooks: fields may be added, never renamed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

SCHEMA_VERSION = "1"

Kind = Literal["press_release", "transcript", "debate", "news", "other"]
Strength = Literal["firm", "conditional", "tentative"]
StatementKind = Literal["direct", "indirect", "turn"]
StanceLabel = Literal["support", "oppose", "neutral", "unrelated"]
DocumentStanceLabel = Literal["support", "oppose", "neutral", "mixed", "unrelated"]

KINDS: tuple[str, ...] = get_args(Kind)
STRENGTHS: tuple[str, ...] = get_args(Strength)
STANCE_LABELS: tuple[str, ...] = get_args(StanceLabel)
DOCUMENT_STANCE_LABELS: tuple[str, ...] = get_args(DocumentStanceLabel)
STANCE_TARGET = "armed patrols"


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Borough:
    name: str
    code: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Place:
    name: str
    borough: str | None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Official:
    name: str
    honorific: str | None = None
    role: str | None = None
    organisation: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    post_nominals: list[str] = field(default_factory=list)


@dataclass
class Figure:
    value: float
    text: str
    counts: str | None
    start: int
    end: int
    unit: str | None = None
    qualifier: str | None = None
    period: str | None = None
    place: str | None = None


@dataclass
class Commitment:
    actor: str | None
    action: str
    text: str
    strength: Strength
    start: int
    end: int
    speaker: str | None = None
    negated: bool = False
    boroughs: list[str] = field(default_factory=list)
    timeframe: str | None = None
    cue: str | None = None


@dataclass
class Stance:
    label: StanceLabel = "unrelated"
    score: float = 0.0
    cues: list[str] = field(default_factory=list)
    # The probability that the statement is about armed patrols at all (the first stage);
    # ``score`` is the label's own, which for a side is this times the side's probability.
    relevance: float = 0.0


@dataclass
class Statement:
    speaker: str | None
    kind: StatementKind
    text: str
    start: int
    end: int
    stance: Stance = field(default_factory=Stance)
    role: str | None = None


@dataclass
class SpeakerStance:
    speaker: str
    label: StanceLabel
    score: float


@dataclass
class DocumentStance:
    target: str = STANCE_TARGET
    label: DocumentStanceLabel = "unrelated"
    by_speaker: list[SpeakerStance] = field(default_factory=list)


@dataclass
class Record:
    id: str
    source: str
    text: str
    title: str | None = None
    date: str | None = None
    kind: Kind = "other"
    boroughs: list[Borough] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    stance: DocumentStance = field(default_factory=DocumentStance)
    errors: list[str] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION
    pipeline_version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return _build(cls, data)


def text_id(text: str) -> str:
    """A stable id for a document that brings none: the start of its text's SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@cache
def _fields_of(cls: type) -> tuple[dict[str, Any], frozenset[str]]:
    """A dataclass's resolved type hints and field names (resolving them is slow: done once)."""
    return get_type_hints(cls), frozenset(f.name for f in dataclasses.fields(cls))


def _build(cls: type, data: Any) -> Any:
    hints, known = _fields_of(cls)
    kwargs = {key: _coerce(hints[key], value) for key, value in data.items() if key in known}
    return cls(**kwargs)


def _coerce(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin is list:
        (inner,) = get_args(hint)
        return [_coerce(inner, item) for item in value]
    if origin in (Union, types.UnionType):
        inner = [arg for arg in get_args(hint) if arg is not type(None)]
        return _coerce(inner[0], value) if len(inner) == 1 else value
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _build(hint, value)
    return value


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a record, derived from the dataclasses."""
    definitions: dict[str, Any] = {}
    _schema_for(Record, definitions)
    root = definitions.pop(Record.__name__)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "policing-statements record",
        **root,
        "$defs": definitions,
    }


def _schema_for(hint: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(hint)
    if origin is list:
        return {"type": "array", "items": _schema_for(get_args(hint)[0], definitions)}
    if origin in (Union, types.UnionType):
        return {"anyOf": [_schema_for(arg, definitions) for arg in get_args(hint)]}
    if origin is Literal:
        return {"enum": list(get_args(hint))}
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _dataclass_schema(hint, definitions)
    simple = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}
    return {"type": simple[hint]}


def _dataclass_schema(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    if cls.__name__ not in definitions:
        definitions[cls.__name__] = {}  # placeholder against recursion
        hints = get_type_hints(cls)
        fields = dataclasses.fields(cls)
        definitions[cls.__name__] = {
            "type": "object",
            "properties": {f.name: _schema_for(hints[f.name], definitions) for f in fields},
            "required": [f.name for f in fields],
        }
    return {"$ref": f"#/$defs/{cls.__name__}"}
