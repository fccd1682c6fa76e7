"""The network diagram: neurons per layer, each drawn as its own activation map, and
edges coloured by the sign of the weight and as thick as |weight|.

It is HTML, not Plotly, for the same reason as the live region (figures/region.py):
it changes every frame while training, and the browser redraws a few images cheaply.
"""

from __future__ import annotations

import base64
import html

import numpy as np

from . import colors

MAX_UNITS_DRAWN = 12  # a wider layer shows its first units and says how many are hidden
WIDTH, HEIGHT = 560, 460  # px
TITLE_SPACE = 44  # px above the first row for layer titles


def unit_positions(sizes: list[int], width: int = WIDTH, height: int = HEIGHT
                   ) -> tuple[list[float], list[np.ndarray], float]:
    """Pixel x of each layer, pixel y of each drawn unit, and the node size."""
    drawn = [min(n, MAX_UNITS_DRAWN) for n in sizes]
    column = width / len(sizes)
    row = (height - TITLE_SPACE - 24) / max(drawn)
    node = float(min(46.0, 0.72 * row, 0.5 * column))
    xs = [column * (l + 0.5) for l in range(len(sizes))]
    middle = TITLE_SPACE + (height - TITLE_SPACE - 24) / 2
    ys = [middle + row * ((m - 1) / 2.0 - np.arange(m)) * -1 for m in drawn]
    return xs, ys, node


def edges_svg(W: list[np.ndarray], xs: list[float], ys: list[np.ndarray], node: float,
              width: int = WIDTH, height: int = HEIGHT) -> str:
    """An SVG document with one line per drawn weight: blue if positive, orange if
    negative, width and opacity growing with |w| (relative to the largest |w| drawn)."""
    drawn = [w[:len(ys[l]), :len(ys[l + 1])] for l, w in enumerate(W)]
    w_max = max((float(np.max(np.abs(w))) for w in drawn if w.size), default=1.0)
    w_max = w_max if np.isfinite(w_max) and w_max > 0 else 1.0
    lines = []
    for l, w in enumerate(drawn):
        x0, x1 = xs[l] + node / 2, xs[l + 1] - node / 2
        strength = np.clip(np.abs(np.nan_to_num(w)) / w_max, 0, 1)
        for (i, j), s in np.ndenumerate(strength):
            color = colors.POSITIVE_HEX if w[i, j] > 0 else colors.NEGATIVE_HEX
            lines.append(f'<line x1="{x0:.1f}" y1="{ys[l][i]:.1f}" x2="{x1:.1f}" '
                         f'y2="{ys[l + 1][j]:.1f}" stroke="{color}" '
                         f'stroke-width="{0.5 + 4.5 * s:.2f}" '
                         f'stroke-opacity="{0.25 + 0.7 * s:.2f}"/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">{"".join(lines)}</svg>')


def network_html(sizes: list[int], W: list[np.ndarray], b: list[np.ndarray],
                 thumbnails: list[list[str]], layer_titles: list[str],
                 more_units_label: str = "+{n} more") -> str:
    """The diagram for layer ``sizes`` (input first), weights ``W[l]`` ``(n_l, n_l+1)``,
    biases ``b[l]`` and one thumbnail (PNG data URI) per drawn unit of every layer.
    Hovering a unit shows its layer, index and bias."""
    xs, ys, node = unit_positions(sizes)
    svg = edges_svg(W, xs, ys, node)
    # Positions are percentages of a box of fixed aspect ratio, so the diagram scales
    # with its column and the square thumbnails stay square.
    px, py = (lambda v: f"{100 * v / WIDTH:.2f}%"), (lambda v: f"{100 * v / HEIGHT:.2f}%")
    column = WIDTH / len(sizes)
    parts = [f'<img src="data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}" '
             f'alt="" style="position:absolute;left:0;top:0;width:100%;height:100%">']
    for l, (n, x, y) in enumerate(zip(sizes, xs, ys)):
        parts.append(f'<div style="position:absolute;left:{px(x - column / 2)};top:0;'
                     f'width:{px(column)};text-align:center;font-size:12px;line-height:1.25;'
                     f'color:#444">{layer_titles[l]}</div>')
        for j, yj in enumerate(y):
            bias = f", bias {b[l - 1][j]:+.3f}" if l else ""
            tip = html.escape(f"{_plain(layer_titles[l])}, unit {j + 1}{bias}")
            parts.append(f'<img src="{thumbnails[l][j]}" title="{tip}" alt="{tip}" '
                         f'style="position:absolute;left:{px(x - node / 2)};'
                         f'top:{py(yj - node / 2)};'
                         f'width:{px(node)};height:{py(node)};border:1px solid #bbb;'
                         f'border-radius:3px;box-sizing:border-box">')
        if n > len(y):
            parts.append(f'<div style="position:absolute;left:{px(x - column / 2)};'
                         f'top:{py(y[-1] + node / 2 + 4)};width:{px(column)};text-align:center;'
                         f'font-size:11px;color:#666">'
                         f'{more_units_label.format(n=n - len(y))}</div>')
    return (f'<div class="np-network" style="position:relative;width:100%;'
            f'aspect-ratio:{WIDTH}/{HEIGHT};overflow:hidden">{"".join(parts)}</div>')


def _plain(title: str) -> str:
    return title.replace("<br>", " ")


def thumbnail_rgb(A: np.ndarray, activation: str) -> np.ndarray:
    """A layer's activation maps ``(r, r, units)`` as images ``(units, r, r, 3)``: sign
    colours around the activation's midpoint; bounded activations use their full range
    (so saturation shows), unbounded ones each unit's own largest value."""
    A = np.where(np.isfinite(A), A, 0.0)
    if activation in ("sigmoid", "softmax"):
        centre, scale = 0.5, 0.5
    elif activation == "tanh":
        centre, scale = 0.0, 1.0
    else:
        centre, scale = 0.0, np.abs(A).max(axis=(0, 1))
    rgb = colors.signed_rgb(A - centre, scale)  # (r, r, units, 3)
    return rgb[::-1].transpose(2, 0, 1, 3)
