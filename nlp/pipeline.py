"""Building the project's spaCy pipeline and turning Documents into Records."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

import nlp.components  # noqa: F401  (registers the factories)
from nlp import __version__
from nlp.assemble import merge_records, record_from_doc, record_parts, text_only_record
from nlp.extensions import DOC_EXTENSIONS, register_extensions
from nlp.ingest import Document
from nlp.models import load_base
from nlp.record import Record

log = logging.getLogger("policing")

COMPONENTS = (
    "policing_boroughs",
    "policing_officials",
    "policing_figures",
    "policing_statements",
    "policing_commitments",
    "policing_stance",
)
RECORD_COMPONENT = "policing_record"
PIPELINE_VERSION = f"policing-statements {__version__}"
# Documents per spaCy batch. Small batches keep worker processes evenly loaded when document
# lengths vary (benchmarks/throughput.py: 4 beat 16 with one process and with two).
DEFAULT_BATCH_SIZE = 4
# The extensions the record component folds into ``doc._.record`` and then clears.
MATCH_EXTENSIONS = tuple(name for name in DOC_EXTENSIONS if name != "kind")

if not Doc.has_extension("record"):
    Doc.set_extension("record", default=None)  # plain-data record fields, set by policing_record


class RecordPacker:
    """The pipeline's last step: the record's fields as plain data in ``doc._.record``.

    The match objects of the other components are cleared afterwards, because spaCy
    (``n_process > 1``) sends Docs back from its workers through msgpack, which only
    carries plain data."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.record = record_parts(doc)
        for name in MATCH_EXTENSIONS:
            doc._.set(name, None)
        return doc


@Language.factory(RECORD_COMPONENT, assigns=["doc._.record"], requires=["doc._.statements"])
def make_record_packer(nlp: Language, name: str) -> RecordPacker:
    return RecordPacker()


def build_pipeline(model: str | None = None, stance_model: str | None = None) -> Language:
    """The base English pipeline with the project's components added after it."""
    register_extensions()
    nlp = load_base(model)
    for name in COMPONENTS:
        config = {"model_path": stance_model} if name == "policing_stance" and stance_model else {}
        nlp.add_pipe(name, config=config)
    nlp.add_pipe(RECORD_COMPONENT)
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


def log_component_error(name: str | None, component: Any, docs: list[Doc] | None, error: Exception) -> None:
    """spaCy's error handler for the Extractor: log and go on (the Doc is dropped and reported)."""
    log.error("pipeline step %s failed: %s: %s", name or "(a worker batch)", type(error).__name__, error)


# The context spaCy carries with each chunk: (document number, offset of the chunk, chunks in the document).
ChunkContext = tuple[int, int, int]


@dataclass
class Extractor:
    """Runs the pipeline over Documents and yields one Record per Document, in input order.

    Documents are read lazily; only those in flight are held (``pending``). A Document whose
    chunk a component failed on still gets a record, with the failure in ``errors``."""

    nlp: Language
    batch_size: int = DEFAULT_BATCH_SIZE
    n_process: int = 1
    chunk_chars: int = field(default=0)

    def __post_init__(self) -> None:
        self.chunk_chars = self.chunk_chars or min(self.nlp.max_length, 200_000)
        if RECORD_COMPONENT not in self.nlp.pipe_names:
            self.nlp.add_pipe(RECORD_COMPONENT)
        # Our components are plain callables: spaCy hands their errors to this handler.
        # (Language.set_error_handler would also reach the Cython parsers, which cannot take one.)
        self.nlp.default_error_handler = log_component_error

    def _docs(self, documents: Iterable[Document], pending: dict[int, Document]) -> Iterator[tuple[Doc, ChunkContext]]:
        for number, document in enumerate(documents):
            pending[number] = document
            chunks = split_paragraphs(document.text, self.chunk_chars)
            for offset, chunk in chunks:
                doc = self.nlp.make_doc(chunk)
                doc._.kind = document.kind
                yield doc, (number, offset, len(chunks))

    def records(self, documents: Iterable[Document]) -> Iterator[Record]:
        """Records for ``documents`` (read lazily), each as soon as its last chunk is done."""
        pending: dict[int, Document] = {}
        parts: list[tuple[int, Record]] = []
        parts_of = -1
        stream = self.nlp.pipe(
            self._docs(documents, pending), as_tuples=True, batch_size=self.batch_size, n_process=self.n_process
        )
        for doc, (number, offset, total) in stream:
            if number != parts_of:  # a new document: an unfinished one before it lost a chunk
                parts, parts_of = [], number
            yield from _lost(pending, before=number)
            parts.append((offset, record_from_doc(doc, pending[number])))
            if len(parts) == total:
                yield _finished(pending.pop(number), parts)
                parts = []
        yield from _lost(pending, before=None)

    def record(self, document: Document) -> Record:
        return next(self.records([document]))


def _finished(document: Document, parts: list[tuple[int, Record]]) -> Record:
    record = merge_records(document, parts) if len(parts) > 1 else parts[0][1]
    record.pipeline_version = PIPELINE_VERSION
    return record


def failed_record(document: Document, reason: str) -> Record:
    """The record of a document the pipeline could not process (logged, with ``reason`` in its errors)."""
    log.error("%s: %s", document.source, reason)
    record = text_only_record(document, reason)
    record.pipeline_version = PIPELINE_VERSION
    return record


def _lost(pending: dict[int, Document], before: int | None) -> Iterator[Record]:
    """Records for documents that spaCy dropped (a component raised on them), in order."""
    for number in [n for n in pending if before is None or n < before]:
        yield failed_record(pending.pop(number), "extraction failed: a pipeline step raised on this document")
