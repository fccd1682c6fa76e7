"""The Playground's inputs and hand-drawn data: the input-feature picker above the network
diagram, and the drawing pad of the "Draw your own" data set.

Both keep their values in session state under the sidebar's ``w_*`` prefix, so
``sidebar.draw`` reads them into ``Settings`` (and ``sidebar.write_widgets`` restores
them from a link or a preset) like every other setting.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import streamlit as st

from core import drawn, inputs
from figures.drawing import draw_pad

from .keys import NS, W
from .live import DRAWING_FRAME, LiveRun
from .settings import DRAWN_DATASET

FEATURES = W + "features"  # the feature pills' value
PTS = W + "pts"  # the drawing as link text (core/drawn.py); written by the pad, not a widget
CLASS, MODE = W + "draw_class", W + "draw_mode"
PAD_VERSION = NS + "pad_version"  # a new pad after each click: no stale selection
LAST_FEATURES = NS + "last_features"
FEATURES_EMPTIED = NS + "features_emptied"
DRAW_MESSAGE = NS + "draw_message"  # ("draw_full" | "draw_min"), said once
PAD_CONFIG = {"displayModeBar": False, "scrollZoom": False, "doubleClick": False}

state = st.session_state


# --- input features -----------------------------------------------------------------------
def features_from_state() -> tuple[str, ...]:
    """The chosen input features, read before the picker is drawn. Deselecting the last
    one is undone (the choice before comes back) and said once above the picker."""
    chosen = state.get(FEATURES)
    if chosen is None:
        return state.get(LAST_FEATURES, inputs.DEFAULT)
    try:
        features = inputs.check(chosen)
    except ValueError:  # nothing chosen (or a name from an older link): keep the last choice
        features = state.get(LAST_FEATURES, inputs.DEFAULT)
        state[FEATURES] = list(features)  # the pills are not drawn yet in this run
        state[FEATURES_EMPTIED] = True
    state[LAST_FEATURES] = features
    return features


def feature_picker(container, T: dict) -> None:
    """A row of pills, one per input feature, right above the network diagram."""
    if isinstance(state.get(FEATURES), tuple):  # write_widgets stores Settings' tuple
        state[FEATURES] = list(state[FEATURES])
    if FEATURES not in state:
        state[FEATURES] = list(state.get(LAST_FEATURES, inputs.DEFAULT))
    container.pills(T["features_pick"], list(inputs.FEATURES), selection_mode="multi",
                    key=FEATURES, help=T["features_help"], wrap=True,
                    format_func=lambda f: T["feature_names"].get(f, f))
    if state.pop(FEATURES_EMPTIED, False):
        container.warning(T["features_none"])


# --- the drawing --------------------------------------------------------------------------
def points_from_state() -> str:
    """The drawing's link text ("" until the learner draws: the starter points)."""
    return str(state.get(PTS, ""))


def _points(text: str) -> tuple[np.ndarray, np.ndarray]:
    data = drawn.from_text(text)
    return data.X, data.y


def _pad_key() -> str:
    return f"{NS}pad_{state.get(PAD_VERSION, 0)}"


def _on_click(key: str) -> None:
    """A click on the pad: add a point of the chosen class there, or erase the nearest."""
    event = state.get(key)
    points = (event or {}).get("selection", {}).get("points", [])
    if not points:
        return
    where = (float(points[0]["x"]), float(points[0]["y"]))
    X, y = _points(points_from_state())
    if state.get(MODE) == "erase":
        X2, y2 = drawn.remove_nearest(X, y, where)
        if len(y2) == len(y) and len(y) <= drawn.MIN_POINTS:
            state[DRAW_MESSAGE] = "draw_min"
    else:
        X2, y2 = drawn.add(X, y, where, int(state.get(CLASS) or 0))
        if len(y2) == len(y):
            state[DRAW_MESSAGE] = "draw_full"
    state[PTS] = drawn.encode(X2, y2)
    state[PAD_VERSION] = state.get(PAD_VERSION, 0) + 1


def pad(container, run: LiveRun, T: dict) -> None:
    """The drawing pad with its two pickers (what a click does, which colour it adds)."""
    if run.settings.dataset != DRAWN_DATASET:
        return
    state.setdefault(CLASS, 0)
    state.setdefault(MODE, "add")
    with container:
        st.markdown(f"**{T['draw_title']}**")
        st.caption(T["draw_help"])
        # one above the other: side by side, a narrow column cuts their words off
        st.segmented_control(T["draw_mode"], ["add", "erase"], key=MODE, required=True,
                             format_func=lambda m: T["draw_modes"][m], wrap=True)
        st.segmented_control(T["draw_class"], [0, 1], key=CLASS, required=True,
                             format_func=lambda k: T["draw_classes"][k], wrap=True,
                             disabled=state.get(MODE) == "erase")
        X, y = run.data.X, run.data.y
        key = _pad_key()
        st.plotly_chart(draw_pad(X, y, DRAWING_FRAME, (T["draw_x"], T["draw_y"])), key=key,
                        on_select=partial(_on_click, key), selection_mode="points",
                        config=PAD_CONFIG, width="stretch")
        st.caption(T["draw_count"].format(n=len(y), max=drawn.MAX_POINTS))
        message = state.pop(DRAW_MESSAGE, None)
        if message:
            st.info(T[message].format(max=drawn.MAX_POINTS, n=drawn.MIN_POINTS))
