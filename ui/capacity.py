"""The capacity lesson's room: a curve built from one hidden layer's units, deep against
wide at one parameter count, the gradient's product through many layers, and restarts of
gradient descent that stop above the bottom.

The maths is in ``core.capacity``; the pictures in ``figures.capacity`` (and the regions
in ``figures.region``)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core import Config, build
from core import capacity as cp
from core import region as core_region
from figures import capacity as fig
from figures.activations import power_text  # the same words as the chart's hover
from figures.region import points_svg, region_html, region_image

from . import charts, lesson, predict
from .i18n import texts
from .language import current

NS = "capacity."
CHART_CONFIG = {"displayModeBar": False}
BELOW = 0.005  # the cost the units question asks for
BUDGETS = (50, 100, 200)
SPIRAL = {"samples": 400, "noise": 0.05, "epochs": 1000, "lr": 0.03, "resolution": 70}
WEIGHTS = (0.25, 0.5, 0.9, 1.0, 1.1, 2.0, 4.0)
CHAIN_ACTIVATIONS = ("relu", "tanh", "sigmoid")
MAX_DEPTH = 30
FACTORS = (0.5, 1.0, 1.5, 2.0)


def _chart(figure: dict, key: str) -> None:
    charts.show(st, figure, width="stretch", config=CHART_CONFIG, key=NS + "chart." + key)


def _size(v: float) -> str:
    return f"{float(v):.3g}"


# --- 1. a curve from steps -------------------------------------------------------------------
@st.cache_data(max_entries=64, show_spinner=False)
def curve(target: str, units: int) -> cp.CurveFit:
    return cp.curve_fit(target, units)


def bumps_section(T: dict) -> None:
    c1, c2 = st.columns(2)
    target = c1.selectbox(T["curve"], list(cp.TARGETS), format_func=T["curve_names"].get,
                          key=NS + "curve")
    units = c2.select_slider(T["units"], cp.UNIT_COUNTS, value=4, key=NS + "units")
    parts = st.toggle(T["show_parts"], value=True, key=NS + "parts")
    run = curve(target, units)
    _chart(fig.curve_figure(run.x, run.y, run.fit, run.parts,
                            T["curve_title"].format(n=units, cost=_size(run.cost)),
                            (T["series_target"], T["series_fit"], T["series_part"]), parts),
           "curve")
    st.markdown(T["curve_said"].format(n=units, cost=_size(run.cost), c=f"{run.c:.3f}"))
    options = {str(n): str(n) for n in cp.UNIT_COUNTS} | {"more": T["more_than"].format(
        n=cp.UNIT_COUNTS[-1])}
    question = T["predict_units"].format(curve=T["curve_names"][target], below=BELOW)
    show, answer = predict.before("capacity.units", question, (target,), options)
    if show:
        costs = {n: curve(target, n).cost for n in cp.UNIT_COUNTS}
        needed = cp.units_needed(costs, BELOW)
        _chart(fig.units_figure(list(costs), list(costs.values()), BELOW,
                                T["units_title"].format(curve=T["curve_names"][target]),
                                (T["axis_units"], T["axis_cost"])), "units")
        shown = (T["needed"].format(n=needed, below=BELOW) if needed
                 else T["never"].format(n=cp.UNIT_COUNTS[-1], below=BELOW))
        st.markdown(shown)
        if answer is not None:
            predict.reveal_choice(answer, str(needed) if needed else "more", options, shown)
    lesson.notice(T["bumps_notice"], expanded=predict.seen("capacity.units"))


# --- 2. deep or wide -------------------------------------------------------------------------
@st.cache_data(max_entries=32, show_spinner=False)
def spiral_fit(hidden: tuple[int, ...], seed: int) -> dict:
    config = Config(dataset="spiral", samples=SPIRAL["samples"], noise=SPIRAL["noise"],
                    hidden=hidden, activation="tanh", optimizer="adam", lr=SPIRAL["lr"],
                    batch_size=0, seed=seed)
    data, trainer = build(config)
    for snap in trainer.run(SPIRAL["epochs"], keep=lambda _e: False):  # noqa: B007
        pass
    grid = core_region.make_grid(data.X, SPIRAL["resolution"])
    split = trainer.split
    return {"accuracy": snap.test_accuracy, "output": core_region.output(trainer.network, grid),
            "extent": (float(grid.x1[0]), float(grid.x1[-1])),
            "train": (split.X_train, split.y_train), "test": (split.X_test, split.y_test),
            "parameters": trainer.network.n_parameters()}


def shape_text(hidden: tuple[int, ...]) -> str:
    return "-".join(str(n) for n in (2, *hidden, 1))


def deep_wide_section(T: dict) -> None:
    c1, c2 = st.columns(2)
    budget = c1.select_slider(T["budget"], BUDGETS, value=100, key=NS + "budget")
    seed = int(c2.number_input(T["seed"], 0, 9999, 0, key=NS + "seed"))
    shapes = cp.matched(budget)
    runs = [spiral_fit(h, seed) for h in shapes]
    cols = st.columns(2)
    for col, hidden, run, kind in zip(cols, shapes, runs, ("wide", "deep")):
        with col:
            title = T["region_title"].format(kind=T[kind], shape=shape_text(hidden),
                                             p=run["parameters"], acc=f"{run['accuracy']:.0%}")
            st.markdown(title)
            st.html(region_html(region_image(run["output"], "binary"),
                                points_svg(run["extent"], "binary", run["train"], run["test"]),
                                340, title.replace("**", "")))
    rows = []
    for hidden, kind in zip(shapes, ("wide", "deep")):
        sizes = [2, *hidden, 1]
        inner = sum((a + 1) * b for a, b in zip(sizes[1:-2], sizes[2:-1]))
        rows.append({T["col_network"]: T[kind], T["col_shape"]: shape_text(hidden),
                     T["col_first"]: (sizes[0] + 1) * sizes[1], T["col_between"]: inner,
                     T["col_last"]: (sizes[-2] + 1) * sizes[-1],
                     T["col_total"]: cp.parameter_count(sizes)})
    st.table(rows)
    wide, deep = runs
    st.markdown(T["deep_wide_said"].format(
        wide=shape_text(shapes[0]), deep=shape_text(shapes[1]), pw=wide["parameters"],
        pd=deep["parameters"], aw=f"{wide['accuracy']:.0%}", ad=f"{deep['accuracy']:.0%}",
        epochs=f"{SPIRAL['epochs']:,}"))
    lesson.notice(T["deep_wide_notice"])


# --- 3. vanishing and exploding ------------------------------------------------------------
@st.cache_data(max_entries=8, show_spinner=False)
def layer_gradients() -> dict[float, np.ndarray]:
    return {f: cp.layer_gradients(f) for f in FACTORS}


def chain_section(T: dict) -> None:
    st.latex(r"\frac{\partial J}{\partial z^{[1]}} \propto \prod_{l=2}^{L} "
             r"w^{[l]}\, g'(z^{[l-1]})")
    c1, c2, c3 = st.columns(3)
    w = c1.select_slider(T["weight"], WEIGHTS, value=1.0, key=NS + "w")
    z = c2.slider(T["z"], -4.0, 4.0, 0.5, step=0.1, key=NS + "z")
    depth = c3.slider(T["depth"], 1, MAX_DEPTH, 10, key=NS + "depth")
    names = texts("names", current())["activations"]
    logs = {names[a]: cp.chain_log10(w, a, z, MAX_DEPTH) for a in CHAIN_ACTIVATIONS}
    _chart(fig.chain_figure(logs, T["chain_title"].format(w=f"{w:g}", z=f"{z:g}"),
                            (T["axis_depth"], T["axis_factor"]), depth), "chain")
    st.markdown(T["chain_said"].format(L=depth, w=f"{w:g}", z=f"{z:g}", parts=T["list_sep"].join(
        T["chain_part"].format(name=n, value=power_text(v[depth])) for n, v in logs.items())))

    st.subheader(T["real_header"])
    st.markdown(T["real_intro"])
    norms = layer_gradients()
    labels = {f: T["factor_label"].format(f=f"{f:g}") for f in FACTORS}
    _chart(fig.gradients_figure({labels[f]: v for f, v in norms.items()}, T["real_title"],
                                (T["axis_layer"], T["axis_gradient"])), "real")
    st.markdown(T["real_said"].format(
        small=_size(norms[FACTORS[0]][0]), own=_size(norms[1.0][0]),
        large=_size(norms[FACTORS[-1]][0]), f0=f"{FACTORS[0]:g}", f1=f"{FACTORS[-1]:g}"))
    lesson.notice(T["chain_notice"])


# --- 4. stopping above the bottom ------------------------------------------------------------
@st.cache_data(max_entries=1, show_spinner=False)
def restarts() -> list[cp.Restart]:
    return cp.restarts()


def minimum_section(T: dict) -> None:
    count = cp.RESTARTS["count"]
    question = T["predict_stuck"].format(n=count)
    show, answer = predict.before("capacity.stuck", question, (), number_format="%.0f",
                                  limits=(0.0, float(count)))
    if not show:
        return
    runs = restarts()
    high = set(cp.stuck(runs))
    _chart(fig.restarts_figure([(r.epochs, r.cost) for r in runs],
                               [r.seed in high for r in runs], T["restarts_title"].format(n=count),
                               (T["axis_epochs"], T["axis_cost"]),
                               (T["stuck_name"], T["found_name"])), "restarts")
    st.table([{T["col_seed"]: r.seed, T["col_final"]: f"{r.final:.4f}",
               T["col_gradient"]: f"{r.gradient:.1e}",
               T["col_shrunk"]: f"{r.start_gradient / r.gradient:.0f}×",
               T["col_outputs"]: ", ".join(f"{p:.3f}" for p in r.outputs),
               T["col_where"]: T["stuck_name"] if r.seed in high else T["found_name"]}
              for r in runs])
    best = min(r.final for r in runs)
    stuck_runs = [r for r in runs if r.seed in high]
    if answer is not None:
        predict.reveal_number(answer, float(len(high)), "%.0f")
    if stuck_runs:
        st.markdown(T["minimum_said"].format(
            k=len(high), n=count, high=f"{stuck_runs[0].final:.3f}", best=f"{best:.3f}",
            shrunk=f"{min(r.start_gradient / r.gradient for r in stuck_runs):.0f}",
            epochs=cp.RESTARTS["epochs"]))
    lesson.notice(T["minimum_notice"], expanded=predict.seen("capacity.stuck"))
