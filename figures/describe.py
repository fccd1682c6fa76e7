"""What a Plotly figure shows, as facts a sentence can be made of: for a reader who cannot
see the chart (a screen reader reads the sentence ``ui.charts`` words from these).

From the figure itself, so every lesson's chart is described the same way and the words
cannot drift from the picture: its title and axis titles, and per trace what it is (a
line, points, bars or a map of values), its name, how many points, and the ranges of
its coordinates. No words here: those are the catalogues'.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

import numpy as np

MAX_LABELS = 12  # text labels of one trace said at most (a diagram's units)
MAX_BARS = 10


@dataclass(frozen=True)
class Trace:
    kind: str  # "line" | "points" | "bars" | "map"
    name: str  # the legend's name ("" for none)
    n: int  # points (bars, or cells of a map)
    x: tuple[float, float] | None  # (lowest, highest) x; None where not numbers
    y: tuple[float, float] | None
    z: tuple[float, float] | None = None  # a map's values
    labels: tuple[str, ...] = ()  # text drawn at the points (a diagram's units)
    bars: tuple[tuple[str, float], ...] = ()  # (category, height) of each bar
    # the lowest and highest y as the hover says them, where it says them otherwise (a
    # line drawn as a logarithm whose hover shows the power: "10⁻³⁸")
    y_said: tuple[str, str] | None = None


@dataclass(frozen=True)
class Facts:
    title: str
    axes: tuple[str, str, str]  # the x, y and z axes' titles ("" for none)
    traces: tuple[Trace, ...]


def facts(figure) -> Facts:
    """The facts of ``figure`` (a ``plotly.graph_objects.Figure`` or its dict)."""
    spec = figure.to_dict() if hasattr(figure, "to_dict") else dict(figure)
    layout = spec.get("layout") or {}
    scene = layout.get("scene") or {}
    axes = tuple(_text((layout.get(f"{a}axis") or scene.get(f"{a}axis") or {}).get("title"))
                 for a in "xyz")
    traces = tuple(t for t in (_trace(d) for d in spec.get("data") or []) if t is not None)
    return Facts(_text(layout.get("title")), axes, traces)


def _text(title) -> str:
    """A title or label as read: Plotly's own markup (<br>, <sub>, <b>) taken out."""
    if isinstance(title, dict):
        title = title.get("text")
    return re.sub(r"<[^>]*>", "", str(title or "").replace("<br>", " ")).strip()


def _numbers(values) -> np.ndarray | None:
    if values is None:
        return None
    if isinstance(values, dict) and "bdata" in values:  # Plotly's packed numpy array
        values = np.frombuffer(base64.b64decode(values["bdata"]),
                               dtype=np.dtype(values.get("dtype", "f8")))
    try:
        a = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        return None  # categories, not numbers
    return a[np.isfinite(a)]


def _span(values) -> tuple[float, float] | None:
    a = _numbers(values)
    return None if a is None or a.size == 0 else (float(a.min()), float(a.max()))


def _trace(d: dict) -> Trace | None:
    kind = d.get("type") or "scatter"
    name = _text(d.get("name"))
    if d.get("visible") is False or d.get("visible") == "legendonly":
        return None
    if kind in ("heatmap", "contour", "surface"):
        z = _numbers(d.get("z"))
        if z is None or z.size == 0:
            return None
        shown = _numbers(d.get("customdata"))  # where the colours are a transform (a log),
        if shown is not None and shown.size == z.size:  # the values the hover says
            z = shown
        return Trace("map", name, int(z.size), _span(d.get("x")), _span(d.get("y")), _span(z))
    if kind == "bar":
        heights = _numbers(d.get("y"))
        names = [str(c) for c in (d.get("x") if d.get("x") is not None else [])]
        if heights is None or heights.size == 0:
            return None
        bars = tuple(zip(names or [str(k + 1) for k in range(heights.size)],
                         (float(h) for h in heights)))
        return Trace("bars", name, int(heights.size), None, _span(heights),
                     bars=bars[:MAX_BARS])
    if kind not in ("scatter", "scattergl", "scatter3d"):
        return None
    x, y = _numbers(d.get("x")), _numbers(d.get("y"))
    n = 0 if x is None else int(x.size)
    if n == 0:
        return None
    mode = d.get("mode") or "lines+markers"
    text = d.get("text")
    labels = (tuple(_text(t) for t in np.ravel(text)[:MAX_LABELS])
              if "text" in mode and text is not None and not isinstance(text, str) else ())
    return Trace("line" if "lines" in mode and n > 1 else "points", name, n, _span(x),
                 _span(y), labels=labels, y_said=_said_extremes(d))


def _said_extremes(d: dict) -> tuple[str, str] | None:
    """Where a line's hover shows its own text for each point (``customdata``), that text
    at the lowest and the highest y: what a reader of the hover would read."""
    custom, template = d.get("customdata"), str(d.get("hovertemplate") or "")
    if custom is None or isinstance(custom, dict) or "%{customdata}" not in template:
        return None
    try:
        y = np.asarray(d.get("y"), dtype=float).ravel()
    except (TypeError, ValueError):
        return None
    custom = np.ravel(np.asarray(custom, dtype=object))
    finite = np.flatnonzero(np.isfinite(y))
    if custom.size != y.size or finite.size == 0:
        return None
    lo, hi = finite[np.argmin(y[finite])], finite[np.argmax(y[finite])]
    return _text(custom[lo]), _text(custom[hi])
