"""Pictures of a layer's space: the input plane's grid lines and the data, as one layer
maps them (lesson "Inside the network").

The live pictures are HTML (a PNG background and an SVG layer as ``<img>`` data URIs,
as in ``figures.region``), so that a frame is replaced without remounting a chart; the
still 3-D view is Plotly. Pure functions: arrays and labels in, a string or a figure out.
"""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go

from . import colors, png

VIEW = 1000  # SVG user units across the square
POINT_RADIUS = 8
BOUNDED = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}
GRID_GREY = "#555555"
LINE_HEX = "#222222"


def axis_range(values: np.ndarray, activation: str) -> tuple[float, float]:
    """A padded range for one unit's ``values`` (any shape): the activation's whole range
    when it is bounded (so a picture does not jump while training), else the values'
    span; a unit whose values are all equal (a dead ReLU) gets a unit-wide range."""
    if activation in BOUNDED:
        lo, hi = BOUNDED[activation]
    else:
        finite = values[np.isfinite(values)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        if hi - lo < 1e-9:
            lo, hi = lo - 0.5, hi + 0.5
    pad = 0.06 * (hi - lo)
    return lo - pad, hi + pad


def _light_hex(k: int) -> str:
    rgb = colors.tint(colors.CLASS_RGB[k % len(colors.CLASS_RGB)], np.array(1.0))
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _to_view(xy: np.ndarray, x_range, y_range) -> np.ndarray:
    u = (xy[..., 0] - x_range[0]) / (x_range[1] - x_range[0]) * VIEW
    v = (y_range[1] - xy[..., 1]) / (y_range[1] - y_range[0]) * VIEW
    return np.stack([np.nan_to_num(u), np.nan_to_num(v)], axis=-1)


def _polyline(uv: np.ndarray, stroke: str, width: float) -> str:
    # a flat list of whole numbers is valid SVG, and ten times faster to write than pairs
    pts = ",".join(map(str, np.rint(uv).astype(int).ravel().tolist()))
    return (f'<polyline points="{pts}" fill="none" stroke="{stroke}" '
            f'stroke-width="{width}" stroke-linejoin="round"/>')


def _lines(uv: np.ndarray, classes: np.ndarray | None) -> str:
    """Each grid line as polylines; split where the network's predicted class changes
    when ``classes`` ``(n_lines, n_points)`` is given (each piece in its class colour)."""
    if classes is None:
        return (f'<g opacity="0.55">{"".join(_polyline(line, GRID_GREY, 2) for line in uv)}'
                f'</g>')
    out = []
    for line, k in zip(uv, classes):
        cuts = np.flatnonzero(np.diff(k)) + 1
        for start, stop in zip([0, *cuts], [*cuts, len(k)]):
            piece = line[max(start - 1, 0):stop]  # overlap one point: no gaps between pieces
            out.append(_polyline(piece, _light_hex(int(k[start])), 3))
    return f'<g opacity="0.95">{"".join(out)}</g>'


def _points(uv: np.ndarray, fill: list[str]) -> str:
    fill_arr = np.array(fill)
    groups = []
    for f in dict.fromkeys(fill):
        mask = fill_arr == f
        circles = "".join(f'<circle cx="{a}" cy="{b}" r="{POINT_RADIUS}"/>'
                          for a, b in np.rint(uv[mask]).astype(int).tolist())
        groups.append(f'<g fill="{f}" stroke="#ffffff" stroke-width="2">{circles}</g>')
    return "".join(groups)


def _ticks(x_range, y_range, one_axis: bool) -> str:
    out = []
    for value, frac in ((x_range[0], 0.0), (x_range[1], 1.0)):
        anchor = "start" if frac == 0 else "end"
        out.append(f'<text x="{frac * VIEW + (8 if frac == 0 else -8):.0f}" y="{VIEW - 10}" '
                   f'font-size="28" text-anchor="{anchor}" fill="#444">{value:.2g}</text>')
    if not one_axis:
        for value, y in ((y_range[1], 34), (y_range[0], VIEW - 44)):
            out.append(f'<text x="8" y="{y}" font-size="28" fill="#444">{value:.2g}</text>')
    return "".join(out)


def space_svg(x_range: tuple[float, float], y_range: tuple[float, float],
              points: np.ndarray, point_hex: list[str], lines: np.ndarray | None = None,
              line_classes: np.ndarray | None = None, segment: np.ndarray | None = None,
              one_axis: bool = False) -> str:
    """An SVG document of one space, ``x_range`` x ``y_range`` across the square:
    ``lines`` ``(n_lines, n_points, 2)`` (grey, or split and coloured by
    ``line_classes``), ``points`` ``(n, 2)`` filled with ``point_hex`` (one colour per
    point), and ``segment`` ``(2, 2)`` (the output's decision line) dashed on top."""
    body = "" if lines is None else _lines(_to_view(lines, x_range, y_range), line_classes)
    body += _points(_to_view(points, x_range, y_range), point_hex)
    if segment is not None:
        (a, b), (c, d) = _to_view(segment, x_range, y_range)
        body += (f'<line x1="{a:.0f}" y1="{b:.0f}" x2="{c:.0f}" y2="{d:.0f}" stroke="{LINE_HEX}" '
                 f'stroke-width="7" stroke-dasharray="26 14"/>')
    body += _ticks(x_range, y_range, one_axis)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {VIEW} {VIEW}" '
            f'preserveAspectRatio="none" font-family="sans-serif">{body}</svg>')


