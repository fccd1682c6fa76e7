"""The room of the lesson "Loss and gradient descent": its three sections' controls,
numbers and pictures. All maths from core (core/surfaces.py over core/losses.py and
core/optimizers.py); all pictures from figures/descent.py; all text from the catalogue."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core import optimizers, surfaces
from core.activations import sigmoid
from figures import descent as fig

from . import charts, predict
from .lesson import common

PAGE = "descent"
OPTIMIZERS = ("sgd", "momentum", "adam")
LEARNING_RATES = (1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
SURFACES = ("line", "logistic", "logistic_mse", "saddle", "ravine")
ARROWS = ("gradient", "velocity", "m_hat", "adam_step")
NONE = "none"  # the prediction's choice "none of them reaches the minimum"
STEPS = (10, 500, 100)  # min, max, default
Z_RANGE = (-8.0, 8.0)
CURVE_Z = np.linspace(*Z_RANGE, 321)
# the loss chart's height: cross-entropy at the slider's ends is -log(sigma(-8)) = 8.0003,
# so the marker stays on the chart for every z (a range of 5 hid it below z = -5)
LOSS_RANGE = (0.0, 8.5)
ARROW_COLORS = {"gradient": None, "velocity": fig.OPTIMIZER_COLORS["momentum"],
                "m_hat": fig.OPTIMIZER_COLORS["adam"], "adam_step": "#e6a700"}


def key(name: str) -> str:
    return f"{PAGE}.{name}"


def number(v: float) -> str:
    """A number as the page shows it: three decimals, or scientific when large or tiny."""
    if not np.isfinite(v):
        return "—"
    if v != 0 and (abs(v) >= 1e5 or abs(v) < 1e-3):
        return f"{v:.3e}"
    return f"{v:.3f}"


def pair(v) -> str:
    return "—" if v is None else f"({number(v[0])}, {number(v[1])})"


# --- 1. squared error or cross-entropy for a sigmoid output ------------------------------------
@st.cache_data(show_spinner=False)
def _curves(y: int) -> dict:
    return surfaces.sigmoid_output_losses(CURVE_Z, y)


@st.fragment
def loss_choice(T: dict) -> None:
    """Target and z controls, the two curves pictures, and the numbers at the chosen z."""
    controls = st.columns([1, 3])
    y = controls[0].radio(T["target_label"], (1, 0), key=key("target"), horizontal=True,
                          help=T["target_help"])
    z = controls[1].slider(T["z_label"], *Z_RANGE, -4.0, 0.1, key=key("z"), help=T["z_help"])
    here = surfaces.sigmoid_output_losses([z], y)
    a = float(sigmoid(np.array(z)))
    curves = _curves(y)
    names = T["loss_names"]
    a_grid = sigmoid(CURVE_Z)
    ratio = abs(here["bce"][1][0]) / max(abs(here["mse"][1][0]), 1e-300)
    pictures = st.columns(2)
    pictures[0].markdown(f"**{T['fig_loss_title']}**")
    with pictures[1]:  # how much stronger: asked before the gradients show it
        show, answer = predict.before("descent.ratio", T["predict_ratio"].format(
            z=number(z), y=y), (y, z))
    charts.show(pictures[0], fig.lines(
        [fig.Curve(names[n], a_grid, curves[n][0], fig.LOSS_COLORS[n]) for n in curves],
        [fig.Marker(a, float(here[n][0][0]), fig.LOSS_COLORS[n], number(here[n][0][0]))
         for n in here],
        "", T["fig_loss_x"], T["fig_loss_y"], y_range=LOSS_RANGE),
        width="stretch", key=key("fig_loss"))
    if not show:
        return
    pictures[1].markdown(f"**{T['fig_grad_title']}**")
    charts.show(pictures[1], fig.lines(
        [fig.Curve(names[n], CURVE_Z, curves[n][1], fig.LOSS_COLORS[n]) for n in curves],
        [fig.Marker(z, float(here[n][1][0]), fig.LOSS_COLORS[n], number(here[n][1][0]))
         for n in here],
        "", T["fig_grad_x"], T["fig_grad_y"], y_range=(-1.1, 1.1)),
        width="stretch", key=key("fig_grad"))
    metrics = st.columns(5)
    metrics[0].metric(T["m_prediction"], number(a))
    metrics[1].metric(T["m_loss"].format(loss=names["mse"]), number(here["mse"][0][0]))
    metrics[2].metric(T["m_loss"].format(loss=names["bce"]), number(here["bce"][0][0]))
    metrics[3].metric(T["m_grad"].format(loss=names["mse"]), number(here["mse"][1][0]))
    metrics[4].metric(T["m_grad"].format(loss=names["bce"]), number(here["bce"][1][0]))
    # a = 1/2 (z = 0) is on neither side of the target
    text = T["undecided"] if z == 0 else T["wrong"] if abs(a - y) > 0.5 else T["right"]
    st.markdown(text.format(ratio=ratio, a=a, y=y))
    if answer is not None:
        predict.reveal_number(answer, ratio, "%.3g")


# --- 2. descending a surface --------------------------------------------------------------
@st.cache_data(show_spinner=False)
def _grid(name: str, three_d: bool):
    return surfaces.SURFACES[name].grid(41 if three_d else 81)


@st.cache_data(show_spinner=False, max_entries=200)
def _paths(name: str, shown: tuple[str, ...], start: tuple[float, float], lr: float,
           steps: int) -> dict:
    s = surfaces.SURFACES[name]
    return {o: surfaces.descend(s, o, start, lr, steps) for o in shown}


def _defaults(name: str) -> dict:
    s = surfaces.SURFACES[name]
    return {key(f"lr.{name}"): s.lr, key(f"start1.{name}"): s.start[0],
            key(f"start2.{name}"): s.start[1]}


def _reset(name: str) -> None:
    st.session_state.update(_defaults(name))


def _controls(T: dict):
    top = st.columns([2, 1, 2])
    name = top[0].selectbox(T["surface_label"], SURFACES, key=key("surface"),
                            format_func=T["surfaces"].get)
    three_d = top[1].radio(T["view_label"], ("contour", "3d"), key=key("view"),
                           format_func=T["views"].get, horizontal=True) == "3d"
    shown = top[2].pills(T["optimizers_label"], OPTIMIZERS, selection_mode="multi",
                         default=list(OPTIMIZERS), key=key("optimizers"),
                         format_func=T["optimizer_names"].get)
    s = surfaces.SURFACES[name]
    for k, v in _defaults(name).items():
        st.session_state.setdefault(k, v)
    st.caption(T["surface_about"][name])
    st.latex(s.formula)
    row = st.columns([3, 3, 3, 3, 2], vertical_alignment="bottom")
    lr = row[0].select_slider(T["lr_label"], LEARNING_RATES, key=key(f"lr.{name}"),
                              help=T["lr_help"])
    steps = row[1].slider(T["steps_label"], *STEPS, key=key("steps"), step=10,
                           help=T["steps_help"])
    starts = []
    for i in range(2):
        lo, hi = s.box[i]
        starts.append(row[2 + i].slider(T["start_label"].format(symbol=s.symbols[i]), lo, hi,
                                        key=key(f"start{i + 1}.{name}"), step=0.001,
                                        format="%.3f", help=T["start_help"]))
    row[4].button(T["reset"], key=key("reset"), on_click=_reset, args=(name,),
                  help=T["reset_help"], width="stretch")
    return s, three_d, list(shown or []), float(lr), int(steps), tuple(starts)


def _arrows(paths: dict, kinds: list[str], k: int) -> list[fig.Arrow]:
    """The arrows of step ``k`` (1-based): each vector drawn as the step it would make,
    -lr times itself, from the point the step left."""
    out = []
    for name, p in paths.items():
        if k > p.steps:
            continue
        start = p.theta[k - 1]
        vectors = {"gradient": p.grad[k - 1]}
        if p.velocity is not None:
            vectors["velocity"] = p.velocity[k - 1]
        if p.m_hat is not None:
            vectors["m_hat"] = p.m_hat[k - 1]
            vectors["adam_step"] = optimizers.Adam.direction(p.m_hat[k - 1], p.v_hat[k - 1])
        for kind in kinds:
            if kind in vectors:
                end = start - p.lr * vectors[kind]
                color = ARROW_COLORS[kind] or fig.OPTIMIZER_COLORS[name]
                out.append(fig.Arrow(tuple(start), tuple(end), color, dash=kind == "gradient"))
    return out


def _step_table(T: dict, paths: dict, k: int) -> pd.DataFrame:
    rows = []
    for name, p in paths.items():
        if k > p.steps:
            continue
        rows.append({
            T["col_optimizer"]: T["optimizer_names"][name],
            T["col_from"]: pair(p.theta[k - 1]),
            T["col_gradient"]: pair(p.grad[k - 1]),
            T["col_velocity"]: pair(None if p.velocity is None else p.velocity[k - 1]),
            T["col_m_hat"]: pair(None if p.m_hat is None else p.m_hat[k - 1]),
            T["col_v_hat"]: pair(None if p.v_hat is None else p.v_hat[k - 1]),
            T["col_to"]: pair(p.theta[k]),
        })
    return pd.DataFrame(rows)


def _surface(T: dict, s, three_d: bool, start, lines: list, arrows: list) -> None:
    """The surface, its start and minimum, and the paths ``lines`` drawn on it."""
    t1, t2, L = _grid(s.name, three_d)
    st.markdown(f"**{T['fig_surface_title'].format(surface=T['surfaces'][s.name])}**")
    labels = fig.SurfaceLabels(
        "", s.symbols[0],
        s.symbols[1], T["fig_loss"], T["fig_start"], T["fig_minimum"], T["fig_step"], "▶",
        "❚❚")
    charts.show(st, fig.surface(t1, t2, L, s.minimum[1], lines, start, s.minimum[0], labels,
                                three_d=three_d, arrows=arrows),
                width="stretch", key=key("fig_surface"))


def _verdicts(T: dict, s, paths: dict) -> None:
    lowest = s.minimum[1]
    rows, worst = [], []
    for name, p in paths.items():
        v = surfaces.verdict(p, lowest)
        worst.append(v)
        line = T["verdict_line"].format(name=T["optimizer_names"][name],
                                        verdict=T["verdicts"][v], loss=number(p.loss[-1]),
                                        steps=p.steps)
        if p.diverged:
            line += " " + T["cut_note"]
        rows.append((v, line))
    box = {"diverged": st.error, "oscillates": st.warning, "stalled": st.warning,
           "crawls": st.info, "reached": st.success}
    order = surfaces.VERDICTS[::-1]  # the most alarming first decides the box
    top = min(worst, key=order.index) if worst else "reached"
    box[top]("\n\n".join(line for _, line in rows))


@st.fragment
def descent(T: dict) -> None:
    """The surface section: controls, start numbers, the picture with the paths, verdicts,
    the loss gap per step, and one step's vectors."""
    s, three_d, shown, lr, steps, start = _controls(T)
    st.session_state.setdefault(key("inspect"), 1)
    g0 = s.gradient(np.array(start))
    numbers = st.columns(3)
    numbers[0].metric(T["m_start_loss"], number(float(s.value(np.array(start)))))
    for i in range(2):
        numbers[1 + i].metric(T["m_start_grad"].format(symbol=s.symbols[i]), number(g0[i]))
    paths = _paths(s.name, tuple(o for o in OPTIMIZERS if o in shown), start, lr, steps)
    answer, options = None, {**{o: T["optimizer_names"][o] for o in paths},
                             NONE: T["predict_none"].format(steps=steps)}
    if paths:  # which reaches the minimum first: asked before the paths are drawn
        show, answer = predict.before(
            "descent.first", T["predict_first"].format(lr=lr, steps=steps),
            (s.name, lr, steps, start, tuple(paths)), options)
        if not show:
            _surface(T, s, three_d, start, [], [])
            return
    n_taken = max((p.steps for p in paths.values()), default=0)
    kinds = st.pills(T["arrows_label"], ARROWS, selection_mode="multi",
                               default=["gradient"], key=key("arrows"),
                               format_func=T["arrow_names"].get, help=T["arrows_help"])
    k = 1
    if n_taken > 1:
        inspect = key("inspect")
        if st.session_state.get(inspect, 1) > n_taken:  # fewer steps now (a run diverged)
            st.session_state[inspect] = n_taken
        k = st.slider(T["inspect_label"], 1, n_taken, key=inspect)
    lines = [fig.PathLine(T["optimizer_names"][o], p.theta, p.loss, fig.OPTIMIZER_COLORS[o])
             for o, p in paths.items()]
    arrows = _arrows(paths, list(kinds or []), k) if n_taken else []
    _surface(T, s, three_d, start, lines, arrows)
    if not paths:
        st.info(T["none_selected"])
        return
    st.caption(T["arrows_3d_note"] if three_d else T["arrows_note"])
    _verdicts(T, s, paths)
    if answer is not None:
        first = surfaces.first_to_reach(paths, s.minimum[1])
        shown_text = (T["predict_first_shown"].format(
            names=common()["list_and"].join(options[o] for o in first),
            k=surfaces.reached_at(paths[first[0]], s.minimum[1])) if first else
            T["predict_none_shown"].format(steps=steps))
        predict.reveal_choice(answer, first or (NONE,), options, shown_text)
    st.markdown(f"**{T['fig_gap_title']}**")
    charts.show(st, fig.gaps(lines, s.minimum[1], "", T["fig_gap_x"],
                             T["fig_gap_y"]), width="stretch", key=key("fig_gap"))
    if n_taken:
        st.markdown(T["step_caption"].format(k=k, lr=lr))
        st.table(_step_table(T, paths, k), hide_index=True)


