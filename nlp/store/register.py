"""The commitment register: what was promised, by whom, where, by when, and what came of it.

API (the explorer and the CLI use these names)::

    from nlp.store import Store
    from nlp.store.register import Register, STATUSES

    register = Register(store)                     # Register(store, today=date(...)) for a fixed "today"
    ids = register.add_record(record)              # -> list[str]: one entry id per record.commitments item
    register.entries(status=None, actor=None, borough=None, overdue=None)   # -> list[Entry]
    register.entry(entry_id)                       # -> Entry | None, with .restatements and .audit
    register.set_status(entry_id, "delivered", by="A. Auditor", note="seen on patrol",
                        evidence="RECORD_ID:120-184")   # or an https:// URL -> AuditEvent
    register.suggestions(entry_id)                 # -> list[Suggestion]: later statements reporting it done
    register.export(Path("register.csv"))          # .csv or .jsonl by suffix; returns the entry count

- ``STATUSES``: open, delivered, partly delivered, not delivered, withdrawn. An entry is
  open until someone sets a status; "partly-delivered" and "partly_delivered" are accepted.
- ``Entry`` fields: id, actor, speaker, action, text, strength, negated, boroughs (GSS codes),
  timeframe, due (YYYY-MM-DD | None), record_id, start, end (offsets into that record's
  text), first_seen (the record's date, or the day it was stored when the record has none),
  status (derived: the latest audit event's new_status, else "open"), overdue (due has
  passed and the status is still open), restatements (list[Restatement]: record_id, start,
  end, text, date, speaker), audit (list[AuditEvent], oldest first).
- ``AuditEvent``: id, entry_id, at (UTC ISO time), by, old_status, new_status, note, evidence.
- ``Suggestion``: entry_id, record_id, start, end, text, speaker, date, cue (the past form,
  e.g. "deployed"), shared (the action's words found), score, evidence ("RECORD_ID:START-END",
  ready for ``set_status``).
- Errors: ``RegisterError`` (a ValueError) for a bad status, evidence or empty by/note;
  ``UnknownEntry`` (a LookupError) for an id not in the register.

How entries are formed: a commitment mention is keyed by its record id and a hash of its
text, so re-extracting a document finds the same mentions (and the same entries, whose audit
trail is untouched). A new mention joins an existing entry when the actor is the same, the
negation is the same, the actions' content words overlap (Jaccard >= ``MATCH_THRESHOLD``)
and the places agree (both name no borough, or they share one); otherwise it starts an entry.
An entry is described by its earliest mention; the others are its restatements.

The audit log is append-only: this module only ever inserts into it, and database triggers
(created by the schema migration) refuse UPDATE and DELETE.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Row, String, Text, delete, func, insert, literal, select, update

from nlp.record import Borough, Commitment, Mention, Record, Statement
from nlp.resources import load_json
from nlp.store.db import Store, record_boroughs, records
from nlp.store.due import due_date
from nlp.store.likeness import content_stems, jaccard, reports_done
from nlp.store.register_schema import register_audit, register_entries, register_mentions

STATUSES: tuple[str, ...] = ("open", "delivered", "partly delivered", "not delivered", "withdrawn")
MATCH_THRESHOLD = 0.5
URL = re.compile(r"^https?://\S+$")
SPAN_REF = re.compile(r"^(?P<record>.+):(?P<start>\d+)-(?P<end>\d+)$")


class RegisterError(ValueError):
    """A status change that cannot be recorded; the message says why."""


class UnknownEntry(LookupError):
    """No register entry has this id."""


@dataclass
class Restatement:
    record_id: str
    start: int
    end: int
    text: str
    date: str | None
    speaker: str | None


@dataclass
class AuditEvent:
    id: int
    entry_id: str
    at: str
    by: str
    old_status: str
    new_status: str
    note: str
    evidence: str | None


@dataclass
class Suggestion:
    entry_id: str
    record_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    date: str | None
    cue: str
    shared: list[str]
    score: float
    evidence: str


@dataclass
class Entry:
    id: str
    actor: str | None
    speaker: str | None
    action: str
    text: str
    strength: str
    negated: bool
    boroughs: list[str]
    timeframe: str | None
    due: str | None
    record_id: str
    start: int
    end: int
    first_seen: str
    status: str = "open"
    overdue: bool = False
    restatements: list[Restatement] = field(default_factory=list)
    audit: list[AuditEvent] = field(default_factory=list)


def normalise_status(status: str) -> str:
    """One of ``STATUSES`` from what a person typed, or ``RegisterError``."""
    folded = " ".join(status.replace("-", " ").replace("_", " ").lower().split())
    if folded not in STATUSES:
        raise RegisterError(f"unknown status {status!r}: choose one of {', '.join(STATUSES)}")
    return folded


def mention_key(record_id: str, text: str) -> str:
    """Record id + a hash of the commitment text (case and spacing folded): stable across re-extraction."""
    return f"{record_id}:{_text_hash(text)}"


def _text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).hexdigest()[:16]


PRONOUNS = frozenset({"i", "we", "us", "you", "they", "he", "she", "it", "our", "my"})


def actor_key(actor: str | None, speaker: str | None, record_id: str) -> str:
    """Who commits, folded for matching: the actor, else the speaker, without a leading "the".

    An unresolved pronoun ("we") names nobody in particular: it falls back to the speaker,
    and failing that it only matches within its own record."""
    name = " ".join((actor or "").lower().split())
    if not name or name in PRONOUNS:
        name = " ".join((speaker or "").lower().split()) or (f"{name or 'someone'} in {record_id}")
    return name[4:] if name.startswith("the ") else name


def borough_code(name_or_code: str) -> str:
    """A GSS code from a code, a canonical borough name or one of its written forms."""
    wanted = name_or_code.strip().lower()
    for borough in load_json("boroughs.json")["boroughs"]:
        if wanted in {borough["code"].lower(), borough["name"].lower(), *(f.lower() for f in borough["forms"])}:
            return str(borough["code"])
    return name_or_code.strip()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _codes(joined: str) -> list[str]:
    return [code for code in joined.split(";") if code]


class Register:
    """The commitment register kept in a ``Store`` (see the module docstring for the API)."""

    def __init__(self, store: Store, today: date | None = None) -> None:
        self.store = store
        self.today = today

    # -- filling -------------------------------------------------------------------------

    def add_record(self, record: Record, conn: Connection | None = None) -> list[str]:
        """Register every commitment of ``record``; returns their entry ids, in order."""
        if conn is None:
            with self.store.engine.begin() as own:
                return self.add_record(record, own)
        earlier = {
            row.key: row
            for row in conn.execute(select(register_mentions).where(register_mentions.c.record_id == record.id))
        }
        placed: dict[str, str] = {}
        for commitment in record.commitments:
            key = mention_key(record.id, commitment.text)
            if key not in placed:
                placed[key] = self._place(conn, record, commitment, key, earlier)
        self._drop_stale(conn, earlier.values())
        return [placed[mention_key(record.id, c.text)] for c in record.commitments]

    def _place(
        self, conn: Connection, record: Record, commitment: Commitment, key: str, earlier: dict[str, Row[Any]]
    ) -> str:
        """The entry id for one mention, writing the mention (and a new entry when needed)."""
        who = actor_key(commitment.actor, commitment.speaker, record.id)
        previous = earlier.pop(key, None) or self._reworded(conn, commitment, who, earlier)
        if previous is not None:
            entry_id = str(previous.entry_id)
            conn.execute(delete(register_mentions).where(register_mentions.c.key == previous.key))
            origin = conn.execute(
                select(register_entries.c.record_id, register_entries.c.text).where(register_entries.c.id == entry_id)
            ).one()
            if mention_key(origin.record_id, origin.text) == previous.key:
                self._describe(conn, entry_id, record, commitment)  # the origin, re-extracted: refresh it
        else:
            entry_id = self._same_entry(conn, commitment, who) or self._new_entry(conn, record, commitment, key)
        conn.execute(insert(register_mentions).values(**_mention_row(record, commitment, key, entry_id)))
        self._rehome_if_earlier(conn, entry_id, record, commitment)
        return entry_id

    def _reworded(
        self, conn: Connection, commitment: Commitment, who: str, earlier: dict[str, Row[Any]]
    ) -> Row[Any] | None:
        """A mention from an earlier extraction of this record that says the same in other words."""
        wanted = content_stems(commitment.action)
        for key, row in list(earlier.items()):
            entry_actor = conn.execute(
                select(register_entries.c.actor_key).where(register_entries.c.id == row.entry_id)
            ).scalar()
            if entry_actor == who and jaccard(wanted, content_stems(row.action)) >= MATCH_THRESHOLD:
                return earlier.pop(key)
        return None

    def _same_entry(self, conn: Connection, commitment: Commitment, who: str) -> str | None:
        """The best existing entry this commitment restates, if any."""
        rows = conn.execute(
            select(register_entries.c.id, register_entries.c.action, register_entries.c.boroughs).where(
                register_entries.c.actor_key == who,
                register_entries.c.negated == commitment.negated,
            )
        )
        wanted, places = content_stems(commitment.action), set(commitment.boroughs)
        scored = [
            (jaccard(wanted, content_stems(row.action)), str(row.id))
            for row in rows
            if _places_agree(places, set(_codes(row.boroughs)))
        ]
        best = max(scored, default=(0.0, None))
        return best[1] if best[0] >= MATCH_THRESHOLD else None

    def _new_entry(self, conn: Connection, record: Record, commitment: Commitment, key: str) -> str:
        entry_id = "c-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
        conn.execute(
            insert(register_entries).values(id=entry_id, created_at=_now(), **_entry_fields(record, commitment))
        )
        return entry_id

    def _describe(self, conn: Connection, entry_id: str, record: Record, commitment: Commitment) -> None:
        conn.execute(
            update(register_entries)
            .where(register_entries.c.id == entry_id)
            .values(**_entry_fields(record, commitment))
        )

    def _rehome_if_earlier(self, conn: Connection, entry_id: str, record: Record, commitment: Commitment) -> None:
        """An entry is described by its earliest mention: a newly stored older document takes over."""
        said_on = _iso_date(record.date)
        first = conn.execute(
            select(register_entries.c.first_seen, register_entries.c.record_id).where(register_entries.c.id == entry_id)
        ).one()
        if said_on is not None and first.record_id != record.id and said_on.isoformat() < first.first_seen:
            self._describe(conn, entry_id, record, commitment)

    @staticmethod
    def _drop_stale(conn: Connection, stale: Any) -> None:
        """Forget mentions a re-extraction no longer finds.

        An entry's origin stays while the entry has an audit trail or other mentions; an
        entry with neither (most likely a false find of an older extractor) goes with it."""
        for row in stale:
            origin = conn.execute(
                select(register_entries.c.record_id, register_entries.c.text).where(
                    register_entries.c.id == row.entry_id
                )
            ).one()
            if mention_key(origin.record_id, origin.text) != row.key:
                conn.execute(delete(register_mentions).where(register_mentions.c.key == row.key))
            elif not _has_trail_or_restatements(conn, row.entry_id):
                conn.execute(delete(register_mentions).where(register_mentions.c.key == row.key))
                conn.execute(delete(register_entries).where(register_entries.c.id == row.entry_id))

    # -- reading -------------------------------------------------------------------------

    def entries(
        self,
        status: str | None = None,
        actor: str | None = None,
        borough: str | None = None,
        overdue: bool | None = None,
    ) -> list[Entry]:
        """Entries, oldest first, filtered by status, actor (a part of its name), borough (code or name), overdue."""
        wanted_status = normalise_status(status) if status else None
        code = borough_code(borough) if borough else None
        with self.store.engine.connect() as conn:
            found = self._load(
                conn, select(register_entries).order_by(register_entries.c.first_seen, register_entries.c.id)
            )
        return [
            e
            for e in found
            if (wanted_status is None or e.status == wanted_status)
            and (actor is None or actor.lower() in f"{e.actor or ''} | {e.speaker or ''}".lower())
            and (code is None or code in e.boroughs)
            and (overdue is None or e.overdue == overdue)
        ]

    def entry(self, entry_id: str) -> Entry | None:
        with self.store.engine.connect() as conn:
            found = self._load(conn, select(register_entries).where(register_entries.c.id == entry_id))
        return found[0] if found else None

    def _load(self, conn: Connection, query: Any) -> list[Entry]:
        rows = conn.execute(query).all()
        ids = [row.id for row in rows]
        mentions: dict[str, list[Row[Any]]] = defaultdict(list)
        events: dict[str, list[AuditEvent]] = defaultdict(list)
        for chunk in _chunks(ids):
            for m in conn.execute(select(register_mentions).where(register_mentions.c.entry_id.in_(chunk))):
                mentions[m.entry_id].append(m)
            for a in conn.execute(
                select(register_audit).where(register_audit.c.entry_id.in_(chunk)).order_by(register_audit.c.id)
            ):
                events[a.entry_id].append(AuditEvent(**a._asdict()))
        return [self._entry(row, mentions[row.id], events[row.id]) for row in rows]

    def _entry(self, row: Row[Any], mentions: list[Row[Any]], audit: list[AuditEvent]) -> Entry:
        status = audit[-1].new_status if audit else "open"
        origin = mention_key(row.record_id, row.text)
        restated = [
            Restatement(m.record_id, m.start, m.end, m.text, m.date, m.speaker)
            for m in sorted(mentions, key=lambda m: (m.date or "", m.record_id, m.start))
            if m.key != origin
        ]
        today = self.today or datetime.now(UTC).date()
        return Entry(
            id=row.id,
            actor=row.actor,
            speaker=row.speaker,
            action=row.action,
            text=row.text,
            strength=row.strength,
            negated=bool(row.negated),
            boroughs=_codes(row.boroughs),
            timeframe=row.timeframe,
            due=row.due,
            record_id=row.record_id,
            start=row.start,
            end=row.end,
            first_seen=row.first_seen,
            status=status,
            overdue=bool(row.due) and row.due < today.isoformat() and status == "open",
            restatements=restated,
            audit=audit,
        )

    # -- auditing ------------------------------------------------------------------------

    def set_status(self, entry_id: str, status: str, by: str, note: str, evidence: str | None = None) -> AuditEvent:
        """Append a status change to the audit log; the entry's status is the latest event's."""
        new_status = normalise_status(status)
        if not by.strip() or not note.strip():
            raise RegisterError("a status change needs who makes it (by) and a note saying why")
        checked = self._check_evidence(evidence)
        with self.store.engine.begin() as conn:
            # Lock the entry (PostgreSQL; SQLite ignores FOR UPDATE and makes the INSERT .. SELECT
            # below atomic), so concurrent writers each see the other's change as the old status.
            locked = conn.execute(
                select(register_entries.c.id).where(register_entries.c.id == entry_id).with_for_update()
            ).first()
            if locked is None:
                raise UnknownEntry(f"no register entry {entry_id!r}")
            latest = (
                select(register_audit.c.new_status)
                .where(register_audit.c.entry_id == entry_id)
                .order_by(register_audit.c.id.desc())
                .limit(1)
                .scalar_subquery()
            )
            values = select(
                literal(entry_id, String),
                literal(_now(), String),
                literal(by.strip(), Text),
                func.coalesce(latest, literal("open", String)),
                literal(new_status, String),
                literal(note.strip(), Text),
                literal(checked, Text),
            )
            columns = ["entry_id", "at", "by", "old_status", "new_status", "note", "evidence"]
            row = conn.execute(insert(register_audit).from_select(columns, values).returning(*register_audit.c)).one()
        return AuditEvent(**row._asdict())

    def _check_evidence(self, evidence: str | None) -> str | None:
        """A URL, or RECORD_ID:START-END naming a span of a stored record; else ``RegisterError``."""
        if evidence is None or not evidence.strip():
            return None
        ref = evidence.strip()
        if URL.match(ref):
            return ref
        span = SPAN_REF.match(ref)
        if span is None:
            raise RegisterError(f"evidence {ref!r} is neither a URL (https://...) nor RECORD_ID:START-END")
        with self.store.engine.connect() as conn:
            length = conn.execute(select(func.length(records.c.text)).where(records.c.id == span["record"])).scalar()
        if length is None:
            raise RegisterError(f"evidence {ref!r}: no record {span['record']!r} in the store")
        if not int(span["start"]) < int(span["end"]) <= length:
            raise RegisterError(f"evidence {ref!r}: offsets outside the record's text (0-{length})")
        return ref

    def suggestions(self, entry_id: str) -> list[Suggestion]:
        """Later statements that report the entry's action as done, best first."""
        entry = self.entry(entry_id)
        if entry is None:
            raise UnknownEntry(f"no register entry {entry_id!r}")
        own = {(entry.record_id, entry.start, entry.end)} | {(r.record_id, r.start, r.end) for r in entry.restatements}
        found = [
            suggestion for record in self._later_records(entry) for suggestion in _done_statements(entry, record, own)
        ]
        return sorted(found, key=lambda s: (-s.score, s.date or "", s.record_id, s.start))

    def _later_records(self, entry: Entry) -> list[Record]:
        """Stored records from the entry's first date on, in one of its boroughs when it names any."""
        query = select(records.c.data)
        if _iso_date(entry.first_seen) and self._dated(entry):
            query = query.where((records.c.date >= entry.first_seen) | records.c.date.is_(None))
        if entry.boroughs:
            in_borough = select(record_boroughs.c.record_id).where(record_boroughs.c.code.in_(entry.boroughs))
            query = query.where(records.c.id.in_(in_borough))
        with self.store.engine.connect() as conn:
            return [_statements_only(json.loads(data)) for data in conn.execute(query).scalars()]

    def _dated(self, entry: Entry) -> bool:
        with self.store.engine.connect() as conn:
            said = conn.execute(
                select(register_mentions.c.date).where(
                    register_mentions.c.key == mention_key(entry.record_id, entry.text)
                )
            ).scalar()
        return said is not None

    # -- export --------------------------------------------------------------------------

    def export(self, path: Path) -> int:
        """Write every entry to ``path`` (.csv flat, .jsonl whole); returns how many."""
        found = self.entries()
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            with open(path, "w", encoding="utf-8") as handle:
                for e in found:
                    handle.write(json.dumps(dataclasses.asdict(e), ensure_ascii=False) + "\n")
        elif suffix == ".csv":
            with open(path, "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS)
                writer.writeheader()
                writer.writerows(_flat(e) for e in found)
        else:
            raise RegisterError(f"export to .csv or .jsonl, not {path.name!r}")
        return len(found)


EXPORT_COLUMNS = [
    *(f.name for f in dataclasses.fields(Entry) if f.name not in ("restatements", "audit")),
    "restated_in",
    "changed_by",
    "changed_at",
    "note",
    "evidence",
]


def _flat(entry: Entry) -> dict[str, Any]:
    row = {name: getattr(entry, name) for name in EXPORT_COLUMNS if hasattr(entry, name)}
    row["boroughs"] = ";".join(entry.boroughs)
    row["restated_in"] = ";".join(dict.fromkeys(r.record_id for r in entry.restatements))
    last = entry.audit[-1] if entry.audit else None
    row.update(
        changed_by=last.by if last else "",
        changed_at=last.at if last else "",
        note=last.note if last else "",
        evidence=(last.evidence or "") if last else "",
    )
    return row


def _has_trail_or_restatements(conn: Connection, entry_id: str) -> bool:
    events = select(func.count()).select_from(register_audit).where(register_audit.c.entry_id == entry_id)
    mentions = select(func.count()).select_from(register_mentions).where(register_mentions.c.entry_id == entry_id)
    return bool(conn.execute(events).scalar()) or (conn.execute(mentions).scalar() or 0) > 1


def _places_agree(a: set[str], b: set[str]) -> bool:
    return (not a and not b) or bool(a & b)


def _entry_fields(record: Record, commitment: Commitment) -> dict[str, Any]:
    due = due_date(commitment.timeframe, _iso_date(record.date))
    return {
        "actor": commitment.actor,
        "actor_key": actor_key(commitment.actor, commitment.speaker, record.id),
        "speaker": commitment.speaker,
        "action": commitment.action,
        "text": commitment.text,
        "strength": commitment.strength,
        "negated": commitment.negated,
        "boroughs": ";".join(commitment.boroughs),
        "timeframe": commitment.timeframe,
        "due": due.isoformat() if due else None,
        "record_id": record.id,
        "start": commitment.start,
        "end": commitment.end,
        "first_seen": record.date if _iso_date(record.date) else datetime.now(UTC).date().isoformat(),
    }


def _mention_row(record: Record, commitment: Commitment, key: str, entry_id: str) -> dict[str, Any]:
    return {
        "key": key,
        "entry_id": entry_id,
        "record_id": record.id,
        "text_hash": key.rsplit(":", 1)[1],
        "date": record.date if _iso_date(record.date) else None,
        "speaker": commitment.speaker,
        "action": commitment.action,
        "text": commitment.text,
        "start": commitment.start,
        "end": commitment.end,
        "seen_at": _now(),
    }


def _done_statements(entry: Entry, record: Record, own: set[tuple[str, int, int]]) -> list[Suggestion]:
    """Statements of ``record`` that report ``entry`` done, in a place it names."""
    found = []
    for statement in record.statements:
        if any(rid == record.id and start < statement.end and statement.start < end for rid, start, end in own):
            continue  # the commitment itself, or one of its restatements
        cue = reports_done(statement.text, entry.action)
        if cue is None or (
            entry.boroughs and not set(entry.boroughs) & _statement_boroughs(record, statement.start, statement.end)
        ):
            continue
        found.append(
            Suggestion(
                entry_id=entry.id,
                record_id=record.id,
                start=statement.start,
                end=statement.end,
                text=statement.text,
                speaker=statement.speaker,
                date=record.date,
                cue=cue.word,
                shared=list(cue.shared),
                score=cue.score,
                evidence=f"{record.id}:{statement.start}-{statement.end}",
            )
        )
    return found


def _statements_only(data: dict[str, Any]) -> Record:
    """A stored record with only what suggestions read, built directly (``from_dict`` is slow)."""
    boroughs = [
        Borough(b["name"], b["code"], [Mention(m["start"], m["end"], m["text"]) for m in b["mentions"]])
        for b in data["boroughs"]
    ]
    statements = [Statement(s["speaker"], s["kind"], s["text"], s["start"], s["end"]) for s in data["statements"]]
    return Record(
        id=data["id"], source=data["source"], text="", date=data["date"], boroughs=boroughs, statements=statements
    )


def _statement_boroughs(record: Record, start: int, end: int) -> set[str]:
    """Boroughs named inside the statement, else (when it names none) the record's."""
    inside = {b.code for b in record.boroughs for m in b.mentions if start <= m.start and m.end <= end}
    return inside or {b.code for b in record.boroughs}


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]
