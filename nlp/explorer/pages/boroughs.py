"""Boroughs: a tile map of London shaded by mentions; a borough's documents, figures, commitments."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from nlp.explorer import cached
from nlp.explorer.charts import tile_map
from nlp.explorer.navigation import keep_choice
from nlp.explorer.pages.documents import document_table
from nlp.explorer.queries import DocumentFilter
from nlp.explorer.settings import Settings
from nlp.explorer.tiles import borough_names, tile_frame

PICK_KEY = "boroughs_pick"
MAP_KEY = "boroughs_map"


def render(settings: Settings) -> None:
    st.title("Boroughs")
    counts = cached.borough_mentions(settings.store)
    tiles = tile_frame(dict(zip(counts["code"], counts["mentions"], strict=True)))
    st.caption("Each square is a borough, in roughly its place on the map, shaded by how often documents name it.")
    st.altair_chart(tile_map(tiles), key=MAP_KEY, on_select=_pick_from_map, selection_mode="borough")
    names = borough_names()
    keep_choice(PICK_KEY, list(names))
    code = st.selectbox(
        "Borough", sorted(names, key=names.__getitem__), format_func=names.__getitem__, index=None, key=PICK_KEY
    )
    if code:
        _borough(settings, code, names[code], counts)


def _pick_from_map() -> None:
    picked = st.session_state[MAP_KEY]["selection"].get("borough") or []
    if picked and picked[0].get("code"):
        st.session_state[PICK_KEY] = picked[0]["code"]


def _borough(settings: Settings, code: str, name: str, counts: pd.DataFrame) -> None:
    st.header(name)
    row = counts[counts["code"] == code]
    mentions = int(row["mentions"].iloc[0]) if not row.empty else 0
    result = cached.documents(settings.store, DocumentFilter(borough=code), 1, 50)
    left, right = st.columns(2)
    left.metric("Mentions", mentions)
    right.metric("Documents", result.total)
    st.subheader("Documents")
    document_table(result, "boroughs")
    items = cached.borough_items(settings.store, code)
    st.subheader("Figures")
    st.caption("From its most recent documents: figures for this borough or for no place in particular.")
    st.dataframe(pd.DataFrame(items["figures"]), hide_index=True, key="boroughs_figures")
    st.subheader("Commitments")
    st.caption("From its most recent documents: commitments for this borough or for no borough in particular.")
    st.dataframe(pd.DataFrame(items["commitments"]), hide_index=True, key="boroughs_commitments")
