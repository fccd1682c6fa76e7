"""Every page runs through main.py, even as the first request a fresh server gets.

Streamlit keeps a relic of its first multipage design: until main.py has called
``st.navigation`` once, a server whose main script sits beside a folder named ``pages/``
runs a requested page file on its own (``/backprop`` runs pages/backprop.py without
main.py: no page config, no language switch, raw file names in the sidebar). A teacher's
link to a lesson, opened first after the server starts, would hit exactly that. Each
page calls ``through_app()`` first: in that one case it turns the relic off and reruns,
and the rerun goes through main.py and its ``st.navigation`` as every later run does.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def through_app() -> None:
    if PagesManager.uses_pages_directory:
        # Streamlit's own st.navigation sets this same flag to False on its first call
        PagesManager.uses_pages_directory = False
        st.rerun()
