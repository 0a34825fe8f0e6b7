"""The explorer's caches: the store and the pipeline as resources, query answers as data.

Query answers are plain rows, dicts and DataFrames (never a Doc), keyed by the store's
location and the query's arguments. A write clears them with ``forget_answers``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from nlp.explorer import queries
from nlp.explorer.register_view import EntryFilter, entry_detail, entry_rows
from nlp.explorer.tiles import borough_names
from nlp.store import Store
from nlp.store.register import Register

if TYPE_CHECKING:
    from nlp.pipeline import Extractor

ANSWER_TTL = 60  # seconds: documents extracted meanwhile by another process show up after this


@st.cache_resource(show_spinner=False)
def store(location: str) -> Store:
    return Store(location)


@st.cache_resource(show_spinner="Loading the pipeline…")
def extractor(model: str | None) -> Extractor:
    from nlp.pipeline import Extractor, build_pipeline  # spaCy loads only when Analyse needs it

    return Extractor(build_pipeline(model))


def forget_answers() -> None:
    st.cache_data.clear()


@st.cache_data(ttl=ANSWER_TTL, show_spinner=False)
def overview(location: str) -> dict[str, int]:
    return queries.overview(store(location))


@st.cache_data(ttl=ANSWER_TTL, show_spinner=False)
def documents_over_time(location: str) -> pd.DataFrame:
    return queries.documents_over_time(store(location))


@st.cache_data(ttl=ANSWER_TTL, show_spinner=False)
def stance_over_time(location: str) -> pd.DataFrame:
    return queries.stance_over_time(store(location))


@st.cache_data(ttl=ANSWER_TTL, show_spinner=False)
def filter_options(location: str) -> dict[str, Any]:
    return queries.filter_options(store(location))


@st.cache_data(ttl=ANSWER_TTL, show_spinner=False)
def documents(location: str, f: queries.DocumentFilter, page: int, size: int) -> queries.DocumentPage:
    return queries.documents(store(location), f, page, size)


@st.cache_data(ttl=ANSWER_TTL, show_spinner=False)
def record(location: str, record_id: str) -> dict[str, Any] | None:
    return queries.record(store(location), record_id)


@st.cache_data(ttl=ANSWER_TTL, show_spinner=False)
def borough_mentions(location: str) -> pd.DataFrame:
    return queries.borough_mentions(store(location))


@st.cache_data(ttl=ANSWER_TTL, show_spinner=False)
def borough_items(location: str, code: str) -> dict[str, list[dict[str, Any]]]:
    return queries.borough_items(store(location), code)


@st.cache_data(ttl=ANSWER_TTL, show_spinner=False)
def people(location: str) -> pd.DataFrame:
    return queries.people(store(location))


@st.cache_data(ttl=ANSWER_TTL, show_spinner=False)
def person_stance(location: str, name: str) -> pd.DataFrame:
    return queries.person_stance(store(location), name)


@st.cache_data(ttl=ANSWER_TTL, show_spinner=False)
def person_statements(location: str, name: str) -> list[dict[str, Any]]:
    return queries.person_statements(store(location), name)


@st.cache_resource(show_spinner=False)
def register(location: str) -> Register:
    return Register(store(location))


@st.cache_data(ttl=ANSWER_TTL, show_spinner=False)
def register_entries(location: str, f: EntryFilter) -> list[dict[str, Any]]:
    return entry_rows(register(location), f, borough_names())


@st.cache_data(ttl=ANSWER_TTL, show_spinner=False)
def register_entry(location: str, entry_id: str) -> dict[str, Any] | None:
    return entry_detail(register(location), entry_id)
