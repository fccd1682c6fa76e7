"""Pictures of losses and descents: curves of one sigmoid output's loss and gradient, a loss
surface over two parameters (contours or 3-D) with the optimizers' paths animated by
Plotly's own frames, arrows for one step's gradient, velocity and Adam's moments, and
the loss gap per step. Pure functions: plain data and labels in, a new figure out.

The figures are written as plain Plotly specs (dicts of lists) and wrapped without
Plotly's property validation: validating ~100 animation traces took 150-350 ms per rerun,
building them plainly takes a few. tests/core/test_surfaces.py validates every figure kind
once with Plotly's own checks instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from .chart import figure

OPTIMIZER_COLORS = {"sgd": "#d62728", "momentum": "#2ca02c", "adam": "#9467bd"}
LOSS_COLORS = {"mse": "#f59322", "bce": "#0877bd"}
SURFACE_SCALE = [[0.0, "#f7fbff"], [0.5, "#9ecae1"], [1.0, "#2b5d8a"]]
MAX_FRAMES = 24
MAX_FRAME_POINTS = 60  # points per path per frame: a long path is thinned in the frames only
FONT = {"size": 13}


def _finite_list(a) -> list:
    """``a`` as (nested) lists of floats, None where not finite: a gap, never NaN in JSON."""
    a = np.asarray(a, dtype=float)
    out = a.tolist()
    if np.all(np.isfinite(a)):
        return out
    bad = ~np.isfinite(a)
    flat = np.array(out, dtype=object)
    flat[bad] = None
    return flat.tolist()


def _base_layout(title: str, height: int, margin: dict | None = None) -> dict:
    # An empty title leaves the heading to the page, where long titles wrap on phones;
    # the legend sits above the plot with room for two rows.
    margin = {"l": 10, "r": 10, "b": 10, **(margin or {}), "t": 80 if title else 56}
    return {"title": {"text": title, "x": 0.0, "xanchor": "left", "xref": "paper",
                      "yref": "container", "y": 0.985, "yanchor": "top"},
            "height": height, "margin": margin, "font": FONT, "plot_bgcolor": "white",
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.01, "xanchor": "left",
                       "x": 0.0}}


@dataclass
class Curve:
    name: str
    x: np.ndarray
    y: np.ndarray
    color: str
    dash: str = "solid"


@dataclass
class Marker:
    x: float
    y: float
    color: str
    text: str


def lines(curves: list[Curve], markers: list[Marker], title: str, x_title: str,
          y_title: str, y_range: tuple[float, float] | None = None, log_y: bool = False,
          height: int = 340) -> go.Figure:
    """Curves against one x axis, with labelled points on them."""
    data = [{"type": "scatter", "x": _finite_list(np.asarray(c.x, float)),
             "y": _finite_list(np.asarray(c.y, float)), "name": c.name, "mode": "lines",
             "line": {"color": c.color, "width": 2.5, "dash": c.dash}} for c in curves]
    data += [{"type": "scatter", "x": [float(m.x)], "y": [float(m.y)], "mode": "markers+text",
              "text": [m.text], "textposition": "middle right", "showlegend": False,
              "hoverinfo": "text",
              "marker": {"color": m.color, "size": 11, "line": {"width": 1.5, "color": "white"}}}
             for m in markers if np.isfinite(m.x) and np.isfinite(m.y)]
    layout = _base_layout(title, height)
    layout["xaxis"] = {"title": {"text": x_title}, "gridcolor": "#eee", "zerolinecolor": "#bbb"}
    layout["yaxis"] = {"title": {"text": y_title}, "gridcolor": "#eee", "zerolinecolor": "#bbb"}
    if y_range is not None:
        layout["yaxis"]["range"] = list(y_range)
    if log_y:
        layout["yaxis"].update(type="log", exponentformat="power")
    return figure(data, layout)


@dataclass
class PathLine:
    """One optimizer's path: ``theta`` ``(k + 1, 2)`` and ``loss`` ``(k + 1,)``."""
    name: str
    theta: np.ndarray
    loss: np.ndarray
    color: str


@dataclass
class Arrow:
    start: tuple[float, float]
    end: tuple[float, float]
    color: str
    dash: bool = False


@dataclass
class SurfaceLabels:
    title: str
    x: str
    y: str
    loss: str
    start: str
    minimum: str
    step: str  # the animation slider's prefix, e.g. "step "
    play: str  # symbols only, e.g. "▶"
    pause: str


def frame_steps(n_steps: int) -> list[int]:
    """At most MAX_FRAMES + 1 step counts from 0 to ``n_steps``, always ending on it."""
    if n_steps <= MAX_FRAMES:
        return list(range(n_steps + 1))
    return sorted({int(round(k)) for k in np.linspace(0, n_steps, MAX_FRAMES + 1)})


