"""The commitment register against SQLite always, and against a real PostgreSQL server when
``POLICING_TEST_PG`` names one (CI starts one). Records are built by hand so these tests do
not depend on how well commitments are extracted."""

from __future__ import annotations

import dataclasses
import json
import os
import threading
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from nlp.cli import app
from nlp.record import Borough, Commitment, Mention, Record, Statement
from nlp.store import Store
from nlp.store.db import MIGRATIONS, SCHEMA_VERSION, schema_info
from nlp.store.register import Register, RegisterError, UnknownEntry
from nlp.writers import StoreSink

PG_URL = os.environ.get("POLICING_TEST_PG")
MPS = "Metropolitan Police Service"
HACKNEY, CROYDON = "E09000012", "E09000008"
NAMES = {HACKNEY: "Hackney", CROYDON: "Croydon"}
LATER = date(2019, 6, 1)  # "today" for overdue checks: well after every due date below


def _pg_or_skip() -> str:
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must provide a PostgreSQL server in POLICING_TEST_PG")
        pytest.skip("no PostgreSQL server: set POLICING_TEST_PG=postgresql://user@host/db to run these")
    return PG_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store location: a SQLite file, or a fresh schema of its own on the PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "register.db")
        return
    base = _pg_or_skip()
    schema = f"register_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine("postgresql+psycopg://" + base.split("://", 1)[1])
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    joiner = "&" if "?" in base else "?"
    yield f"{base}{joiner}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture()
def store(location: str) -> Iterator[Store]:
    with Store(location) as opened:
        yield opened


@pytest.fixture()
def register(store: Store) -> Register:
    return Register(store, today=LATER)


def _record(
    rid: str,
    day: str | None,
    sentences: list[tuple[str, Commitment | None]],
    statements: tuple[str, ...] = (),
) -> Record:
    """A record whose text is the sentences joined; each commitment's text and offsets are its sentence's."""
    text_, commitments, boroughs = "", [], {}
    for sentence, commitment in sentences:
        start = len(text_)
        text_ += sentence + " "
        for code, name in NAMES.items():
            at = sentence.find(name)
            if at >= 0:
                boroughs.setdefault(code, []).append(Mention(start + at, start + at + len(name), name))
        if commitment is not None:
            commitments.append(dataclasses.replace(commitment, text=sentence, start=start, end=start + len(sentence)))
    said = [
        Statement("Sir Mark Rowley", "direct", s, text_.index(s), text_.index(s) + len(s))
        for s in statements
        if s in text_
    ]
    return Record(
        id=rid,
        source=f"{rid}.txt",
        text=text_,
        date=day,
        boroughs=[Borough(NAMES[code], code, mentions) for code, mentions in boroughs.items()],
        commitments=commitments,
        statements=said,
    )


def _promise(
    action: str,
    boroughs: tuple[str, ...] = (HACKNEY,),
    actor: str | None = MPS,
    timeframe: str | None = "this week",
    negated: bool = False,
) -> Commitment:
    return Commitment(
        actor=actor,
        action=action,
        text="",
        strength="firm",
        start=0,
        end=0,
        speaker="Sir Mark Rowley",
        negated=negated,
        boroughs=list(boroughs),
        timeframe=timeframe,
    )


PATROLS = "We will deploy dedicated patrols in Hackney this week."


def _first(store: Store, register: Register) -> str:
    record = _record("r1", "2018-10-30", [(PATROLS, _promise("deploy dedicated patrols"))])
    store.save(record)
    (entry_id,) = register.add_record(record)
    return entry_id


# -- restatements --------------------------------------------------------------------------


def test_a_restatement_in_a_later_document_links_to_the_first(store: Store, register: Register) -> None:
    first = _first(store, register)
    again = _record(
        "r2", "2018-11-01", [("Extra patrols will be deployed across Hackney.", _promise("deploy extra patrols"))]
    )
    assert register.add_record(again) == [first]
    entry = register.entry(first)
    assert entry is not None and entry.record_id == "r1" and entry.first_seen == "2018-10-30"
    assert [(r.record_id, r.date) for r in entry.restatements] == [("r2", "2018-11-01")]
    assert len(register.entries()) == 1


