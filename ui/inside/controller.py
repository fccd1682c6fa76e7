"""Session logic of the lesson "Inside the network": which network is looked into (the
Playground's, or a fresh one made here), the Play / Pause / Step buttons, the choice
of layer and units, and the live loop.

Session keys are namespaced ``inside.*``. The Playground's run is read through
``ui.playground.controller.current_run()``; training it here trains the Playground's
network (the learner sees the same network there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import streamlit as st

from core import experiment, features, inputs
from core.datasets import Dataset, Split
from core.history import History
from core.training import Snapshot, Trainer
from ui.live import loop
from ui.playground import controller as playground

NS = "inside."
FRESH = NS + "fresh"  # this page's own run (a FreshRun), made on the first need
PLAYING = NS + "playing"
STEP = NS + "step_request"
SEPARABILITY = NS + "separability"  # cache: (run id, epoch, layer) -> straight-line accuracy
W_SOURCE, W_DATA, W_ACT = NS + "w_source", NS + "w_data", NS + "w_act"
SHOWN = NS + "shown_units"  # the (horizontal, vertical) units of the last run
W_LAYER, W_UX, W_UY, W_3D, W_UZ = (NS + "w_layer", NS + "w_ux", NS + "w_uy", NS + "w_3d",
                                   NS + "w_uz")

METRICS_EVERY = 6  # frames between two redraws of the numbers (a fit per layer each)
FRESH_EPOCHS_PER_FRAME = 1  # slow enough to watch the plane unfold
# Small networks that end in a 2-unit hidden layer, so the output's boundary in the last
# hidden layer is an exact straight line. With tanh each learns its data set within
# 50 (circles, XOR) to 400 (spiral3) epochs: at one epoch a frame, slow enough to watch.
# (Measured on the first draw of weights; later draws of spiral3 reach 60-80 % by 400.)
FRESH_SETUPS = {
    "circles": {"hidden": (6, 2), "lr": 0.003, "batch_size": 10},
    "xor": {"hidden": (6, 2), "lr": 0.003, "batch_size": 10},
    "spiral": {"hidden": (16, 16, 2), "lr": 0.01, "batch_size": 10},
    "spiral3": {"hidden": (16, 16, 2), "lr": 0.01, "batch_size": 16},
}
# ReLU dies more easily: at the spiral's 0.01 one draw of weights in three kills its 2-unit
# layer, at 0.003 none does (tests/lessons/test_inside_lesson.py). On "spiral3" a 2-unit ReLU layer
# dies at every learning rate tried; the page then says so (views, "note_all_dead").
FRESH_RELU = {"spiral": {"lr": 0.003}}
FRESH_ACTIVATIONS = ("tanh", "relu")
MAX_HISTORY_ROWS = 600

state = st.session_state


class FreshRun:
    """A run made on this page: ``trainer`` (with ``.network`` and ``.split``), ``data``,
    ``advance(epochs, until)``, ``epoch`` and ``last``, like the Playground's ``LiveRun``."""

    speed = FRESH_EPOCHS_PER_FRAME

    def __init__(self, dataset: str, activation: str, init_round: int = 0):
        setup = {**FRESH_SETUPS[dataset], **(FRESH_RELU.get(dataset, {})
                                              if activation == "relu" else {})}
        self.config = experiment.Config(dataset=dataset, samples=400, activation=activation,
                                        optimizer="adam", **setup)
        self.init_round = init_round
        data = experiment.make_data(self.config)
        network = experiment.make_network(self.config, data, init_round)
        self.data: Dataset
        self.trainer: Trainer
        self.data, self.trainer = experiment.build(self.config, data, network)
        self.split = experiment.make_split(self.config, data)  # points of the plane
        self.history = History(MAX_HISTORY_ROWS)
        self.history.add(self.trainer.measure())

    def advance(self, epochs: int, until: Callable[[], bool] | None = None) -> Snapshot:
        snap = self.history.last
        for snap in self.trainer.run(epochs, until=until):
            self.history.add(snap)
        return snap

    @property
    def last(self) -> Snapshot:
        return self.history.last

    @property
    def epoch(self) -> int:
        return self.trainer.epoch


