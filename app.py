"""Neural Playground: the entry point only sets the page up and routes."""

import streamlit as st

import core  # noqa: F401  (first: keeps BLAS to one thread before anything loads NumPy)

st.set_page_config(page_title="Neural Playground", page_icon="🧠", layout="wide")

pages = [st.Page("pages/playground.py", title="Playground", icon="🎛️", default=True)]
st.navigation(pages).run()