@pytest.mark.parametrize(
    "sentence, commitment",
    [
        # another borough: a different promise
        ("We will deploy dedicated patrols in Croydon.", _promise("deploy dedicated patrols", boroughs=(CROYDON,))),
        # another actor
        (
            "The council will deploy dedicated patrols in Hackney.",
            _promise("deploy dedicated patrols", actor="Hackney Council"),
        ),
        # the opposite promise
        ("We will not deploy dedicated patrols in Hackney.", _promise("deploy dedicated patrols", negated=True)),
        # another action
        ("We will review stop and search in Hackney.", _promise("review stop and search")),
    ],
)
def test_a_different_commitment_makes_its_own_entry(
    store: Store, register: Register, sentence: str, commitment: Commitment
) -> None:
    first = _first(store, register)
    (other,) = register.add_record(_record("r2", "2018-11-01", [(sentence, commitment)]))
    assert other != first
    assert len(register.entries()) == 2


def test_an_unresolved_we_only_links_within_its_record_or_speaker(store: Store, register: Register) -> None:
    def said(rid: str, speaker: str | None) -> Record:
        promise = dataclasses.replace(_promise("deploy dedicated patrols", actor="we"), speaker=speaker)
        return _record(rid, "2018-11-01", [(PATROLS, promise)])

    (a,) = register.add_record(said("r1", None))
    (b,) = register.add_record(said("r2", None))  # another body's "we"
    (c,) = register.add_record(said("r3", "Sir Mark Rowley"))
    (d,) = register.add_record(said("r4", "Sir Mark Rowley"))  # the same speaker again
    assert len({a, b, c}) == 3 and d == c


def test_an_older_document_stored_later_becomes_the_entry_s_origin(store: Store, register: Register) -> None:
    first = _first(store, register)
    older = _record("r0", "2018-10-01", [("We will deploy more patrols in Hackney.", _promise("deploy more patrols"))])
    assert register.add_record(older) == [first]
    entry = register.entry(first)
    assert entry is not None and (entry.record_id, entry.first_seen) == ("r0", "2018-10-01")
    assert [r.record_id for r in entry.restatements] == ["r1"]


# -- re-extraction ----------------------------------------------------------------------------


def test_re_extracting_keeps_entries_and_statuses(store: Store, register: Register) -> None:
    first = _first(store, register)
    register.set_status(first, "delivered", by="Auditor", note="seen")
    # the same document again, now with a heading in front: every offset moves
    moved = _record("r1", "2018-10-30", [("PRESS RELEASE.", None), (PATROLS, _promise("deploy dedicated patrols"))])
    assert register.add_record(moved) == [first]
    assert register.add_record(moved) == [first]
    (entry,) = register.entries()
    assert entry.status == "delivered" and entry.start == moved.text.index(PATROLS) and entry.restatements == []


def test_re_extracting_with_a_reworded_commitment_keeps_the_entry(store: Store, register: Register) -> None:
    first = _first(store, register)
    register.set_status(first, "partly delivered", by="Auditor", note="two of four wards")
    reworded = _record(
        "r1",
        "2018-10-30",
        [("We will deploy dedicated patrols in Hackney.", _promise("deploy dedicated patrols in Hackney"))],
    )
    assert register.add_record(reworded) == [first]
    (entry,) = register.entries()
    assert entry.status == "partly delivered" and entry.text == "We will deploy dedicated patrols in Hackney."


def test_a_commitment_no_longer_found_goes_unless_it_has_a_trail(store: Store, register: Register) -> None:
    record = _record(
        "r1",
        "2018-10-30",
        [
            (PATROLS, _promise("deploy dedicated patrols")),
            ("We will review stop and search.", _promise("review stop and search")),
        ],
    )
    kept, dropped = register.add_record(record)
    register.set_status(kept, "withdrawn", by="Auditor", note="dropped in the next release")
    register.add_record(dataclasses.replace(record, commitments=[]))  # a better extractor finds neither
    assert [e.id for e in register.entries()] == [kept]
    assert register.entry(dropped) is None and register.entry(kept).status == "withdrawn"  # type: ignore[union-attr]


