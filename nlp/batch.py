"""Running the pipeline over many documents: lazily, with progress, resumable, bad input recorded.

Documents are read one at a time and each record goes to the sinks as soon as it is made,
so memory stays flat in the size of the corpus. The engine is spaCy in this process (with
``workers`` processes) or a Dask cluster (nlp.dask_engine)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from nlp.ingest import DEFAULT_MAX_BYTES, Document, ReadError, read_paths
from nlp.pipeline import DEFAULT_BATCH_SIZE, PIPELINE_VERSION, Extractor, build_pipeline
from nlp.record import Record
from nlp.store import Store
from nlp.writers import Batched, JsonlSink, SkipDone, StoreSink, TableSink, jsonl_done, repair_tail

COMMIT_EVERY = 64  # records per store transaction: fewer commits, at most this many to redo after a crash
log = logging.getLogger("policing")
ENGINES = ("local", "dask")


class EngineError(RuntimeError):
    """The chosen engine cannot run (e.g. no Dask scheduler at the address given)."""


@dataclass
class ExtractSummary:
    """What a run did: how many records, which inputs failed and why."""

    records: int = 0
    skipped: int = 0
    failures: list[ReadError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass
class ExtractOptions:
    output: Path | None = None
    fmt: str = "jsonl"
    store: str | None = None
    model: str | None = None
    workers: int = 1  # spaCy processes (local engine), or LocalCluster workers (dask, no scheduler)
    batch_size: int = DEFAULT_BATCH_SIZE  # documents per spaCy batch
    resume: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    engine: str = "local"
    scheduler: str | None = None  # a Dask scheduler address; None starts a LocalCluster
    partition_size: int = 16  # documents per Dask task
    commit_every: int = COMMIT_EVERY  # records per store transaction


def open_sinks(options: ExtractOptions, store: Store | None) -> list[SkipDone]:
    """The sinks a run writes to (a file or stdout, and the store when one is named), each
    knowing which records it already holds when the run resumes."""
    sinks: list[SkipDone] = []
    if options.fmt == "jsonl" and (options.output or not store):
        sinks.append(SkipDone(_jsonl_sink(options), _done_in_file(options)))
    elif options.fmt in ("csv", "parquet"):
        sinks.append(SkipDone(TableSink(options.output or Path("policing-tables"), options.fmt)))
    if store is not None:
        done = done_in_store(store) if options.resume else set()
        sinks.append(SkipDone(Batched(StoreSink(store), options.commit_every), done))
    return sinks


def _jsonl_sink(options: ExtractOptions) -> JsonlSink:
    resuming = options.resume and options.output is not None and options.output.exists()
    if resuming and options.output:
        repair_tail(options.output)  # a resumed file must not end mid-line
    return JsonlSink(options.output, append=resuming)


def _done_in_file(options: ExtractOptions) -> set[str]:
    return jsonl_done(options.output, PIPELINE_VERSION) if options.resume and options.output else set()


def done_in_store(store: Store) -> set[str]:
    """Ids this pipeline version already stored."""
    return {rid for rid, version in store.stored_versions().items() if version == PIPELINE_VERSION}


def documents_only(
    items: Iterable[Document | ReadError], summary: ExtractSummary, skip: set[str], tick: Callable[[], None]
) -> Iterator[Document]:
    """The readable, not-yet-done documents; errors go into ``summary`` as they are met."""
    for item in items:
        if isinstance(item, ReadError):
            summary.failures.append(item)
            log.error("%s", item)
            tick()
        elif item.id in skip:
            summary.skipped += 1
            tick()
        else:
            yield item


def extract_records(
    documents: Iterable[Document], options: ExtractOptions, extractor: Extractor | None = None
) -> Iterator[Record]:
    """Records for ``documents`` in their order, from the engine ``options`` names."""
    if options.engine == "dask":
        from nlp.dask_engine import DaskSettings, dask_records

        settings = DaskSettings(options.scheduler, options.workers, options.model, options.batch_size)
        yield from dask_records(documents, settings, options.partition_size)
        return
    extractor = extractor or Extractor(
        build_pipeline(options.model), batch_size=options.batch_size, n_process=options.workers
    )
    yield from extractor.records(documents)


def run_extract(
    paths: list[str],
    options: ExtractOptions,
    progress: Callable[[int], None] | None = None,
    extractor: Extractor | None = None,
) -> ExtractSummary:
    """Extract every document under ``paths`` into the chosen sinks; never stops on bad input."""
    summary = ExtractSummary()
    store = Store(options.store) if options.store else None
    tick = (lambda: progress(1)) if progress else (lambda: None)
    sinks: list[SkipDone] = []
    try:
        sinks = open_sinks(options, store)
        # Skip a document only when every sink holds it; a sink that has it already is not written twice.
        skip = set.intersection(*(sink.done for sink in sinks)) if options.resume and sinks else set()
        documents = documents_only(read_paths(paths, options.max_bytes), summary, skip, tick)
        for record in extract_records(documents, options, extractor):
            for sink in sinks:
                sink.write(record)
            summary.records += 1
            tick()
    finally:
        for sink in sinks:
            sink.close()
        if store is not None:
            store.close()
    return summary


def load_records(path: Path) -> list[Record]:
    """Records from a JSON Lines file (skipping blank lines)."""
    with path.open(encoding="utf-8") as handle:
        return [Record.from_dict(json.loads(line)) for line in handle if line.strip()]
