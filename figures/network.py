"""The network diagram: neurons per layer, each drawn as its own activation map, and
edges coloured by the sign of the weight and as thick as |weight|.

It is HTML, not Plotly, for the same reason as the live region (figures/region.py):
it changes every frame while training, and the browser redraws a few images cheaply.
"""

from __future__ import annotations

import base64
import html

import numpy as np

from . import colors, png

MAX_UNITS_DRAWN = 12  # a wider layer shows its first units and says how many are hidden
WIDTH, HEIGHT = 560, 460  # px
TITLE_SPACE = 44  # px above the first row for layer titles
# The thumbnails travel at half resolution and the browser scales them up smoothly, as
# TF Playground does with its neuron canvases: a quarter of the bytes per frame.
SPRITE_SCALE = 0.5


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


EDGE_LEVELS = 8  # edge thickness is quantised, so edges group into a few SVG paths


def edges_svg(W: list[np.ndarray], xs: list[float], ys: list[np.ndarray], node: float,
              width: int = WIDTH, height: int = HEIGHT) -> str:
    """An SVG document with one line per drawn weight: blue if positive, orange if
    negative, thicker and more opaque with |w| (relative to the largest |w| drawn).
    Lines of one colour and thickness share one <path>: a few kB for hundreds of edges."""
    drawn = [w[:len(ys[l]), :len(ys[l + 1])] for l, w in enumerate(W)]
    w_max = max((float(np.max(np.abs(w))) for w in drawn if w.size), default=1.0)
    w_max = w_max if np.isfinite(w_max) and w_max > 0 else 1.0
    paths: dict[int, list[str]] = {}  # key: EDGE_LEVELS * (w > 0) + thickness level
    for l, w in enumerate(drawn):
        x0, x1 = round(xs[l] + node / 2), round(xs[l + 1] - node / 2)
        level = np.round(np.clip(np.abs(np.nan_to_num(w)) / w_max, 0, 1) * (EDGE_LEVELS - 1))
        # one key per weight, row-major as the segments (no Python call per edge: the
        # diagram is redrawn several times a second while training)
        keys = (EDGE_LEVELS * (w > 0) + level.astype(int)).ravel().tolist()
        segments = [f"M{x0} {a}L{x1} {c}"
                    for a in np.round(ys[l]).astype(int).tolist()
                    for c in np.round(ys[l + 1]).astype(int).tolist()]
        for key, segment in zip(keys, segments):
            paths.setdefault(key, []).append(segment)
    body = "".join(
        f'<path d="{"".join(segments)}" fill="none" '
        f'stroke="{colors.POSITIVE_HEX if key >= EDGE_LEVELS else colors.NEGATIVE_HEX}" '
        f'stroke-width="{0.5 + 4.5 * (key % EDGE_LEVELS) / (EDGE_LEVELS - 1):.2f}" '
        f'stroke-opacity="{0.25 + 0.7 * (key % EDGE_LEVELS) / (EDGE_LEVELS - 1):.2f}"/>'
        for key, segments in sorted(paths.items()))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">{body}</svg>')


def thumbnail_size(node: float) -> int:
    """Pixels per side of a thumbnail in the sprite, for a node ``node`` px wide on screen."""
    return max(4, int(node * SPRITE_SCALE))


def sprite_rgb(images: list[np.ndarray], xs: list[float], ys: list[np.ndarray],
               node: float) -> np.ndarray:
    """One RGB picture of the diagram's area, at ``SPRITE_SCALE``, with every unit's
    thumbnail at its place. ``images[l]`` is layer l's thumbnails ``(units, t, t, 3)``,
    ``t = thumbnail_size(node)``. One image instead of dozens of <img> elements:
    measured in Chromium, 51 separate thumbnails cost the page half its frame rate."""
    k = SPRITE_SCALE
    canvas = np.full((int(HEIGHT * k), int(WIDTH * k), 3), 255, dtype=np.uint8)
    t = thumbnail_size(node)
    for layer, x, y in zip(images, xs, ys):
        left = int(round(k * x - t / 2))
        for image, yj in zip(layer, y):
            top = int(round(k * yj - t / 2))
            canvas[top - 1:top + t + 1, left - 1:left + t + 1] = 187  # a thin frame
            canvas[top:top + t, left:left + t] = image
    return canvas


