"""Tables of documents: JSON, JSON Lines and CSV with a text column; other columns become metadata."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from nlp.ingest.base import Document, ReadError, decode_text, normalise_text, read_bytes

SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv")
TEXT_COLUMNS = ("text", "body", "content", "transcript", "article")
KNOWN_FIELDS = ("id", "title", "date", "kind", "source")


def read(path: Path, max_bytes: int) -> Iterator[Document | ReadError]:
    raw, _ = decode_text(read_bytes(path, max_bytes), str(path))
    if path.suffix == ".csv":
        rows: Iterator[tuple[int, Any]] = enumerate(csv.DictReader(io.StringIO(raw)), start=1)
    elif path.suffix in (".jsonl", ".ndjson"):
        rows = _jsonl_rows(raw, str(path))
    else:
        rows = enumerate(_json_rows(raw, str(path)), start=1)
    for number, row in rows:
        try:
            yield row_to_document(row, f"{path}#row={number}")
        except ReadError as error:
            yield error


def _jsonl_rows(raw: str, source: str) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            yield number, ReadError(f"{source}#row={number}", f"not valid JSON ({error.msg})")


def _json_rows(raw: str, source: str) -> list[Any]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ReadError(source, f"not valid JSON ({error.msg} at line {error.lineno})") from error
    if isinstance(data, dict):
        return data.get("documents", [data]) if isinstance(data.get("documents"), list) else [data]
    if isinstance(data, list):
        return data
    raise ReadError(source, "JSON must be an object with a text field, or a list of them")


def _text_column(row: dict[str, Any]) -> str | None:
    lowered = {str(key).lower(): key for key in row}
    return next((lowered[name] for name in TEXT_COLUMNS if name in lowered), None)


def row_to_document(row: Any, source: str) -> Document:
    """One table row as a Document; the text column is the first of TEXT_COLUMNS present."""
    if isinstance(row, ReadError):
        raise row
    if not isinstance(row, dict):
        raise ReadError(source, "row is not an object with named fields")
    column = _text_column(row)
    if column is None:
        raise ReadError(
            source, f"no text column (looked for {', '.join(TEXT_COLUMNS)}; found {', '.join(map(str, row))})"
        )
    text = normalise_text(str(row[column] or ""))
    meta = {str(k): "" if v is None else str(v) for k, v in row.items() if k != column}
    known = {name: meta.pop(name) or None for name in KNOWN_FIELDS if name in meta}
    return Document(
        text=text,
        source=known.get("source") or source,
        id=known.get("id"),
        title=known.get("title"),
        date=known.get("date"),
        kind=known.get("kind"),
        metadata=meta,
    )
