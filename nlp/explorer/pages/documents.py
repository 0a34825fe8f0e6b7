"""Documents: a filterable, paged table of the stored records; open one as a Document."""

from __future__ import annotations

import datetime as dt
import math
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from nlp.explorer import cached
from nlp.explorer.navigation import goto
from nlp.explorer.queries import PAGE_SIZE, DocumentFilter, DocumentPage
from nlp.explorer.settings import Settings


def render(settings: Settings) -> None:
    st.title("Documents")
    options = cached.filter_options(settings.store)
    chosen = _filters(options)
    page = _page_number()
    result = cached.documents(settings.store, chosen, page, PAGE_SIZE)
    pages = max(1, math.ceil(result.total / PAGE_SIZE))
    if page > pages:  # the filters narrowed the list under the page shown
        page = st.session_state["documents_page"] = pages
        result = cached.documents(settings.store, chosen, page, PAGE_SIZE)
    st.caption(f"{result.total} document(s) match · page {page} of {pages}")
    document_table(result, "documents")
    if pages > 1:
        st.number_input("Page", min_value=1, max_value=pages, step=1, key="documents_page")


def _page_number() -> int:
    return int(st.session_state.get("documents_page", 1))


def _filters(options: dict[str, Any]) -> DocumentFilter:
    top = st.columns([2, 2, 2, 3])
    dates = _date_range(top[0], options)
    kinds = top[1].multiselect("Kind", options["kinds"], key="documents_kinds")
    stances = top[2].multiselect("Stance", options["stances"], key="documents_stances")
    search = top[3].text_input("Search the text", key="documents_search")
    middle = st.columns(3)
    boroughs: dict[str, str] = options["boroughs"]
    borough = middle[0].selectbox(
        "Borough",
        sorted(boroughs, key=boroughs.__getitem__),
        format_func=boroughs.__getitem__,
        index=None,
        key="documents_borough",
    )
    official = middle[1].selectbox("Official", options["officials"], index=None, key="documents_official")
    organisation = middle[2].selectbox(
        "Organisation", options["organisations"], index=None, key="documents_organisation"
    )
    return DocumentFilter(
        date_from=dates[0],
        date_to=dates[1],
        kinds=tuple(kinds),
        borough=borough,
        official=official,
        organisation=organisation,
        stances=tuple(stances),
        search=search,
    )


def _date_range(column: Any, options: dict[str, Any]) -> tuple[str | None, str | None]:
    first, last = options["first_date"], options["last_date"]
    if not first or not last:
        return None, None
    low, high = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    picked = column.date_input("Dates", value=(low, high), min_value=low, max_value=high, key="documents_dates")
    bounds = list(picked) if isinstance(picked, tuple | list) else [picked]
    start = bounds[0].isoformat() if bounds and bounds[0] != low else None
    end = bounds[1].isoformat() if len(bounds) > 1 and bounds[1] != high else None
    return start, end


def document_table(result: DocumentPage, prefix: str) -> None:
    """A page of documents; selecting a row (or the picker below) opens it."""
    if not result.rows:
        st.info("No documents.")
        return
    frame = pd.DataFrame(result.rows)[["date", "kind", "title", "boroughs", "stance", "source", "id"]]
    ids = frame["id"].tolist()
    st.dataframe(
        frame,
        hide_index=True,
        key=f"{prefix}_table",
        on_select=partial(_open_selected, f"{prefix}_table", ids),
        selection_mode="single-row",
    )
    titles = {row["id"]: f"{row['date'] or 'undated'} · {row['title'] or row['source']}" for row in result.rows}
    pick, go = st.columns([5, 1], vertical_alignment="bottom")
    chosen = pick.selectbox("Open a document", ids, format_func=titles.__getitem__, key=f"{prefix}_open_pick")
    go.button("Open", key=f"{prefix}_open", on_click=goto, args=("Document",), kwargs={"document_id": chosen})


def _open_selected(key: str, ids: list[str]) -> None:
    rows = st.session_state[key].selection.rows
    if rows:
        goto("Document", document_id=ids[rows[0]])
