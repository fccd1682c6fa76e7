"""Pictures of the many-classes lesson: the decision regions of a K-class network, one
sample's output layer (ŷ, y and the gradient ŷ − y side by side), and the confusion matrix.

Pure functions: arrays and labels in; an HTML picture or a Plotly figure dict out."""

from __future__ import annotations

import html

import numpy as np

from .chart import MARGIN, heading
from .colors import class_hex
from .region import marker_swatch, points_svg, region_html, region_image

TARGET_HEX, GRADIENT_HEX = "#999999", "#333333"


def regions_html(output: np.ndarray, extent: tuple[float, float],
                 train: tuple[np.ndarray, np.ndarray], test: tuple[np.ndarray, np.ndarray],
                 alt: str, size_px: int = 360) -> str:
    """The plane coloured by the winning class (faded where the network is unsure), from
    the output layer on a grid ``(r, r, K)``; training points rimmed white, test points
    dark, each class its own colour and marker shape."""
    return region_html(region_image(output, "multiclass"),
                       points_svg(extent, "multiclass", train, test), size_px, alt)


def legend_html(names: list[str]) -> str:
    """One swatch (colour and marker shape) per class, with its name."""
    items = "".join(f'<span style="margin-right:1.2em;white-space:nowrap">{marker_swatch(k)} '
                    f'{html.escape(name)}</span>' for k, name in enumerate(names))
    return f'<div style="text-align:center;margin:0.2em 0 0.6em">{items}</div>'


def output_figure(p: np.ndarray, y: np.ndarray, grad: np.ndarray, labels: list[str],
                  names: tuple[str, str, str], title: str, height: int = 300) -> dict:
    """One sample's output layer, class by class: the probabilities ŷ ``(K,)`` in the
    classes' colours, the one-hot target y ``(K,)`` in grey, and the gradient ∂L/∂z = ŷ − y
    ``(K,)`` in black (negative for the true class: a step against it raises that z).
    ``names`` = the three series' names."""
    def bars(values, name, color, pattern=""):
        return {"type": "bar", "x": labels, "y": np.asarray(values, dtype=float), "name": name,
                "marker": {"color": color, "pattern": {"shape": pattern}},
                "text": [f"{v:.3f}" for v in values], "textposition": "outside",
                "cliponaxis": False, "hovertemplate": "%{x}: %{y:.6f}<extra>" + name
                + "</extra>"}
    colors = [class_hex(k) for k in range(len(p))]
    return {"data": [bars(p, names[0], colors), bars(y, names[1], TARGET_HEX, "/"),
                     bars(grad, names[2], GRADIENT_HEX)],
            "layout": {"title": heading(title), "height": height, "margin": MARGIN,
                       "barmode": "group", "yaxis": {"range": [-1.2, 1.2], "zeroline": True},
                       "legend": {"orientation": "h", "y": -0.15, "yanchor": "top"}}}


def confusion_figure(C: np.ndarray, labels: list[str], title: str, axes: tuple[str, str],
                     hover: str, height: int = 320) -> dict:
    """The confusion matrix ``C`` ``(K, K)`` (rows: true class, columns: predicted) as a
    grid of counts, darker where more; ``axes`` = (x title, y title); ``hover`` a format
    with {true}, {predicted}, {count}."""
    K = len(labels)
    text = [[str(int(C[i, j])) for j in range(K)] for i in range(K)]
    template = hover.format(true="%{y}", predicted="%{x}", count="%{z}") + "<extra></extra>"
    heat = {"type": "heatmap", "x": labels, "y": labels, "z": np.asarray(C, dtype=float),
            "text": text, "texttemplate": "%{text}", "textfont": {"size": 16},
            "colorscale": [[0.0, "#ffffff"], [1.0, "#0877bd"]], "zmin": 0,
            "showscale": False, "xgap": 2, "ygap": 2, "hovertemplate": template}
    return {"data": [heat], "layout": {
        "title": heading(title), "height": height, "margin": {**MARGIN, "l": 90, "b": 60},
        "xaxis": {"title": {"text": axes[0]}, "side": "bottom", "constrain": "domain"},
        "yaxis": {"title": {"text": axes[1]}, "autorange": "reversed", "scaleanchor": "x",
                  "constrain": "domain"}}}
