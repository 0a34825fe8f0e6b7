"""The explorer's entry point: choose the view from the sidebar (and the URL), draw it."""

from __future__ import annotations

import streamlit as st

from nlp.explorer.navigation import choose_view, mirror_in_url
from nlp.explorer.pages import analyse, boroughs, commitments, document, documents, overview, people
from nlp.explorer.settings import settings_from_env
from nlp.store import StoreError

PAGES = {
    "Overview": overview.render,
    "Documents": documents.render,
    "Document": document.render,
    "Boroughs": boroughs.render,
    "People": people.render,
    "Commitments": commitments.render,
    "Analyse": analyse.render,
}


def main() -> None:
    st.set_page_config(page_title="Policing statements", layout="wide")
    settings = settings_from_env()
    view = choose_view()
    if settings.read_only:
        st.sidebar.caption("Read-only: nothing can be changed or saved.")
    try:
        PAGES[view](settings)
    except StoreError as error:
        st.error(f"The store cannot be used: {error}")
    mirror_in_url(view)
