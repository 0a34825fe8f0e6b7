"""Readers: one module per input format, each turning a file into Documents.

``read_paths`` walks files, folders and ``-`` (stdin) lazily and yields either a
Document or a ReadError for each thing it met, so one bad file never stops a run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from nlp.ingest import docx, html, pdf, tabular, text
from nlp.ingest.base import Document, ReadError, decode_text
from nlp.ingest.dates import date_from_text, parse_date
from nlp.ingest.kind import guess_kind
from nlp.record import KINDS, text_id

__all__ = ["Document", "ReadError", "read_paths", "read_path", "finish", "SUPPORTED_SUFFIXES"]

Reader = Callable[[Path, int], Iterable[Document | ReadError]]
READERS: dict[str, Reader] = {
    suffix: module.read for module in (text, html, pdf, docx, tabular) for suffix in module.SUFFIXES
}
SUPPORTED_SUFFIXES = tuple(sorted(READERS))
DEFAULT_MAX_BYTES = 20_000_000
# In a folder, files that document the folder rather than belong to it.
SKIPPED_IN_FOLDERS = ("README*", "*.gold.json", ".*")


def read_paths(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadError]:
    """Every document under ``paths`` (files, folders, ``-``), lazily, in a stable order."""
    for name in paths:
        if name == "-":
            yield from _stdin()
            continue
        path = Path(name)
        if path.is_dir():
            for child in _walk(path):
                yield from read_path(child, max_bytes)
        elif path.exists():
            yield from read_path(path, max_bytes)
        else:
            yield ReadError(name, "no such file or folder")


def _walk(folder: Path) -> Iterator[Path]:
    for child in sorted(folder.rglob("*")):
        readable = child.is_file() and child.suffix.lower() in READERS
        if readable and not any(child.match(pattern) for pattern in SKIPPED_IN_FOLDERS):
            yield child


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadError]:
    """The documents in one file, each finished (id, date, kind), or the error that stopped it."""
    reader = READERS.get(path.suffix.lower(), text.read)
    try:
        for item in reader(path, max_bytes):
            yield item if isinstance(item, ReadError) else _checked(item)
    except ReadError as error:
        yield error
    except (OSError, UnicodeError, ValueError) as error:
        yield ReadError(str(path), f"could not be read ({type(error).__name__}: {error})")


def _checked(document: Document) -> Document | ReadError:
    if not document.text.strip():
        return ReadError(document.source, "empty document: no text to read")
    return finish(document)


def _stdin() -> Iterator[Document | ReadError]:
    try:
        raw, _ = decode_text(sys.stdin.buffer.read(), "<stdin>")
    except ReadError as error:
        yield error
        return
    for document in text.from_string(raw, "<stdin>"):
        yield _checked(document)


def finish(document: Document) -> Document:
    """Fill what the reader left open: id from the text's hash, date and kind from the text."""
    document.id = document.id or text_id(document.text)
    document.date = (parse_date(document.date) if document.date else None) or date_from_text(document.text)
    if document.kind not in KINDS:
        document.kind = guess_kind(document.text)
    return document
