"""Building the project's spaCy pipeline and turning Documents into Records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

import nlp.components  # noqa: F401  (registers the factories)
from nlp import __version__
from nlp.assemble import merge_records, record_from_doc
from nlp.extensions import register_extensions
from nlp.ingest import Document
from nlp.models import load_base
from nlp.record import Record

COMPONENTS = (
    "policing_boroughs",
    "policing_officials",
    "policing_figures",
    "policing_statements",
    "policing_commitments",
    "policing_stance",
)
PIPELINE_VERSION = f"policing-statements {__version__}"


def build_pipeline(model: str | None = None, stance_model: str | None = None) -> Language:
    """The base English pipeline with the project's components added after it."""
    register_extensions()
    nlp = load_base(model)
    for name in COMPONENTS:
        config = {"model_path": stance_model} if name == "policing_stance" and stance_model else {}
        nlp.add_pipe(name, config=config)
    return nlp


def split_paragraphs(text: str, limit: int) -> list[tuple[int, str]]:
    """Chunks of ``text`` no longer than ``limit``, cut at paragraph (else line, else any)
    boundaries, each with its offset into ``text``."""
    chunks: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), 0) or max(window.rfind("\n"), 0) or limit
        cut = cut if cut > limit // 4 else limit
        chunks.append((start, text[start : start + cut]))
        start += cut
    chunks.append((start, text[start:]))
    return chunks


@dataclass
class Extractor:
    """Runs the pipeline over Documents and yields one Record per Document, in order."""

    nlp: Language
    batch_size: int = 16
    n_process: int = 1
    chunk_chars: int = field(default=0)

    def __post_init__(self) -> None:
        self.chunk_chars = self.chunk_chars or min(self.nlp.max_length, 200_000)

    def _docs(self, documents: Iterable[Document]) -> Iterator[tuple[Doc, tuple[int, int, int]]]:
        for number, document in enumerate(documents):
            chunks = split_paragraphs(document.text, self.chunk_chars)
            for index, (offset, chunk) in enumerate(chunks):
                doc = self.nlp.make_doc(chunk)
                doc._.kind = document.kind
                yield doc, (number, offset, len(chunks) - index - 1)

    def records(self, documents: Iterable[Document]) -> Iterator[Record]:
        """Records for ``documents`` (read lazily), each as soon as its last chunk is done."""
        pending: dict[int, Document] = {}

        def remember(items: Iterable[Document]) -> Iterator[Document]:
            for number, document in enumerate(items):
                pending[number] = document
                yield document

        parts: list[tuple[int, Record]] = []
        stream = self.nlp.pipe(
            self._docs(remember(documents)), as_tuples=True, batch_size=self.batch_size, n_process=self.n_process
        )
        for doc, (number, offset, remaining) in stream:
            parts.append((offset, record_from_doc(doc, pending[number])))
            if remaining == 0:
                document = pending.pop(number)
                record = merge_records(document, parts) if len(parts) > 1 else parts[0][1]
                record.pipeline_version = PIPELINE_VERSION
                parts = []
                yield record

    def record(self, document: Document) -> Record:
        return next(self.records([document]))
