"""The training-loop lesson's room: the loop walked one step at a time on y = 3x, the
three batch sizes side by side (y = 3x and a small classifier), and initialisation (a
symmetric start, and the scale of the first forward pass).

The maths is in ``core.training_loop``; the pictures in ``figures.training_loop``."""

from __future__ import annotations

import time

import numpy as np
import streamlit as st

from core import articles
from core import backprop_steps as bs
from core import training_loop as tl
from figures import training_loop as fig

from . import charts, lesson, predict

NS = "loop."
CHART_CONFIG = {"displayModeBar": False}
BATCHES = (1, 2, 5)  # y = 3x has five points: one, a few, all
RATES = (0.001, 0.002, 0.005, 0.01, 0.015, 0.02)
WALK_EPOCHS = 20  # the walk stops after this many epochs
COMPARE = {"epochs": 10, "max_epochs": 50}
CLASSIFIER = {"batches": (1, 10, 0), "epochs": 30, "lr": 0.1}
SYMMETRY = {"epochs": 300, "lr": 0.5, "units": 4}
SCALES = (0.01, 0.1, "xavier", 1.0, 3.0)  # "xavier": the engine's own scale
W_GRID = np.linspace(2.2, 3.1, 91)  # the paths' corner of the valley: the start and the answer
B_GRID = np.linspace(-0.3, 1.3, 81)


def _chart(figure: dict, key: str) -> None:
    charts.show(st, figure, width="stretch", config=CHART_CONFIG, key=NS + key)


def batch_name(T: dict, B: int, n: int = 5) -> str:
    kind = "batch_sgd" if B == 1 else "batch_full" if B in (0, n) else "batch_mini"
    return T[kind].format(B=B if B else n)


@st.cache_data(max_entries=64, show_spinner=False)
def walk(B: int, lr: float) -> list[tl.Iteration]:
    return tl.line_loop(B, lr, WALK_EPOCHS)


@st.cache_data(max_entries=1, show_spinner=False)
def surface() -> np.ndarray:
    return bs.line_loss_surface(W_GRID, B_GRID)


# --- 1. the loop, one step at a time ------------------------------------------------------
def _advance(steps: int) -> None:
    st.session_state[NS + "at"] = st.session_state.get(NS + "at", 0) + steps


