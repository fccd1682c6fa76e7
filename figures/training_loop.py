"""Pictures of the training-loop lesson: the loop as five boxes that light up in turn,
paths of gradient descent on y = 3x's cost surface, cost curves, each hidden unit's
weights over the epochs, and the spread of a deep network's activations layer by layer.

Pure functions: arrays and labels in; HTML or a Plotly figure dict out."""

from __future__ import annotations

import html

import numpy as np

from .chart import MARGIN, finite, heading, legend_below
from .colors import CLASS_HEX

SERIES = ["#d62728", "#0877bd", "#2ca02c", "#9467bd", "#8c564b", "#f59322"]
ACTIVE, IDLE = "#0877bd", "#e8eef5"


def loop_html(names: list[str], active: int | None, caption: str) -> str:
    """The loop as a row of boxes (init, then forward, cost, backward, update, and round
    again), box ``active`` lit (None: none yet); wraps on a narrow screen."""
    boxes = []
    for i, name in enumerate(names):
        lit = i == active
        style = (f"padding:6px 12px;border-radius:8px;border:2px solid {ACTIVE};"
                 f"background:{ACTIVE if lit else IDLE};color:{'#fff' if lit else '#1a3a5c'};"
                 f"font-weight:{700 if lit else 400};white-space:nowrap")
        current = ' aria-current="step"' if lit else ""
        boxes.append(f'<li style="{style}"{current}>{html.escape(name)}</li>')
        if i < len(names) - 1:
            boxes.append('<li aria-hidden="true" style="color:#555">→</li>')
    boxes.append('<li aria-hidden="true" style="color:#555">↺</li>')
    return ('<ol class="np-loop" style="display:flex;flex-wrap:wrap;align-items:center;gap:6px;'
            'list-style:none;padding:0;margin:4px 0;font-size:15px">' + "".join(boxes)
            + f'</ol><p style="margin:2px 0 8px;color:#555;font-size:13px">'
              f'{html.escape(caption)}</p>')


def paths_figure(w_axis: np.ndarray, b_axis: np.ndarray, J: np.ndarray,
                 paths: dict[str, tuple[np.ndarray, np.ndarray]], answer: tuple[float, float],
                 title: str, names: tuple[str, str, str], height: int = 400) -> dict:
    """Contours of the cost ``J`` ``(len(b_axis), len(w_axis))`` (log scale: the valley
    is long and flat), each run's path of (w, b) ``paths[label]`` drawn over it, and the
    answer marked. ``names`` = (axis w, axis b, the answer's label)."""
    data = [{"type": "contour", "x": finite(w_axis), "y": finite(b_axis),
             "z": np.log10(np.maximum(J, 1e-12)), "customdata": finite(J),
             "colorscale": "Blues", "reversescale": True, "showscale": False,
             "contours": {"coloring": "heatmap", "showlines": True},
             "line": {"width": 0.5, "color": "rgba(0,0,0,0.25)"},
             "hovertemplate": "w = %{x:.3f}, b = %{y:.3f}<br>J = %{customdata:.4g}"
                              "<extra></extra>"}]
    for i, (label, (w, b)) in enumerate(paths.items()):
        data.append({"type": "scatter", "mode": "lines+markers", "x": finite(w),
                     "y": finite(b), "name": label,
                     "line": {"color": SERIES[i % len(SERIES)], "width": 2},
                     "marker": {"size": 4}})
    data.append({"type": "scatter", "mode": "markers", "x": [answer[0]], "y": [answer[1]],
                 "name": names[2], "marker": {"symbol": "star", "size": 14, "color": "#111"}})
    return {"data": data, "layout": {
        "title": heading(title), "height": height, "margin": MARGIN,
        "xaxis": {"title": {"text": names[0]}, "range": [float(w_axis[0]), float(w_axis[-1])]},
        "yaxis": {"title": {"text": names[1]}, "range": [float(b_axis[0]), float(b_axis[-1])]},
        "legend": {"orientation": "h", "y": -0.18, "yanchor": "top"}}}


def cost_figure(curves: dict[str, tuple[np.ndarray, np.ndarray]], title: str,
                axes: tuple[str, str], log_y: bool = True, height: int = 320) -> dict:
    """One line per run: ``curves[label]`` = (x, cost), x in epochs (an iteration is a
    fraction of one)."""
    data = [{"type": "scatter", "mode": "lines", "x": finite(x), "y": finite(y),
             "name": label, "line": {"color": SERIES[i % len(SERIES)], "width": 2}}
            for i, (label, (x, y)) in enumerate(curves.items())]
    return {"data": data, "layout": {
        "title": heading(title), "height": height, "margin": MARGIN,
        "xaxis": {"title": {"text": axes[0]}},
        "yaxis": {"title": {"text": axes[1]}, **({"type": "log", "dtick": 1,
                                                   "exponentformat": "power"} if log_y else {})},
        "legend": legend_below()}}


def weights_figure(W1: np.ndarray, title: str, unit_names: list[str],
                   weight_names: tuple[str, str], x_title: str, height: int = 300) -> dict:
    """Each hidden unit's two incoming weights over the epochs, ``W1`` ``(epochs + 1, 2,
    units)``: one colour per unit, solid for the weight from x1, dashed from x2. Units
    that stay identical draw one line over another."""
    epochs = np.arange(W1.shape[0])
    data = []
    for u, unit in enumerate(unit_names):
        for i, dash in enumerate(("solid", "dash")):
            data.append({"type": "scatter", "mode": "lines", "x": epochs,
                         "y": finite(W1[:, i, u]), "name": f"{unit}, {weight_names[i]}",
                         "line": {"color": CLASS_HEX[u % len(CLASS_HEX)], "dash": dash,
                                  "width": 2}})
    return {"data": data, "layout": {
        "title": heading(title), "height": height, "margin": MARGIN,
        "xaxis": {"title": {"text": x_title}},
        "legend": {"orientation": "h", "y": -0.25, "yanchor": "top", "font": {"size": 11}}}}


def spread_figure(spreads: dict[str, np.ndarray], title: str, axes: tuple[str, str],
                  height: int = 320) -> dict:
    """The spread (standard deviation) of each hidden layer's activations on the first
    forward pass, one line per starting scale, layer 1 first, on a log axis."""
    data = []
    for i, (label, s) in enumerate(spreads.items()):
        layers = np.arange(1, len(s) + 1)
        data.append({"type": "scatter", "mode": "lines+markers", "x": layers,
                     "y": finite(np.maximum(s, 1e-30)), "name": label,
                     "line": {"color": SERIES[i % len(SERIES)], "width": 2}})
    return {"data": data, "layout": {
        "title": heading(title), "height": height, "margin": MARGIN,
        "xaxis": {"title": {"text": axes[0]}, "dtick": 1},
        "yaxis": {"title": {"text": axes[1]}, "type": "log", "exponentformat": "power"},
        "legend": legend_below()}}