def clip_to_box(start, end, box) -> tuple[float, float] | None:
    """``end`` moved back along the arrow so the arrow stays inside ``box``
    ((lo1, hi1), (lo2, hi2)); None when the arrow starts outside it."""
    p, q = np.asarray(start, float), np.asarray(end, float)
    lo, hi = np.array([box[0][0], box[1][0]]), np.array([box[0][1], box[1][1]])
    if not (np.all(p >= lo) and np.all(p <= hi)) or not np.all(np.isfinite(q)):
        return None
    d = q - p
    s = 1.0
    for k in range(2):
        if d[k] > 0:
            s = min(s, (hi[k] - p[k]) / d[k])
        elif d[k] < 0:
            s = min(s, (lo[k] - p[k]) / d[k])
    end = p + s * d
    return float(end[0]), float(end[1])


def _thinned(n: int) -> np.ndarray:
    """Indices of at most MAX_FRAME_POINTS of ``n`` points, the first and last included."""
    if n <= MAX_FRAME_POINTS:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, MAX_FRAME_POINTS).round().astype(int))


def _path_trace(path: PathLine, k: int, three_d: bool, lift: float, full: bool,
                thin: bool = True) -> dict:
    keep = np.arange(k + 1) if full or not thin else _thinned(k + 1)
    th, loss = path.theta[keep], path.loss[keep]
    trace = {"type": "scatter3d" if three_d else "scatter", "x": _finite_list(th[:, 0]),
             "y": _finite_list(th[:, 1])}
    if three_d:
        trace["z"] = _finite_list(loss + lift)
    if full:  # frames carry the coordinates only; the look comes from the drawn trace
        trace.update(mode="lines+markers", name=path.name,
                     line={"color": path.color, "width": 5 if three_d else 3},
                     marker={"size": 2.5 if three_d else 5, "color": path.color},
                     hovertemplate=path.name + "<br>%{x:.4g}, %{y:.4g}<extra></extra>")
    return trace


def _animation(labels: SurfaceLabels, ks: list[int], three_d: bool) -> dict:
    frame_args = {"mode": "immediate", "transition": {"duration": 0},
                  "frame": {"duration": 60, "redraw": three_d}}
    still = {**frame_args, "frame": {"duration": 0, "redraw": three_d}}
    return {
        "updatemenus": [{
            # the buttons share the x-axis title's row (the title is centred); the step
            # slider gets the full width below, so neither overlaps on a phone
            "type": "buttons", "direction": "left", "x": 0.0, "y": 0.0, "xanchor": "left",
            "yanchor": "top", "pad": {"t": 32, "r": 6}, "showactive": False,
            "buttons": [{"label": labels.play, "method": "animate",
                         "args": [None, {**frame_args, "fromcurrent": False}]},
                        {"label": labels.pause, "method": "animate",
                         "args": [[None], {**still, "frame": {"duration": 0, "redraw": False}}]}]}],
        "sliders": [{
            "active": len(ks) - 1, "x": 0.0, "len": 1.0, "y": 0.0, "yanchor": "top",
            "pad": {"t": 70, "b": 0}, "currentvalue": {"prefix": labels.step,
                                                        "font": {"size": 12}},
            "steps": [{"label": str(k), "method": "animate", "args": [[str(k)], still]}
                      for k in ks]}]}


