"""The lessons' charts, each with a sentence for a reader who cannot see it: drawn with
``show`` instead of ``st.plotly_chart``, a chart is followed by its description in words
(``said``), out of sight and read by a screen reader right after the chart."""

from __future__ import annotations

import html

import numpy as np

from figures import describe

from . import language
from .i18n import texts
from .theme import SAID


def show(container, figure, **kwargs) -> None:
    """``container.plotly_chart(figure, **kwargs)``, then the chart in words: two
    elements, so ``container`` holds several (a column, a container; an ``st.empty``
    slot holds one: pass ``slot.container()``)."""
    container.plotly_chart(figure, **kwargs)
    sentence = said(figure, texts("common", language.current()))
    container.html(f'<p class="{SAID[1:]}">{html.escape(sentence)}</p>')


def said(figure, T: dict) -> str:
    """``figure`` in words (``T``: the common catalogue): its title, then each line,
    group of points, set of bars or map of values, with its name and what it spans."""
    facts = describe.facts(figure)
    x, y, _ = (a or default for a, default in zip(facts.axes, (T["chart_x"], T["chart_y"], "")))
    parts, counts = [], {}
    for trace in facts.traces:
        counts[trace.kind] = counts.get(trace.kind, 0) + 1
        name = trace.name or T["chart_unnamed"][trace.kind].format(k=counts[trace.kind])
        parts.append(_trace(trace, name, x, y, T))
    body = T["chart_sep"].join(parts)
    if not parts:  # nothing drawn (yet): the title alone
        return (T["chart_title_only"].format(title=facts.title) if facts.title
                else T["chart_nothing"])
    if facts.title:
        return T["chart_says"].format(title=facts.title, parts=body)
    return T["chart_untitled"].format(parts=body)


def _trace(t: describe.Trace, name: str, x: str, y: str, T: dict) -> str:
    if t.kind == "map":
        return T["chart_map"].format(name=name, x=x, y=y, z0=spoken(t.z[0]), z1=spoken(t.z[1]))
    if t.kind == "bars":
        bars = T["chart_list_sep"].join(f"{c} {spoken(h)}" for c, h in t.bars)
        return T["chart_bars"].format(name=name, bars=bars)
    if t.labels:
        return T["chart_labelled"].format(name=name, labels=T["chart_list_sep"].join(t.labels))
    if t.n == 1 and t.x is not None and t.y is not None:
        return T["chart_point"].format(name=name, x=x, y=y, x0=spoken(t.x[0]), y0=spoken(t.y[0]))
    span = {"x0": "–", "x1": "–", "y0": "–", "y1": "–"}
    if t.x is not None:
        span.update(x0=spoken(t.x[0]), x1=spoken(t.x[1]))
    if t.y is not None:
        span.update(y0=spoken(t.y[0]), y1=spoken(t.y[1]))
    if t.y_said is not None:
        span.update(y0=t.y_said[0], y1=t.y_said[1])
    key = "chart_line" if t.kind == "line" else "chart_points"
    return T[key].format(name=name, n=f"{t.n:,}", x=x, y=y, **span)


def spoken(value: float, signed: bool = False) -> str:
    """A number as a screen reader should hear it: 3 significant figures, a proper minus
    sign (said as "minus"; a hyphen may be skipped), "+" first where ``signed``, and "–"
    for no number at all."""
    if not np.isfinite(value):
        return "–"
    shown = f"{value + 0.0:+.3g}" if signed else f"{value + 0.0:.3g}"  # (+ 0.0: no "−0")
    return shown.replace("-", "\u2212")

