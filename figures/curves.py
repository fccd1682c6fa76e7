"""Charts over epochs (loss, accuracy, gradient size) and of dead units per layer.

A chart is described once, as plain data (``Chart``), and drawn by one renderer,
figures/svg_chart.py, the same while the run plays and while it is paused: one look.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .chart import finite
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
    x_title: str = ""
    log_y: bool = False
    y_range: tuple[float, float] | None = None
    percent: bool = False  # y values are shares, shown as %
    note: str = ""  # said over the plot when its latest values cannot be drawn
    zero_floor: bool = False  # log scale only: draw exact zeros on a band labelled 0


def metric_chart(epochs, train, test, title: str, names=("train", "test"),
                 log_y: bool = False, y_range=None, percent: bool = False,
                 x_title: str = "") -> Chart:
    """Train and test curves of one metric against ``epochs`` (test omitted if all NaN)."""
    series = [Series(names[0], finite(epochs), finite(train), TRAIN)]
    test = finite(test) if test is not None else np.array([])
    if len(test) and np.isfinite(test).any():
        series.append(Series(names[1], finite(epochs), test, TEST, dashed=True))
    return Chart(title, series, x_title=x_title, log_y=log_y, y_range=y_range,
                 percent=percent)


def gradient_chart(epochs, grad_norms, layer_names: list[str], title: str,
                   empty_note: str = "", x_title: str = "") -> Chart:
    """||dJ/dW|| per layer over epochs on a log scale: a vanishing gradient is a line that
    sits decades below the others. ``grad_norms`` is ``(n_epochs, n_layers)``. A log axis
    cannot reach 0, so exact zeros (dead ReLUs: the lesson itself) sit on a floor band
    labelled 0; infinite or missing values are gaps. When the latest epoch has no positive
    finite gradient the chart says ``empty_note``."""
    G = finite(grad_norms).reshape(len(epochs), len(layer_names))
    G = np.where(G >= 0, G, np.nan)
    last = G[-1] if len(G) else np.array([])
    note = empty_note if len(G) and not (np.isfinite(last) & (last > 0)).any() else ""
    return Chart(title, [Series(name, finite(epochs), G[:, l], LAYER_COLORS[l % 10])
                         for l, name in enumerate(layer_names)], x_title=x_title, log_y=True,
                 note=note, zero_floor=True)


def dead_units_chart(layer_names: list[str], dead: list[float | None], title: str) -> Chart:
    """Share of dead units in each ReLU layer now, as bars from 0 to 100 %."""
    names = [n for n, d in zip(layer_names, dead) if d is not None]
    values = np.array([d for d in dead if d is not None], dtype=float)
    bar_colors = ["#d62728" if v >= 0.5 else "#f59322" if v > 0 else "#2ca02c" for v in values]
    return Chart(title, [Series("dead", np.array(names, dtype=object), values, "#d62728",
                                bar_colors=bar_colors)], kind="bar", x_title="",
                 y_range=(0.0, 1.0), percent=True)
