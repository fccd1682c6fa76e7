"""The activation-functions lesson's room: its four sections (each: controls, pictures,
numbers), the checks that turn any typed value into one the maths can take, and the
cached training of the linear and tanh networks.

The maths is in core (``core.activations``, ``core.nonlinearity``, ``core.experiment``);
the pictures in ``figures.activations``. The clamping helpers are plain functions
returning (value, messages) so they are tested without Streamlit.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from core import Config, build, nonlinearity
from core import activations as acts
from core import region as core_region
from figures import activations as fig

from . import charts, predict

NS = "activations."
CHART_CONFIG = {"displayModeBar": False}

# --- limits for what a learner may type ---------------------------------------------------
MAX_Z = 1e6  # the curves' range and the probe z
DEFAULT_RANGE = (-6.0, 6.0)
CURVE_POINTS = 801
MAX_SOFTMAX_Z = 1e9
DEFAULT_SOFTMAX_Z = (2.0, 1.0, 0.1, -1.0, 0.5, 3.0)
TEMPERATURES = (0.0, 0.01, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0, 1000.0, 1e6)
TEMPERATURE_AXIS = np.logspace(-2, 3, 121)
MAX_DEPTH = 60
PRODUCT_ACTIVATIONS = ("sigmoid", "tanh", "relu")
FIT = {"samples": 300, "noise": 0.05, "epochs": 300, "lr": 0.03, "resolution": 60}
MEASURED = {"samples": 200, "width": 8}
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

# a 5 x 5 matrix is wider than a phone: it scrolls sideways instead of being cut off
WIDE_FORMULAS_SCROLL = ("<style>.katex-display { overflow-x: auto; overflow-y: hidden; "
                        "padding: 2px 0; }</style>")
Messages = list[tuple[str, dict]]  # (catalogue key, format fields)


# --- turning typed values into usable ones (pure) ----------------------------------------
def clamp(value: float, limit: float, default: float) -> tuple[float, Messages]:
    """``value`` within [-limit, limit]; a non-finite value becomes ``default``."""
    if value is None or not np.isfinite(value):
        return default, [("note_not_a_number", {"value": default})]
    if abs(value) > limit:
        clamped = float(np.sign(value) * limit)
        return clamped, [("note_clamped", {"value": value, "limit": limit})]
    return float(value), []


def z_range(lo: float, hi: float) -> tuple[float, float, Messages]:
    """A drawable range from two typed ends: clamped to ±MAX_Z, put in order, and widened
    by 1 on each side when both ends are equal."""
    lo, m1 = clamp(lo, MAX_Z, DEFAULT_RANGE[0])
    hi, m2 = clamp(hi, MAX_Z, DEFAULT_RANGE[1])
    notes = m1 + m2
    if lo > hi:
        lo, hi = hi, lo
        notes.append(("note_swapped", {"lo": lo, "hi": hi}))
    if lo == hi:
        lo, hi = lo - 1.0, hi + 1.0
        notes.append(("note_widened", {"lo": lo, "hi": hi}))
    return lo, hi, notes


def softmax_inputs(values: list[float]) -> tuple[np.ndarray, Messages]:
    """The typed z vector, each entry clamped to ±MAX_SOFTMAX_Z."""
    out, notes = [], []
    for v in values:
        v, m = clamp(v, MAX_SOFTMAX_Z, 0.0)
        out.append(v)
        notes += m
    return np.array(out), notes


def number(v: float) -> str:
    """A number as the page prints it: 4 significant digits, no '-0'."""
    v = float(v)
    return "0" if v == 0 else f"{v:.4g}"


def probability(p: float) -> str:
    """A probability with the 4 decimals of the bars and the largest-probability metric;
    one too small for them (but not 0) in powers of ten, so it never reads as 0."""
    p = float(p)
    return f"{p:.4f}" if p == 0 or p >= 5e-5 else f"{p:.1e}"


def zones_text(zones: list[tuple[float, float]], none: str) -> str:
    return " ∪ ".join(f"[{number(a)}, {number(b)}]" for a, b in zones) or none


def _show(notes: Messages, T: dict) -> None:
    for key, fields in notes:
        st.info(T[key].format(**fields), icon="ℹ️")


def _chart(figure: dict, key: str) -> None:
    charts.show(st, figure, width="stretch", config=CHART_CONFIG, key=NS + key)


# --- 1. every activation and its derivative ---------------------------------------------
@st.fragment  # a change here redraws this section only
def curves_section(T: dict) -> None:
    c1, c2, c3 = st.columns(3)
    lo = c1.number_input(T["z_from"], value=DEFAULT_RANGE[0], step=1.0, key=NS + "z_lo")
    hi = c2.number_input(T["z_to"], value=DEFAULT_RANGE[1], step=1.0, key=NS + "z_hi")
    probe = c3.number_input(T["probe"], value=1.0, step=0.5, key=NS + "probe")
    shade = st.toggle(T["shade"], value=True, key=NS + "shade")
    lo, hi, notes = z_range(lo, hi)
    probe, probe_notes = clamp(probe, MAX_Z, 1.0)
    _show(notes + probe_notes, T)

    z = nonlinearity.sample_points(lo, hi, CURVE_POINTS)
    rows = []
    for i, name in enumerate(acts.ACTIVATIONS):
        if i % 3 == 0:  # a row of three (a phone stacks them in reading order)
            cols = st.columns(3)
        a, da = nonlinearity.curves(name, z)
        pa, pda = (float(v[0]) for v in nonlinearity.curves(name, np.array([probe])))
        zones = nonlinearity.saturation_zones(name, lo, hi)
        shown = (probe, pa, pda) if lo <= probe <= hi else None
        figure = fig.activation_figure(z, a, da, zones if shade else [], T["act_names"][name],
                                       (T["g_name"], T["dg_name"]), shown)
        figure["layout"]["xaxis"]["range"] = [lo, hi]
        with cols[i % 3]:
            _chart(figure, f"curve_{name}")
        rows.append({
            T["col_activation"]: T["act_names"][name],
            T["col_g"].format(z=number(probe)): number(pa),
            T["col_dg"].format(z=number(probe)): number(pda),
            T["col_peak"]: number(nonlinearity.derivative_peak(name)),
            T["col_zones"]: zones_text(zones, T["zones_none"]),
            T["col_can_die"]: T["yes"] if acts.ACTIVATIONS[name].can_die else T["no"],
        })
    st.markdown(T["table_caption"].format(share=f"{nonlinearity.SATURATION_SHARE:.0%}"))
    st.table(rows)


# --- 2. softmax with a temperature ------------------------------------------------------
@st.fragment  # a change here redraws this section only
def softmax_section(T: dict) -> None:
    st.latex(r"p_k = \frac{e^{z_k / T}}{\sum_{j=1}^{K} e^{z_j / T}}")
    c1, c2 = st.columns([1, 3])
    k = int(c1.number_input(T["k"], min_value=2, max_value=len(DEFAULT_SOFTMAX_Z), value=3,
                            step=1, key=NS + "k"))
    temperature = c2.select_slider(T["temperature"], TEMPERATURES, value=1.0,
                                   format_func=lambda v: f"{v:g}", key=NS + "T")
    cols = st.columns(k)
    typed = [cols[i].number_input(f"z{i + 1}".translate(SUBSCRIPTS),
                                  value=DEFAULT_SOFTMAX_Z[i], step=0.5, key=f"{NS}z{i}")
             for i in range(k)]
    z, notes = softmax_inputs(typed)
    _show(notes, T)
    p = acts.softmax_temperature(z, temperature)
    if temperature == 0:
        st.info(T["t_zero"], icon="ℹ️")
    elif temperature >= 1e5:
        st.info(T["t_huge"].format(uniform=number(1 / k)), icon="ℹ️")

    labels = [f"p{i + 1}".translate(SUBSCRIPTS) for i in range(k)]
    m1, m2 = st.columns(2)
    m1.metric(T["sum_p"], f"{p.sum():.6f}")
    top = int(np.argmax(p))
    m2.metric(T["largest_p"], f"{labels[top]} = {p[top]:.4f}")
    c1, c2 = st.columns(2)
    with c1:
        _chart(fig.probabilities_figure(p, labels, T["probs_title"].format(T=f"{temperature:g}")),
               "probs")
    with c2:
        P = np.array([acts.softmax_temperature(z, t) for t in TEMPERATURE_AXIS])
        _chart(fig.temperature_figure(TEMPERATURE_AXIS, P, labels, T["temp_title"],
                                      T["temp_axis"], temperature or None), "temps")
    st.table([{T["col_k"]: i + 1, "z": number(z[i]), "p": probability(p[i])} for i in range(k)])


# --- 3. why non-linearity: collapse and the circles -------------------------------------
@st.cache_data(max_entries=64, show_spinner=False)
def fit_pair(hidden: tuple[int, ...], seed: int) -> dict:
    """Train the same shape with linear and with tanh hidden layers on the circles (core's
    Config/build/Trainer), and keep what the page shows: weights, test accuracy, the
    region, and the output layer's z for every point layer by layer."""
    out = {}
    for name in ("linear", "tanh"):
        config = Config(dataset="circles", samples=FIT["samples"], noise=FIT["noise"],
                        hidden=hidden, activation=name, optimizer="adam", lr=FIT["lr"],
                        batch_size=0, seed=seed)
        data, trainer = build(config)
        snap = trainer.measure()
        for snap in trainer.run(FIT["epochs"]):  # noqa: B007  (the last one is kept)
            pass
        net = trainer.network
        grid = core_region.make_grid(data.X, FIT["resolution"])
        net.forward(data.X)
        out[name] = {"W": [W.copy() for W in net.W], "b": [b.copy() for b in net.b],
                     "accuracy": snap.test_accuracy, "z_layers": net.Z[-1][:, 0].copy(),
                     "axis": grid.x1, "P": core_region.output(net, grid)[:, :, 0],
                     "X": data.X, "y": data.y}
    return out


