"""The decision region: the plane shaded by the network's output, the data on top."""

from __future__ import annotations

import base64
import html

import numpy as np

from . import colors, png


def region_image(output: np.ndarray, task: str, hard: bool = False,
                 value_scale: float = 1.0) -> np.ndarray:
    """RGB image ``(r, r, 3)`` from the output layer on a grid ``(r, r, n_outputs)``.

    Binary: P(class 1) as a diverging orange/blue map; multiclass: the winning class's
    colour faded by confidence; regression: the predicted value, full colour at
    ``value_scale``. Row 0 of ``output`` is the bottom of the plane.
    """
    output = np.nan_to_num(output)
    if task == "regression":
        rgb = colors.signed_rgb(output[..., 0], value_scale, hard)
    elif task == "binary":
        rgb = colors.binary_rgb(output[..., 0], hard)
    else:
        rgb = colors.probabilities_rgb(output, hard)
    return rgb[::-1]  # images start at the top


# --- the live picture: HTML, not Plotly --------------------------------------------------
# Measured in Chromium on this 2-core machine: a Plotly chart re-sent every frame never
# got painted (each update remounts it), while an <img> whose src changes keeps showing
# the previous frame until the next one is decoded. So the live region is a 100 x 100
# PNG that the browser scales up smoothly, with the data drawn on top as SVG markers.

VIEW = 1000  # SVG user units across the square
SIZE_PX = 460  # the square's width on the page
POINT_RADIUS = 7


# One marker shape per class, so that classes differ by more than colour (WCAG 1.4.1):
# circle, square, triangle, diamond, then around again. Each is an SVG symbol centred on
# the origin, about the area of a circle of radius POINT_RADIUS; a point is a <use> of it.
MARKERS = [
    f'<circle id="m0" r="{POINT_RADIUS}"/>',
    '<rect id="m1" x="-6" y="-6" width="12" height="12"/>',
    '<path id="m2" d="M0,-9L8,6H-8Z"/>',
    '<path id="m3" d="M0,-9L9,0L0,9L-9,0Z"/>',
]


def marker(k: int) -> str:
    """The id of class ``k``'s marker shape (regression's values: all circles)."""
    return f"m{k % len(MARKERS)}"


def marker_swatch(k: int, size_px: int = 12) -> str:
    """Class ``k``'s marker in its colour, as a small ``<img>`` for a legend."""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-11 -11 22 22">'
           f'<defs>{MARKERS[int(marker(k)[1:])]}</defs>'
           f'<use href="#{marker(k)}" fill="{colors.class_hex(k)}"/></svg>')
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    return f'<img src="{uri}" alt="" width="{size_px}" height="{size_px}">'


def _svg_points(X: np.ndarray, y: np.ndarray, task: str, lo: float, hi: float,
                outline: str, value_scale: float) -> str:
    """Markers grouped by fill colour, so each point costs ~30 bytes: a class's own shape
    (``marker``) and colour, or a circle coloured by its value (regression)."""
    u = np.round((X[:, 0] - lo) / (hi - lo) * VIEW).astype(int)
    v = np.round((hi - X[:, 1]) / (hi - lo) * VIEW).astype(int)
    if task == "regression":
        fill = np.array([_value_hex(t, value_scale) for t in y])
        shape = np.full(len(y), marker(0))
    else:
        fill = np.array([colors.class_hex(int(k)) for k in y])
        shape = np.array([marker(int(k)) for k in y])
    groups = []
    for f in dict.fromkeys(fill.tolist()):
        mask = fill == f
        points = "".join(f'<use href="#{m}" x="{a}" y="{b}"/>'
                         for m, a, b in zip(shape[mask], u[mask], v[mask]))
        groups.append(f'<g fill="{f}" stroke="{outline}" stroke-width="2">{points}</g>')
    return "".join(groups)


def _value_hex(t: float, scale: float) -> str:
    rgb = colors.signed_rgb(np.array([t]), scale)[0]
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def points_svg(extent: tuple[float, float], task: str, train: tuple[np.ndarray, np.ndarray],
               test: tuple[np.ndarray, np.ndarray] | None = None, value_scale: float = 1.0) -> str:
    """The data as an SVG image (an ``<img>`` tag) over the square ``extent``: training
    points with a white rim, test points with a dark one. Built once per data set."""
    lo, hi = extent
    points = _svg_points(*train, task, lo, hi, "#ffffff", value_scale)
    if test is not None and len(test[1]):
        points += _svg_points(*test, task, lo, hi, "#333333", value_scale)
    ticks = "".join(
        f'<text x="{(t - lo) / (hi - lo) * VIEW:.0f}" y="{VIEW - 8}" font-size="26" '
        f'text-anchor="middle" fill="#555">{t:g}</text>'
        f'<text x="8" y="{(hi - t) / (hi - lo) * VIEW + 9:.0f}" font-size="26" fill="#555">'
        f'{t:g}</text>'
        for t in _ticks(lo, hi))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {VIEW} {VIEW}" '
           f'preserveAspectRatio="none" font-family="sans-serif">'
           f'<defs>{"".join(MARKERS)}</defs>{points}{ticks}</svg>')
    # st.html strips inline <svg>, but not an image whose source is an SVG document.
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    return (f'<img src="{uri}" alt="" '
            f'style="position:absolute;inset:0;width:100%;height:100%">')


