"""Plain text and Markdown files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from nlp.ingest.base import Document, decode_text, normalise_text, read_bytes

SUFFIXES = (".txt", ".md", ".text", ".markdown")


def read(path: Path, max_bytes: int) -> Iterator[Document]:
    text, encoding = decode_text(read_bytes(path, max_bytes), str(path))
    yield from from_string(text, str(path), {"encoding": encoding})


def from_string(text: str, source: str, metadata: dict[str, str] | None = None) -> Iterator[Document]:
    text = normalise_text(text)
    title = next((line.strip("# ").strip() for line in text.splitlines() if line.strip()), None)
    yield Document(text=text, source=source, title=title, metadata=metadata or {})