def describe(net, T: dict) -> str:
    """e.g. '2-6-2-1 (Tanh hidden layers, Sigmoid output)', in the learner's language."""
    names = T["act_names"]
    hidden = ", ".join(dict.fromkeys(names.get(a, a) for a in net.activations[:-1]))
    return T["net_desc"].format(sizes="-".join(str(n) for n in net.sizes), hidden=hidden,
                                out=names.get(net.activations[-1], net.activations[-1]))


def points(run) -> Split:
    """The run's data as points of the plane (a trainer may see other input features)."""
    return getattr(run, "split", None) or run.trainer.split


def input_features(run) -> tuple[str, ...]:
    """The input features the run's network is fed (core/inputs.py)."""
    source = run.settings if hasattr(run, "settings") else getattr(run, "config", None)
    return tuple(getattr(source, "features", None) or inputs.DEFAULT)


def _playground_run():
    """The Playground's run if it has a hidden layer to look into, else None. (Not one fed
    input features other than x1, x2: this lesson maps the plane itself through the layers.)"""
    run = playground.current_run()
    plain = run is not None and run.settings.features == ("x1", "x2")
    return run if plain and len(run.trainer.network.W) > 1 else None


def _new_fresh(new_weights: bool = False) -> None:
    """A fresh network for the chosen data set and activation; ``new_weights``: the next
    draw of initial weights (the button), else the first (a changed choice)."""
    round_ = state[FRESH].init_round + 1 if new_weights and FRESH in state else 0
    if not new_weights:  # another shape of network: back to its last hidden layer
        for key in (W_LAYER, W_UX, W_UY, W_UZ, W_3D):
            state.pop(key, None)
    state[FRESH] = FreshRun(state.get(W_DATA, "circles"), state.get(W_ACT, "tanh"), round_)
    state[PLAYING] = False


def _fresh() -> FreshRun:
    if FRESH not in state:
        _new_fresh()
    return state[FRESH]


def choose_run(T: dict):
    """Draw the choice of network; returns ``(run, source)``, source "playground" or
    "fresh". Without a Playground network (or one with no hidden layer) it is fresh."""
    state.setdefault(PLAYING, False)
    pg = playground.current_run()
    if _playground_run() is not None:
        st.radio(T["source"], ["playground", "fresh"], key=W_SOURCE, horizontal=True,
                 format_func=lambda s: T["source_" + s], on_change=_pause)
    elif pg is None:
        st.info(T["no_playground"])
    elif pg.settings.features != inputs.DEFAULT:
        st.info(T["playground_features"])
    else:
        st.info(T["playground_no_hidden"])
    source = state.get(W_SOURCE, "playground") if _playground_run() is not None else "fresh"
    if source == "playground":
        run = _playground_run()
        name = run.data.name
        st.caption(T["playground_net"].format(net=describe(run.trainer.network, T),
                                              data=T["data_names"].get(name, name)))
        loop.settle(run)  # a live loop of the page's run before may still be letting go
        return run, source
    cols = st.columns([2, 2, 3])
    cols[0].selectbox(T["fresh_data"], list(FRESH_SETUPS), key=W_DATA, on_change=_new_fresh,
                      format_func=lambda d: T["data_names"][d])
    cols[1].selectbox(T["fresh_act"], list(FRESH_ACTIVATIONS), key=W_ACT,
                      on_change=_new_fresh, format_func=lambda a: T["act_names"][a])
    cols[2].button(T["fresh_button"], on_click=_new_fresh, args=(True,), help=T["fresh_help"],
                   width="stretch")
    run = _fresh()
    st.caption(T["fresh_net"].format(net=describe(run.trainer.network, T)))
    loop.settle(run)
    return run, source


# --- buttons -------------------------------------------------------------------------------
def _pause() -> None:
    state[PLAYING] = False


def toggle_play() -> None:
    state[PLAYING] = not state.get(PLAYING, False)


def step() -> None:
    state[PLAYING] = False
    state[STEP] = True


def playing() -> bool:
    return bool(state.get(PLAYING))


def apply_step(run) -> None:
    if state.pop(STEP, False):
        run.advance(1)


# --- the layer and units ------------------------------------------------------------------
def _keep_in(key: str, options: list[int], default: int) -> None:
    """A widget's stored value must be one of its options (the network may have changed)."""
    if state.get(key) not in options:
        state[key] = default