def _matrix(M: np.ndarray, decimals: int = 3) -> str:
    M = np.atleast_2d(M)
    rows = r" \\ ".join(" & ".join(f"{v:.{decimals}f}" for v in row) for row in M)
    return r"\begin{bmatrix}" + rows + r"\end{bmatrix}"


def matrices_per_row(units: int) -> int:
    """How many trained matrices share a row: a matrix of ``units`` columns must fit its
    column at 1280 px (three 3-column matrices in a row were cut off), and a phone stacks
    them anyway."""
    return 3 if units <= 2 else 2 if units <= 4 else 1


@st.fragment  # a change here redraws this section only
def nonlinearity_section(T: dict) -> None:
    """The controls, the linear network multiplied out, and the linear-vs-tanh fit."""
    hidden, seed = collapse_controls(T)
    collapse_section(T, hidden, seed)
    st.subheader(T["fit_header"])
    st.markdown(T["fit_intro"])
    fit_section(T, hidden, seed)


def collapse_controls(T: dict) -> tuple[tuple[int, ...], int]:
    c1, c2, c3 = st.columns(3)
    layers = c1.slider(T["layers"], 0, 4, 2, key=NS + "layers")
    units = c2.slider(T["units"], 1, 5, 3, key=NS + "units")
    seed = int(c3.number_input(T["seed"], min_value=0, max_value=9999, value=0, step=1,
                               key=NS + "seed"))
    return (units,) * layers, seed


