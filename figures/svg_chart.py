"""The one renderer of ``Chart`` (figures/curves.py), live and paused alike: the plot as
an SVG image, with the title, a note and the legend as HTML around it. While a learner
plays, the chart travels as data instead (``to_data``: only the points the page does not
hold yet) and ui/live/live_chart.js draws this same HTML in the learner's browser.

An ``<img>`` whose source changes keeps showing the old picture until the new one is
ready, where a re-sent Plotly chart is remounted and blinks; and a chart that looks the
same whether the run plays or not is one chart to read. The legend is HTML that wraps
to as many rows as it needs, so a deep network's nine layer names never overlap (its
swatches are bordered spans: st.html strips inline <svg>).
"""

from __future__ import annotations

import base64
import html

import numpy as np

from .curves import Chart

W, H = 480, 200
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 8, 34
ZERO_BAND = 16  # px at the bottom of a log plot where exact zeros are drawn
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
LAYOUT = (W, H, LEFT, RIGHT, TOP, BOTTOM, ZERO_BAND)  # as live_chart.js reads them


def _ticks(lo: float, hi: float, log: bool) -> list[float]:
    if log:  # a power of ten per label, every other one (or fewer) past six decades
        first, last = int(np.floor(lo)), int(np.ceil(hi))
        step = max(1, int(np.ceil((last - first) / 6)))
        return [10.0 ** e for e in range(last, first - 1, -step)][::-1]
    span = hi - lo or 1.0
    step = 10 ** np.floor(np.log10(span / 4))
    step *= 2 if span / step > 8 else 1
    return list(np.arange(np.ceil(lo / step) * step, hi + 1e-12, step))


def _epoch_ticks(x0: float, x1: float) -> list[int]:
    """Whole epochs from ``x0``: at most ~6 labels, never a negative or fractional one."""
    span = max(x1 - x0, 1.0)
    step = max(1, int(10 ** np.floor(np.log10(span / 5))))
    for k in (1, 2, 5, 10):
        if span / (step * k) <= 6:
            step *= k
            break
    first = int(np.ceil(x0 / step) * step)
    return list(range(first, int(x1) + 1, step))


def label(v: float, log: bool, percent: bool) -> str:
    """A tick label: 40%, 10⁻³ (a power of ten on a log axis) or 0.25."""
    if percent:
        return f"{v:.0%}"
    if log:
        return "10" + str(int(round(np.log10(v)))).translate(SUPERSCRIPT)
    return f"{v:.3g}"


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


def _has_zeros(chart: Chart) -> bool:
    return chart.log_y and chart.zero_floor and any((s.y == 0).any() for s in chart.series)


def to_svg(chart: Chart) -> str:
    """An SVG document of the plot of ``chart`` (lines or bars, linear or log y; on a log
    axis with ``zero_floor`` exact zeros sit on a band labelled 0)."""
    band = ZERO_BAND if _has_zeros(chart) else 0
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM - band
    y0, y1 = _y_bounds(chart)
    tf = np.log10 if chart.log_y else (lambda v: v)

    def py(v):
        """Pixel y of a value, or of an array of them (the live charts redraw hundreds of
        points several times a second: one NumPy pass, not a Python call per point)."""
        v = np.asarray(v, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = TOP + ph * (1 - (tf(v) - y0) / ((y1 - y0) or 1.0))
        if chart.log_y and band:
            out = np.where(v == 0, TOP + ph + band / 2, out)
        return float(out) if out.ndim == 0 else out

    out = [f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph + band}" fill="none" '
           f'stroke="#ccc"/>']
    if band:
        out.append(f'<rect x="{LEFT}" y="{TOP + ph}" width="{pw}" height="{band}" '
                   f'fill="#f0f0f0"/><text x="{LEFT - 4}" y="{TOP + ph + band / 2 + 4}" '
                   f'font-size="11" text-anchor="end" fill="#555">0</text>')
    for t in _ticks(y0, y1, chart.log_y):
        if y0 - 1e-9 <= tf(t) <= y1 + 1e-9:
            out.append(f'<line x1="{LEFT}" x2="{LEFT + pw}" y1="{py(t):.1f}" y2="{py(t):.1f}" '
                       f'stroke="#eee"/><text x="{LEFT - 4}" y="{py(t) + 4:.1f}" font-size="11" '
                       f'text-anchor="end" fill="#555">{label(t, chart.log_y, chart.percent)}'
                       f'</text>')
    out += _bars(chart, pw, ph + band, py) if chart.kind == "bar" else _lines(chart, pw, py)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
            f'viewBox="0 0 {W} {H}" font-family="sans-serif">{"".join(out)}</svg>')


