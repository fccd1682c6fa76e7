"""Lesson 1, One neuron: its session state, controls and pictures (pages/neuron.py reads
them top to bottom).

State (namespaced ``neuron.``): ``neuron.values`` holds what the learner set (w1, w2, b,
spread, loss, learning rate, steps) and outlives the widgets, which Streamlit forgets when
another page is shown; ``neuron.seed`` draws the points; ``neuron.path`` is the last fit
(a ``core.neuron.Path``, dropped when the points change). Every number comes from
``core.neuron``, which runs the engine's Network: nothing here computes a loss or a
gradient.
"""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

from core import experiment
from core import neuron as core_neuron
from core.activations import sigmoid
from figures import neuron as draw

from . import charts, predict

# --- what the learner can set, and its limits ---------------------------------------------
PARAMS = ("w1", "w2", "b")
LIMIT = 6.0  # every slider runs from -LIMIT to LIMIT
FIRST_GUESS = {"w1": 1.0, "w2": -0.5, "b": 0.5}
CONFIDENTLY_WRONG = {"w1": 3.0, "w2": 3.0, "b": 0.0}
LR_OPTIONS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
STEP_OPTIONS = (10, 20, 50, 100, 200, 500)
DEFAULTS = {**FIRST_GUESS, "noise": 0.3, "loss": "bce", "lr": 0.3, "steps": 100}
SAMPLES = 200
NUDGE = 0.001  # the small change of w1 in the perceptron section
GRID = 61  # points per side of the output picture
LANDSCAPE_GRID = 31  # points per side of the cost landscape (0.4 apart: smooth enough)
CURVE_POINTS = 801  # w1 values of the perceptron/sigmoid comparison
ZOOM = 0.5  # ... which runs from w1 - ZOOM to w1 + ZOOM

VALUES, SEED, PATH = "neuron.values", "neuron.seed", "neuron.path"
FIT_FROM = "neuron.fit_from"  # the situation the last fit started from (predict.py)
NOTES, FIT_NOTES = "neuron.notes", "neuron.fit_notes"
LAST, DELTA = "neuron.last", "neuron.delta"


def _widget(name: str) -> str:
    return f"neuron.w_{name}"


# --- state ------------------------------------------------------------------------------
def start() -> None:
    """First visit: the defaults, with w1, w2 and b from the link where it has them
    (clamped, with a note). Every visit: widgets get back what the learner had set."""
    state = st.session_state
    if VALUES not in state:
        state[VALUES], state[NOTES] = from_link(dict(st.query_params))
        state[SEED], state[PATH] = 0, None
    for name, value in state[VALUES].items():
        if _widget(name) not in state:
            state[_widget(name)] = value


def from_link(query: dict[str, str]) -> tuple[dict, list[tuple]]:
    """The starting values with those the link carries: out-of-range numbers are
    clamped and junk ignored, each with a note ``("clamped", name, value, lo, hi, used)``
    or ``("junk", name, text)``."""
    values, notes = dict(DEFAULTS), []
    lo, hi = -LIMIT, LIMIT
    for name in PARAMS:
        if name not in query:
            continue
        try:
            value = float(query[name])
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            notes.append(("junk", name, str(query[name])[:40]))
            continue
        used = min(max(value, lo), hi)
        if used != value:
            notes.append(("clamped", name, value, lo, hi, used))
        values[name] = used
    return values, notes


def _set(**changes) -> None:
    """Change what the learner set, widgets included (only inside a callback)."""
    state = st.session_state
    for name, value in changes.items():
        state[VALUES][name] = value
        state[_widget(name)] = value


def _sync(name: str) -> None:
    st.session_state[VALUES][name] = st.session_state[_widget(name)]


def theta() -> tuple[float, float, float]:
    v = st.session_state[VALUES]
    return float(v["w1"]), float(v["w2"]), float(v["b"])


