"""Pictures of one neuron: its output over the plane, the cost landscape over its two
weights with a gradient-descent path, the cost along that path, and the 0/1 perceptron
beside the sigmoid neuron.

Pure functions: plain arrays and the text to print in, a new Plotly figure out. Every
text on a figure (titles, axis titles, legend and hover words) comes in ``labels``, a
dict whose keys each function lists.

The figures are written as plain Plotly specs (dicts of lists) and wrapped without
Plotly's property validation, as figures/descent.py does: validating the page's five
figures (and a path's animation frames) cost several hundred ms per rerun, building them
plainly a few. tests/lessons/test_neuron_lesson.py validates every figure once with
Plotly's own checks.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .chart import figure
from .colors import CLASS_HEX

ORANGE, BLUE = CLASS_HEX[0], CLASS_HEX[1]
LINE = "#222222"
PATH = "#d62728"
MAX_FRAMES = 40  # an animated path shows at most this many positions
# a = 0 orange, a = 0.5 white, a = 1 blue, faded so the points on top stay visible
SIGMOID_SCALE = [[0.0, "#f8c48a"], [0.5, "#ffffff"], [1.0, "#7fb8df"]]
FONT = {"size": 13}


def _list(a) -> np.ndarray:
    """``a`` as a float array (Plotly's encoder writes any non-finite value as null, a
    gap, never NaN). Arrays, not lists: a figure's spec is deep-copied twice on its way
    to the page, and an array is copied in one step where a list is copied number by
    number."""
    return np.asarray(a, dtype=float)


def _layout(height: int, title: str, **more) -> dict:
    return {"template": "plotly_white", "height": height, "font": FONT,
            "title": {"text": title, "x": 0.0, "xanchor": "left", "font": {"size": 15}},
            "margin": {"l": 50, "r": 10, "t": 40, "b": 45},
            "legend": {"orientation": "h", "y": -0.24, "x": 0.0, "yanchor": "top"}, **more}


def _colorbar(title: str, **more) -> dict:
    return {"title": {"text": title, "side": "top"}, "thickness": 12, "len": 0.8, **more}


def plane(x1: np.ndarray, x2: np.ndarray, a: np.ndarray, X: np.ndarray, y: np.ndarray,
          line: np.ndarray | None, labels: dict,
          start_line: np.ndarray | None = None) -> go.Figure:
    """The data over the neuron's output: ``a`` ``(len(x2), len(x1))`` = sigmoid(z) on the
    grid as a shaded background, the points ``X`` ``(n, 2)`` coloured by ``y`` ``(n,)``
    (0/1), and ``line`` ``(2, 2)``, two points of z = 0 (None when there is no line).
    ``start_line``, where z = 0 was before a fit, is drawn dashed when given.

    labels: title, class0, class1, line, colorbar; start_line when ``start_line`` is given.
    """
    data = [{"type": "heatmap", "x": _list(x1), "y": _list(x2), "z": _list(a), "zmin": 0.0,
             "zmax": 1.0, "colorscale": SIGMOID_SCALE, "zsmooth": "best",
             "colorbar": _colorbar(labels["colorbar"], tickvals=[0, 0.5, 1]),
             "hovertemplate": "x1 = %{x:.2f}<br>x2 = %{y:.2f}<br>a = %{z:.3f}<extra></extra>"}]
    for k, color in ((0, ORANGE), (1, BLUE)):
        pts = X[y == k]
        data.append({"type": "scatter", "x": _list(pts[:, 0]), "y": _list(pts[:, 1]),
                     "mode": "markers", "name": labels[f"class{k}"],
                     "marker": {"color": color, "size": 7, "line": {"color": "white",
                                                                    "width": 1}},
                     "hovertemplate": "x1 = %{x:.2f}<br>x2 = %{y:.2f}<extra>"
                                      + labels[f"class{k}"] + "</extra>"})
    if start_line is not None:
        data.append({"type": "scatter", "x": _list(start_line[:, 0]),
                     "y": _list(start_line[:, 1]), "mode": "lines",
                     "name": labels["start_line"], "hoverinfo": "skip",
                     "line": {"color": "#777777", "width": 2, "dash": "dash"}})
    if line is not None:
        data.append({"type": "scatter", "x": _list(line[:, 0]), "y": _list(line[:, 1]),
                     "mode": "lines", "name": labels["line"], "hoverinfo": "skip",
                     "line": {"color": LINE, "width": 3}})
    lo, hi = float(x1[0]), float(x1[-1])
    # square, so that the vector (w1, w2) is seen at right angles to the line
    layout = _layout(460, labels["title"],
                     xaxis={"range": [lo, hi], "title": {"text": "x1"}, "zeroline": False,
                            "constrain": "domain"},
                     yaxis={"range": [lo, hi], "title": {"text": "x2"}, "zeroline": False,
                            "scaleanchor": "x", "scaleratio": 1, "constrain": "domain"})
    return figure(data, layout)


def _frame_indices(n_rows: int) -> np.ndarray:
    """At most MAX_FRAMES row indices of a path, always the first and the last."""
    return np.unique(np.linspace(0, n_rows - 1, min(n_rows, MAX_FRAMES)).round().astype(int))


def landscape(w1: np.ndarray, w2: np.ndarray, J: np.ndarray, current: tuple[float, float],
              path: np.ndarray | None, labels: dict) -> go.Figure:
    """The cost ``J`` ``(len(w2), len(w1))`` over the weights, the current neuron's
    ``(w1, w2)`` and, when given, a descent ``path`` ``(k, 2)`` of (w1, w2) with Plotly
    frames that replay it in the browser (no server round trip).

    labels: title, colorbar, current, path, start, end, play, step.
    """
    data = [{"type": "contour", "x": _list(w1), "y": _list(w2), "z": _list(J),
             "colorscale": "Viridis", "reversescale": True, "ncontours": 24,
             "contours": {"coloring": "heatmap"}, "line": {"width": 0.5},
             "colorbar": _colorbar(labels["colorbar"]),
             "hovertemplate": "w1 = %{x:.2f}<br>w2 = %{y:.2f}<br>J = %{z:.4f}<extra></extra>"},
            {"type": "scatter", "x": [float(current[0])], "y": [float(current[1])],
             "mode": "markers", "name": labels["current"],
             "marker": {"symbol": "x", "size": 13, "color": "white",
                        "line": {"color": LINE, "width": 2}},
             "hovertemplate": "w1 = %{x:.2f}<br>w2 = %{y:.2f}<extra></extra>"}]
    # no legend: the lesson's text names the marks, and on a phone a legend would sit on
    # the axis title
    layout = _layout(400, labels["title"], showlegend=False,
                     xaxis={"range": [float(w1[0]), float(w1[-1])], "title": {"text": "w1"}},
                     yaxis={"range": [float(w2[0]), float(w2[-1])], "title": {"text": "w2"}})
    frames = []
    if path is not None and len(path):
        data.append({"type": "scatter", "x": _list(path[:, 0]), "y": _list(path[:, 1]),
                     "mode": "lines+markers", "name": labels["path"],
                     "line": {"color": PATH, "width": 2}, "marker": {"size": 4},
                     "customdata": np.arange(len(path)),
                     "hovertemplate": labels["step"] + " %{customdata}<br>w1 = %{x:.3f}"
                                      "<br>w2 = %{y:.3f}<extra></extra>"})
        data.append({"type": "scatter", "x": _list(path[:1, 0]), "y": _list(path[:1, 1]),
                     "mode": "markers", "name": labels["start"], "hoverinfo": "skip",
                     "marker": {"size": 11, "color": "white",
                                "line": {"color": PATH, "width": 2}}})
        # the moving marker: it rests at the end; each frame moves it to one step
        data.append({"type": "scatter", "x": _list(path[-1:, 0]), "y": _list(path[-1:, 1]),
                     "mode": "markers", "name": labels["end"], "hoverinfo": "skip",
                     "marker": {"size": 13, "color": PATH, "symbol": "star"}})
        moving = len(data) - 1
        frames = [{"name": str(i), "traces": [moving],
                   "data": [{"type": "scatter", "x": [float(path[i, 0])],
                             "y": [float(path[i, 1])]}]}
                  for i in _frame_indices(len(path))]
        layout["updatemenus"] = [{
            # inside the top right corner, the far side of both valleys from the path
            "type": "buttons", "showactive": False, "x": 1.0, "y": 1.0, "xanchor": "right",
            "yanchor": "top", "pad": {"r": 4, "t": 4}, "bgcolor": "white",
            "buttons": [{"label": labels["play"], "method": "animate",
                         "args": [None, {"frame": {"duration": 60, "redraw": False},
                                         "transition": {"duration": 0},
                                         "fromcurrent": False, "mode": "immediate"}]}]}]
    return figure(data, layout, frames)


def cost_by_step(costs: dict[str, np.ndarray], names: dict[str, str], fitted: str,
                 labels: dict) -> go.Figure:
    """The cost under each loss at every step of a path: ``costs[loss]`` ``(k,)``;
    ``names[loss]`` is its legend entry, and the loss that was minimised (``fitted``) is
    drawn solid, the other dotted.

    labels: title, x, y.
    """
    data = []
    for loss, values in costs.items():
        data.append({"type": "scatter", "x": np.arange(len(values)), "y": _list(values),
                     "mode": "lines", "name": names[loss],
                     "line": {"width": 3 if loss == fitted else 2,
                              "dash": "solid" if loss == fitted else "dot",
                              "color": BLUE if loss == "bce" else ORANGE},
                     "hovertemplate": "%{x}: J = %{y:.4f}<extra>" + names[loss] + "</extra>"})
    layout = _layout(320, labels["title"],
                     xaxis={"title": {"text": labels["x"]}, "rangemode": "tozero"},
                     yaxis={"title": {"text": labels["y"]}, "rangemode": "tozero"})
    return figure(data, layout)


def step_and_sigmoid(z: np.ndarray, step: np.ndarray, sigmoid: np.ndarray,
                     labels: dict) -> go.Figure:
    """Output a against z ``(k,)`` for the 0/1 perceptron (``step``) and the sigmoid.

    labels: title, perceptron, sigmoid.
    """
    data = [{"type": "scatter", "x": _list(z), "y": _list(step), "mode": "lines",
             "name": labels["perceptron"], "line": {"color": PATH, "width": 3, "shape": "hv"},
             "hovertemplate": "z = %{x:.2f}<br>a = %{y:.0f}<extra></extra>"},
            {"type": "scatter", "x": _list(z), "y": _list(sigmoid), "mode": "lines",
             "name": labels["sigmoid"], "line": {"color": BLUE, "width": 3},
             "hovertemplate": "z = %{x:.2f}<br>a = %{y:.3f}<extra></extra>"}]
    layout = _layout(380, labels["title"], xaxis={"title": {"text": "z"}},
                     yaxis={"title": {"text": "a"}, "range": [-0.05, 1.05]})
    return figure(data, layout)


def perceptron_cost(w1: np.ndarray, perceptron: np.ndarray, sigmoid: np.ndarray,
                    current: float, labels: dict) -> go.Figure:
    """Squared error against w1 ``(k,)`` for the 0/1 perceptron (a staircase: flat almost
    everywhere) and the sigmoid neuron (smooth), with the current w1 marked.

    labels: title, perceptron, sigmoid, current.
    """
    hover = "w1 = %{x:.3f}<br>J = %{y:.4f}<extra></extra>"
    data = [{"type": "scatter", "x": _list(w1), "y": _list(perceptron), "mode": "lines",
             "name": labels["perceptron"], "line": {"color": PATH, "width": 3, "shape": "hv"},
             "hovertemplate": hover},
            {"type": "scatter", "x": _list(w1), "y": _list(sigmoid), "mode": "lines",
             "name": labels["sigmoid"], "line": {"color": BLUE, "width": 3},
             "hovertemplate": hover}]
    layout = _layout(380, labels["title"], xaxis={"title": {"text": "w1"}},
                     yaxis={"title": {"text": "J"}, "rangemode": "tozero"},
                     shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": current,
                              "x1": current, "y0": 0, "y1": 1,
                              "line": {"color": LINE, "width": 1, "dash": "dash"}}],
                     annotations=[{"xref": "x", "yref": "paper", "x": current, "y": 1.0,
                                   "yanchor": "top", "xanchor": "left", "xshift": 3,
                                   "text": labels["current"], "showarrow": False}])
    return figure(data, layout)
