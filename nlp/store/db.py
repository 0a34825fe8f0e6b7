"""The record store: SQLite by default, PostgreSQL by URL, through SQLAlchemy Core.

The schema is versioned: ``MIGRATIONS[n]`` takes a store from version n to n + 1, and
opening a store applies what it lacks. A store written by a newer version is refused.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    func,
    insert,
    inspect,
    select,
)

from nlp.record import Record
from nlp.store.register_schema import create_register

DEFAULT_STORE = "policing.db"
metadata = MetaData()

schema_info = Table("schema_info", metadata, Column("version", Integer, nullable=False))
records = Table(
    "records",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("source", Text, nullable=False),
    Column("title", Text),
    Column("date", String(10), index=True),
    Column("kind", String(20), index=True),
    Column("stance", String(20), index=True),
    Column("pipeline_version", String(80)),
    Column("text", Text, nullable=False),
    Column("data", Text, nullable=False),  # the whole record as JSON
    Column("stored_at", String(32), nullable=False),
)
record_boroughs = Table(
    "record_boroughs",
    metadata,
    Column("record_id", String(200), ForeignKey("records.id", ondelete="CASCADE"), nullable=False),
    Column("code", String(9), nullable=False),
    Column("name", Text, nullable=False),
    Column("mentions", Integer, nullable=False),
    Index("ix_record_boroughs_code", "code"),
    Index("ix_record_boroughs_record", "record_id"),
)
record_officials = Table(
    "record_officials",
    metadata,
    Column("record_id", String(200), ForeignKey("records.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("role", Text),
    Column("organisation", Text),
    Column("stance", String(20)),
    Column("stance_score", Float),
    Index("ix_record_officials_name", "name"),
    Index("ix_record_officials_record", "record_id"),
)
INDEX_TABLES = (record_boroughs, record_officials)


def _migrate_0_to_1(conn: Connection) -> None:
    for table in (records, *INDEX_TABLES):
        table.create(conn, checkfirst=True)


# 1 -> 2: the commitment register and its append-only audit log (nlp/store/register_schema.py).
MIGRATIONS: list[Callable[[Connection], None]] = [_migrate_0_to_1, create_register]
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(RuntimeError):
    """The store cannot be opened or used; the message says why."""


def store_url(location: str | None = None) -> str:
    """A SQLAlchemy URL from a path, a URL, ``$POLICING_STORE`` or the default file."""
    location = location or os.environ.get("POLICING_STORE") or DEFAULT_STORE
    if location.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + location.split("://", 1)[1]
    if "://" in location:
        return location
    return f"sqlite:///{Path(location).expanduser()}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """Records, keyed by id: saving a record with the same id replaces it."""

    def __init__(self, location: str | None = None) -> None:
        self.url = store_url(location)
        self.engine: Engine = create_engine(self.url, future=True)
        self.migrate()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def version(self, conn: Connection) -> int:
        if not inspect(conn).has_table("schema_info"):
            return 0
        return conn.execute(select(func.max(schema_info.c.version))).scalar() or 0

    def migrate(self) -> None:
        """Bring the store's schema up to this version, refusing a newer one."""
        with self.engine.begin() as conn:
            schema_info.create(conn, checkfirst=True)
            current = self.version(conn)
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"the store at {self.url} has schema version {current}, newer than this "
                    f"policing-statements ({SCHEMA_VERSION}): upgrade the package to use it"
                )
            for step in range(current, SCHEMA_VERSION):
                MIGRATIONS[step](conn)
                conn.execute(insert(schema_info).values(version=step + 1))

    def save(self, record: Record, conn: Connection | None = None) -> None:
        """Insert or replace one record (and its index rows)."""
        if conn is None:
            with self.engine.begin() as own:
                self.save(record, own)
            return
        self._delete(conn, record.id)
        conn.execute(insert(records).values(**_record_row(record)))
        rows = [
            {"record_id": record.id, "code": b.code, "name": b.name, "mentions": len(b.mentions)}
            for b in record.boroughs
        ]
        if rows:
            conn.execute(insert(record_boroughs), rows)
        officials = _official_rows(record)
        if officials:
            conn.execute(insert(record_officials), officials)

    def save_many(self, items: Iterable[Record]) -> int:
        """Save records in one transaction; returns how many."""
        count = 0
        with self.engine.begin() as conn:
            for record in items:
                self.save(record, conn)
                count += 1
        return count

    @staticmethod
    def _delete(conn: Connection, record_id: str) -> None:
        for table in INDEX_TABLES:
            conn.execute(delete(table).where(table.c.record_id == record_id))
        conn.execute(delete(records).where(records.c.id == record_id))

    def get(self, record_id: str) -> Record | None:
        with self.engine.connect() as conn:
            data = conn.execute(select(records.c.data).where(records.c.id == record_id)).scalar()
        return Record.from_dict(json.loads(data)) if data else None

    def ids(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(select(records.c.id)).scalars())

    def stored_versions(self) -> dict[str, str | None]:
        """Record id -> the pipeline version that made it (for resuming)."""
        with self.engine.connect() as conn:
            return dict(conn.execute(select(records.c.id, records.c.pipeline_version)).tuples().all())

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(records)).scalar() or 0

    def iter_records(self, batch: int = 500) -> Iterator[Record]:
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=batch).execute(select(records.c.data).order_by(records.c.id))
            for (data,) in result:
                yield Record.from_dict(json.loads(data))

    def query(self, statement: Any) -> list[dict[str, Any]]:
        """Rows of a SQLAlchemy select as dicts (for the explorer)."""
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(statement)]


def _record_row(record: Record) -> dict[str, Any]:
    return {
        "id": record.id,
        "source": record.source,
        "title": record.title,
        "date": record.date,
        "kind": record.kind,
        "stance": record.stance.label,
        "pipeline_version": record.pipeline_version,
        "text": record.text,
        "data": json.dumps(record.to_dict(), ensure_ascii=False),
        "stored_at": _now(),
    }


def _official_rows(record: Record) -> list[dict[str, Any]]:
    stances = {s.speaker: s for s in record.stance.by_speaker}
    return [
        {
            "record_id": record.id,
            "name": o.name,
            "role": o.role,
            "organisation": o.organisation,
            "stance": stances[o.name].label if o.name in stances else None,
            "stance_score": stances[o.name].score if o.name in stances else None,
        }
        for o in record.officials
    ]
