"""Pure figure functions: plain data in, a new Plotly figure (or image) out.

No Streamlit and no session state here, so every picture the app shows can be built
and tested from plain NumPy arrays. Figures are built from dicts, which is several
times cheaper than Plotly's object API, because the playground redraws them live.
"""
