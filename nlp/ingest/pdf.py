"""PDF files, through their text layer (pypdf)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from nlp.ingest.base import Document, ReadError, normalise_text, read_bytes
from nlp.ingest.dates import parse_date

SUFFIXES = (".pdf",)
logging.getLogger("pypdf").setLevel(logging.ERROR)


def read(path: Path, max_bytes: int) -> Iterator[Document]:
    read_bytes(path, max_bytes)  # size check only: pypdf reads the file itself
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise ReadError(str(path), f"not a readable PDF ({type(error).__name__}: {error})") from error
    text = normalise_text("\n\n".join(page.strip() for page in pages if page.strip()))
    if not text:
        raise ReadError(str(path), "this PDF has no text layer (a scan?): run OCR on it first")
    title = str(info.title).strip() if info and info.title else None
    date = parse_date(str(info.get("/CreationDate", ""))) if info else None
    yield Document(text=text, source=str(path), title=title or None, date=date, metadata={"pages": str(len(pages))})
