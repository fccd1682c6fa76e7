"""Helpers shared by the pages. Only ``ui/widgets.py`` imports Streamlit; the rest
(settings, URL state, live run) is plain Python, tested without a browser."""