def test_the_store_sink_saves_the_record_and_fills_the_register(store: Store) -> None:
    record = _record("r1", "2018-10-30", [(PATROLS, _promise("deploy dedicated patrols"))])
    sink = StoreSink(store)
    sink.write(record)
    sink.write(record)  # re-extraction
    sink.close()
    register = Register(store)
    assert store.count() == 1 and [e.record_id for e in register.entries()] == ["r1"]


# -- the audit log ----------------------------------------------------------------------------


def test_status_changes_form_a_trail_and_the_status_is_the_latest(store: Store, register: Register) -> None:
    first = _first(store, register)
    one = register.set_status(first, "partly-delivered", by="A. Auditor", note="half", evidence="r1:0-10")
    two = register.set_status(first, "delivered", by="B. Auditor", note="all", evidence="https://example.org/report")
    assert (one.old_status, one.new_status, two.old_status, two.new_status) == (
        "open",
        "partly delivered",
        "partly delivered",
        "delivered",
    )
    entry = register.entry(first)
    assert entry is not None and entry.status == "delivered"
    assert [(a.by, a.evidence) for a in entry.audit] == [
        ("A. Auditor", "r1:0-10"),
        ("B. Auditor", "https://example.org/report"),
    ]


def test_the_audit_log_cannot_be_altered_through_the_api(store: Store, register: Register) -> None:
    first = _first(store, register)
    register.set_status(first, "withdrawn", by="Auditor", note="dropped")
    entry = register.entry(first)
    assert entry is not None
    entry.audit[0].new_status = "delivered"  # only the copy changes
    entry.audit.clear()
    again = register.entry(first)
    assert again is not None and [a.new_status for a in again.audit] == ["withdrawn"] and again.status == "withdrawn"
    # the API offers no way to change or remove an event, only to append one
    assert not [
        name for name in dir(Register) if any(w in name for w in ("delete", "remove", "update", "edit", "undo"))
    ]
    register.add_record(_record("r1", "2018-10-30", [(PATROLS, _promise("deploy dedicated patrols"))]))
    assert [a.new_status for a in register.entry(first).audit] == ["withdrawn"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE register_audit SET new_status = 'delivered'",
        "DELETE FROM register_audit",
    ],
)
def test_the_database_refuses_to_change_the_audit_log(store: Store, register: Register, statement: str) -> None:
    first = _first(store, register)
    register.set_status(first, "withdrawn", by="Auditor", note="dropped")
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text(statement))
    assert [a.new_status for a in register.entry(first).audit] == ["withdrawn"]  # type: ignore[union-attr]


def test_two_writers_at_once_both_land_in_the_log(location: str, store: Store, register: Register) -> None:
    first = _first(store, register)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def write(status: str, who: str) -> None:
        try:
            with Store(location) as own:
                start.wait()
                Register(own).set_status(first, status, by=who, note="concurrent")
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=write, args=args) for args in [("delivered", "A"), ("not delivered", "B")]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    entry = register.entry(first)
    assert entry is not None and sorted(a.by for a in entry.audit) == ["A", "B"]
    one, two = entry.audit
    assert one.old_status == "open" and two.old_status == one.new_status  # each saw the other's change
    assert entry.status == two.new_status


@pytest.mark.parametrize(
    "status, evidence, error",
    [
        ("finished", None, "unknown status"),  # not one of the five
        ("delivered", "page 3 of the minutes", "neither a URL"),  # not a reference
        ("delivered", "nope:0-10", "no record"),  # no such record
        ("delivered", "r1:10-9999", "outside"),  # past the end of the text
    ],
)
def test_a_bad_status_change_is_refused_and_not_logged(
    store: Store, register: Register, status: str, evidence: str | None, error: str
) -> None:
    first = _first(store, register)
    with pytest.raises(RegisterError, match=error):
        register.set_status(first, status, by="Auditor", note="x", evidence=evidence)
    assert register.entry(first).audit == []  # type: ignore[union-attr]


