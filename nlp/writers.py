"""Output sinks for records: JSON Lines, flat CSV or Parquet tables, or the store."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any, Protocol

import pandas as pd

from nlp.record import Record
from nlp.store import Store
from nlp.store.register import Register

TABLES = ("documents", "boroughs", "officials", "figures", "commitments", "statements")


class Sink(Protocol):
    def write(self, record: Record) -> None: ...
    def close(self) -> None: ...


class JsonlSink:
    """One record per line, flushed as it is written (a killed run keeps what it wrote)."""

    def __init__(self, path: Path | None, append: bool = False) -> None:
        self.handle: IO[str] = open(path, "a" if append else "w", encoding="utf-8") if path else sys.stdout  # noqa: SIM115
        self.owned = path is not None

    def write(self, record: Record) -> None:
        self.handle.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        self.handle.flush()

    def close(self) -> None:
        if self.owned:
            self.handle.close()


def repair_tail(path: Path, block: int = 1 << 16) -> None:
    """Cut a line left unfinished by a killed run, so that appended records start on a line of their own."""
    with path.open("r+b") as handle:
        end = handle.seek(0, 2)
        position = end
        while position > 0:
            start = max(position - block, 0)
            handle.seek(start)
            data = handle.read(position - start)
            newline = data.rfind(b"\n")
            if newline >= 0:
                position = start + newline + 1
                break
            position = start
        if position < end:
            handle.truncate(position)


def jsonl_done(path: Path, version: str) -> set[str]:
    """Ids of the records in a JSON Lines file that ``version`` of the pipeline made."""
    done: set[str] = set()
    if not path.exists():
        return done
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by a kill
            if isinstance(item, dict) and item.get("pipeline_version") == version and "id" in item:
                done.add(item["id"])
    return done


class SkipDone:
    """Passes on only the records whose id the sink does not hold yet (resumed runs)."""

    def __init__(self, sink: Sink, done: set[str] | None = None) -> None:
        self.sink = sink
        self.done = done or set()

    def write(self, record: Record) -> None:
        if record.id not in self.done:
            self.sink.write(record)

    def close(self) -> None:
        self.sink.close()


class Batched:
    """Hands records on in batches of ``size``: one ``write_many`` call (one transaction)
    per batch when the sink has that method, else record by record."""

    def __init__(self, sink: Sink, size: int) -> None:
        self.sink, self.size = sink, size
        self.buffer: list[Record] = []

    def write(self, record: Record) -> None:
        self.buffer.append(record)
        if len(self.buffer) >= self.size:
            self.flush()

    def flush(self) -> None:
        write_many = getattr(self.sink, "write_many", None)
        if write_many is not None:
            write_many(self.buffer)
        else:
            for record in self.buffer:
                self.sink.write(record)
        self.buffer = []

    def close(self) -> None:
        self.flush()
        self.sink.close()


def flat_rows(record: Record) -> dict[str, list[dict[str, Any]]]:
    """The record as rows of the flat tables, each keyed by ``record_id``."""
    rid = record.id
    doc = {
        "record_id": rid,
        "source": record.source,
        "title": record.title,
        "date": record.date,
        "kind": record.kind,
        "stance": record.stance.label,
        "errors": "; ".join(record.errors),
        "text": record.text,
    }
    return {
        "documents": [doc],
        "boroughs": [
            {"record_id": rid, "code": b.code, "name": b.name, "mentions": len(b.mentions)} for b in record.boroughs
        ],
        "officials": [
            {
                "record_id": rid,
                "name": o.name,
                "honorific": o.honorific,
                "role": o.role,
                "organisation": o.organisation,
                "mentions": len(o.mentions),
            }
            for o in record.officials
        ],
        "figures": [
            {
                "record_id": rid,
                "value": f.value,
                "text": f.text,
                "counts": f.counts,
                "unit": f.unit,
                "qualifier": f.qualifier,
                "period": f.period,
                "place": f.place,
                "start": f.start,
                "end": f.end,
            }
            for f in record.figures
        ],
        "commitments": [
            {
                "record_id": rid,
                "actor": c.actor,
                "speaker": c.speaker,
                "action": c.action,
                "text": c.text,
                "strength": c.strength,
                "negated": c.negated,
                "boroughs": ";".join(c.boroughs),
                "timeframe": c.timeframe,
                "start": c.start,
                "end": c.end,
            }
            for c in record.commitments
        ],
        "statements": [
            {
                "record_id": rid,
                "speaker": s.speaker,
                "kind": s.kind,
                "text": s.text,
                "stance": s.stance.label,
                "stance_score": s.stance.score,
                "stance_relevance": s.stance.relevance,
                "cues": "; ".join(s.stance.cues),
                "start": s.start,
                "end": s.end,
            }
            for s in record.statements
        ],
    }


class TableSink:
    """Flat tables (one file per item type) as CSV or Parquet in a folder.

    CSV rows are appended as records arrive; Parquet is written in row groups of ``chunk``
    records so memory stays flat."""

    def __init__(self, folder: Path, fmt: str, chunk: int = 500) -> None:
        self.folder, self.fmt, self.chunk = folder, fmt, chunk
        folder.mkdir(parents=True, exist_ok=True)
        self.buffer: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        self.pending = 0
        self.started: set[str] = set()
        self.parquet_writers: dict[str, Any] = {}

    def write(self, record: Record) -> None:
        for name, rows in flat_rows(record).items():
            self.buffer[name] += rows
        self.pending += 1
        if self.pending >= self.chunk:
            self.flush()

    def flush(self) -> None:
        for name, rows in self.buffer.items():
            if rows or name not in self.started:
                self._write_table(name, pd.DataFrame(rows, columns=_columns(name)))
            self.buffer[name] = []
        self.pending = 0

    def _write_table(self, name: str, frame: pd.DataFrame) -> None:
        path = self.folder / f"{name}.{self.fmt}"
        if self.fmt == "csv":
            frame.to_csv(path, mode="a" if name in self.started else "w", header=name not in self.started, index=False)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(frame.astype(object).where(frame.notna(), None), preserve_index=False)
            if name not in self.parquet_writers:
                self.parquet_writers[name] = pq.ParquetWriter(path, table.schema)
            self.parquet_writers[name].write_table(table.cast(self.parquet_writers[name].schema))
        self.started.add(name)

    def close(self) -> None:
        self.flush()
        for writer in self.parquet_writers.values():
            writer.close()


def _columns(name: str) -> list[str]:
    sample = Record(id="", source="", text="")
    rows = flat_rows(sample)[name]
    if rows:
        return list(rows[0])
    return {
        "boroughs": ["record_id", "code", "name", "mentions"],
        "officials": ["record_id", "name", "honorific", "role", "organisation", "mentions"],
        "figures": ["record_id", "value", "text", "counts", "unit", "qualifier", "period", "place", "start", "end"],
        "commitments": [
            "record_id",
            "actor",
            "speaker",
            "action",
            "text",
            "strength",
            "negated",
            "boroughs",
            "timeframe",
            "start",
            "end",
        ],
        "statements": [
            "record_id",
            "speaker",
            "kind",
            "text",
            "stance",
            "stance_score",
            "stance_relevance",
            "cues",
            "start",
            "end",
        ],
    }[name]


class StoreSink:
    """Saves records and registers their commitments: one transaction per record, or per
    batch through ``write_many`` (a crash loses at most the batch, which --resume redoes)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.register = Register(store)

    def write(self, record: Record) -> None:
        self.write_many([record])

    def write_many(self, records: list[Record]) -> None:
        with self.store.engine.begin() as conn:
            for record in records:
                self.store.save(record, conn)
                self.register.add_record(record, conn)

    def close(self) -> None:
        pass
