"""Pictures of the activation-functions lesson: each activation with its derivative and
saturation zones, softmax probabilities and their temperature curves, a decision region,
and the shrinking product of derivatives through many layers.

Pure functions: plain arrays and labels in, a Plotly figure dict out (dicts, not
``go.Figure`` calls: ten times faster to build, which keeps a redraw well under 100 ms).
"""

from __future__ import annotations

import numpy as np

from .chart import finite, heading
from .colors import CLASS_HEX, NEGATIVE_HEX, POSITIVE_HEX

G_COLOR, DG_COLOR = "#0877bd", "#f59322"  # g(z) and g'(z)
ZONE_COLOR = "rgba(120, 120, 120, 0.18)"
SERIES_COLORS = {"sigmoid": "#d62728", "tanh": "#0877bd", "relu": "#2ca02c",
                 "leaky_relu": "#9467bd", "elu": "#8c564b", "linear": "#7f7f7f"}
MARGIN = {"l": 45, "r": 10, "t": 34, "b": 36}


def activation_figure(z: np.ndarray, a: np.ndarray, da: np.ndarray,
                      zones: list[tuple[float, float]], title: str, names: tuple[str, str],
                      probe: tuple[float, float, float] | None = None,
                      height: int = 240) -> dict:
    """g(z) (solid) and g'(z) (dashed) over ``z`` ``(n,)``; saturation ``zones`` shaded;
    ``probe`` = (z, g(z), g'(z)) marked. ``names`` labels the two curves."""
    data = [
        {"type": "scatter", "mode": "lines", "x": finite(z), "y": finite(a), "name": names[0],
         "line": {"color": G_COLOR, "width": 2},
         "hovertemplate": "z = %{x:.4g}<br>" + names[0] + " = %{y:.4g}<extra></extra>"},
        {"type": "scatter", "mode": "lines", "x": finite(z), "y": finite(da), "name": names[1],
         "line": {"color": DG_COLOR, "width": 2, "dash": "dash"},
         "hovertemplate": "z = %{x:.4g}<br>" + names[1] + " = %{y:.4g}<extra></extra>"},
    ]
    if probe is not None:
        pz, pa, pda = probe
        data.append({"type": "scatter", "mode": "markers", "x": finite([pz, pz]),
                     "y": finite([pa, pda]), "showlegend": False, "hoverinfo": "skip",
                     "marker": {"color": [G_COLOR, DG_COLOR], "size": 9,
                                "line": {"color": "white", "width": 1}}})
    shapes = [{"type": "rect", "xref": "x", "yref": "paper", "x0": lo, "x1": hi, "y0": 0,
               "y1": 1, "fillcolor": ZONE_COLOR, "line": {"width": 0}, "layer": "below"}
              for lo, hi in zones]
    return {"data": data, "layout": {
        "title": heading(title), "height": height, "margin": MARGIN, "shapes": shapes,
        "showlegend": True, "legend": {"orientation": "h", "x": 1, "y": 1.0, "yanchor": "bottom",
                                       "xanchor": "right", "font": {"size": 11}},
        "xaxis": {"title": {"text": "z", "standoff": 2}, "zeroline": True},
        "yaxis": {"zeroline": True}, "hovermode": "closest"}}


def probabilities_figure(p: np.ndarray, labels: list[str], title: str, height: int = 280
                         ) -> dict:
    """Bars of softmax probabilities ``p`` ``(K,)``, each labelled with its value."""
    colors = [CLASS_HEX[k % len(CLASS_HEX)] for k in range(len(p))]
    return {"data": [{"type": "bar", "x": labels, "y": finite(p), "marker": {"color": colors},
                      "text": [f"{v:.4f}" for v in p], "textposition": "outside",
                      "cliponaxis": False, "hovertemplate": "%{x}: %{y:.6f}<extra></extra>"}],
            "layout": {"title": heading(title), "height": height, "margin": MARGIN,
                       "yaxis": {"range": [0, 1.12], "tickformat": ".0%"}, "showlegend": False}}


