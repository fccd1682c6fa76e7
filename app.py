"""Neural Playground's server: `streamlit run app.py` serves the app (every page view runs
main.py) and, beside Streamlit's own routes, the live pictures' channel
(ui/live/channel.py), through Streamlit's documented ASGI entry point, ``st.App``, with
Streamlit's own page files served from memory in front of it (ui/static_files.py). Run
once, when the server starts: so it also sets what belongs to the server process
(ui/live/server.py)."""

import streamlit as st
from starlette.middleware import Middleware

import core  # noqa: F401  (first: keeps BLAS to one thread before anything loads NumPy)
from ui.live import channel, server
from ui.static_files import StaticFiles

server.start()
app = st.App("main.py", routes=channel.routes(), middleware=[Middleware(StaticFiles)])
