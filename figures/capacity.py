"""Pictures of the capacity lesson: a curve fitted by one hidden layer with each unit's
share drawn, the cost against the number of units, a product of weights and slopes
through L layers, each layer's gradient for several weight scales, and restarts of
gradient descent (those that stopped above the bottom in red).

Pure functions: arrays and labels in; a Plotly figure dict out."""

from __future__ import annotations

import numpy as np

from .activations import power_text, power_ticks
from .chart import MARGIN, finite, heading, legend_below
from .colors import CLASS_HEX

SERIES = ["#0877bd", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#f59322"]
STUCK, FOUND = "#d62728", "#0877bd"
# the units' shares: the class colours but black and grey, which belong to the fit and the curve
PART_HEX = [c for c in CLASS_HEX if c not in ("#000000", "#999999")]


def curve_figure(x: np.ndarray, y: np.ndarray, fit: np.ndarray, parts: np.ndarray,
                 title: str, names: tuple[str, str, str], show_parts: bool = True,
                 height: int = 360) -> dict:
    """The target ``y`` ``(n,)``, the network's ``fit`` ``(n,)``, and (``show_parts``)
    each hidden unit's share ``parts`` ``(units, n)`` as a thin line: the fit is their sum
    plus the output bias. ``names`` = (target, fit, one unit's share)."""
    data = [{"type": "scatter", "mode": "lines", "x": finite(x), "y": finite(y),
             "name": names[0], "line": {"color": "#bbbbbb", "width": 7}},
            {"type": "scatter", "mode": "lines", "x": finite(x), "y": finite(fit),
             "name": names[1], "line": {"color": "#111111", "width": 2}}]
    if show_parts:
        for j, part in enumerate(parts):
            data.append({"type": "scatter", "mode": "lines", "x": finite(x),
                         "y": finite(part), "name": names[2], "legendgroup": "parts",
                         "showlegend": j == 0, "opacity": 0.8,
                         "line": {"color": PART_HEX[j % len(PART_HEX)], "width": 1}})
    return {"data": data, "layout": {"title": heading(title), "height": height,
                                     "margin": MARGIN, "xaxis": {"title": {"text": "x"}},
                                     "legend": legend_below()}}


def units_figure(units: list[int], costs: list[float], below: float, title: str,
                 axes: tuple[str, str], height: int = 300) -> dict:
    """The fit's cost against the number of units (log axes), with the line ``below``."""
    return {"data": [{"type": "scatter", "mode": "lines+markers", "x": list(units),
                      "y": finite(np.maximum(costs, 1e-12)), "name": axes[1],
                      "line": {"color": SERIES[0], "width": 2}}],
            "layout": {"title": heading(title), "height": height, "margin": MARGIN,
                       "showlegend": False,
                       "shapes": [{"type": "line", "xref": "paper", "x0": 0, "x1": 1,
                                   "y0": below, "y1": below,
                                   "line": {"color": "#555", "dash": "dot"}}],
                       "xaxis": {"title": {"text": axes[0]}, "type": "log",
                                 "tickvals": list(units)},
                       "yaxis": {"title": {"text": axes[1]}, "type": "log", "dtick": 1,
                                 "exponentformat": "power"}}}


def chain_figure(logs: dict[str, np.ndarray], title: str, axes: tuple[str, str],
                 marked: int | None = None, height: int = 320) -> dict:
    """log10 of the gradient's factor through L layers, one line per case
    (``logs[label]`` ``(depth + 1,)``); the y axis reads in powers of ten."""
    data, seen = [], []
    for i, (label, values) in enumerate(logs.items()):
        v = np.asarray(values, dtype=float)
        seen.extend(v[np.isfinite(v)].tolist())
        data.append({"type": "scatter", "mode": "lines", "x": list(range(len(v))),
                     "y": finite(v), "name": label, "customdata": [power_text(a) for a in v],
                     "line": {"color": SERIES[i % len(SERIES)], "width": 2},
                     "hovertemplate": "L = %{x}: %{customdata}<extra>" + label + "</extra>"})
    lo, hi = (min(seen), max(seen)) if seen else (-1.0, 1.0)
    lo, hi = min(lo, -1.0), max(hi, 1.0)
    tickvals, ticktext = power_ticks(lo, hi)
    shapes = [] if marked is None else [{
        "type": "line", "xref": "x", "yref": "paper", "x0": marked, "x1": marked, "y0": 0,
        "y1": 1, "line": {"color": "#555", "dash": "dot"}}]
    return {"data": data, "layout": {
        "title": heading(title), "height": height, "margin": MARGIN, "shapes": shapes,
        "xaxis": {"title": {"text": axes[0]}, "rangemode": "tozero"},
        "yaxis": {"title": {"text": axes[1]}, "tickvals": tickvals, "ticktext": ticktext,
                  "range": [lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)]},
        "legend": legend_below()}}


def gradients_figure(norms: dict[str, np.ndarray], title: str, axes: tuple[str, str],
                     height: int = 320) -> dict:
    """||∂J/∂W[l]|| per layer (layer 1 first, the output last), one line per weight scale,
    on a log axis."""
    data = []
    for i, (label, v) in enumerate(norms.items()):
        v = np.asarray(v, dtype=float)
        data.append({"type": "scatter", "mode": "lines+markers",
                     "x": list(range(1, len(v) + 1)), "y": finite(np.where(v > 0, v, np.nan)),
                     "name": label, "line": {"color": SERIES[i % len(SERIES)], "width": 2},
                     "hovertemplate": "[%{x}]: %{y:.3g}<extra>" + label + "</extra>"})
    return {"data": data, "layout": {
        "title": heading(title), "height": height, "margin": MARGIN,
        "xaxis": {"title": {"text": axes[0]}, "dtick": 1},
        "yaxis": {"title": {"text": axes[1]}, "type": "log", "dtick": 1,
                  "exponentformat": "power"}, "legend": legend_below()}}


def restarts_figure(curves: list[tuple[np.ndarray, np.ndarray]], stuck: list[bool],
                    title: str, axes: tuple[str, str], names: tuple[str, str],
                    height: int = 340) -> dict:
    """Each restart's cost over the epochs (log axis): those that stopped above the
    bottom in red, the others in blue. ``names`` = (stopped above, reached the bottom)."""
    data, shown = [], set()
    for (epochs, cost), high in zip(curves, stuck):
        group = names[0] if high else names[1]
        data.append({"type": "scatter", "mode": "lines", "x": finite(epochs),
                     "y": finite(np.maximum(cost, 1e-12)), "name": group,
                     "legendgroup": group, "showlegend": group not in shown,
                     "line": {"color": STUCK if high else FOUND, "width": 2 if high else 1.5}})
        shown.add(group)
    return {"data": data, "layout": {
        "title": heading(title), "height": height, "margin": MARGIN,
        "xaxis": {"title": {"text": axes[0]}},
        "yaxis": {"title": {"text": axes[1]}, "type": "log", "dtick": 1,
                  "exponentformat": "power"}, "legend": legend_below()}}