def collapse_section(T: dict, hidden: tuple[int, ...], seed: int) -> None:
    linear = fit_pair(hidden, seed)["linear"]
    W, b = linear["W"], linear["b"]
    W_one, b_one = nonlinearity.collapse(W, b)
    L = len(W)
    if L == 1:
        st.info(T["one_layer_already"], icon="ℹ️")
    units = max(hidden, default=1)
    decimals = 3 if units <= 3 else 2  # 5 columns of 3 decimals overflow a phone
    st.html(WIDE_FORMULAS_SCROLL)
    if L > 1:  # each trained matrix on its own (narrow screens stack them)
        per_row = min(L, matrices_per_row(units))
        for first in range(0, L, per_row):
            for col, l in zip(st.columns(per_row), range(first + 1, min(first + per_row, L) + 1)):
                with col:
                    st.latex(rf"W^{{[{l}]}} = {_matrix(W[l - 1], decimals)}")
    names = " ".join(f"W^{{[{l}]}}" for l in range(1, L + 1))
    st.latex(rf"W = {names} = {_matrix(W_one)}")
    st.latex(rf"b = {_bias_formula(L)} = {_matrix(b_one[None, :])}")
    X = linear["X"]
    z_one = nonlinearity.one_layer(X, W, b)[:, 0]
    x = X[0]
    diff = float(np.max(np.abs(linear["z_layers"] - z_one)))
    c1, c2, c3 = st.columns(3)
    c1.metric(T["z_layers"].format(x1=f"{x[0]:.2f}", x2=f"{x[1]:.2f}", L=L),
              f"{linear['z_layers'][0]:.6f}")
    c2.metric(T["z_one"].format(x1=f"{x[0]:.2f}", x2=f"{x[1]:.2f}"), f"{z_one[0]:.6f}")
    c3.metric(T["max_diff"].format(n=len(X)), f"{diff:.1e}")