def space_html(svg: str, background: np.ndarray | None, caption_x: str, caption_y: str,
               css_class: str, alt: str, size_px: int = 420) -> str:
    """The picture of a space as HTML: the RGB ``background`` ``(h, w, 3)`` (top row
    first; None for white) scaled to the square, the ``svg`` layer on top, and the axis
    captions below and above it (an empty
    ``caption_y`` keeps the space, so pictures side by side stay level)."""
    layers = ""
    if background is not None:
        layers += (f'<img src="{png.data_uri(background)}" alt="" style="position:absolute;'
                   f'inset:0;width:100%;height:100%;image-rendering:auto">')
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    layers += (f'<img class="np-space-layer" src="{uri}" alt="{alt}" '
               f'style="position:absolute;inset:0;width:100%;height:100%">')
    # the vertical axis's caption above the square, not turned: it reads the same in
    # every script and on a phone
    above = (f'<div style="font-size:0.85rem;color:#444">'
             f'{"&uarr; " + caption_y if caption_y else "&nbsp;"}</div>')
    return (f'<div class="{css_class}" style="display:flex;justify-content:center;'
            f'font-family:sans-serif"><div style="width:{size_px}px;max-width:100%">{above}'
            f'<div style="position:relative;width:100%;aspect-ratio:1;border:1px solid #ccc;'
            f'background:#fff">{layers}</div><div style="text-align:center;font-size:0.85rem;'
            f'color:#444">{caption_x} &rarr;</div></div></div>')


def space_3d(points: np.ndarray, y: np.ndarray, point_hex: list[str], hover: list[str],
             lines: np.ndarray | None, ranges: list[tuple[float, float]],
             axis_titles: list[str], surface: tuple | None = None,
             surface_name: str = "") -> go.Figure:
    """A still 3-D view: ``points`` ``(n, 3)`` coloured per point (``hover`` one text
    each), grid ``lines`` ``(n_lines, n_points, 3)`` in grey, and the output's decision
    ``surface`` ``(xs, ys, Z)`` when there is one."""
    fig = go.Figure()
    if lines is not None:
        gaps = np.full((len(lines), 1, 3), np.nan)
        flat = np.concatenate([lines, gaps], axis=1).reshape(-1, 3)
        fig.add_trace(go.Scatter3d(x=flat[:, 0], y=flat[:, 1], z=flat[:, 2], mode="lines",
                                   line={"color": "rgba(90,90,90,0.45)", "width": 2},
                                   hoverinfo="skip", showlegend=False))
    fig.add_trace(go.Scatter3d(x=points[:, 0], y=points[:, 1], z=points[:, 2], mode="markers",
                               marker={"size": 3.5, "color": point_hex,
                                       "line": {"color": "#ffffff", "width": 0.5}},
                               text=hover, hovertemplate="%{text}<extra></extra>",
                               showlegend=False))
    if surface is not None:
        xs, ys, Z = surface
        fig.add_trace(go.Surface(x=xs, y=ys, z=Z, opacity=0.35, showscale=False,
                                 colorscale=[[0, "#444444"], [1, "#444444"]],
                                 name=surface_name, hovertemplate=surface_name + "<extra></extra>"))
    scene = {f"{axis}axis": {"title": {"text": title}, "range": list(r)}
             for axis, title, r in zip("xyz", axis_titles, ranges)}
    fig.update_layout(scene={**scene, "aspectmode": "cube"}, height=520,
                      margin={"l": 0, "r": 0, "t": 10, "b": 0})
    return fig
