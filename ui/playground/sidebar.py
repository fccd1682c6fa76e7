"""The Playground's sidebar: every setting a learner can change, read into ``Settings``.

Widget values live in ``st.session_state`` under ``w_*`` keys. They are seeded once
per session from the URL (so a shared link opens the same run) and can be replaced
wholesale by a preset.
"""

from __future__ import annotations

from dataclasses import asdict

import streamlit as st

from core import datasets, losses
from core.activations import ACTIVATIONS
from core.optimizers import OPTIMIZERS

from . import presets
from .settings import CSV_DATASET, LIMITS, MAX_LAYERS, MAX_UNITS, REGULARIZERS, Settings

W = "playground.w_"  # the prefix of every widget key of the Playground
LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
REG_RATES = [0.0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0]


def write_widgets(s: Settings) -> None:
    """Put ``s`` into the widgets' state (before the widgets are drawn, or in a callback)."""
    state = st.session_state
    for key, value in asdict(s).items():
        if key not in ("hidden", "act"):
            state[f"{W}{key}"] = value
    state[f"{W}layers"] = len(s.hidden)
    for l, n in enumerate(s.hidden):
        state[f"{W}units_{l}"] = n
    acts = s.activations()
    state[f"{W}same_act"] = len(set(acts)) <= 1
    state[f"{W}act"] = acts[0] if acts else s.act[0]
    for l, a in enumerate(acts):
        state[f"{W}act_{l}"] = a


def _apply_preset() -> None:
    choice = st.session_state.get(f"{W}preset")
    if choice in presets.load():
        write_widgets(presets.load()[choice])
        st.session_state["playground.reset_run"] = True


def _options_with(options: list[float], value: float) -> list[float]:
    return sorted({*options, value})


def draw(T: dict, csv_task: str | None) -> Settings:
    """Draw the sidebar and return the settings it shows."""
    state = st.session_state
    sb = st.sidebar
    preset_ids = list(presets.load())
    sb.selectbox(T["preset_pick"], [None, *preset_ids], key=f"{W}preset", on_change=_apply_preset,
                 format_func=lambda p: T["preset_none"] if p is None else T["preset_names"][p])
    if state.get(f"{W}preset"):
        sb.caption(T["preset_about"][state[f"{W}preset"]])

    sb.header(T["data"])
    names = list(datasets.DATASETS) + ([CSV_DATASET] if csv_task else [])
    if state.get(f"{W}dataset") not in names:
        state[f"{W}dataset"] = names[0]
    dataset = sb.selectbox(T["dataset"], names, key=f"{W}dataset",
                           format_func=lambda d: T["dataset_names"].get(d, d))
    is_csv = dataset == CSV_DATASET
    samples = sb.slider(T["samples"], *LIMITS["samples"], step=10, key=f"{W}samples",
                        disabled=is_csv)
    noise = sb.slider(T["noise"], 0.0, 1.0, step=0.05, key=f"{W}noise", disabled=is_csv)
    train_pct = sb.slider(T["train_pct"], *LIMITS["train_pct"], step=5, key=f"{W}train_pct")

    sb.header(T["network"])
    layers = sb.number_input(T["layers"], 0, MAX_LAYERS, step=1, key=f"{W}layers")
    cols = sb.columns(4)
    hidden = []
    for l in range(int(layers)):
        state.setdefault(f"{W}units_{l}", state.get(f"{W}units_{l - 1}", 4))
        hidden.append(int(cols[l % 4].number_input(
            T["units"].format(l=l + 1), 1, MAX_UNITS, step=1, key=f"{W}units_{l}")))
    act_names = list(ACTIVATIONS)
    fmt = lambda a: T["activation_names"].get(a, a)  # noqa: E731
    if sb.checkbox(T["same_act"], key=f"{W}same_act"):
        act = (sb.selectbox(T["activation"], act_names, key=f"{W}act", format_func=fmt),)
    else:
        act = tuple(
            sb.selectbox(T["activation_l"].format(l=l + 1), act_names, format_func=fmt,
                         key=f"{W}act_{l}", index=act_names.index(state.get(f"{W}act", "tanh")))
            for l in range(len(hidden))
        ) or (state.get(f"{W}act", "tanh"),)
    task = csv_task if is_csv else datasets.DATASETS[dataset].task
    loss_names = losses.losses_for(task)
    if state.get(f"{W}loss") not in loss_names:
        state[f"{W}loss"] = loss_names[0]
    loss = sb.selectbox(T["loss"], loss_names, key=f"{W}loss", disabled=len(loss_names) < 2,
                        format_func=lambda n: T["loss_names"].get(n, n))

    sb.header(T["training"])
    opt = sb.selectbox(T["optimizer"], list(OPTIMIZERS), key=f"{W}opt",
                       format_func=lambda o: T["optimizer_names"].get(o, o))
    lr = sb.select_slider(T["lr"], _options_with(LEARNING_RATES, state.get(f"{W}lr", 0.03)),
                          key=f"{W}lr", format_func=lambda v: f"{v:g}")
    batch = sb.number_input(T["batch"], *LIMITS["batch"], step=1, key=f"{W}batch")
    reg = sb.selectbox(T["reg"], list(REGULARIZERS), key=f"{W}reg",
                       format_func=lambda r: T["reg_names"][r])
    reg_rate = sb.select_slider(T["reg_rate"],
                                _options_with(REG_RATES, state.get(f"{W}reg_rate", 0.0)),
                                key=f"{W}reg_rate", format_func=lambda v: f"{v:g}",
                                disabled=reg == "none")
    seed = sb.number_input(T["seed"], *LIMITS["seed"], step=1, key=f"{W}seed")
    speed = sb.slider(T["speed"], *LIMITS["speed"], key=f"{W}speed")
    return Settings(dataset=dataset, samples=int(samples), noise=float(noise),
                    train_pct=int(train_pct), hidden=tuple(hidden), act=act, loss=loss, opt=opt,
                    lr=float(lr), batch=int(batch), reg=reg, reg_rate=float(reg_rate),
                    seed=int(seed), speed=int(speed))