def _to_epoch_end(iterations_per_epoch: int) -> None:
    """On to the update that ends this epoch (or the next one, when this one has ended)."""
    i, step = position(st.session_state.get(NS + "at", 0))
    finished = i + 1 if step == 4 else max(i, 0)  # iterations done, update included
    target = (finished // iterations_per_epoch + 1) * iterations_per_epoch
    st.session_state[NS + "at"] = 4 * target


def _restart() -> None:
    st.session_state[NS + "at"] = 0


def position(at: int) -> tuple[int, int]:
    """Step ``at`` of the walk (0: initialisation) as (iteration index, step of the loop:
    1 forward … 4 update); iteration −1 before the first."""
    if at <= 0:
        return -1, 0
    return (at - 1) // 4, (at - 1) % 4 + 1


@st.fragment  # a step redraws this section only
def loop_section(T: dict) -> None:
    c1, c2 = st.columns(2)
    B = c1.selectbox(T["batch"], BATCHES, index=0, key=NS + "B", on_change=_restart,
                     format_func=lambda b: batch_name(T, b))
    lr = c2.select_slider(T["lr"], RATES, value=0.005, key=NS + "lr", on_change=_restart)
    if st.session_state.get(NS + "lr_drawn", lr) != lr:  # section 2 runs at this rate too:
        st.session_state[NS + "lr_drawn"] = lr  # redraw the page, not this section alone
        st.rerun(scope="app")
    st.session_state[NS + "lr_drawn"] = lr
    run = walk(B, lr)
    per_epoch = tl.iterations_per_epoch(len(articles.LINE_X), B)
    last = 4 * len(run)
    at = min(st.session_state.get(NS + "at", 0), last)
    i, step = position(at)
    buttons = st.container(horizontal=True)
    buttons.button(T["next_step"], type="primary", on_click=_advance, args=(1,),
                   disabled=at >= last, key=NS + "next")
    buttons.button(T["next_epoch"], on_click=_to_epoch_end, args=(per_epoch,),
                   disabled=at >= last, key=NS + "epoch")
    buttons.button(T["restart"], on_click=_restart, key=NS + "restart", type="tertiary")
    st.html(fig.loop_html([T["step_names"][s] for s in tl.STEPS], step,
                          T["loop_caption"]))
    it = run[i] if i >= 0 else None
    updates = i + 1 if step == 4 else max(i, 0)
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(T["m_epoch"], it.epoch if it else 0)
    m2.metric(T["m_iteration"], f"{it.iteration if it else 0} / {per_epoch}")
    m3.metric(T["m_updates"], updates)
    w, b = (it.w_new, it.b_new) if it and step == 4 else (it.w, it.b) if it \
        else articles.LINE_START
    m4.metric(T["m_wb"], f"{w:.4f}, {b:.4f}")
    _step_detail(T, it, step, B, lr)
    if updates:
        done = run[:updates]
        x = np.array([(r.epoch - 1) + r.iteration / per_epoch for r in done])
        J0 = tl.line_cost(*articles.LINE_START)
        _chart(fig.cost_figure({T["cost_all"]: (np.r_[0.0, x], np.r_[J0, [r.cost_all
                                                                         for r in done]])},
                               T["walk_title"].format(n=updates), (T["axis_epochs"],
                                                                   T["axis_cost"])), "walk")
    if at >= last:
        st.info(T["walk_end"].format(epochs=WALK_EPOCHS), icon="ℹ️")


def _numbers(values) -> str:
    return ", ".join(f"{v:.4g}" for v in values)


def _step_detail(T: dict, it: tl.Iteration | None, step: int, B: int, lr: float) -> None:
    if it is None:
        w0, b0 = articles.LINE_START
        st.markdown(T["say_init"].format(w=w0, b=b0, lr=lr, B=B, batch=batch_name(T, B)))
        return
    x, y = articles.LINE_X[it.batch], articles.LINE_Y[it.batch]
    if step == 1:
        st.markdown(T["say_forward"].format(i=it.iteration, e=it.epoch, x=_numbers(x)))
        st.latex(rf"\begin{{aligned}}\hat y &= w\,x + b = {it.w:.4f}\,x + {it.b:.4f} \\ "
                 rf"&= ({_numbers(it.y_hat)})\end{{aligned}}")
    elif step == 2:
        st.markdown(T["say_cost"].format(y=_numbers(y)))
        st.latex(rf"J = \frac{{1}}{{{len(x)}}} \sum_i (\hat y_i - y_i)^2 = {it.cost:.4f}")
    elif step == 3:
        st.markdown(T["say_backward"])
        st.latex(rf"\frac{{\partial J}}{{\partial w}} = \frac{{2}}{{{len(x)}}} \sum_i "
                 rf"(\hat y_i - y_i)\,x_i = {it.dw:.4f}")
        st.latex(rf"\frac{{\partial J}}{{\partial b}} = \frac{{2}}{{{len(x)}}} \sum_i "
                 rf"(\hat y_i - y_i) = {it.db:.4f}")
    else:
        st.markdown(T["say_update"].format(lr=lr))
        for name, old, grad, new in (("w", it.w, it.dw, it.w_new), ("b", it.b, it.db, it.b_new)):
            st.latex(rf"\begin{{aligned}}{name} &\leftarrow {name} - \alpha "
                     rf"\frac{{\partial J}}{{\partial {name}}} \\ &= {old:.4f} - {lr:g} "
                     rf"\times ({grad:.4f}) = {new:.4f}\end{{aligned}}")
        st.markdown(T["say_after_update"].format(J=it.cost_all))


# --- 2. one sample, a few, or all -----------------------------------------------------------
@st.cache_data(max_entries=64, show_spinner=False)
def compare(lr: float, epochs: int) -> dict[int, list[tl.Iteration]]:
    return {B: tl.line_loop(B, lr, epochs) for B in BATCHES}


@st.cache_data(max_entries=8, show_spinner=False)
def classifier() -> tuple[list[tl.EpochCurve], dict[int, float]]:
    """The classifier's curves, and the milliseconds an epoch of each took here."""
    curves, ms = [], {}
    for B in CLASSIFIER["batches"]:
        start = time.perf_counter()
        curve = tl.classifier_curves((B,), CLASSIFIER["epochs"], CLASSIFIER["lr"])[0]
        ms[B] = 1000 * (time.perf_counter() - start) / CLASSIFIER["epochs"]
        curves.append(curve)
    return curves, ms


def batches_section(T: dict) -> None:
    lr = st.session_state.get(NS + "lr", 0.005)
    epochs = st.slider(T["compare_epochs"], 1, COMPARE["max_epochs"], COMPARE["epochs"],
                       key=NS + "compare_epochs")
    runs = compare(lr, epochs)
    options = {str(B): batch_name(T, B) for B in BATCHES}
    question = T["predict_batch"].format(E=epochs, lr=lr)
    show, answer = predict.before("loop.batch", question, (lr, epochs), options)
    if show:
        w0, b0 = articles.LINE_START
        paths = {batch_name(T, B): (np.r_[w0, [r.w_new for r in run]],
                                    np.r_[b0, [r.b_new for r in run]])
                 for B, run in runs.items()}
        left, right = st.columns(2)
        with left:
            _chart(fig.paths_figure(W_GRID, B_GRID, surface(), paths, articles.LINE_ANSWER,
                                    T["paths_title"].format(E=epochs, lr=lr),
                                    ("w", "b", T["answer"])), "paths")
        J0 = tl.line_cost(w0, b0)
        curves = {}
        for B, run in runs.items():
            per = tl.iterations_per_epoch(len(articles.LINE_X), B)
            x = [(r.epoch - 1) + r.iteration / per for r in run]
            curves[batch_name(T, B)] = (np.r_[0.0, x], np.r_[J0, [r.cost_all for r in run]])
        with right:
            _chart(fig.cost_figure(curves, T["compare_title"], (T["axis_epochs"],
                                                                 T["axis_cost"])), "compare")
        final = {B: run[-1] for B, run in runs.items()}
        st.table([{T["col_batch"]: batch_name(T, B),
                   T["col_updates"]: len(runs[B]),
                   T["col_w"]: f"{r.w_new:.4f}", T["col_b"]: f"{r.b_new:.4f}",
                   T["col_cost"]: f"{r.cost_all:.4g}"} for B, r in final.items()])
        if answer is not None:
            best = tl.closest(runs)
            predict.reveal_choice(answer, tuple(str(B) for B in best), options,
                                  T["predict_batch_shown"].format(
                                      name=batch_name(T, best[0]),
                                      J=f"{final[best[0]].cost_all:.4g}"))
    lesson.notice(T["batches_notice"], expanded=predict.seen("loop.batch"))

    st.subheader(T["classifier_header"])
    st.markdown(T["classifier_intro"].format(epochs=CLASSIFIER["epochs"], lr=CLASSIFIER["lr"]))
    curves, ms = classifier()
    n_train = max(c.updates_per_epoch for c in curves)  # one sample per update: all of them
    names = {c.batch_size: batch_name(T, c.batch_size, n_train) for c in curves}
    _chart(fig.cost_figure({names[c.batch_size]: (np.arange(len(c.cost)), c.cost)
                            for c in curves}, T["classifier_title"],
                           (T["axis_epochs"], T["axis_cost"]), log_y=False), "classifier")
    st.table([{T["col_batch"]: names[c.batch_size],
               T["col_updates_epoch"]: c.updates_per_epoch,
               T["col_final"]: f"{c.cost[-1]:.4f}",
               T["col_rises"]: f"{tl.roughness(c.cost):.4f}",
               T["col_ms"]: f"{ms[c.batch_size]:.2f}"} for c in curves])
    sgd, full = curves[0], curves[-1]
    st.markdown(T["classifier_said"].format(
        sgd=f"{sgd.cost[-1]:.3f}", full=f"{full.cost[-1]:.3f}", epochs=CLASSIFIER["epochs"],
        n=sgd.updates_per_epoch,
        ratio=f"{ms[sgd.batch_size] / max(ms[full.batch_size], 1e-9):.0f}"))


# --- 3. initialisation ----------------------------------------------------------------------
@st.cache_data(max_entries=8, show_spinner=False)
def symmetry(init: str) -> tl.SymmetryRun:
    return tl.symmetry_run(init, SYMMETRY["epochs"], SYMMETRY["lr"], SYMMETRY["units"])


@st.cache_data(max_entries=16, show_spinner=False)
def first_pass(scale: float | None) -> tl.FirstPass:
    return tl.first_pass(scale)


def init_section(T: dict) -> None:
    units = SYMMETRY["units"]
    options = {str(k): str(k) for k in range(1, units + 1)}
    question = T["predict_symmetry"].format(c=tl.CONSTANT, epochs=SYMMETRY["epochs"], n=units)
    show, answer = predict.before("loop.symmetry", question, (), options)
    if show:
        init = st.radio(T["start"], tl.INITS, index=1, horizontal=True, key=NS + "init",
                        format_func=lambda k: T["init_names"][k].format(c=tl.CONSTANT))
        run = symmetry(init)
        _chart(fig.weights_figure(run.W1, T["weights_title"].format(
            start=T["init_names"][init].format(c=tl.CONSTANT)),
            [T["unit_name"].format(u=u + 1) for u in range(units)], ("x1", "x2"),
            T["axis_epochs"]), "weights")
        m1, m2 = st.columns(2)
        m1.metric(T["m_distinct"], f"{run.distinct} / {units}")
        m2.metric(T["m_accuracy"], f"{run.accuracy:.0%}")
        st.markdown(T["symmetry_said"][init].format(n=run.distinct, units=units,
                                                    acc=f"{run.accuracy:.0%}"))
        if answer is not None:
            truth = symmetry("constant").distinct
            predict.reveal_choice(answer, str(truth), options,
                                  T["predict_symmetry_shown"].format(n=truth, units=units))
    lesson.notice(T["symmetry_notice"], expanded=predict.seen("loop.symmetry"))

    st.subheader(T["scale_header"])
    st.markdown(T["scale_intro"])
    picked = st.select_slider(T["scale"], SCALES, value="xavier", key=NS + "scale",
                              format_func=lambda s: T["xavier"] if s == "xavier" else f"{s:g}")
    scale = None if picked == "xavier" else float(picked)
    chosen, xavier = first_pass(scale), first_pass(None)
    label = T["xavier"] if scale is None else f"σ = {scale:g}"
    spreads = {label: chosen.spread} if scale is None else {
        label: chosen.spread, T["xavier"]: xavier.spread}
    _chart(fig.spread_figure(spreads, T["spread_title"], (T["axis_layer"], T["axis_spread"])),
           "spread")
    st.table([{T["col_layer"]: l + 1, T["col_spread"]: f"{s:.3g}",
               T["col_saturated"]: f"{q:.0%}"}
              for l, (s, q) in enumerate(zip(chosen.spread, chosen.saturated))])
    said = T["xavier_sentence"] if scale is None else label
    st.markdown(T["scale_said"].format(scale=said, first=f"{chosen.spread[0]:.3g}",
                                       last=f"{chosen.spread[-1]:.3g}",
                                       L=len(chosen.spread),
                                       saturated=f"{chosen.saturated[-1]:.0%}"))
