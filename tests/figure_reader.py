"""A figure module read as Plotly would read it: its functions' figures (plain dicts) come
back as ``plotly.graph_objects.Figure``, which validates every trace and lets a test read
``fig.data[0].x`` and ``fig.layout.title.text``."""

from __future__ import annotations

import plotly.graph_objects as go


class Figures:
    def __init__(self, module):
        self._module = module

    def __getattr__(self, name: str):
        value = getattr(self._module, name)
        if not callable(value) or isinstance(value, type):
            return value

        def call(*args, **kwargs):
            out = value(*args, **kwargs)
            return go.Figure(out) if isinstance(out, dict) and "layout" in out else out
        return call
