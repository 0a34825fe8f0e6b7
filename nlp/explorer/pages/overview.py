"""Overview: the store at a glance, documents over time by kind, stance over time."""

from __future__ import annotations

import streamlit as st

from nlp.explorer import cached
from nlp.explorer.charts import stacked_bars, stance_colours
from nlp.explorer.settings import Settings


def render(settings: Settings) -> None:
    st.title("Policing statements")
    st.caption(f"Store: {settings.store}" + (" · read-only" if settings.read_only else ""))
    counts = cached.overview(settings.store)
    for column, (label, value) in zip(st.columns(len(counts)), counts.items(), strict=True):
        column.metric(label.capitalize(), value)
    if not counts["documents"]:
        st.info("The store is empty: run `policing extract FOLDER --store ...` or use Analyse.")
        return
    st.subheader("Documents over time, by kind")
    st.altair_chart(stacked_bars(cached.documents_over_time(settings.store), "kind"), key="overview_kinds")
    st.subheader("Stance on armed patrols over time")
    st.caption("Documents about armed patrols, by their overall stance.")
    over_time = cached.stance_over_time(settings.store)
    st.altair_chart(stacked_bars(over_time, "stance", colours=stance_colours()), key="overview_stance")
