"""A readable, plain-text view of one record for the terminal."""

from __future__ import annotations

import json
from pathlib import Path

from nlp.record import Record
from nlp.store import Store


def find_record(target: str, store: str | None = None) -> Record | None:
    """The first record of a JSON Lines file, or the record with this id in the store."""
    path = Path(target)
    if path.is_file():
        with path.open(encoding="utf-8") as handle:
            line = next((line for line in handle if line.strip()), None)
        return Record.from_dict(json.loads(line)) if line else None
    with Store(store) as opened:
        return opened.get(target)


def render(record: Record) -> str:
    """Headline facts, then each item type as short indented lines."""
    lines = [
        f"{record.title or '(untitled)'}",
        f"  id {record.id}  ·  {record.kind}  ·  {record.date or 'date unknown'}  ·  {record.source}",
        f"  stance on armed patrols: {record.stance.label}",
    ]
    lines += _section("Boroughs", [f"{b.name} ({b.code}) ×{len(b.mentions)}" for b in record.boroughs])
    lines += _section("Officials", [f"{o.name} — {o.role or '?'}, {o.organisation or '?'}" for o in record.officials])
    lines += _section("Figures", [f"{f.value:g} {f.counts or ''}  «{f.text}»" for f in record.figures])
    lines += _section(
        "Commitments",
        [f"[{c.strength}{', negated' if c.negated else ''}] {c.actor}: {c.text[:100]}" for c in record.commitments],
    )
    lines += _section(
        "Statements",
        [
            f"{s.speaker or '?'} ({s.kind}, {s.stance.label} {s.stance.score:.2f}): {s.text[:100]}"
            for s in record.statements
        ],
    )
    lines += _section("Speakers' stance", [f"{s.speaker}: {s.label} ({s.score:.2f})" for s in record.stance.by_speaker])
    lines += _section("Errors", record.errors)
    return "\n".join(lines)


def _section(title: str, items: list[str]) -> list[str]:
    return [f"\n{title} ({len(items)})", *(f"  - {item}" for item in items)] if items else []
