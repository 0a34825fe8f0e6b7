"""Analyse: paste text or upload files, run the pipeline, show the record, optionally save it."""

from __future__ import annotations

from typing import Any

import streamlit as st

from nlp.explorer import cached
from nlp.explorer.analyse import analyse, read_inputs
from nlp.explorer.pages.record_view import show_record
from nlp.explorer.settings import Settings
from nlp.ingest import SUPPORTED_SUFFIXES
from nlp.record import Record
from nlp.writers import StoreSink

RESULTS_KEY = "analyse_results"


def render(settings: Settings) -> None:
    st.title("Analyse")
    st.caption("Run the pipeline over new text. Nothing is stored unless you save it.")
    pasted = st.text_area("Paste text", height=200, key="analyse_text")
    uploads = st.file_uploader(
        f"…or upload files (up to {settings.max_upload_mb} MB each)",
        type=[suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES],
        accept_multiple_files=True,
        max_upload_size=settings.max_upload_mb,
        key="analyse_files",
    )
    if st.button("Analyse", key="analyse_run", type="primary"):
        _run(settings, pasted, [(u.name, u.getvalue()) for u in uploads or []])
    results: list[dict[str, Any]] = st.session_state.get(RESULTS_KEY, [])
    if results:
        _results(settings, results)


def _run(settings: Settings, pasted: str, uploads: list[tuple[str, bytes]]) -> None:
    inputs = read_inputs(pasted, uploads, settings.max_upload_mb * 1_000_000)
    for error in inputs.errors:
        st.error(error)
    if not inputs.documents:
        if not inputs.errors:
            st.warning("Paste some text or upload a file first.")
        st.session_state[RESULTS_KEY] = []
        return
    with st.spinner(f"Analysing {len(inputs.documents)} document(s)…"):
        st.session_state[RESULTS_KEY] = analyse(cached.extractor(settings.model), inputs.documents)


def _results(settings: Settings, results: list[dict[str, Any]]) -> None:
    st.divider()
    if not settings.read_only and st.button(f"Save {len(results)} record(s) to the store", key="analyse_save"):
        sink = StoreSink(cached.store(settings.store))
        for data in results:
            sink.write(Record.from_dict(data))
        cached.forget_answers()
        st.success(f"Saved {len(results)} record(s); they now appear in Documents.")
    labels = {
        index: f"{data.get('title') or '(untitled)'} · {data.get('source')}" for index, data in enumerate(results)
    }
    shown = 0
    if len(results) > 1:
        shown = st.selectbox("Result", list(labels), format_func=labels.__getitem__, key="analyse_pick") or 0
    show_record(results[shown], "analyse")