def network_html(sizes: list[int], W: list[np.ndarray], b: list[np.ndarray],
                 images: list[np.ndarray], layer_titles: list[str],
                 more_units_label: str = "+{n} more",
                 tooltips: list[list[str]] | None = None,
                 output_labels: list[str] | None = None,
                 input_labels: list[str] | None = None) -> str:
    """The diagram for layer ``sizes`` (input first), weights ``W[l]`` ``(n_l, n_l+1)``,
    biases ``b[l]`` and each layer's thumbnails ``(units drawn, t, t, 3)`` with
    ``t = thumbnail_size(node)`` and node from ``unit_positions``. ``tooltips[l][j]`` is
    the hover text of drawn unit j of layer l (the caller words it; None: no hover boxes,
    as while playing: worth it when paused, not 30 times a second). ``output_labels``
    names the output units beside them (the classes of a softmax output), ``input_labels``
    the input units at their left (the input features)."""
    xs, ys, node = unit_positions(sizes)
    sprite = png.data_uri(sprite_rgb(images, xs, ys, node))
    svg = edges_svg(W, xs, ys, node)
    # Positions are percentages of a box of fixed aspect ratio, so the diagram scales
    # with its column and the square thumbnails stay square.
    px, py = (lambda v: f"{100 * v / WIDTH:.2f}%"), (lambda v: f"{100 * v / HEIGHT:.2f}%")
    column = WIDTH / len(sizes)
    full = "position:absolute;left:0;top:0;width:100%;height:100%"
    parts = [f'<img class="np-network-units" src="{sprite}" alt="" style="{full}">',
             f'<img class="np-network-edges" '
             f'src="data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}" '
             f'alt="" style="{full}">']
    for l, (n, x, y) in enumerate(zip(sizes, xs, ys)):
        parts.append(f'<div style="position:absolute;left:{px(x - column / 2)};top:0;'
                     f'width:{px(column)};text-align:center;font-size:12px;line-height:1.25;'
                     f'color:#444">{layer_titles[l]}</div>')
        if n > len(y):
            parts.append(f'<div style="position:absolute;left:{px(x - column / 2)};'
                         f'top:{py(y[-1] + node / 2 + 4)};width:{px(column)};text-align:center;'
                         f'font-size:11px;color:#666">'
                         f'{more_units_label.format(n=n - len(y))}</div>')
        for j, yj in enumerate(y if tooltips else []):
            tip = html.escape(tooltips[l][j])
            parts.append(f'<div class="np-unit" title="{tip}" style="position:absolute;'
                         f'left:{px(x - node / 2)};top:{py(yj - node / 2)};width:{px(node)};'
                         f'height:{py(node)}"></div>')
    for label, yj in zip(output_labels or [], ys[-1]):
        parts.append(f'<div class="np-output-label" style="position:absolute;'
                     f'left:{px(xs[-1] + node / 2 + 3)};top:{py(yj - 8)};font-size:11px;'
                     f'color:#444;white-space:nowrap">{html.escape(label)}</div>')
    for label, yj in zip(input_labels or [], ys[0]):
        parts.append(f'<div class="np-input-label" style="position:absolute;right:'
                     f'{px(WIDTH - xs[0] + node / 2 + 3)};top:{py(yj - 8)};font-size:11px;'
                     f'color:#444;white-space:nowrap">{html.escape(label)}</div>')
    return (f'<div class="np-network" style="position:relative;width:100%;'
            f'aspect-ratio:{WIDTH}/{HEIGHT};overflow:hidden">{"".join(parts)}</div>')


def diagram_data(sizes: list[int], net: dict, activations: list[str],
                 extent: tuple[float, float]) -> dict:
    """What the learner's browser needs to redraw the live parts of ``network_html`` itself
    (live_region.js): the thumbnails of every drawn unit, evaluated on a grid over
    ``extent`` and coloured as ``thumbnail_rgb``, in a sprite laid out as ``sprite_rgb``,
    and the edges as ``edges_svg`` draws them. ``net`` is the network as
    ``region.region_net`` sends it (its weights, units, activations and input features);
    ``activations`` name how each layer's thumbnails are coloured, the inputs' first. The
    layout comes computed, so both sides place every pixel alike."""
    xs, ys, node = unit_positions(sizes)
    t, k = thumbnail_size(node), SPRITE_SCALE
    return {**net, "r": t, "extent": [float(extent[0]), float(extent[1])],
            "shown": [len(y) for y in ys], "colouring": list(activations),
            "sprite": [int(HEIGHT * k), int(WIDTH * k)],
            "lefts": [int(round(k * x - t / 2)) for x in xs],
            "tops": [[int(round(k * yj - t / 2)) for yj in y] for y in ys],
            "edge_x": [[round(xs[l] + node / 2), round(xs[l + 1] - node / 2)]
                       for l in range(len(xs) - 1)],
            "edge_y": [np.round(y).astype(int).tolist() for y in ys],
            "edge_levels": EDGE_LEVELS, "size": [WIDTH, HEIGHT],
            "positive": colors.POSITIVE_HEX, "negative": colors.NEGATIVE_HEX}


BOUNDED = {"sigmoid": (0.5, 0.5), "tanh": (0.0, 1.0)}  # (midpoint, half-range) of its values


def thumbnail_rgb(A: np.ndarray, activation: str) -> np.ndarray:
    """A layer's activation maps ``(r, r, units)`` as images ``(units, r, r, 3)``: sign
    colours around the activation's midpoint; bounded activations use their full range
    (so saturation shows), unbounded ones each unit's own largest value. A softmax unit is
    its class: white at probability 0, the class's colour (as in the region) at 1."""
    A = np.where(np.isfinite(A), A, 0.0)
    if activation == "softmax":
        base = colors.CLASS_RGB[np.arange(A.shape[-1]) % len(colors.CLASS_RGB)]
        return colors.tint(base, A)[::-1].transpose(2, 0, 1, 3)
    if activation in BOUNDED:
        centre, scale = BOUNDED[activation]
    else:
        centre, scale = 0.0, np.abs(A).max(axis=(0, 1))
    rgb = colors.signed_rgb(A - centre, scale)  # (r, r, units, 3)
    return rgb[::-1].transpose(2, 0, 1, 3)