def _ticks(lo: float, hi: float) -> list[float]:
    step = 10 ** np.floor(np.log10((hi - lo) / 2))
    step = step * 2 if (hi - lo) / step > 8 else step
    inner = np.arange(np.ceil(lo / step) * step, hi, step)
    return [float(round(t, 6)) for t in inner if lo + 0.06 * (hi - lo) < t < hi - 0.06 * (hi - lo)]


def region_html(image: np.ndarray, points: str = "", size_px: int = SIZE_PX,
                alt: str = "") -> str:
    """The region picture: ``image`` (from ``region_image``) scaled to fill a square of
    ``size_px``, with ``points`` (from ``points_svg``, or "" when ``points_layer_html``
    lays them over it) on top; ``alt`` describes it (in the learner's language: the
    caller's words)."""
    return (f'<div class="np-region" style="{_square(size_px)};border:1px solid #ddd">'
            f'<img class="np-region-image" src="{png.data_uri(image)}" alt="{html.escape(alt)}" '
            f'style="position:absolute;inset:0;width:100%;height:100%">{points}</div>')


def region_bytes(output: np.ndarray, task: str, hard: bool = False,
                 value_scale: float = 1.0) -> dict:
    """The region as data for the learner's browser to colour (live_region.js), from the
    output layer on a grid ``(r, r, n_outputs)``, row 0 at the bottom: one byte a point
    for P(class 1) (``"p"``, 255 steps) or for the value over ``value_scale`` (``"signed"``,
    -127..127), two for the winning class and its confidence (``"class"``); base64, with
    the colours of ``region_image``. 10 to 20 kB a frame for 100 x 100, where the picture
    costs the server its colouring and PNG encoding every frame."""
    r = output.shape[0]
    output = np.nan_to_num(output)
    if task == "regression":
        scale = value_scale if np.isfinite(value_scale) and value_scale > 0 else 1.0
        kind, values = "signed", np.rint(np.clip(output[..., 0] / scale, -1, 1) * 127
                                         ).astype(np.int8)
    elif task == "binary":
        kind, values = "p", np.rint(np.clip(output[..., 0], 0, 1) * 255).astype(np.uint8)
    else:
        K = output.shape[-1]
        winner = output.argmax(axis=-1)
        confidence = (output.max(axis=-1) - 1.0 / K) / (1.0 - 1.0 / K)
        kind = "class"
        values = np.stack([winner % 256, np.rint(np.clip(confidence, 0, 1) * 255)],
                          axis=-1).astype(np.uint8)
    return {"values": base64.b64encode(values.tobytes()).decode("ascii"), "r": int(r),
            "kind": kind, "hard": bool(hard), "palette": PALETTE}


def _kind(task: str) -> str:
    return {"regression": "signed", "binary": "p"}.get(task, "class")


# A network the learner's browser evaluates itself on the region's grid: up to this many
# multiply-adds per grid point (TF Playground's largest network, 6 layers of 8, takes 344).
# Measured in Chromium on the project's machine: the 2-8-8-1 network's 100 x 100 region in
# 9 ms, 2-8x6-1's in 20 ms, against none of the server's time. A larger network's output
# travels as bytes (``region_bytes``), which the server computes.
BROWSER_MACS_PER_POINT = 600


def region_net(W: list[np.ndarray], b: list[np.ndarray], activations: list[str],
               features: tuple[str, ...], extent: tuple[float, float], resolution: int,
               task: str, hard: bool = False, value_scale: float = 1.0,
               constants: dict | None = None) -> dict | None:
    """The region as the network itself, for the learner's browser to evaluate on the grid
    and colour (live_region.js): its parameters (float32, base64), each layer's units and
    activation (``constants``: the activations' own, e.g. leaky ReLU's slope), the input
    features and the grid (``extent`` on both axes, ``resolution`` points a side): what
    ``region_bytes`` would send, for the server's cost of a few hundred numbers. None when
    the network is too large for the browser (``BROWSER_MACS_PER_POINT``)."""
    if sum(w.size for w in W) > BROWSER_MACS_PER_POINT:
        return None
    theta = np.concatenate([p.ravel() for pair in zip(W, b) for p in pair]).astype("<f4")
    return {"theta": base64.b64encode(theta.tobytes()).decode("ascii"),
            "units": [int(w.shape[1]) for w in W], "activations": list(activations),
            "features": list(features), "extent": [float(extent[0]), float(extent[1])],
            "r": int(resolution), "kind": _kind(task), "hard": bool(hard),
            "scale": float(value_scale), **(constants or {}), "palette": PALETTE}


PALETTE = {"classes": colors.CLASS_RGB.astype(int).tolist(),
           "positive": colors.hex_to_rgb(colors.POSITIVE_HEX).astype(int).tolist(),
           "negative": colors.hex_to_rgb(colors.NEGATIVE_HEX).astype(int).tolist(),
           "max_tint": colors.MAX_TINT}


def points_layer_html(points: str, size_px: int = SIZE_PX) -> str:
    """The ``points`` layer alone, in a square of exactly ``region_html``'s geometry, to
    lay over it. Live, the region image changes every frame and the data
    does not: sent apart, the points (two thirds of the bytes, and in the browser most of
    the decoding) travel once per data set instead of with every frame."""
    return (f'<div class="np-region np-region-points" style="{_square(size_px)};'
            f'border:1px solid transparent;pointer-events:none">{points}</div>')


def _square(size_px: int) -> str:
    return f"position:relative;width:{size_px}px;max-width:100%;aspect-ratio:1;margin:auto"
