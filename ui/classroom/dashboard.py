"""The teacher's dashboard, drawn from the store's rows: the class in numbers, the
leaderboard, every student's row, their regions side by side, and their loss curves on
one chart. The views take plain rows (``store.Student``, ``store.Place``), no session."""

from __future__ import annotations

import base64
import html
import time

import numpy as np
import pandas as pd

from classroom import store
from figures import curves, svg_chart

from . import teacher

STATES = ("playing", "paused", "plateaued", "diverged")
AWAY_SECONDS = 30  # a student whose page has not reported for this long is away
THUMBNAIL_PX = 96  # a region thumbnail's width on the dashboard


def state_of(student: store.Student, now: float) -> str:
    """playing / paused / plateaued / diverged, "away" after ``AWAY_SECONDS`` without a
    word, "joined" before the first report."""
    if student.report is None:
        return "joined"
    if now - (student.seen or 0) > AWAY_SECONDS:
        return "away"
    return student.report.state


def counts_line(roster: list[store.Student], now: float, T: dict) -> str:
    states = [state_of(s, now) for s in roster]
    parts = [T["count_students"].format(n=len(roster))]
    parts += [f"{T['state_' + k]} {states.count(k)}" for k in (*STATES, "away")
              if states.count(k)]
    return " · ".join(parts)


def table(roster: list[store.Student], now: float, T: dict, lang_params: dict) -> pd.DataFrame:
    """One row per student, in the teacher's language; the last column opens the run."""
    rows = []
    for s in roster:
        r = s.report
        rows.append({
            T["col_nickname"]: s.nickname,
            T["col_state"]: T["state_" + state_of(s, now)],
            T["col_shape"]: r.shape if r else "",
            T["col_weights"]: r.weights if r else None,
            T["col_epoch"]: r.epoch if r else None,
            T["col_train_loss"]: r.train_loss if r else None,
            T["col_test_loss"]: r.test_loss if r else None,
            T["col_test_accuracy"]: r.test_accuracy if r else None,
            T["col_diagnosis"]: T["diagnosis"].get(r.diagnosis, "") if r else "",
            T["col_open"]: teacher.playground_link(r.settings, lang_params) if r else None,
        })
    return pd.DataFrame(rows, columns=[T[c] for c in COLUMNS])


COLUMNS = ["col_nickname", "col_state", "col_shape", "col_weights", "col_epoch",
           "col_train_loss", "col_test_loss", "col_test_accuracy", "col_diagnosis",
           "col_open"]


def leaderboard_html(places: list[store.Place], challenge: str, T: dict) -> str:
    """The challenge's best entries as a table in large type (it is read off a projector):
    place, nickname (as text), score, network, epoch."""
    head = "".join(f"<th>{html.escape(T[c])}</th>" for c in
                   ("col_place", "col_nickname", "col_score", "col_shape", "col_epoch"))
    rows = "".join(
        f"<tr><td>{i}</td><td>{html.escape(p.nickname)}</td>"
        f"<td>{html.escape(teacher.score_text(challenge, p.score, T))}</td>"
        f"<td>{html.escape(p.shape or '')}</td><td>{p.epoch:,}</td></tr>"
        for i, p in enumerate(places, start=1))
    return (f'<table class="np-class-leaderboard" style="font-size:clamp(14px,1.4vw,20px);'
            f'border-collapse:collapse;min-width:60%">'
            f'<thead style="text-align:left">{head}</thead><tbody>{rows}</tbody></table>'
            '<style>.np-class-leaderboard td,.np-class-leaderboard th{padding:4px 14px;'
            'border-bottom:1px solid #ddd}</style>')


def thumbnails_html(roster: list[store.Student], now: float, T: dict,
                    size: int = THUMBNAIL_PX) -> str:
    """Every student's decision region, ``size`` pixels wide, their nickname (as text)
    and state under it."""
    cells = []
    for s in roster:
        r = s.report
        if r is None or not r.thumbnail:
            picture = f'<div style="width:{size}px;height:{size}px;background:#eee"></div>'
        else:
            uri = "data:image/png;base64," + base64.b64encode(r.thumbnail).decode()
            picture = (f'<img src="{uri}" alt="" width="{size}" height="{size}" '
                       f'style="display:block">')
        cells.append(
            f'<figure style="margin:0;width:{size}px">{picture}'
            f'<figcaption style="font-size:12px;overflow:hidden;text-overflow:ellipsis;'
            f'white-space:nowrap">{html.escape(s.nickname)}<br>'
            f'<span style="color:#666">{html.escape(T["state_" + state_of(s, now)])}'
            f'</span></figcaption></figure>')
    return ('<div class="np-class-thumbnails" style="display:flex;flex-wrap:wrap;'
            f'gap:10px">{"".join(cells)}</div>')


def nicknames_html(roster: list[store.Student]) -> str:
    """Who has joined, nicknames only (as text): the projector's student-safe view."""
    names = "".join(f'<span style="padding:2px 10px;border-radius:12px;background:#eef">'
                    f'{html.escape(s.nickname)}</span>' for s in roster)
    return ('<div class="np-class-nicknames" style="display:flex;flex-wrap:wrap;gap:8px;'
            f'font-size:18px">{names}</div>')


def curves_chart(roster: list[store.Student], T: dict) -> curves.Chart:
    """Every student's test loss (train loss where there is no test set) over epochs."""
    series = []
    for i, s in enumerate(r for r in roster if r.report and r.report.curve):
        points = np.array([(e, test if test is not None else train)
                           for e, train, test in s.report.curve], dtype=float)
        series.append(curves.Series(s.nickname, points[:, 0], points[:, 1],
                                    curves.LAYER_COLORS[i % len(curves.LAYER_COLORS)]))
    return curves.Chart(T["curves_title"], series, x_title=T["epoch"], log_y=True)


LEGEND_MOST = 8  # more students than this: no legend (thirty names would fill a screen)


def curves_html(roster: list[store.Student], T: dict, width: int | None = None) -> str:
    """The class's curves, at most ``width`` pixels wide (None: as wide as the column)."""
    chart = curves_chart(roster, T)
    out = svg_chart.to_html(chart, legend=len(chart.series) <= LEGEND_MOST)
    return f'<div style="max-width:{width}px">{out}</div>' if width else out


def now() -> float:
    return time.time()
