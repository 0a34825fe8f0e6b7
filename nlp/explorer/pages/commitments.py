"""Commitments: the register with filters, each entry's restatements and audit trail,
setting a status (not in read-only mode), and the CSV export."""

from __future__ import annotations

import math
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from nlp.explorer import cached
from nlp.explorer.html import markdown_text
from nlp.explorer.navigation import goto
from nlp.explorer.register_view import EntryFilter, register_csv
from nlp.explorer.settings import Settings
from nlp.explorer.tiles import borough_names
from nlp.store.register import STATUSES, RegisterError, UnknownEntry

PICK_KEY = "commitments_pick"
TABLE_KEY = "commitments_table"
PAGE_SIZE = 100
FLASH_KEY = "commitments_flash"
OVERDUE_CHOICES = {"any": None, "overdue": True, "not overdue": False}


def render(settings: Settings) -> None:
    st.title("Commitments")
    rows = cached.register_entries(settings.store, _filters())
    page_rows = _paged(rows)
    _table(page_rows)
    st.download_button(
        "Export the register (CSV)",
        lambda: register_csv(cached.register(settings.store)),
        file_name="register.csv",
        mime="text/csv",
        key="commitments_export",
    )
    chosen = st.session_state.get(PICK_KEY)
    if chosen:
        _entry(settings, str(chosen))


def _filters() -> EntryFilter:
    names = borough_names()
    columns = st.columns(4)
    status = columns[0].selectbox("Status", STATUSES, index=None, key="commitments_status")
    actor = columns[1].text_input("Actor or speaker", key="commitments_actor")
    borough = columns[2].selectbox(
        "Borough",
        sorted(names, key=names.__getitem__),
        format_func=names.__getitem__,
        index=None,
        key="commitments_borough",
    )
    overdue = columns[3].selectbox("Overdue", list(OVERDUE_CHOICES), key="commitments_overdue")
    return EntryFilter(status=status, actor=actor.strip() or None, borough=borough, overdue=OVERDUE_CHOICES[overdue])


def _paged(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    pages = max(1, math.ceil(len(rows) / PAGE_SIZE))
    if int(st.session_state.get("commitments_page", 1)) > pages:
        st.session_state["commitments_page"] = pages
    page = int(st.session_state.get("commitments_page", 1))
    st.caption(f"{len(rows)} entr{'y' if len(rows) == 1 else 'ies'} · page {page} of {pages}")
    if pages > 1:
        st.number_input("Page", min_value=1, max_value=pages, step=1, key="commitments_page")
    return rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]


def _table(rows: list[dict[str, Any]]) -> None:
    if not rows:
        st.info("No register entries match.")
        return
    ids = [row["id"] for row in rows]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        key=TABLE_KEY,
        on_select=partial(_pick_from_table, ids),
        selection_mode="single-row",
    )
    labels = {
        row["id"]: f"{row['first_seen']} · {row['actor'] or row['speaker'] or '?'}: {row['action']}" for row in rows
    }
    options = (
        ids
        if st.session_state.get(PICK_KEY) in ids or not st.session_state.get(PICK_KEY)
        else [st.session_state[PICK_KEY], *ids]
    )
    st.selectbox("Entry", options, format_func=lambda i: labels.get(i, i), index=None, key=PICK_KEY)


def _pick_from_table(ids: list[str]) -> None:
    rows = st.session_state[TABLE_KEY].selection.rows
    if rows:
        st.session_state[PICK_KEY] = ids[rows[0]]


def _entry(settings: Settings, entry_id: str) -> None:
    entry = cached.register_entry(settings.store, entry_id)
    if entry is None:
        st.error(f"There is no register entry {entry_id!r}.")
        return
    st.header(markdown_text(f"{entry['actor'] or entry['speaker'] or 'Someone'}: {entry['action']}"))
    if FLASH_KEY in st.session_state:
        st.success(st.session_state.pop(FLASH_KEY))
    _facts(entry)
    st.subheader("Restatements")
    st.dataframe(pd.DataFrame(entry["restatements"]), hide_index=True, key="commitments_restatements")
    st.subheader("Audit trail")
    audit = pd.DataFrame(entry["audit"], columns=["at", "by", "old_status", "new_status", "note", "evidence"])
    if audit.empty:
        st.caption("No status set yet: the entry is open.")
    else:
        st.table(audit.set_index("at"))  # a short trail, drawn as a plain table
    if not settings.read_only:
        _status_form(settings, entry)


def _facts(entry: dict[str, Any]) -> None:
    names = borough_names()
    columns = st.columns([2, 2, 1, 1])
    columns[0].metric("Status", entry["status"])
    columns[1].metric("Strength", entry["strength"] + (", negated" if entry["negated"] else ""))
    columns[2].metric("Due", entry["due"] or "—")
    columns[3].metric("Overdue", "yes" if entry["overdue"] else "no")
    places = ", ".join(names.get(code, code) for code in entry["boroughs"]) or "no borough named"
    st.caption(f"First said {entry['first_seen']} · {entry['timeframe'] or 'no timeframe'} · {places}")
    st.text(entry["text"])
    st.button(
        "Open the document it comes from",
        key="commitments_open_document",
        on_click=goto,
        args=("Document",),
        kwargs={"document_id": entry["record_id"]},
    )


def _status_form(settings: Settings, entry: dict[str, Any]) -> None:
    st.subheader("Set the status")
    with st.form("commitments_status_form", clear_on_submit=True):
        status = st.selectbox(
            "New status", STATUSES, index=STATUSES.index(entry["status"]), key="commitments_new_status"
        )
        by = st.text_input("By", key="commitments_by")
        note = st.text_area("Note", key="commitments_note")
        evidence = st.text_input("Evidence (RECORD_ID:START-END or a URL)", key="commitments_evidence")
        submitted = st.form_submit_button("Record the status", key="commitments_submit")
    if submitted:
        try:
            event = cached.register(settings.store).set_status(
                entry["id"], status, by=by, note=note, evidence=evidence or None
            )
        except (RegisterError, UnknownEntry) as error:
            st.error(str(error))
            return
        cached.forget_answers()
        st.session_state[FLASH_KEY] = f"Recorded: {event.old_status} → {event.new_status}, by {event.by}"
        st.rerun()
