"""Analysing new text in the explorer: pasted text and uploaded files into Documents, then Records.

Every input is read with the project's own readers; an unreadable or oversized one becomes a
message naming it, and the others go on.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nlp.ingest import Document, ReadError, finish, read_path
from nlp.ingest import text as text_reader

if TYPE_CHECKING:
    from nlp.pipeline import Extractor

PASTED_SOURCE = "pasted text"


@dataclass
class Inputs:
    documents: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def read_inputs(pasted: str, uploads: Iterable[tuple[str, bytes]], max_bytes: int) -> Inputs:
    """Documents from pasted text and uploaded (name, bytes) pairs; errors name their input."""
    found = Inputs()
    if pasted.strip():
        if len(pasted.encode("utf-8")) > max_bytes:
            found.errors.append(f"{PASTED_SOURCE}: longer than the {max_bytes // 1_000_000} MB limit")
        else:
            found.documents += [finish(d) for d in text_reader.from_string(pasted, PASTED_SOURCE)]
    with tempfile.TemporaryDirectory() as folder:
        for name, data in uploads:
            _read_upload(Path(folder), name, data, max_bytes, found)
    return found


def _read_upload(folder: Path, name: str, data: bytes, max_bytes: int, found: Inputs) -> None:
    safe_name = Path(name).name or "upload.txt"  # never a path outside the temporary folder
    if len(data) > max_bytes:
        found.errors.append(f"{safe_name}: larger than the {max_bytes // 1_000_000} MB limit")
        return
    path = folder / safe_name
    path.write_bytes(data)
    for item in read_path(path, max_bytes):
        if isinstance(item, ReadError):
            found.errors.append(f"{safe_name}: {item.reason}")
        else:
            item.source = safe_name if item.source == str(path) else item.source.replace(str(path), safe_name)
            found.documents.append(item)


def analyse(extractor: Extractor, documents: list[Document]) -> list[dict[str, Any]]:
    """The records of ``documents`` as plain dicts (what the page keeps between reruns)."""
    return [record.to_dict() for record in extractor.records(documents)]
