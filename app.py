"""Neural Playground's server: `streamlit run app.py` serves the app (every page view runs
main.py) and, beside Streamlit's own routes, the live pictures' channel
(ui/playground/channel.py), through Streamlit's documented ASGI entry point, ``st.App``."""

import streamlit as st

import core  # noqa: F401  (first: keeps BLAS to one thread before anything loads NumPy)
from ui.playground import channel

app = st.App("main.py", routes=channel.routes())
