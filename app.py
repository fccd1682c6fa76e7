"""Neural Playground: the entry point only sets the page up, picks the language and
routes (one link per page: /, /neuron, /activations, /backprop, /descent, /inside)."""

import streamlit as st

import core  # noqa: F401  (first: keeps BLAS to one thread before anything loads NumPy)
from ui import language
from ui.i18n import texts

st.set_page_config(page_title="Neural Playground", page_icon="🧠", layout="wide")

T = texts("common", language.current())
pages = {
    T["nav_playground"]: [
        st.Page("pages/playground.py", title=T["nav_playground"], icon="🎛️", default=True),
    ],
    T["nav_lessons"]: [
        st.Page("pages/neuron.py", title=T["nav_neuron"], icon="⚪", url_path="neuron"),
        st.Page("pages/activations.py", title=T["nav_activations"], icon="〰️",
                url_path="activations"),
        st.Page("pages/backprop.py", title=T["nav_backprop"], icon="🔁", url_path="backprop"),
        st.Page("pages/descent.py", title=T["nav_descent"], icon="⛰️", url_path="descent"),
        st.Page("pages/inside.py", title=T["nav_inside"], icon="🔬", url_path="inside"),
    ],
}
page = st.navigation(pages)
language.switch(T["language"])
language.keep_in_link()
page.run()