def test_an_unknown_entry_is_an_error(register: Register) -> None:
    with pytest.raises(UnknownEntry):
        register.set_status("c-000000000000", "delivered", by="Auditor", note="x")
    assert register.entry("c-000000000000") is None


# -- overdue and filters ------------------------------------------------------------------------


def test_an_open_entry_past_its_timeframe_is_overdue(store: Store, register: Register) -> None:
    first = _first(store, register)
    vague = _record(
        "r2",
        "2018-10-30",
        [
            (
                "We will review stop and search in Croydon at some point.",
                _promise("review stop and search", (CROYDON,), timeframe="at some point"),
            )
        ],
    )
    (other,) = register.add_record(vague)
    entry = register.entry(first)
    assert entry is not None and entry.due == "2018-11-04" and entry.overdue
    assert [e.id for e in register.entries(overdue=True)] == [first]
    assert [e.id for e in register.entries(overdue=False)] == [other]  # no due date: never overdue
    register.set_status(first, "delivered", by="Auditor", note="done")
    assert register.entries(overdue=True) == []
    assert not Register(store, today=date(2018, 11, 1)).entry(other).overdue  # type: ignore[union-attr]


def test_entries_filter_by_status_actor_and_borough(store: Store, register: Register) -> None:
    first = _first(store, register)
    croydon = _record(
        "r2",
        "2018-11-01",
        [
            (
                "The council will open a youth hub in Croydon.",
                _promise("open a youth hub", (CROYDON,), actor="Croydon Council"),
            )
        ],
    )
    (second,) = register.add_record(croydon)
    register.set_status(second, "delivered", by="Auditor", note="opened")
    assert [e.id for e in register.entries(borough="Hackney")] == [first]
    assert [e.id for e in register.entries(borough=CROYDON)] == [second]
    assert [e.id for e in register.entries(status="open")] == [first]
    assert [e.id for e in register.entries(actor="council")] == [second]
    assert register.entries(status="withdrawn") == []


# -- suggested evidence -------------------------------------------------------------------------


DONE = "Extra patrols have, this week, been deployed in Hackney."


@pytest.mark.parametrize(
    "day, sentence, found",
    [
        ("2018-11-03", DONE, True),  # later, past tense, same action and borough
        ("2018-11-03", "Extra patrols will be deployed in Hackney next week.", False),  # still a plan
        ("2018-11-03", "Extra patrols have not been deployed in Hackney.", False),  # denied
        ("2018-11-03", "Extra patrols have been deployed in Croydon.", False),  # another borough
        ("2018-11-03", "A youth hub has been opened in Hackney.", False),  # another action
        ("2018-10-01", DONE, False),  # before the commitment was made
    ],
)
def test_suggestions_are_later_statements_reporting_the_action_done(
    store: Store, register: Register, day: str, sentence: str, found: bool
) -> None:
    first = _first(store, register)
    report = _record("r3", day, [(sentence, None)], statements=(sentence,))
    store.save(report)
    suggestions = register.suggestions(first)
    assert bool(suggestions) == found
    if found:
        (s,) = suggestions
        assert (s.record_id, s.cue, report.text[s.start : s.end]) == ("r3", "deployed", sentence)
        register.set_status(first, "delivered", by="Auditor", note="reported", evidence=s.evidence)


# -- export and schema --------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_export_writes_every_entry_with_its_status(
    store: Store, register: Register, tmp_path: Path, suffix: str
) -> None:
    import pandas as pd

    first = _first(store, register)
    register.set_status(first, "delivered", by="Auditor", note="done")
    path = tmp_path / f"register{suffix}"
    assert register.export(path) == 1
    rows = pd.read_csv(path) if suffix == ".csv" else pd.read_json(path, lines=True)
    assert list(rows["id"]) == [first] and list(rows["status"]) == ["delivered"]
    assert str(rows["boroughs"][0]).strip("[]'") == HACKNEY