def _bias_formula(L: int) -> str:
    """b[1] W[2] ... W[L] + b[2] W[3] ... W[L] + ... + b[L], in LaTeX; written as a sum
    from four layers on, where the terms one by one would run off a phone's screen."""
    if L > 3:
        return (r"\sum_{l=1}^{" + str(L) + r"} b^{[l]}\, W^{[l+1]} \cdots W^{[" + str(L)
                + "]}")
    terms = []
    for l in range(1, L + 1):
        terms.append(f"b^{{[{l}]}}" + "".join(f"W^{{[{m}]}}" for m in range(l + 1, L + 1)))
    return " + ".join(terms)


def fit_section(T: dict, hidden: tuple[int, ...], seed: int) -> None:
    pair = fit_pair(hidden, seed)
    if not hidden:
        st.info(T["no_hidden"], icon="ℹ️")
    shape = "-".join(str(s) for s in [2, *hidden, 1])
    question = T["predict_linear"].format(shape=shape)
    show, answer = predict.before("activations.linear", question, (hidden, seed),
                                  number_format="%.0f", limits=(0.0, 100.0))
    if not show:
        return
    cols = st.columns(2)
    for col, name in zip(cols, ("linear", "tanh")):
        run = pair[name]
        title = T["region_title"].format(act=T["act_names"][name], shape=shape,
                                         acc=f"{run['accuracy']:.0%}")
        with col:
            _chart(fig.region_figure(run["axis"], run["P"], run["X"], run["y"], title,
                                     (T["hover_p"], T["hover_class"])), f"region_{name}")
    st.caption(T["fit_caption"].format(n=FIT["samples"], epochs=FIT["epochs"], lr=FIT["lr"]))
    linear, tanh = pair["linear"]["accuracy"], pair["tanh"]["accuracy"]
    if answer is not None:
        predict.reveal_number(answer, round(linear * 100, 1), "%.3g")
    st.markdown(T["fit_said"].format(shape=shape, linear=f"{linear:.0%}", tanh=f"{tanh:.0%}"))


# --- 4. vanishing gradients -------------------------------------------------------------
@st.cache_data(max_entries=64, show_spinner=False)
def measured_gradients(depth: int, seed: int) -> dict[str, list[float]]:
    """||dJ/dW[l]|| per layer (hidden layers then output) of a fresh network with
    ``depth`` hidden layers of 8 units on the circles, at its initial weights (core's
    Trainer.measure), for each activation of the product chart."""
    out = {}
    for name in PRODUCT_ACTIVATIONS:
        config = Config(dataset="circles", samples=MEASURED["samples"],
                        hidden=(MEASURED["width"],) * depth, activation=name, seed=seed)
        _, trainer = build(config)
        out[name] = [layer.grad_norm_W for layer in trainer.measure().layers]
    return out


