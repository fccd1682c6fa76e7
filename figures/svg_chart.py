"""A small SVG renderer for ``Chart`` (figures/curves.py), for charts that change every
few frames: an ``<img>`` whose source changes keeps showing the old picture until the
new one is ready, where a re-sent Plotly chart is remounted and blinks."""

from __future__ import annotations

import base64
import html

import numpy as np

from .curves import Chart

W, H = 480, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 10, 30, 44


def _ticks(lo: float, hi: float, log: bool) -> list[float]:
    if log:
        return [10.0 ** e for e in range(int(np.floor(lo)), int(np.ceil(hi)) + 1)]
    span = hi - lo or 1.0
    step = 10 ** np.floor(np.log10(span / 4))
    step *= 2 if span / step > 8 else 1
    return list(np.arange(np.ceil(lo / step) * step, hi + 1e-12, step))


def _label(v: float, log: bool, percent: bool) -> str:
    if percent:
        return f"{v:.0%}"
    return f"1e{int(round(np.log10(v)))}" if log else f"{v:.3g}"


def _y_bounds(chart: Chart) -> tuple[float, float]:
    ys = np.concatenate([s.y[np.isfinite(s.y)] for s in chart.series] or [np.array([])])
    if chart.log_y:
        ys = np.log10(ys[ys > 0]) if len(ys) else ys
        if not len(ys):
            return -1.0, 1.0
        lo, hi = float(np.floor(ys.min())), float(np.ceil(ys.max()))
        return lo, hi if hi > lo else lo + 1.0
    if chart.y_range:
        return chart.y_range
    if not len(ys):
        return 0.0, 1.0
    lo, hi = float(min(ys.min(), 0.0)), float(ys.max())
    return lo, hi if hi > lo else lo + 1.0


def to_svg(chart: Chart, title_size: int = 13) -> str:
    """An SVG document for ``chart`` (lines or bars, linear or log y, a legend)."""
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM
    y0, y1 = _y_bounds(chart)
    tf = (lambda v: np.log10(v)) if chart.log_y else (lambda v: v)

    def py(v):
        return TOP + ph * (1 - (tf(v) - y0) / ((y1 - y0) or 1.0))

    out = [f'<text x="{W / 2}" y="17" text-anchor="middle" font-size="{title_size}" '
           f'font-weight="600" fill="#333">{html.escape(chart.title)}</text>',
           f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="#ccc"/>']
    for t in _ticks(y0, y1, chart.log_y):
        if y0 - 1e-9 <= tf(t) <= y1 + 1e-9:
            label = _label(t, chart.log_y, chart.percent)
            out.append(f'<line x1="{LEFT}" x2="{LEFT + pw}" y1="{py(t):.1f}" y2="{py(t):.1f}" '
                       f'stroke="#eee"/><text x="{LEFT - 4}" y="{py(t) + 4:.1f}" font-size="10" '
                       f'text-anchor="end" fill="#666">{label}</text>')
    if chart.note:
        out.append(f'<text x="{LEFT + pw / 2}" y="{TOP + ph / 2}" text-anchor="middle" '
                   f'font-size="12" fill="#666">{html.escape(chart.note)}</text>')
    if chart.kind == "bar":
        out += _bars(chart, pw, py)
    else:
        out += _lines(chart, pw, py)
    body = "".join(out)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
            f'viewBox="0 0 {W} {H}" font-family="sans-serif">{body}</svg>')


def _lines(chart: Chart, pw: float, py) -> list[str]:
    xs = np.concatenate([s.x for s in chart.series]) if chart.series else np.array([0.0])
    x0, x1 = float(np.nanmin(xs)) if len(xs) else 0.0, float(np.nanmax(xs)) if len(xs) else 1.0
    x1 = x1 if x1 > x0 else x0 + 1.0

    def px(v):
        return LEFT + pw * (v - x0) / (x1 - x0)

    out = []
    for t in _ticks(x0, x1, False):
        out.append(f'<text x="{px(t):.1f}" y="{TOP + H - TOP - BOTTOM + 13}" font-size="10" '
                   f'text-anchor="middle" fill="#666">{t:g}</text>')
    out.append(f'<text x="{LEFT + pw / 2}" y="{H - 18}" font-size="10" text-anchor="middle" '
               f'fill="#666">{html.escape(chart.x_title)}</text>')
    for k, s in enumerate(chart.series):
        ok = np.isfinite(s.y) & (s.y > 0 if chart.log_y else True)
        pts = " ".join(f"{px(a):.1f},{py(b):.1f}" for a, b in zip(s.x[ok], s.y[ok]))
        dash = ' stroke-dasharray="4 3"' if s.dashed else ""
        if pts:
            out.append(f'<polyline points="{pts}" fill="none" stroke="{s.color}" '
                       f'stroke-width="2"{dash}/>')
        lx = LEFT + 8 + 90 * (k % 5)
        ly = H - 4 - 0 * (k // 4)
        out.append(f'<line x1="{lx}" x2="{lx + 14}" y1="{ly - 4}" y2="{ly - 4}" '
                   f'stroke="{s.color}" stroke-width="2"{dash}/><text x="{lx + 18}" y="{ly}" '
                   f'font-size="10" fill="#444">{html.escape(s.name)}</text>')
    return out


def _bars(chart: Chart, pw: float, py) -> list[str]:
    s = chart.series[0]
    n = max(len(s.x), 1)
    slot = pw / n
    out = []
    for i, (name, v) in enumerate(zip(s.x, s.y)):
        x = LEFT + slot * (i + 0.2)
        top = py(v if np.isfinite(v) else 0.0)
        color = s.bar_colors[i] if s.bar_colors else s.color
        out.append(f'<rect x="{x:.1f}" y="{top:.1f}" width="{slot * 0.6:.1f}" '
                   f'height="{py(0.0) - top:.1f}" fill="{color}"/>'
                   f'<text x="{x + slot * 0.3:.1f}" y="{H - BOTTOM + 13}" font-size="10" '
                   f'text-anchor="middle" fill="#666">{html.escape(str(name))}</text>')
    return out


def to_html(chart: Chart) -> str:
    """``chart`` as an ``<img>`` of its SVG, scaling with its column."""
    uri = "data:image/svg+xml;base64," + base64.b64encode(to_svg(chart).encode()).decode()
    return (f'<img src="{uri}" alt="{html.escape(chart.title)}" '
            f'style="width:100%;max-width:{W * 1.4:.0f}px;aspect-ratio:{W}/{H}">')