def surface(t1: np.ndarray, t2: np.ndarray, L: np.ndarray, lowest: float, paths: list[PathLine],
            start: tuple[float, float], minimum: tuple[float, float], labels: SurfaceLabels,
            three_d: bool = False, arrows: list[Arrow] | None = None,
            height: int = 560, marks: bool = True) -> go.Figure:
    """The loss ``L`` ``(n2, n1)`` over the grid ``t1`` ``(n1,)`` x ``t2`` ``(n2,)`` as
    contours (shaded by log of L - lowest, so the valley floor shows) or a 3-D surface,
    with each path drawn whole and animated by Plotly frames (play button and step
    slider); ``arrows`` (contour view only) are clipped to the drawn box. ``marks=False``
    leaves out the start and minimum markers and the legend (a bare surface)."""
    box = ((float(t1[0]), float(t1[-1])), (float(t2[0]), float(t2[-1])))
    L = np.asarray(L, dtype=float)
    lo, hi = float(np.nanmin(L)), float(np.nanmax(L))
    hover = labels.x + " %{x:.3g}, " + labels.y + " %{y:.3g}<br>" + labels.loss
    lift = 0.004 * (hi - lo)
    data: list[dict] = []
    if three_d:
        # the big grids go as NumPy arrays: Plotly sends them as compact typed arrays
        data.append({"type": "surface", "x": t1, "y": t2,
                     "z": np.where(np.isfinite(L), L, hi), "colorscale": SURFACE_SCALE,
                     "showscale": False,
                     "opacity": 0.9, "hovertemplate": hover + " %{z:.4g}<extra></extra>",
                     "contours": {"z": {"show": True, "color": "#555", "width": 1,
                                        "start": lo, "end": hi, "size": (hi - lo) / 15 or 1.0}}})
        for (x, y), name, symbol in ((start, labels.start, "circle"),
                                     (minimum, labels.minimum, "x")) if marks else ():
            z = float(np.interp(x, t1, L[np.argmin(np.abs(t2 - y))])) + lift
            data.append({"type": "scatter3d", "x": [x], "y": [y], "z": [z], "mode": "markers",
                         "name": name, "marker": {"symbol": symbol, "size": 6,
                                                  "color": "#222"}})
    else:
        shade = np.log10(np.maximum(L - lowest, 0.0) + 1e-3 * max(hi - lowest, 1e-9))
        data.append({"type": "contour", "x": t1, "y": t2,
                     "z": np.where(np.isfinite(shade), shade, np.nanmax(shade)),
                     "customdata": np.where(np.isfinite(L), L, hi),
                     "colorscale": SURFACE_SCALE, "showscale": False, "ncontours": 22,
                     "line": {"width": 0.6, "color": "#6f8fae"},
                     "hovertemplate": hover + " %{customdata:.4g}<extra></extra>"})
        data.append({"type": "scatter", "x": [start[0]], "y": [start[1]], "mode": "markers",
                     "name": labels.start, "marker": {"size": 13, "color": "#222",
                                                      "symbol": "circle-open",
                                                      "line": {"width": 3}}})
        data.append({"type": "scatter", "x": [minimum[0]], "y": [minimum[1]],
                     "mode": "markers", "name": labels.minimum,
                     "marker": {"size": 13, "color": "#222", "symbol": "x-thin",
                                "line": {"width": 3, "color": "#222"}}})
    # drawn last-first, so the first path (plain gradient descent) lies on top; the legend keeps
    # the given order
    paths = paths[::-1]
    first = len(data)
    for rank, p in zip(range(len(paths), 0, -1), paths):
        data.append({**_path_trace(p, len(p.theta) - 1, three_d, lift, True),
                     "legendrank": 1000 + rank})
    n_steps = max((len(p.theta) - 1 for p in paths), default=0)
    animated = bool(paths) and n_steps > 0
    layout = _base_layout(labels.title, height,
                          {"l": 10, "r": 10, "b": 132 if animated else 10})
    frames = []
    if animated:
        ks = frame_steps(n_steps)
        traces = list(range(first, first + len(paths)))
        # the last frame carries every point: the picture a played animation stops on is
        # the same as the still one (a thinned zigzag would alias into another shape)
        frames = [{"name": str(k), "traces": traces,
                   "data": [_path_trace(p, min(k, len(p.theta) - 1), three_d, lift, False,
                                        thin=k != ks[-1]) for p in paths]} for k in ks]
        layout.update(_animation(labels, ks, three_d))
    annotations = []
    for a in [] if three_d else arrows or []:
        end = clip_to_box(a.start, a.end, box)
        if end is None or np.allclose(end, a.start):
            continue
        annotations.append({"x": end[0], "y": end[1], "ax": float(a.start[0]),
                            "ay": float(a.start[1]), "xref": "x", "yref": "y", "axref": "x",
                            "ayref": "y", "showarrow": True, "arrowhead": 2, "arrowsize": 1.2,
                            "arrowwidth": 1.8 if a.dash else 2.6, "arrowcolor": a.color,
                            "opacity": 0.75 if a.dash else 0.95, "text": ""})
    layout["showlegend"] = marks
    if not marks:
        layout["margin"]["t"] = 40 if labels.title else 10
    if three_d:
        layout["scene"] = {
            "xaxis": {"title": {"text": labels.x}, "range": list(box[0])},
            "yaxis": {"title": {"text": labels.y}, "range": list(box[1])},
            "zaxis": {"title": {"text": labels.loss}, "range": [lo, hi + 2 * lift]},
            "camera": {"eye": {"x": 1.25, "y": -1.35, "z": 0.85}}, "aspectmode": "manual",
            "aspectratio": {"x": 1.2, "y": 1.2, "z": 0.75}}
    else:
        layout["xaxis"] = {"title": {"text": labels.x}, "range": list(box[0]), "showgrid": False,
                           "zeroline": False}
        layout["yaxis"] = {"title": {"text": labels.y}, "range": list(box[1]), "showgrid": False,
                           "zeroline": False}
        layout["annotations"] = annotations
    return figure(data, layout, frames)


def gaps(paths: list[PathLine], lowest: float, title: str, x_title: str, y_title: str,
         height: int = 300) -> go.Figure:
    """Each path's distance to the lowest loss, L - lowest, per step on a log axis (exact
    zeros drawn at 1e-12)."""
    curves = [Curve(p.name, np.arange(len(p.loss)), np.maximum(p.loss - lowest, 1e-12),
                    p.color) for p in paths]
    return lines(curves, [], title, x_title, y_title, log_y=True, height=height)