@st.fragment  # a change here redraws this section only
def vanishing_section(T: dict) -> None:
    st.latex(r"\frac{\partial J}{\partial z^{[1]}} \propto "
             r"g'(z^{[1]})\, g'(z^{[2]}) \cdots g'(z^{[L]})")
    c1, c2 = st.columns(2)
    depth = c1.slider(T["depth"], 0, MAX_DEPTH, 10, key=NS + "depth")
    z = c2.slider(T["path_z"], -4.0, 4.0, 0.5, step=0.1, key=NS + "path_z")
    names = {n: T["act_names"][n] for n in PRODUCT_ACTIVATIONS}
    logs = {n: nonlinearity.log10_derivative_products(n, z, MAX_DEPTH) for n in names}
    if depth == 0:
        st.info(T["depth_zero"], icon="ℹ️")
    dead = [names[n] for n in names if not np.isfinite(logs[n][-1])]
    note = T["dead_note"].format(names=", ".join(dead)) if dead else ""
    _chart(fig.product_figure(np.arange(MAX_DEPTH + 1), logs, names,
                              T["product_title"].format(z=number(z)), T["depth_axis"],
                              T["product_axis"], depth, note), "product")
    st.table([{T["col_activation"]: names[n],
               T["col_dg"].format(z=number(z)): number(nonlinearity.curves(n, np.array([z]))[1][0]),
               T["col_product"].format(L=depth): fig.power_text(logs[n][depth])}
              for n in names])

    st.subheader(T["measured_header"])
    st.markdown(T["measured_intro"])
    real_depth = min(depth, 16)
    if real_depth != depth:
        st.info(T["measured_capped"].format(n=real_depth), icon="ℹ️")
    norms = measured_gradients(real_depth, 0)
    answer = None
    if real_depth >= 1:  # with no hidden layer, layer 1 is the output layer: nothing to ask
        question = T["predict_survives"].format(n=real_depth, w=MEASURED["width"])
        show, answer = predict.before("activations.survives", question, (real_depth,), names)
        if not show:
            return
    _chart(fig.layer_gradients_figure(norms, names,
                                      T["measured_title"].format(n=real_depth,
                                                                 w=MEASURED["width"]),
                                      T["layer_axis"], T["grad_axis"]), "measured")
    st.table([{T["col_activation"]: names[n], T["col_first"]: size(norms[n][0]),
               T["col_last"]: size(norms[n][-1]),
               T["col_ratio"]: _ratio(norms[n][0], norms[n][-1])} for n in names])
    if answer is not None:
        best = survives_best(norms)
        predict.reveal_choice(answer, best, names, T["predict_survives_shown"].format(
            name=names[best[0]], ratio=_ratio(norms[best[0]][0], norms[best[0]][-1])))


def survives_best(norms: dict[str, list[float]]) -> tuple[str, ...]:
    """The activations whose gradient keeps the largest share from the output layer down
    to layer 1 (the largest ratio ||dJ/dW[1]|| / ||dJ/dW[L]||; several when they tie)."""
    ratios = {n: (v[0] / v[-1] if v[-1] > 0 else 0.0) for n, v in norms.items()}
    top = max(ratios.values())
    return tuple(n for n, r in ratios.items() if r >= top * (1 - 1e-12))


def size(v: float) -> str:
    """A gradient size or a ratio of two: 3 significant digits, powers of ten only when
    small or large (0.259 and 1.23, not 2.59e-01 and 1.23e+00)."""
    return f"{float(v):.3g}"


def _ratio(first: float, last: float) -> str:
    return size(first / last) if last > 0 else "—"