def temperature_figure(T: np.ndarray, P: np.ndarray, labels: list[str], title: str,
                       x_title: str, current: float | None = None, height: int = 300) -> dict:
    """Each probability p_k ``P[:, k]`` against the temperature ``T`` ``(n,)`` on a log axis,
    with a dotted line at the ``current`` temperature (when it lies on the axis)."""
    data = [{"type": "scatter", "mode": "lines", "x": finite(T), "y": finite(P[:, k]),
             "name": label, "line": {"color": CLASS_HEX[k % len(CLASS_HEX)], "width": 2},
             "hovertemplate": "T = %{x:.3g}<br>" + label + " = %{y:.4f}<extra></extra>"}
            for k, label in enumerate(labels)]
    shapes = []
    if current is not None and T.min() <= current <= T.max():
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": current,
                       "x1": current, "y0": 0, "y1": 1, "line": {"color": "#555", "dash": "dot"}})
    return {"data": data, "layout": {
        "title": heading(title), "height": height, "shapes": shapes,
        "margin": {**MARGIN, "b": 48},  # room for the powers of ten under the axis
        "xaxis": {"type": "log", "title": {"text": x_title, "standoff": 8}, "dtick": 1,
                  "exponentformat": "power"},
        "yaxis": {"range": [0, 1.02], "tickformat": ".0%"},
        "legend": {"orientation": "h", "y": -0.38, "yanchor": "top"}}}


def region_figure(axis: np.ndarray, P: np.ndarray, X: np.ndarray, y: np.ndarray, title: str,
                  hover: tuple[str, str], height: int = 330) -> dict:
    """A binary decision region: ``P`` ``(r, r)`` = probability of class 1 over the square
    grid ``axis`` ``(r,)`` (x2 on the rows), shaded orange (class 0) to blue (class 1),
    with the points ``X`` ``(n, 2)`` coloured by their class ``y`` ``(n,)``.
    ``hover`` = (label of the probability, label of the class)."""
    scale = [[0.0, NEGATIVE_HEX], [0.5, "#ffffff"], [1.0, POSITIVE_HEX]]
    heat = {"type": "heatmap", "x": finite(axis), "y": finite(axis), "z": finite(P),
            "zmin": 0, "zmax": 1, "colorscale": scale, "opacity": 0.55, "showscale": False,
            "hovertemplate": "x1 = %{x:.2f}, x2 = %{y:.2f}<br>" + hover[0]
                             + " = %{z:.3f}<extra></extra>"}
    points = {"type": "scatter", "mode": "markers", "x": finite(X[:, 0]), "y": finite(X[:, 1]),
              "marker": {"color": [CLASS_HEX[int(k) % 2] for k in y], "size": 5,
                         "line": {"color": "white", "width": 0.5}},
              "customdata": np.asarray(y, dtype=int).tolist(),
              "hovertemplate": hover[1] + " %{customdata}<extra></extra>"}
    boundary = {"type": "contour", "x": finite(axis), "y": finite(axis), "z": finite(P),
                "contours": {"start": 0.5, "end": 0.5, "size": 1, "coloring": "none"},
                "line": {"color": "#333", "width": 2}, "showscale": False, "hoverinfo": "skip"}
    return {"data": [heat, boundary, points], "layout": {
        "title": heading(title), "height": height, "margin": {"l": 35, "r": 10, "t": 34, "b": 30},
        "showlegend": False,
        "xaxis": {"range": [float(axis[0]), float(axis[-1])], "constrain": "domain"},
        "yaxis": {"range": [float(axis[0]), float(axis[-1])], "scaleanchor": "x",
                  "constrain": "domain"}}}


def power_ticks(lo: float, hi: float, max_ticks: int = 7) -> tuple[list[float], list[str]]:
    """Tick positions (integers n) and labels ('10<sup>n</sup>') for an axis of log10
    values from ``lo`` to ``hi``."""
    lo, hi = int(np.floor(lo)), int(np.ceil(hi))
    step = max(1, int(np.ceil((hi - lo) / max(1, max_ticks - 1))))
    vals = list(range(hi, lo - 1, -step))[::-1]
    return [float(v) for v in vals], ["1" if v == 0 else f"10<sup>{v}</sup>" for v in vals]