@st.cache_data(max_entries=32, show_spinner=False)
def _points(seed: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    config = experiment.Config(dataset="gaussians", samples=SAMPLES, noise=noise, seed=seed)
    data = experiment.make_data(config)
    return data.X, data.y


def points() -> tuple[np.ndarray, np.ndarray]:
    """The two Gaussian clouds: ``X`` ``(SAMPLES, 2)``, ``y`` ``(SAMPLES,)`` of 0/1."""
    return _points(int(st.session_state[SEED]), float(st.session_state[VALUES]["noise"]))


def extent(X: np.ndarray) -> float:
    """Half-width of the square the plane picture shows: at least the data sets' 6,
    more when the clouds spread further."""
    return max(6.0, math.ceil(float(np.abs(X).max()) * 1.05))


# --- callbacks --------------------------------------------------------------------------
def _on_weight(name: str) -> None:
    """A slider moved: the notes saying what the link or the last fit put on the sliders
    no longer describe them."""
    _sync(name)
    st.session_state[NOTES] = []
    st.session_state[FIT_NOTES] = []


def _drop_path() -> None:
    st.session_state[PATH] = None
    st.session_state[FIT_NOTES] = []


def _on_points_change() -> None:
    _sync("noise")
    _drop_path()


def _new_points() -> None:
    st.session_state[SEED] += 1
    _drop_path()


def _start_from(values: dict) -> None:
    _set(**values)
    _drop_path()
    st.session_state[NOTES] = []


def _fit() -> None:
    """Gradient descent from the current neuron; the sliders move to its end (clamped to
    their range, with a note)."""
    v = st.session_state[VALUES]
    X, y = points()
    path = core_neuron.descent_path(X, y, theta(), v["loss"], v["lr"], v["steps"])
    notes = []
    end = {}
    for name, value in zip(PARAMS, path.theta[-1]):
        used = min(max(float(value), -LIMIT), LIMIT)
        if used != value:
            notes.append((name, float(value), -LIMIT, LIMIT, used))
        end[name] = used
    st.session_state[FIT_FROM] = situation()
    _set(**end)
    st.session_state[PATH] = path
    st.session_state[FIT_NOTES] = notes


# --- numbers ----------------------------------------------------------------------------
def fmt(value: float) -> str:
    """A number as the page shows it: 4 decimals, or 3 significant digits when tiny or
    huge (a cost of 4.1e+06 after a weight of 1e6 still fits)."""
    if value == 0:
        return "0"
    if abs(value) >= 1e4 or abs(value) < 1e-3:
        return f"{value:.3g}"
    return f"{value:.4f}"


def signed(value: float) -> str | None:
    """A change as a metric's delta: "+0.0123" / "-0.0123", None when nothing changed."""
    if value == 0 or not math.isfinite(value):
        return None
    return ("+" if value > 0 else "") + fmt(value)


def formula(w1: float, w2: float, b: float) -> str:
    """LaTeX of the current neuron, e.g. z = 1.00 x_1 - 0.50 x_2 + 0.50, a = σ(z)."""
    def term(v: float) -> str:
        return f"{'-' if v < 0 else '+'} {abs(v):.2f}"
    # Unicode σ and plain spacing: KaTeX keeps its source as hidden text, and command
    # names such as \sigma would be English words in the text of the Chinese page.
    return f"z = {w1:.2f}\\;x_1 {term(w2)}\\;x_2 {term(b)}\\;\\;\\;\\;a = σ(z)"


def _changes(reading: core_neuron.Reading) -> dict[str, float]:
    """How much each cost (and the accuracy) changed since the neuron last moved."""
    state, now = st.session_state, theta()
    values = {**reading.cost, "accuracy": reading.accuracy}
    last = state.get(LAST)
    if last is None:
        state[DELTA] = {}
    elif last[0] != now:
        state[DELTA] = {k: values[k] - last[1][k] for k in values}
    state[LAST] = (now, values)
    return state.get(DELTA, {})


def notes(T: dict) -> None:
    """Notes about values from the link that were ignored or clamped."""
    for note in st.session_state.get(NOTES, []):
        if note[0] == "junk":
            text = T["link_junk"].format(name=note[1], value=note[2])
        else:
            _, name, value, lo, hi, used = note
            text = T["link_clamped"].format(name=name, value=value, lo=lo, hi=hi, used=used)
        st.warning(T["link_note"].format(note=text))


# --- section 1: the neuron and its line -------------------------------------------------
def weight_sliders(T: dict) -> None:
    """The sliders for w1, w2, b and the current formula."""
    st.latex(formula(*theta()))
    for name in PARAMS:
        st.slider(f"${name[0]}_{name[1]}$" if name != "b" else "$b$", -LIMIT, LIMIT,
                  step=0.01, format="%.2f", key=_widget(name), help=T[f"{name}_help"],
                  on_change=_on_weight, args=(name,))


def numbers(T: dict) -> core_neuron.Reading:
    """Both costs, the share of points on the right side and both gradients."""
    X, y = points()
    reading = core_neuron.read(X, y, theta())
    delta = _changes(reading)
    cols = st.columns(3)
    for col, loss in zip(cols, core_neuron.LOSSES):
        col.metric(T["cost_metric"].format(loss=T[loss]), fmt(reading.cost[loss]),
                   delta=signed(delta.get(loss, 0.0)), delta_color="inverse")
    change = delta.get("accuracy", 0.0)
    cols[2].metric(T["accuracy"], f"{reading.accuracy:.1%}",
                   delta=f"{change:+.1%}" if change else None)
    # one column per loss, so the two sit side by side and the table fits a phone
    names = [T[loss] for loss in core_neuron.LOSSES]
    rows = [f"| {T['gradient_table']} | " + " | ".join(names) + " |", "|:--|--:|--:|"]
    symbols = ["$J$", "$∂J/∂w_1$", "$∂J/∂w_2$", "$∂J/∂b$"]
    for i, symbol in enumerate(symbols):
        cells = [fmt(reading.cost[loss]) if i == 0 else fmt(reading.grad[loss][i - 1])
                 for loss in core_neuron.LOSSES]
        rows.append(f"| {symbol} | " + " | ".join(cells) + " |")
    st.markdown("\n".join(rows))
    st.caption(T["grad_caption"].format(n=len(y)))
    return reading


def data_controls(T: dict) -> None:
    cols = st.columns([3, 2], vertical_alignment="bottom")
    cols[0].slider(T["noise"], 0.0, 1.0, step=0.05, key=_widget("noise"),
                   help=T["noise_help"], on_change=_on_points_change)
    cols[1].button(T["new_points"], help=T["new_points_help"], on_click=_new_points,
                   width="stretch", key="neuron.new_points")


def plane_chart(T: dict) -> None:
    """The points over the neuron's output, with the line z = 0."""
    X, y = points()
    e = extent(X)
    grid = np.linspace(-e, e, GRID)
    a = core_neuron.surface(theta(), grid, grid)
    line = core_neuron.boundary(theta(), -e, e)
    labels = {k: T[k] for k in ("class0", "class1", "line", "colorbar", "start_line")}
    labels["title"] = T["plane_title"]
    path = st.session_state.get(PATH)
    start = None if path is None else core_neuron.boundary(path.theta[0], -e, e)
    charts.show(st, draw.plane(grid, grid, a, X, y, line, labels, start), width="stretch",
                    key="neuron.plane", config={"displayModeBar": False})
    if line is None:
        st.info(T["no_line"])


# --- section 2: fit ---------------------------------------------------------------------
def situation() -> tuple:
    """What a fit from here depends on: the neuron, the points, the loss and the settings."""
    v = st.session_state[VALUES]
    return (theta(), int(st.session_state[SEED]), v["noise"], v["loss"], v["lr"], v["steps"])


def direction(start: float, end: float) -> str:
    """Where J went over a fit: "same" within 1 %, else "lower" or "higher" (a run that
    blew up to infinity or NaN went higher)."""
    if not np.isfinite(end) or end > start * 1.01:
        return "higher"
    return "lower" if end < start * 0.99 else "same"


def fit_controls(T: dict) -> None:
    cols = st.columns([2, 3, 3])
    cols[0].radio(T["fit_loss"], core_neuron.LOSSES, format_func=lambda k: T[k],
                  key=_widget("loss"), on_change=_sync, args=("loss",))
    cols[1].select_slider(T["lr"], LR_OPTIONS, key=_widget("lr"), help=T["lr_help"],
                          format_func=lambda v: f"{v:g}", on_change=_sync, args=("lr",))
    cols[2].select_slider(T["steps"], STEP_OPTIONS, key=_widget("steps"),
                          on_change=_sync, args=("steps",))
    v = st.session_state[VALUES]
    predict.ask("neuron.fit", T["predict_fit"].format(steps=v["steps"], lr=v["lr"],
                                                      loss=T["in_text"][v["loss"]]),
                situation(), T["predict_fit_options"])
    buttons = st.columns(3)
    buttons[0].button(T["fit"], type="primary", help=T["fit_help"], on_click=_fit,
                      width="stretch", key="neuron.fit")
    buttons[1].button(T["reset"], help=T["reset_help"], on_click=_start_from,
                      args=(FIRST_GUESS,), width="stretch", key="neuron.reset")
    buttons[2].button(T["wrong"], help=T["wrong_help"], on_click=_start_from,
                      args=(CONFIDENTLY_WRONG,), width="stretch", key="neuron.wrong")


@st.cache_data(max_entries=64, show_spinner=False)
def _landscape(seed: int, noise: float, b: float, loss: str) -> np.ndarray:
    X, y = _points(seed, noise)
    w = np.linspace(-LIMIT, LIMIT, LANDSCAPE_GRID)
    return core_neuron.landscape(X, y, w, w, b, loss)


def fit_summary(T: dict) -> None:
    """What the last fit did, or how to start one."""
    path: core_neuron.Path | None = st.session_state.get(PATH)
    if path is None:
        st.info(T["no_path"])
        return
    end = path.theta[-1]
    st.markdown(T["path_summary"].format(
        steps=path.steps, loss=T["in_text"][path.loss], lr=path.lr,
        start=fmt(path.cost[path.loss][0]), end=fmt(path.cost[path.loss][-1]),
        w1=fmt(end[0]), w2=fmt(end[1]), b=fmt(end[2])))
    answer = predict.held("neuron.fit", st.session_state.get(FIT_FROM, ()))
    if answer is not None:
        cost = path.cost[path.loss]
        predict.reveal_choice(answer, direction(float(cost[0]), float(cost[-1])),
                              T["predict_fit_options"], T["predict_fit_shown"].format(
                                  start=fmt(cost[0]), end=fmt(cost[-1])))
    if path.stopped:
        st.warning(T["path_stopped"].format(steps=path.steps))
    if np.abs(path.theta[:, :2]).max() > LIMIT:
        st.warning(T["path_outside"].format(lr=path.lr))
    clamped = st.session_state.get(FIT_NOTES, [])
    if clamped:  # one note for all three numbers
        st.warning(T["fit_clamped"].format(
            ended=T["list_sep"].join(f"{name} = {value:.4g}" for name, value, *_ in clamped),
            shown=T["list_sep"].join(f"{name} = {used:g}" for name, *_, used in clamped),
            lo=-LIMIT, hi=LIMIT))


def fit_charts(T: dict) -> None:
    """Both cost landscapes over (w1, w2) at the current b, with the path of the last fit,
    and J at every step of it."""
    state, v = st.session_state, st.session_state[VALUES]
    path: core_neuron.Path | None = state.get(PATH)
    w1, w2, b = theta()
    w = np.linspace(-LIMIT, LIMIT, LANDSCAPE_GRID)
    labels = {k: T[k] for k in ("current", "path", "start", "end", "play", "step")}
    labels["colorbar"] = T["landscape_colorbar"]
    cols = st.columns(2)
    for col, loss in zip(cols, core_neuron.LOSSES):
        J = _landscape(int(state[SEED]), float(v["noise"]), b, loss)
        labels["title"] = T["landscape_title"].format(b=b, loss=T[loss])
        fig = draw.landscape(w, w, J, (w1, w2), None if path is None else path.theta[:, :2],
                             labels)
        charts.show(col, fig, width="stretch", key=f"neuron.landscape_{loss}",
                         config={"displayModeBar": False})
    if path is not None:
        fig = draw.cost_by_step(path.cost, {k: T[k] for k in core_neuron.LOSSES}, path.loss,
                                {"title": T["by_step_title"], "x": T["by_step_x"],
                                 "y": T["by_step_y"]})
        charts.show(st, fig, width="stretch", key="neuron.by_step",
                        config={"displayModeBar": False})


# --- section 3: the 0/1 perceptron ------------------------------------------------------
def perceptron_charts(T: dict) -> core_neuron.Nudge:
    """The step and the sigmoid against z, their squared error against w1, and what a
    nudge of w1 does to each."""
    X, y = points()
    w1, w2, b = theta()
    z = np.linspace(-6.0, 6.0, 241)
    names = {"perceptron": T["perceptron"], "sigmoid": T["sigmoid"]}
    # a close look around the current w1: wide enough for a few of the perceptron's steps
    near = np.linspace(w1 - ZOOM, w1 + ZOOM, CURVE_POINTS)
    curve = core_neuron.perceptron_and_sigmoid(X, y, near, w2, b)
    cols = st.columns(2)
    charts.show(
        cols[0], draw.step_and_sigmoid(z, core_neuron.step(z), sigmoid(z),
                                       {**names, "title": T["step_title"]}),
        width="stretch", key="neuron.step", config={"displayModeBar": False})
    nudge = core_neuron.nudge(X, y, (w1, w2, b), NUDGE)
    with cols[1]:  # which cost moves when w1 does: asked before the picture that shows it
        options = T["predict_nudge_options"]
        show, answer = predict.before("neuron.nudge", T["predict_nudge"].format(h=NUDGE),
                                      situation(), options)
    if not show:
        return nudge
    compare = {**names, "title": T["compare_title"].format(lo=w1 - ZOOM, hi=w1 + ZOOM),
               "current": T["compare_current"]}
    charts.show(
        cols[1], draw.perceptron_cost(curve.w1, curve.perceptron, curve.sigmoid, w1, compare),
        width="stretch", key="neuron.compare", config={"displayModeBar": False})
    st.markdown(T["nudge_intro"].format(h=NUDGE))
    cols = st.columns(4)
    cols[0].metric(T["nudge_perceptron"], fmt(nudge.change_perceptron))
    cols[1].metric(T["nudge_sigmoid"], fmt(nudge.change_sigmoid))
    cols[2].metric(T["slope_perceptron"], fmt(nudge.slope_perceptron))
    cols[3].metric(T["slope_sigmoid"], fmt(nudge.slope_sigmoid))
    if answer is not None:
        predict.reveal_choice(answer, which_moves(nudge), options, T["predict_nudge_shown"].format(
            perceptron=fmt(nudge.change_perceptron), sigmoid=fmt(nudge.change_sigmoid)))
    return nudge


def which_moves(nudge: core_neuron.Nudge) -> str:
    """Which unit's squared error a nudge of w1 changed: "sigmoid", "perceptron", "both"
    or "neither"."""
    moved = (nudge.change_perceptron != 0, nudge.change_sigmoid != 0)
    return {(False, True): "sigmoid", (True, False): "perceptron", (True, True): "both",
            (False, False): "neither"}[moved]
