"""The commitment register as plain rows for the explorer (over ``nlp.store.register``)."""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp.store.register import Entry, Register

ENTRY_COLUMNS = (
    "id",
    "first_seen",
    "status",
    "overdue",
    "due",
    "actor",
    "speaker",
    "action",
    "strength",
    "negated",
    "boroughs",
    "timeframe",
    "restated",
)


@dataclass(frozen=True)
class EntryFilter:
    status: str | None = None
    actor: str | None = None
    borough: str | None = None
    overdue: bool | None = None


def entry_rows(register: Register, f: EntryFilter, names: dict[str, str]) -> list[dict[str, Any]]:
    """One flat row per entry that passes ``f``, boroughs by name, newest first."""
    found = register.entries(status=f.status, actor=f.actor or None, borough=f.borough, overdue=f.overdue)
    return [_row(entry, names) for entry in reversed(found)]


def _row(entry: Entry, names: dict[str, str]) -> dict[str, Any]:
    row = {name: getattr(entry, name) for name in ENTRY_COLUMNS if hasattr(entry, name)}
    row["boroughs"] = ", ".join(names.get(code, code) for code in entry.boroughs)
    row["restated"] = len(entry.restatements)
    return row


def entry_detail(register: Register, entry_id: str) -> dict[str, Any] | None:
    """The whole entry (restatements and audit trail included) as a plain dict."""
    entry = register.entry(entry_id)
    return dataclasses.asdict(entry) if entry else None


def register_csv(register: Register) -> bytes:
    """The register's own CSV export, as bytes for a download."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "register.csv"
        register.export(path)
        return path.read_bytes()