# --- 3. convex or not ----------------------------------------------------------------------
@st.cache_data(show_spinner=False)
def _bends(name: str) -> float:
    return surfaces.bends_down_share(surfaces.SURFACES[name])


@st.cache_data(show_spinner=False)
def _slice(name: str, b: float):
    s = surfaces.SURFACES[name]
    w = np.linspace(*s.box[0], 201)
    return w, s.value(np.stack([w, np.full_like(w, b)], axis=-1))


@st.fragment
def convexity(T: dict) -> None:
    """The logistic model's two losses side by side in 3-D, the share of each surface
    that curves downward, and one slice through both."""
    pictures = st.columns(2)
    for col, name in zip(pictures, ("logistic", "logistic_mse")):
        s = surfaces.SURFACES[name]
        t1, t2, L = _grid(name, True)
        col.markdown(f"**{T['surfaces'][name]}**")
        labels = fig.SurfaceLabels("", "w", "b", T["fig_loss"], T["fig_start"],
                                   T["fig_minimum"], T["fig_step"], "▶", "❚❚")
        charts.show(col, fig.surface(t1, t2, L, s.minimum[1], [], s.start, s.minimum[0],
                                     labels, three_d=True, height=400, marks=False),
                         width="stretch", key=key(f"fig_convex.{name}"))
        col.metric(T["m_bends"], f"{100 * _bends(name):.0f} %", help=T["m_bends_help"])
    b = surfaces.SURFACES["logistic"].minimum[0][1]
    curves = []
    for name in ("logistic", "logistic_mse"):
        w, values = _slice(name, b)
        color = fig.LOSS_COLORS["bce" if name == "logistic" else "mse"]
        curves.append(fig.Curve(T["surfaces"][name], w, values, color))
    st.markdown(f"**{T['fig_slice_title'].format(b=b)}**")
    charts.show(st, fig.lines(curves, [], "", "w",
                              T["fig_loss"]), width="stretch", key=key("fig_slice"))