def choose_view(run, T: dict, cols: list) -> tuple[int, int, int]:
    """The hidden layer (1-based) and the two units (0-based) to look at, chosen in three
    columns ``cols``: ``(layer, ux, uy)``."""
    hidden = run.trainer.network.hidden
    layers = list(range(1, len(hidden) + 1))
    _keep_in(W_LAYER, layers, layers[-1])
    layer = cols[0].selectbox(T["layer"], layers, key=W_LAYER, format_func=lambda l: T[
        "layer_option"].format(l=l, n=hidden[l - 1]))
    units = list(range(hidden[layer - 1]))
    _keep_in(W_UX, units, 0)
    _keep_in(W_UY, units, min(1, units[-1]))
    one = len(units) == 1
    ux = cols[1].selectbox(T["unit_x"], units, key=W_UX, format_func=_unit_label(T),
                           disabled=one, on_change=_swap, args=(W_UX, W_UY))
    uy = cols[2].selectbox(T["unit_y"], units, key=W_UY, format_func=_unit_label(T),
                           disabled=one, help=T["one_unit_help"] if one else None,
                           on_change=_swap, args=(W_UY, W_UX))
    state[SHOWN] = (ux, uy)
    return layer, ux, uy


def _swap(changed: str, other: str) -> None:
    """Choosing for one axis the unit the other axis shows swaps the two (else both axes
    would show one unit and every point would fall on the diagonal)."""
    before = dict(zip((W_UX, W_UY), state.get(SHOWN, (None, None))))
    if state.get(changed) == state.get(other) and before.get(changed) is not None:
        state[other] = before[changed]


def choose_3d(run, layer: int, ux: int, uy: int, T: dict, cols: list) -> int | None:
    """The 3-D switch and the third unit, in two columns; the unit, or None when off.
    Until the switch is on, the third unit is the first one not on the other two axes."""
    units = list(range(run.trainer.network.hidden[layer - 1]))
    others = [u for u in units if u not in (ux, uy)]
    three = len(units) >= 3
    if not three:
        state[W_3D] = False
    if not state.get(W_3D) or state.get(W_UZ) not in units:
        state[W_UZ] = others[0] if others else units[-1]
    on = cols[0].toggle(T["view_3d"], key=W_3D, disabled=not three,
                        help=T["view_3d_help"] if three else T["view_3d_off"])
    uz = cols[1].selectbox(T["unit_z"], units, key=W_UZ, format_func=_unit_label(T),
                           disabled=not on)
    return uz if on else None


def _unit_label(T: dict) -> Callable[[int], str]:
    return lambda u: T["unit_option"].format(u=u + 1)


# --- numbers --------------------------------------------------------------------------------
def separability(run, layer: int) -> float | None:
    """Straight-line accuracy of the training data in ``layer``'s space (0 = the input
    plane), cached per run, epoch and layer: one fit takes ~10 ms."""
    net, split = run.trainer.network, points(run)
    key = (id(run), id(net), run.last.epoch, layer, run.last.train_loss)
    cache = state.setdefault(SEPARABILITY, {})
    if key not in cache:
        if len(cache) > 64:
            cache.clear()
        H = features.through_layers(net, split.X_train, input_features(run))[layer]
        cache[key] = features.linear_accuracy(H, split.y_train, net.task, net.n_classes)
    return cache[key]


def fmt_share(value: float | None) -> str:
    return "–" if value is None or not np.isfinite(value) else f"{value:.1%}"


# --- the live loop ----------------------------------------------------------------------------
@dataclass
class LiveView:
    """The lesson's live view (for ui/live/loop.py): the pictures every frame, the numbers
    every ``METRICS_EVERY`` frames (each costs a straight-line fit per layer)."""

    pictures: Callable[[], None]
    metrics: Callable[[], None]

    def draw(self, tick) -> None:
        self.pictures()
        if tick.number % METRICS_EVERY == 0:
            self.metrics()


def play(run, view: LiveView) -> None:
    """While playing: a few epochs a frame (the Playground's speed, or one for a fresh
    network: slow enough to watch), drawn by ``view``, in the live loop every live page
    shares (ui/live/loop.py): it shares the server with the Playground's loops, and
    stops when the tab has gone."""
    epochs = max(1, int(run.settings.speed if hasattr(run, "settings") else run.speed))
    loop.play(run, view, PLAYING, speed=epochs)
