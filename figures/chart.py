"""What every Plotly chart of the lessons shares: the title's style, numbers a chart can
carry (NaN where not finite: Plotly's JSON writes it as null, a gap, never "NaN" in a
hover), a legend under the plot, and the figure itself as a plain dict (ten times faster
to build than ``go.Figure``, and Streamlit takes it as it is)."""

from __future__ import annotations

import numpy as np

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


def figure(data: list[dict], layout: dict, frames: list[dict] | None = None) -> dict:
    """A figure as Plotly's JSON has it: traces, layout and (for an animation) frames."""
    out = {"data": data, "layout": layout}
    if frames:
        out["frames"] = frames
    return out
