"""A record's text as HTML with its items highlighted.

The text is cut at every span boundary; each slice is HTML-escaped on its own and wrapped
in one element per span that covers it, outermost kind first. Spans may overlap in any
way (a borough inside a statement inside a commitment, a figure straddling two of them):
every slice is closed before the next opens, so the markup is always well formed.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# Outermost first: long spans (statements) wrap short ones (boroughs).
HIGHLIGHT_KINDS: tuple[str, ...] = ("statement", "commitment", "figure", "official", "borough")
STYLES: dict[str, str] = {
    "statement": "background:#eef1f4;border-bottom:2px dotted #495057",
    "commitment": "background:#f3d9fa;border-bottom:2px solid #9c36b5",
    "figure": "background:#b2f2bb;border-radius:3px",
    "official": "background:#a5d8ff;border-radius:3px",
    "borough": "background:#ffd8a8;border-radius:3px",
}
# The colour names Streamlit's markdown knows, for legends that match STYLES.
LEGEND_COLOURS: dict[str, str] = {
    "statement": "gray",
    "commitment": "violet",
    "figure": "green",
    "official": "blue",
    "borough": "orange",
}
TEXT_STYLE = "white-space:pre-wrap;line-height:1.8;font-size:0.95rem"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    label: str


def record_spans(record: dict[str, Any], kinds: Iterable[str] = HIGHLIGHT_KINDS) -> list[Span]:
    """The spans of a record (as a dict) for the chosen kinds."""
    wanted = set(kinds)
    spans: list[Span] = []
    for kind, items in _items_by_kind(record):
        if kind in wanted:
            spans.extend(items)
    return spans


def _items_by_kind(record: dict[str, Any]) -> Iterator[tuple[str, list[Span]]]:
    yield (
        "borough",
        [
            Span(m["start"], m["end"], "borough", f"{b['name']} ({b['code']})")
            for b in record.get("boroughs", [])
            for m in b.get("mentions", [])
        ],
    )
    yield (
        "official",
        [
            Span(
                m["start"],
                m["end"],
                "official",
                ", ".join(filter(None, [o["name"], o.get("role"), o.get("organisation")])),
            )
            for o in record.get("officials", [])
            for m in o.get("mentions", [])
        ],
    )
    yield (
        "figure",
        [
            Span(f["start"], f["end"], "figure", f"{f['value']:g} {f.get('counts') or ''}".strip())
            for f in record.get("figures", [])
        ],
    )
    yield (
        "commitment",
        [
            Span(
                c["start"],
                c["end"],
                "commitment",
                f"{c['strength']} commitment: {c.get('actor') or '?'}: {c['action']}",
            )
            for c in record.get("commitments", [])
        ],
    )
    yield (
        "statement",
        [
            Span(s["start"], s["end"], "statement", f"{s.get('speaker') or '?'} ({s['stance']['label']})")
            for s in record.get("statements", [])
        ],
    )


def highlight_html(text: str, spans: Iterable[Span]) -> str:
    """``text`` as escaped HTML, each span a ``<span data-kind=...>`` around its slices."""
    kept = sorted(_clamped(spans, len(text)), key=lambda s: (s.start, -s.end))
    cuts = sorted({0, len(text), *(s.start for s in kept), *(s.end for s in kept)})
    order = {kind: rank for rank, kind in enumerate(HIGHLIGHT_KINDS)}
    parts: list[str] = []
    active: list[Span] = []
    waiting = iter(kept)
    upcoming = next(waiting, None)
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = [s for s in active if s.end > left]
        while upcoming is not None and upcoming.start <= left:
            active.append(upcoming)
            upcoming = next(waiting, None)
        covering = sorted(active, key=lambda s: (order.get(s.kind, len(order)), s.start))
        parts.append(_wrapped(html.escape(text[left:right]), covering))
    return f'<div class="policing-text" style="{TEXT_STYLE}">{"".join(parts)}</div>'


def _clamped(spans: Iterable[Span], length: int) -> Iterator[Span]:
    for span in spans:
        start, end = max(0, span.start), min(length, span.end)
        if start < end:
            yield Span(start, end, span.kind, span.label)


def _wrapped(escaped: str, covering: list[Span]) -> str:
    opened = "".join(
        f'<span class="hl hl-{html.escape(s.kind)}" data-kind="{html.escape(s.kind)}" '
        f'style="{STYLES.get(s.kind, "")}" title="{html.escape(s.label)}">'
        for s in covering
    )
    return opened + escaped + "</span>" * len(covering)
