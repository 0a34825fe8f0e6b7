"""One record drawn in full: highlighted text, statements, figures, commitments, download.

Shared by the Document page (a stored record) and the Analyse page (a fresh one); the
widget keys carry the caller's prefix.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from nlp.explorer.highlight import HIGHLIGHT_KINDS, LEGEND_COLOURS, highlight_html, record_spans
from nlp.explorer.html import markdown_text, stance_badge, statements_html
from nlp.explorer.queries import commitment_row, figure_rows

KIND_LABELS = {
    "borough": "Boroughs",
    "official": "Officials",
    "figure": "Figures",
    "commitment": "Commitments",
    "statement": "Statements",
}


def show_record(record: dict[str, Any], prefix: str) -> None:
    st.title(markdown_text(record.get("title") or "(untitled)"))
    _facts(record)
    _counts(record)
    chosen = _highlight_toggles(prefix)
    st.html(highlight_html(record.get("text", ""), record_spans(record, chosen)))
    _items(record, prefix)
    st.download_button(
        "Download the record (JSON)",
        json.dumps(record, indent=2, ensure_ascii=False),
        file_name=f"{record.get('id', 'record')}.json",
        mime="application/json",
        key=f"{prefix}_download",
    )


def _facts(record: dict[str, Any]) -> None:
    facts = " · ".join(
        markdown_text(str(value))
        for value in (
            record.get("source"),
            record.get("date") or "date unknown",
            record.get("kind"),
            f"id {record.get('id')}",
        )
    )
    st.caption(facts)
    st.html(f"Stance on armed patrols: {stance_badge((record.get('stance') or {}).get('label'))}")
    for error in record.get("errors", []):
        st.warning(error)


def _counts(record: dict[str, Any]) -> None:
    columns = st.columns(len(HIGHLIGHT_KINDS))
    for column, kind in zip(columns, reversed(HIGHLIGHT_KINDS), strict=True):
        column.metric(KIND_LABELS[kind], len(record.get(kind + "s", [])))


def _highlight_toggles(prefix: str) -> list[str]:
    columns = st.columns(len(HIGHLIGHT_KINDS))
    chosen = []
    for column, kind in zip(columns, reversed(HIGHLIGHT_KINDS), strict=True):
        label = f":{LEGEND_COLOURS[kind]}-background[{KIND_LABELS[kind]}]"
        if column.checkbox(label, value=True, key=f"{prefix}_show_{kind}"):
            chosen.append(kind)
    return chosen


def _items(record: dict[str, Any], prefix: str) -> None:
    said, figures, commitments, people = st.tabs(["Statements", "Figures", "Commitments", "Officials and boroughs"])
    with said:
        st.html(statements_html(record) if record.get("statements") else "<p>No statements.</p>")
    with figures:
        st.dataframe(pd.DataFrame(figure_rows(record)), hide_index=True, key=f"{prefix}_figures")
    with commitments:
        rows = [commitment_row(c) for c in record.get("commitments", [])]
        st.dataframe(pd.DataFrame(rows), hide_index=True, key=f"{prefix}_commitments")
    with people:
        officials = [
            {key: o.get(key) for key in ("name", "honorific", "role", "organisation")}
            | {"mentions": len(o.get("mentions", []))}
            for o in record.get("officials", [])
        ]
        st.dataframe(pd.DataFrame(officials), hide_index=True, key=f"{prefix}_officials")
        boroughs = [
            {"name": b["name"], "code": b["code"], "mentions": len(b.get("mentions", []))}
            for b in record.get("boroughs", [])
        ]
        st.dataframe(pd.DataFrame(boroughs), hide_index=True, key=f"{prefix}_boroughs")
