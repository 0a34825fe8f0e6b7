"""Word documents (.docx)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

from nlp.ingest.base import Document, ReadError, normalise_text, read_bytes

SUFFIXES = (".docx",)


def read(path: Path, max_bytes: int) -> Iterator[Document]:
    read_bytes(path, max_bytes)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ReadError(str(path), f"not a readable .docx file ({type(error).__name__})") from error
    text = normalise_text("\n\n".join(p.text.strip() for p in document.paragraphs if p.text.strip()))
    if not text:
        raise ReadError(str(path), "this .docx file has no text")
    props = document.core_properties
    date = props.created.date().isoformat() if props.created else None
    yield Document(text=text, source=str(path), title=props.title or None, date=date)
