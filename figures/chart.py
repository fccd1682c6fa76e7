"""What every Plotly chart of the lessons shares: the title's style, numbers a chart can
carry (NaN where not finite: Plotly's JSON writes it as null, a gap, never "NaN" in a
hover), a legend under the plot, and the figure object for a chart with frames."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

MARGIN = {"l": 50, "r": 10, "t": 34, "b": 40}


def heading(text: str, size: int = 13) -> dict:
    return {"text": text, "font": {"size": size}}


def finite(values) -> np.ndarray:
    """Floats, NaN where not finite. Arrays, not lists: Plotly validates an array in one
    step."""
    a = np.asarray(values, dtype=float)
    return np.where(np.isfinite(a), a, np.nan)


def legend_below(y: float = -0.22) -> dict:
    return {"orientation": "h", "y": y, "yanchor": "top"}


def figure(data: list[dict], layout: dict, frames: list[dict] | None = None) -> go.Figure:
    """A figure of plain Plotly specs, wrapped without Plotly's property validation.

    Streamlit validates a figure given as a dict on every rerun, and a ``go.Figure`` built
    the usual way validates as it is built: measured, ~100 animation traces took 150-350 ms
    a rerun that way, against a few built plainly. Plotly's only way to skip it is the
    ``_validate`` argument (private, so used here alone); the tests validate every figure
    kind once with Plotly's own checks (tests/figure_reader.py)."""
    return go.Figure({"data": data, "layout": layout, "frames": frames or []}, _validate=False)