def product_figure(depths: np.ndarray, logs: dict[str, np.ndarray], names: dict[str, str],
                   title: str, x_title: str, y_title: str, marked_depth: int | None = None,
                   note: str = "", height: int = 320) -> dict:
    """log10 of the derivative product against the depth L, one line per activation
    (``logs[name]`` ``(len(depths),)``, ``-inf`` where the product is exactly 0, which is
    left out of the line and explained by ``note``). The y axis reads in powers of ten."""
    data, seen = [], []
    for name, values in logs.items():
        v = np.asarray(values, dtype=float)
        seen.extend(v[np.isfinite(v)].tolist())
        data.append({"type": "scatter", "mode": "lines+markers" if len(depths) < 25 else "lines",
                     "x": np.asarray(depths).tolist(), "y": finite(v), "name": names[name],
                     "line": {"color": SERIES_COLORS.get(name, "#333"), "width": 2},
                     "customdata": [power_text(x) for x in v],
                     "hovertemplate": "L = %{x}<br>" + names[name]
                                      + ": %{customdata}<extra></extra>"})
    lo, hi = (min(seen), max(seen)) if seen else (-1.0, 0.0)
    lo, hi = min(lo, -1.0), max(hi, 0.0)
    tickvals, ticktext = power_ticks(lo, hi)
    shapes = []
    if marked_depth is not None:
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": marked_depth,
                       "x1": marked_depth, "y0": 0, "y1": 1,
                       "line": {"color": "#555", "dash": "dot"}})
    notes = [{"text": note, "xref": "paper", "yref": "paper", "x": 0.02, "y": 0.04,
              "xanchor": "left", "showarrow": False, "font": {"size": 12, "color": "#555"}}
             ] if note else []
    return {"data": data, "layout": {
        "title": heading(title), "height": height, "margin": {"l": 55, "r": 10, "t": 34, "b": 36},
        "shapes": shapes, "annotations": notes,
        "xaxis": {"title": {"text": x_title, "standoff": 2}, "rangemode": "tozero"},
        "yaxis": {"title": {"text": y_title}, "tickvals": tickvals, "ticktext": ticktext,
                  "range": [lo - 0.05 * (hi - lo) - 0.1, hi + 0.05 * (hi - lo) + 0.1]},
        "legend": {"orientation": "h", "y": -0.22, "yanchor": "top"}}}


def layer_gradients_figure(norms: dict[str, np.ndarray], names: dict[str, str], title: str,
                           x_title: str, y_title: str, note: str = "", height: int = 320) -> dict:
    """Gradient size per layer (``norms[name]`` ``(n_layers,)``, layer 1 first) on a log
    axis, one line per activation; zeros are gaps (a log axis cannot show 0)."""
    data = []
    for name, values in norms.items():
        v = np.asarray(values, dtype=float)
        v = np.where(v > 0, v, np.nan)
        data.append({"type": "scatter", "mode": "lines+markers",
                     "x": list(range(1, len(v) + 1)), "y": finite(v), "name": names[name],
                     "line": {"color": SERIES_COLORS.get(name, "#333"), "width": 2},
                     "hovertemplate": "[%{x}]: %{y:.3g}<extra>" + names[name] + "</extra>"})
    notes = [{"text": note, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
              "showarrow": False, "font": {"size": 12, "color": "#666"}}] if note else []
    return {"data": data, "layout": {
        "title": heading(title), "height": height, "margin": {"l": 55, "r": 10, "t": 34, "b": 36},
        "annotations": notes,
        "xaxis": {"title": {"text": x_title, "standoff": 2}, "dtick": 1},
        "yaxis": {"title": {"text": y_title}, "type": "log", "dtick": 1,
                  "exponentformat": "power"},
        "legend": {"orientation": "h", "y": -0.22, "yanchor": "top"}}}


def power_text(log10_value: float) -> str:
    """'9.54e-07' style for a log10 value, '0' for -inf, and '10^-812' below float range."""
    if not np.isfinite(log10_value):
        return "0"
    if log10_value < -300:
        return f"10^{log10_value:.0f}"
    return f"{10.0 ** log10_value:.3g}"
