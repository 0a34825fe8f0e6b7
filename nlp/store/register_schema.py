"""Tables of the commitment register (schema version 2) and the migration that makes them.

- ``register_entries``: one row per distinct commitment, described by its earliest mention.
- ``register_mentions``: every place a commitment was stated, keyed by record id and a hash
  of the commitment's text, so re-extracting a document finds its mentions again.
- ``register_audit``: the append-only log of status changes. The current status is the
  latest event's ``new_status``; nothing else stores it. Database triggers refuse UPDATE and
  DELETE (and TRUNCATE on PostgreSQL) on this table.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

register_metadata = MetaData()

register_entries = Table(
    "register_entries",
    register_metadata,
    Column("id", String(40), primary_key=True),
    Column("actor", Text),
    Column("actor_key", Text, nullable=False),  # actor (or speaker) folded for matching
    Column("speaker", Text),
    Column("action", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("strength", String(20), nullable=False),
    Column("negated", Boolean, nullable=False),
    Column("boroughs", Text, nullable=False),  # GSS codes joined by ";"
    Column("timeframe", Text),
    Column("due", String(10)),  # YYYY-MM-DD from the timeframe and the record's date, or null
    Column("record_id", String(200), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("first_seen", String(10), nullable=False),
    Column("created_at", String(32), nullable=False),
    Index("ix_register_entries_actor_key", "actor_key"),
)
register_mentions = Table(
    "register_mentions",
    register_metadata,
    Column("key", String(240), primary_key=True),  # record id + ":" + text hash
    Column("entry_id", String(40), ForeignKey("register_entries.id"), nullable=False),
    Column("record_id", String(200), nullable=False),
    Column("text_hash", String(16), nullable=False),
    Column("date", String(10)),
    Column("speaker", Text),
    Column("action", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("seen_at", String(32), nullable=False),
    Index("ix_register_mentions_entry", "entry_id"),
    Index("ix_register_mentions_record", "record_id"),
)
register_audit = Table(
    "register_audit",
    register_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entry_id", String(40), ForeignKey("register_entries.id"), nullable=False),
    Column("at", String(32), nullable=False),
    Column("by", Text, nullable=False),
    Column("old_status", String(20), nullable=False),
    Column("new_status", String(20), nullable=False),
    Column("note", Text, nullable=False),
    Column("evidence", Text),
    Index("ix_register_audit_entry", "entry_id"),
)

APPEND_ONLY_MESSAGE = "register_audit is append-only"

SQLITE_TRIGGERS = [
    f"CREATE TRIGGER register_audit_no_{verb.lower()} BEFORE {verb} ON register_audit "
    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
    for verb in ("UPDATE", "DELETE")
]
POSTGRES_TRIGGERS = [
    "CREATE OR REPLACE FUNCTION register_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$",
    "CREATE TRIGGER register_audit_no_change BEFORE UPDATE OR DELETE ON register_audit "
    "FOR EACH ROW EXECUTE FUNCTION register_audit_append_only()",
    "CREATE TRIGGER register_audit_no_truncate BEFORE TRUNCATE ON register_audit "
    "FOR EACH STATEMENT EXECUTE FUNCTION register_audit_append_only()",
]


def create_register(conn: Connection) -> None:
    """Migration 1 -> 2: the register's tables and the audit log's append-only triggers."""
    register_metadata.create_all(conn, checkfirst=True)
    triggers = {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_TRIGGERS}.get(conn.dialect.name, [])
    for statement in triggers:
        conn.execute(text(statement))
