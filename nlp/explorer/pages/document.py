"""Document: one stored record, read from the store (never re-extracted)."""

from __future__ import annotations

import streamlit as st

from nlp.explorer import cached
from nlp.explorer.navigation import goto
from nlp.explorer.pages.record_view import show_record
from nlp.explorer.settings import Settings


def render(settings: Settings) -> None:
    record_id = st.session_state.get("document_id")
    if not record_id:
        st.info("Pick a document in the Documents view (or a borough's or person's list).")
        st.button("Go to Documents", key="document_to_list", on_click=goto, args=("Documents",))
        return
    record = cached.record(settings.store, str(record_id))
    if record is None:
        st.error(f"There is no document {record_id!r} in the store.")
        return
    show_record(record, "document")