def test_a_version_1_store_gains_the_register(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        schema_info.create(conn)
        MIGRATIONS[0](conn)
        conn.execute(schema_info.insert().values(version=1))
    engine.dispose()
    with Store(str(path)) as opened:
        assert opened.query(text("SELECT max(version) AS v FROM schema_info"))[0]["v"] == SCHEMA_VERSION
        assert Register(opened).entries() == []


# -- the command line ---------------------------------------------------------------------------

runner = CliRunner()


def test_the_commitments_commands(store: Store, register: Register, location: str, tmp_path: Path) -> None:
    first = _first(store, register)
    listed = runner.invoke(
        app, ["commitments", "list", "--borough", "Hackney", "--format", "jsonl", "--store", location]
    )
    assert listed.exit_code == 0, listed.output
    assert [json.loads(line)["id"] for line in listed.stdout.splitlines()] == [first]
    table = runner.invoke(app, ["commitments", "list", "--status", "open", "--store", location])
    assert first in table.stdout and "deploy dedicated patrols" in table.stdout
    changed = runner.invoke(
        app,
        [
            "commitments",
            "set-status",
            first,
            "partly-delivered",
            "--by",
            "Auditor",
            "--note",
            "half",
            "--evidence",
            "r1:0-10",
            "--store",
            location,
        ],
    )
    assert changed.exit_code == 0, changed.output
    shown = runner.invoke(app, ["commitments", "show", first, "--store", location])
    assert "open -> partly delivered" in shown.stdout and "r1:0-10" in shown.stdout
    out = tmp_path / "register.csv"
    assert runner.invoke(app, ["commitments", "export", "-o", str(out), "--store", location]).exit_code == 0
    assert first in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["set-status", "{id}", "finished", "--by", "A", "--note", "n"], 2, "unknown status"),  # usage error
        (["set-status", "c-000000000000", "delivered", "--by", "A", "--note", "n"], 1, "no register entry"),
        (["show", "c-000000000000"], 1, "no register entry"),
        (["list", "--status", "done-ish"], 2, "unknown status"),
        (["export", "-o", "register.xlsx"], 2, ".csv or .jsonl"),
    ],
)
def test_command_errors(
    store: Store, register: Register, location: str, args: list[str], code: int, message: str
) -> None:
    first = _first(store, register)
    result = runner.invoke(app, ["commitments", *(a.format(id=first) for a in args), "--store", location])
    assert result.exit_code == code
    assert message in result.output


def test_a_missing_store_file_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["commitments", "list", "--store", str(tmp_path / "nowhere.db")])
    assert result.exit_code == 2 and "no store" in result.output
    assert not (tmp_path / "nowhere.db").exists()


def test_extract_into_the_store_fills_the_register(tmp_path: Path, nlp_full: object) -> None:
    source = tmp_path / "docs" / "patrols.txt"
    source.parent.mkdir()
    source.write_text(
        "Press release, 30 October 2018.\n\nThe Metropolitan Police will deploy dedicated patrols in Hackney "
        "over the Halloween weekend, Commander Jane Smith said. We are considering extra patrols in Croydon.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "policing.db")
    for _ in range(2):  # the second run re-extracts: nothing doubles
        result = runner.invoke(app, ["extract", str(source.parent), "--store", db, "-o", str(tmp_path / "out.jsonl")])
        assert result.exit_code == 0, result.output
    with Store(db) as opened:
        (record,) = list(opened.iter_records())
        entries = Register(opened).entries()
    # how many commitments are found is the extractor's business; the register must hold them once each
    assert bool(entries) == bool(record.commitments)
    assert len(entries) <= len({c.text.lower() for c in record.commitments})
    assert {e.record_id for e in entries} <= {record.id}