def _lines(chart: Chart, pw: float, py) -> list[str]:
    xs = np.concatenate([s.x for s in chart.series]) if chart.series else np.array([])
    xs = xs[np.isfinite(xs)] if len(xs) else xs
    x0 = float(min(xs.min(), 0.0)) if len(xs) else 0.0
    x1 = float(xs.max()) if len(xs) else 1.0
    x1 = x1 if x1 > x0 else x0 + 1.0

    def px(v):
        return LEFT + pw * (v - x0) / (x1 - x0)

    out = [f'<text x="{px(t):.1f}" y="{H - BOTTOM + 14}" font-size="11" text-anchor="middle" '
           f'fill="#555">{t:,}</text>' for t in _epoch_ticks(x0, x1)]
    if chart.x_title:
        out.append(f'<text x="{LEFT + pw / 2}" y="{H - 4}" font-size="11" '
                   f'text-anchor="middle" fill="#555">{html.escape(chart.x_title)}</text>')
    for s in chart.series:
        ok = np.isfinite(s.y) & ((s.y > 0) | (chart.zero_floor & (s.y == 0)) if chart.log_y
                                 else True)
        pts = " ".join(map("{:.1f},{:.1f}".format, px(s.x[ok]).tolist(), py(s.y[ok]).tolist()))
        dash = ' stroke-dasharray="5 3"' if s.dashed else ""
        if ok.sum() == 1:
            (a,), (b,) = s.x[ok], s.y[ok]
            out.append(f'<circle cx="{px(a):.1f}" cy="{py(b):.1f}" r="3" fill="{s.color}"/>')
        if pts:
            out.append(f'<polyline points="{pts}" fill="none" stroke="{s.color}" '
                       f'stroke-width="2"{dash}/>')
    return out


def _bars(chart: Chart, pw: float, ph: float, py) -> list[str]:
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
                   f'<text x="{x + slot * 0.3:.1f}" y="{TOP + ph + 14}" font-size="11" '
                   f'text-anchor="middle" fill="#555">{html.escape(str(name))}</text>')
    return out


def _legend(chart: Chart) -> str:
    if chart.kind == "bar" or not chart.series:
        return ""
    items = "".join(
        f'<span style="display:inline-flex;align-items:center;gap:4px;white-space:nowrap">'
        f'<span class="np-swatch" style="display:inline-block;width:18px;border-top:2px '
        f'{"dashed" if s.dashed else "solid"} {s.color}"></span>'
        f'{html.escape(s.name)}</span>' for s in chart.series)
    return (f'<div class="np-chart-legend" style="display:flex;flex-wrap:wrap;gap:2px 12px;'
            f'justify-content:center;font-size:12px;color:#444">{items}</div>')


def to_html(chart: Chart, legend: bool = True) -> str:
    """``chart`` as HTML: its title, the note (if any), the plot as an ``<img>`` of its SVG
    scaling with its column, and the legend (unless ``legend`` is False)."""
    uri = "data:image/svg+xml;base64," + base64.b64encode(to_svg(chart).encode()).decode()
    note = (f'<div class="np-chart-note" style="font-size:12px;color:#8a4b00;'
            f'text-align:center">{html.escape(chart.note)}</div>') if chart.note else ""
    return (f'<div class="np-chart" style="max-width:{W * 1.4:.0f}px;margin:auto">'
            f'<div class="np-chart-title" style="font-size:14px;font-weight:600;'
            f'text-align:center;color:#333">{html.escape(chart.title)}</div>{note}'
            f'<img src="{uri}" alt="{html.escape(chart.title)}" '
            f'style="width:100%;aspect-ratio:{W}/{H};display:block">'
            f'{_legend(chart) if legend else ""}</div>')


def _packed(values: np.ndarray) -> str | list[str]:
    """Numbers as little-endian float64 in base64 (exact, NaN and all: JSON has no NaN);
    a bar chart's names as they are."""
    if values.dtype == object:
        return [str(v) for v in values]
    return base64.b64encode(np.ascontiguousarray(values, dtype="<f8").tobytes()).decode()


def shared(old: Chart | None, new: Chart) -> int:
    """How many leading points every series of line chart ``new`` has as in ``old``: what a
    page that holds ``old`` need not be sent again. A history that thinned itself shares
    its first point only; a re-measured last epoch, all but that one."""
    if (old is None or old.kind != "line" or new.kind != "line"
            or len(old.series) != len(new.series)):
        return 0
    common = min((min(len(a.y), len(b.y)) for a, b in zip(old.series, new.series)), default=0)
    for a, b in zip(old.series, new.series):
        same = np.ones(common, dtype=bool)
        for u, v in ((a.x, b.x), (a.y, b.y)):
            u, v = u[:common], v[:common]
            same &= (u == v) | (np.isnan(u) & np.isnan(v))
        if not same.all():
            common = int(np.argmin(same))
    return common


def to_data(chart: Chart, start: int = 0) -> dict:
    """``chart`` as data for the learner's browser to draw as ``to_html`` does
    (live_chart.js): all of it but each series' points before ``start``, which the page
    holds already (``start`` 0: the whole chart)."""
    return {"layout": LAYOUT, "title": chart.title, "note": chart.note, "kind": chart.kind,
            "x_title": chart.x_title, "log_y": chart.log_y, "percent": chart.percent,
            "y_range": list(chart.y_range) if chart.y_range else None,
            "zero_floor": chart.zero_floor, "start": start,
            "series": [{"name": s.name, "color": s.color, "dashed": s.dashed,
                        "bar_colors": s.bar_colors, "x": _packed(s.x[start:]),
                        "y": _packed(s.y[start:])} for s in chart.series]}
