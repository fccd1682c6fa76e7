"""Charts over epochs (loss, accuracy, gradient size) and of dead units per layer.

A chart is described once, as plain data (``Chart``), and drawn by one of two
renderers: ``to_plotly`` (interactive, used while the run is paused) and ``to_svg``
(figures/svg_chart.py: swapped without flicker, used while it plays).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .colors import CLASS_HEX

TRAIN, TEST = "#555555", CLASS_HEX[0]
LAYER_COLORS = ["#0877bd", "#f59322", "#2ca02c", "#9467bd", "#d62728", "#8c564b", "#e377c2",
                "#17becf", "#bcbd22", "#7f7f7f"]


@dataclass
class Series:
    name: str
    x: np.ndarray
    y: np.ndarray  # NaN where there is no value
    color: str
    dashed: bool = False
    bar_colors: list[str] | None = None  # for bar charts: one colour per bar


@dataclass
class Chart:
    title: str
    series: list[Series]
    kind: str = "line"  # "line" | "bar"
    x_title: str = "epoch"
    log_y: bool = False
    y_range: tuple[float, float] | None = None
    percent: bool = False  # y values are shares, shown as %
    note: str = ""  # said across the plot when there is nothing to draw


def _floats(y) -> np.ndarray:
    y = np.asarray(y, dtype=float)
    return np.where(np.isfinite(y), y, np.nan)


def metric_chart(epochs, train, test, title: str, names=("train", "test"),
                 log_y: bool = False, y_range=None, percent: bool = False) -> Chart:
    """Train and test curves of one metric against ``epochs`` (test omitted if all NaN)."""
    series = [Series(names[0], _floats(epochs), _floats(train), TRAIN)]
    test = _floats(test) if test is not None else np.array([])
    if len(test) and np.isfinite(test).any():
        series.append(Series(names[1], _floats(epochs), test, TEST, dashed=True))
    return Chart(title, series, log_y=log_y, y_range=y_range, percent=percent)


def gradient_chart(epochs, grad_norms, layer_names: list[str], title: str,
                   empty_note: str = "") -> Chart:
    """||dJ/dW|| per layer over epochs on a log scale: a vanishing gradient is a line that
    sits decades below the others. ``grad_norms`` is ``(n_epochs, n_layers)``. When no
    gradient is positive and finite (every ReLU dead, or a diverged run) the chart says
    ``empty_note`` instead of staying blank."""
    G = _floats(grad_norms).reshape(len(epochs), -1)
    G = np.where(G > 0, G, np.nan)  # a log scale cannot show 0
    note = "" if np.isfinite(G).any() else empty_note
    return Chart(title, [Series(name, _floats(epochs), G[:, l], LAYER_COLORS[l % 10])
                         for l, name in enumerate(layer_names)], log_y=True, note=note)


def dead_units_chart(layer_names: list[str], dead: list[float | None], title: str) -> Chart:
    """Share of dead units in each ReLU layer now, as bars from 0 to 100 %."""
    names = [n for n, d in zip(layer_names, dead) if d is not None]
    values = np.array([d for d in dead if d is not None], dtype=float)
    bar_colors = ["#d62728" if v >= 0.5 else "#f59322" if v > 0 else "#2ca02c" for v in values]
    return Chart(title, [Series("dead", np.array(names, dtype=object), values, "#d62728",
                                bar_colors=bar_colors)], kind="bar", x_title="",
                 y_range=(0.0, 1.0), percent=True)


# --- the interactive renderer ----------------------------------------------------------
def to_plotly(chart: Chart, height: int = 250) -> dict:
    """A Plotly figure dict for ``chart``."""
    if chart.kind == "bar":
        s = chart.series[0]
        data = [{"type": "bar", "x": list(s.x), "y": s.y, "marker": {"color": s.bar_colors},
                 "hovertemplate": "%{x}: %{y:.0%}<extra></extra>"}]
    else:
        data = [{"type": "scatter", "mode": "lines" if len(s.x) > 1 else "markers", "x": s.x,
                 "y": np.where(np.isfinite(s.y), s.y, None), "name": s.name,
                 "line": {"color": s.color, "width": 2, "dash": "dot" if s.dashed else None}}
                for s in chart.series]
    yaxis = {"type": "log" if chart.log_y else "linear",
             "tickformat": ".0%" if chart.percent else None}
    if chart.log_y:  # one label per power of ten, as in the live (SVG) chart
        yaxis.update(dtick=1, exponentformat="power")
    if chart.y_range and not chart.log_y:
        yaxis["range"] = list(chart.y_range)
    notes = [{"text": chart.note, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
              "showarrow": False, "font": {"size": 12, "color": "#666"}}] if chart.note else []
    return {"data": data, "layout": {
        "title": {"text": chart.title, "font": {"size": 13}}, "height": height,
        "margin": {"l": 45, "r": 10, "t": 34, "b": 30}, "showlegend": len(data) > 1,
        "xaxis": {"title": {"text": chart.x_title, "standoff": 2} if chart.x_title else None},
        "yaxis": yaxis, "legend": {"orientation": "h", "y": -0.32, "yanchor": "top"},
        "annotations": notes}}
