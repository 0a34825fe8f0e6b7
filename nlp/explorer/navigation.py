"""Which view is open, kept in the session and mirrored in the URL (``?view=document&doc=ID``).

A link or a reload lands on the same view and item. Moving between views happens in
widget callbacks (``goto``), which run before the script and so may set widget state.
"""

from __future__ import annotations

import streamlit as st

VIEWS: tuple[str, ...] = ("Overview", "Documents", "Document", "Boroughs", "People", "Commitments", "Analyse")
VIEW_KEY = "nav_view"
# URL parameter -> the session key that holds it.
PARAMETERS: dict[str, str] = {
    "doc": "document_id",
    "borough": "boroughs_pick",
    "person": "people_pick",
    "entry": "commitments_pick",
}


def view_from_slug(slug: str | None) -> str:
    return next((view for view in VIEWS if view.lower() == (slug or "").lower()), VIEWS[0])


def choose_view() -> str:
    """The sidebar's view picker, seeded from the URL on a session's first run."""
    state = st.session_state
    if VIEW_KEY not in state:
        state[VIEW_KEY] = view_from_slug(st.query_params.get("view"))
        for parameter, key in PARAMETERS.items():
            if parameter in st.query_params:
                state[key] = st.query_params[parameter]
    return str(st.sidebar.radio("View", VIEWS, key=VIEW_KEY))


def mirror_in_url(view: str) -> None:
    params = {"view": view.lower()}
    for parameter, key in PARAMETERS.items():
        value = st.session_state.get(key)
        if value:
            params[parameter] = str(value)
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)


def goto(view: str, **keys: str) -> None:
    """A callback: open ``view`` with these session keys set (e.g. ``document_id``)."""
    st.session_state[VIEW_KEY] = view
    for key, value in keys.items():
        st.session_state[key] = value


def keep_choice(key: str, options: list[str]) -> None:
    """Drop a remembered choice that is not among a widget's options (a stale URL)."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]
