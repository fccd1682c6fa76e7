"""The learner's language: one shared session entry, a switch in the sidebar, and the
``lang`` link parameter, so a teacher's shared link opens in the class's language."""

from __future__ import annotations

import streamlit as st

from .i18n import DEFAULT, LANGUAGES, pick_language

KEY = "lang"  # shared by every page: the language code, one of i18n.LANGUAGES
_SWITCH = "lang.switch"


def current() -> str:
    """The language of this session: chosen once from the link or the browser, then by
    the switch."""
    state = st.session_state
    if KEY not in state:
        requested = st.query_params.get("lang")
        state[KEY] = pick_language(requested, st.context.locale)
    return state[KEY]


def _on_switch() -> None:
    st.session_state[KEY] = st.session_state[_SWITCH]


def switch(label: str) -> None:
    """The language picker at the top of the sidebar, on every page."""
    st.session_state[_SWITCH] = current()
    st.sidebar.segmented_control(label, list(LANGUAGES), key=_SWITCH, on_change=_on_switch,
                                 format_func=LANGUAGES.get, selection_mode="single",
                                 label_visibility="collapsed")


def link_params() -> dict[str, str]:
    """What the link carries for the language: nothing for English, ``lang=zh`` else."""
    lang = current()
    return {} if lang == DEFAULT else {"lang": lang}


def keep_in_link() -> None:
    """Write the language into the page's link (pages that own their whole query string
    add ``link_params()`` to it instead)."""
    lang = current()
    if lang == DEFAULT:
        if "lang" in st.query_params:
            del st.query_params["lang"]
    elif st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
