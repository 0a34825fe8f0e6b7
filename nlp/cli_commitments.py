"""``policing commitments ...``: thin typer wrappers over the register (nlp/store/register.py).

Exit codes: 0 done, 1 an id that is not in the register, 2 usage errors (a bad status,
evidence or export suffix, a store that is not there).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from nlp.resources import load_json
from nlp.store import DEFAULT_STORE, Store, StoreError
from nlp.store.register import STATUSES, Entry, Register, RegisterError, UnknownEntry, normalise_status

commitments_app = typer.Typer(no_args_is_help=True, help="The commitment register: list, show, audit, export.")
StoreOption = Annotated[
    str | None,
    typer.Option("--store", envvar="POLICING_STORE", help=f"The store (path or URL); {DEFAULT_STORE} by default."),
]


@contextmanager
def _register(location: str | None) -> Iterator[Register]:
    """The register of an existing store; a missing SQLite file is a usage error, not a new store."""
    where = location or os.environ.get("POLICING_STORE") or DEFAULT_STORE
    if "://" not in where and not Path(where).expanduser().exists():
        typer.echo(
            f"error: no store at {where} (extract into it first: policing extract FOLDER --store {where})", err=True
        )
        raise typer.Exit(2)
    try:
        store = Store(where)
    except StoreError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    try:
        yield Register(store)
    finally:
        store.close()


def _status(value: str | None) -> str | None:
    try:
        return normalise_status(value) if value is not None else None
    except RegisterError as error:
        raise typer.BadParameter(str(error)) from error


@commitments_app.command("list")
def list_entries(
    status: Annotated[str | None, typer.Option("--status", callback=_status, help=", ".join(STATUSES))] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Part of the actor's or speaker's name.")] = None,
    borough: Annotated[str | None, typer.Option("--borough", help="A borough name or GSS code.")] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only entries past their due date and still open.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
    store: StoreOption = None,
) -> None:
    """List register entries, oldest first."""
    if fmt not in ("table", "jsonl"):
        raise typer.BadParameter("choose table or jsonl", param_hint="--format")
    with _register(store) as register:
        found = register.entries(status=status, actor=actor, borough=borough, overdue=True if overdue else None)
    if fmt == "jsonl":
        for entry in found:
            typer.echo(json.dumps(dataclasses.asdict(entry), ensure_ascii=False))
    else:
        typer.echo(format_table(found))


@commitments_app.command()
def show(entry_id: Annotated[str, typer.Argument(help="An entry id from `list`.")], store: StoreOption = None) -> None:
    """One entry: the commitment, its restatements, its audit trail and suggested evidence."""
    with _register(store) as register:
        entry = register.entry(entry_id)
        if entry is None:
            typer.echo(f"no register entry {entry_id!r}", err=True)
            raise typer.Exit(1)
        suggestions = register.suggestions(entry_id)
    typer.echo(format_entry(entry))
    typer.echo("suggested evidence:" if suggestions else "suggested evidence: none found")
    for s in suggestions:
        typer.echo(f"  - {s.record_id} ({s.date or 'undated'}) {s.start}-{s.end}, '{s.cue}': {_clip(s.text, 160)}")
        typer.echo(f"    --evidence {s.evidence}")


@commitments_app.command("set-status")
def set_status(
    entry_id: Annotated[str, typer.Argument(help="An entry id from `list`.")],
    status: Annotated[str, typer.Argument(callback=_status, help=", ".join(STATUSES))],
    by: Annotated[str, typer.Option("--by", help="Who makes the change.")],
    note: Annotated[str, typer.Option("--note", help="Why.")],
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="RECORD_ID:START-END of a stored record, or a URL.")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Record a status change in the append-only audit log."""
    with _register(store) as register:
        try:
            event = register.set_status(entry_id, status, by=by, note=note, evidence=evidence)
        except UnknownEntry as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(1) from error
        except RegisterError as error:
            raise typer.BadParameter(str(error)) from error
    typer.echo(f"{event.entry_id}: {event.old_status} -> {event.new_status} (audit event {event.id}, {event.at})")


@commitments_app.command()
def export(
    output: Annotated[Path, typer.Option("-o", "--output", help="register.csv or register.jsonl")],
    store: StoreOption = None,
) -> None:
    """Write the whole register, with current statuses, to a CSV or JSON Lines file."""
    if output.suffix.lower() not in (".csv", ".jsonl"):
        raise typer.BadParameter("the file must end in .csv or .jsonl", param_hint="-o")
    with _register(store) as register:
        count = register.export(output)
    typer.echo(f"{count} entr{'y' if count == 1 else 'ies'} written to {output}", err=True)


def _borough_names() -> dict[str, str]:
    return {b["code"]: b["name"] for b in load_json("boroughs.json")["boroughs"]}


def _clip(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def format_table(entries: list[Entry]) -> str:
    """Entries as a plain text table, one line each."""
    if not entries:
        return "no entries"
    names = _borough_names()
    header = f"{'ID':<14}  {'STATUS':<16}  {'DUE':<10}  {'ACTOR':<28}  {'BOROUGHS':<24}  ACTION"
    lines = [header]
    for e in entries:
        status = e.status + (" (overdue)" if e.overdue else "")
        places = ", ".join(names.get(code, code) for code in e.boroughs)
        lines.append(
            f"{e.id:<14}  {status:<16}  {e.due or '-':<10}  {_clip(e.actor or e.speaker or '-', 28):<28}  "
            f"{_clip(places or '-', 24):<24}  {_clip(('not ' if e.negated else '') + e.action, 60)}"
        )
    return "\n".join(lines)


def format_entry(e: Entry) -> str:
    """One entry in full, for `show`."""
    names = _borough_names()
    lines = [
        f"{e.id}  [{e.status}{', OVERDUE' if e.overdue else ''}]",
        f"actor:      {e.actor or '-'}" + (f"   (said by {e.speaker})" if e.speaker else ""),
        f"action:     {'NOT ' if e.negated else ''}{e.action}",
        f"strength:   {e.strength}",
        f"timeframe:  {e.timeframe or '-'}" + (f"  (due {e.due})" if e.due else ""),
        f"boroughs:   {', '.join(f'{names.get(c, c)} ({c})' for c in e.boroughs) or '-'}",
        f"first seen: {e.record_id} ({e.first_seen}) at {e.start}-{e.end}: {_clip(e.text, 200)}",
        f"restated:   {len(e.restatements)} time(s)",
    ]
    lines += [
        f"  - {r.record_id} ({r.date or 'undated'}) {r.start}-{r.end}: {_clip(r.text, 160)}" for r in e.restatements
    ]
    lines.append("audit trail:" if e.audit else "audit trail: no status set (open)")
    for a in e.audit:
        lines.append(f"  {a.at}  {a.by}: {a.old_status} -> {a.new_status}  {a.note!r}")
        if a.evidence:
            lines.append(f"    evidence: {a.evidence}")
    return "\n".join(lines)
