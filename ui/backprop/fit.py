"""Article 001's fit of y = 3x: the start's loss and gradients, then gradient descent
played in the browser with Plotly's frames (computed once per setting and cached)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core import backprop_steps as bs
from figures import backprop as figs

from .. import charts
from . import state

LRS = [0.001, 0.003, 0.01, 0.02, 0.025, 0.03, 0.05]
STEPS = [100, 300, 1000, 2000, 5000]
W_GRID = np.linspace(1.0, 4.5, 71)
B_GRID = np.linspace(-2.0, 3.0, 61)
CONVERGED = 1e-3  # |w - 3| and |b| below this count as reaching the answer


@st.cache_data(max_entries=64, show_spinner=False)
def path(lr: float, steps: int) -> bs.FitPath:
    return bs.line_fit(lr=lr, steps=steps)


@st.cache_data(show_spinner=False)
def surface() -> np.ndarray:
    return bs.line_loss_surface(W_GRID, B_GRID)


@st.cache_resource(max_entries=64, show_spinner=False)  # not copied: the chart only reads it
def figure(lr: float, steps: int, labels: dict):
    p = path(lr, steps)
    return figs.descent_figure(bs.LINE_X[:, 0], bs.LINE_Y[:, 0], p.w, p.b, p.loss, W_GRID,
                               B_GRID, surface(), labels)


@st.fragment
def section(T: dict) -> None:
    st.subheader(T["fit_header"])
    st.markdown(T["fit_intro"])
    lr_key, steps_key = state.NS + "fit_lr", state.NS + "fit_steps"
    if st.session_state.get(lr_key) not in LRS:
        st.session_state[lr_key] = 0.02
    if st.session_state.get(steps_key) not in STEPS:
        st.session_state[steps_key] = 2000
    c = st.columns(2)
    lr = c[0].select_slider(T["fit_lr"], LRS, key=lr_key)
    steps = c[1].select_slider(T["fit_steps"], STEPS, key=steps_key)
    p = path(lr, steps)

    # the start and the end one above the other: six metrics in one row cut "5.65e-20" to
    # "5.65e…" at 1280 px
    st.markdown(f"**{T['fit_start']}**")
    m = st.columns(3)
    m[0].metric(T["fit_loss"], f"{p.loss[0]:.3f}")
    m[1].metric(T["fit_dw"], f"{p.dw[0]:.3f}")
    m[2].metric(T["fit_db"], f"{p.db[0]:.3f}")
    last = len(p.loss) - 1
    st.markdown(f"**{T['fit_end'].format(steps=last)}**")
    m = st.columns(3)
    m[0].metric(T["fit_loss"], f"{p.loss[-1]:.3g}")
    m[1].metric(T["fit_w"], f"{p.w[-1]:.4f}")
    m[2].metric(T["fit_b"], f"{p.b[-1]:.4f}")
    if p.diverged_at is not None:
        st.error(T["fit_diverged"].format(lr=lr, limit=bs.DIVERGED_LOSS, steps=p.diverged_at))
    elif abs(p.w[-1] - 3.0) > CONVERGED or abs(p.b[-1]) > CONVERGED:
        st.info(T["fit_slow"].format(lr=lr, steps=steps))
    st.caption(T["fit_play_hint"])
    charts.show(st, figure(lr, steps, T["fig"]), width="stretch",
                    config={"displayModeBar": False}, key=state.NS + "descent")
