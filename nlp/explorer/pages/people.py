"""People: every official with role and organisation, what they said, their stance over time."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from nlp.explorer import cached
from nlp.explorer.charts import stance_points
from nlp.explorer.navigation import keep_choice
from nlp.explorer.settings import Settings

PICK_KEY = "people_pick"
TABLE_KEY = "people_table"


def render(settings: Settings) -> None:
    st.title("People")
    everyone = cached.people(settings.store)
    st.caption(f"{len(everyone)} official(s). Select a row, or pick a name below.")
    names = everyone["name"].tolist()
    st.dataframe(
        everyone,
        hide_index=True,
        key=TABLE_KEY,
        on_select=partial(_pick_from_table, names),
        selection_mode="single-row",
    )
    keep_choice(PICK_KEY, names)
    name = st.selectbox("Person", names, index=None, key=PICK_KEY)
    if name:
        _person(settings, name, everyone[everyone["name"] == name].iloc[0])


def _pick_from_table(names: list[str]) -> None:
    rows = st.session_state[TABLE_KEY].selection.rows
    if rows:
        st.session_state[PICK_KEY] = names[rows[0]]


def _person(settings: Settings, name: str, summary: pd.Series) -> None:
    st.header(name)
    described = ", ".join(str(v) for v in (summary["role"], summary["organisation"]) if isinstance(v, str) and v)
    st.caption(described or "role and organisation unknown")
    said = cached.person_statements(settings.store, name)
    columns = st.columns(4)
    columns[0].metric("Documents", int(summary["documents"]))
    columns[1].metric("Statements", len(said))
    columns[2].metric("Support", int(summary["support"]))
    columns[3].metric("Oppose", int(summary["oppose"]))
    stance = cached.person_stance(settings.store, name)
    st.subheader("Stance on armed patrols over time")
    if stance.empty:
        st.info("No dated document where they spoke about armed patrols.")
    else:
        st.altair_chart(stance_points(stance), key="people_stance")
    st.subheader("What they said")
    st.dataframe(pd.DataFrame(said), hide_index=True, key="people_said")
