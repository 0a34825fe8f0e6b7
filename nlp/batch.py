"""Running the pipeline over many documents: lazily, with progress, bad input recorded."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from nlp.ingest import DEFAULT_MAX_BYTES, Document, ReadError, read_paths
from nlp.pipeline import PIPELINE_VERSION, Extractor, build_pipeline
from nlp.record import Record
from nlp.store import Store
from nlp.writers import JsonlSink, Sink, StoreSink, TableSink

log = logging.getLogger("policing")


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
    workers: int = 1
    batch_size: int = 16
    resume: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES


def open_sinks(options: ExtractOptions, store: Store | None) -> list[Sink]:
    """The sinks a run writes to: a file or stdout, and the store when one is named."""
    sinks: list[Sink] = []
    if options.fmt == "jsonl" and (options.output or not store):
        sinks.append(JsonlSink(options.output, append=options.resume))
    elif options.fmt in ("csv", "parquet"):
        sinks.append(TableSink(options.output or Path("policing-tables"), options.fmt))
    if store is not None:
        sinks.append(StoreSink(store))
    return sinks


def done_ids(options: ExtractOptions, store: Store | None) -> set[str]:
    """Ids already extracted by this pipeline version, in the output file or the store."""
    done: set[str] = set()
    if store is not None:
        done |= {rid for rid, version in store.stored_versions().items() if version == PIPELINE_VERSION}
    if options.output and options.fmt == "jsonl" and options.output.exists():
        with options.output.open(encoding="utf-8") as handle:
            for line in handle:
                try:
                    item = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut short by a kill
                if item.get("pipeline_version") == PIPELINE_VERSION:
                    done.add(item["id"])
    return done


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


def run_extract(
    paths: list[str],
    options: ExtractOptions,
    progress: Callable[[int], None] | None = None,
    extractor: Extractor | None = None,
) -> ExtractSummary:
    """Extract every document under ``paths`` into the chosen sinks; never stops on bad input."""
    summary = ExtractSummary()
    store = Store(options.store) if options.store else None
    sinks = open_sinks(options, store)
    # A resumed JSONL file must not end mid-line, or the next record would be glued to it.
    if options.resume and options.output and options.output.exists():
        _repair_tail(options.output)
    skip = done_ids(options, store) if options.resume else set()
    extractor = extractor or Extractor(
        build_pipeline(options.model), batch_size=options.batch_size, n_process=options.workers
    )
    tick = (lambda: progress(1)) if progress else (lambda: None)
    try:
        docs = documents_only(read_paths(paths, options.max_bytes), summary, skip, tick)
        for record in extractor.records(docs):
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


def _repair_tail(path: Path) -> None:
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        cut = data.rfind(b"\n") + 1
        with path.open("r+b") as handle:
            handle.truncate(cut)


def load_records(path: Path) -> list[Record]:
    """Records from a JSON Lines file (skipping blank lines)."""
    with path.open(encoding="utf-8") as handle:
        return [Record.from_dict(json.loads(line)) for line in handle if line.strip()]
