"""The Playground's session logic: the first visit (settings from the link), the upload,
the Play / Step / Reset buttons, the run that follows the sidebar, and the live loop.

Session keys are namespaced ``playground.*``. ``RUN`` (a ``LiveRun``) is the one entry
other pages read: the lesson "Inside the network" looks into the Playground's network.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import streamlit as st

from core import csvdata

from .. import language
from . import presets, sidebar
from .live import LiveRun
from .settings import CSV_DATASET, DEFAULTS, Settings, from_query, to_query

NS = "playground."
RUN = NS + "run"  # the current LiveRun, shared with the lessons
PLAYING = NS + "playing"
UPLOAD = NS + "upload"  # the learner's own data set (core.datasets.Dataset), kept across uploads
UPLOAD_MESSAGE = NS + "upload_message"  # ("ok" | "error", text)
URL_NOTES = NS + "url_notes"
SETTINGS = NS + "settings"  # the last settings drawn: restores the widgets after a page switch
STEP, RESET = NS + "step_request", NS + "reset_request"
W_UPLOAD, W_SEED = NS + "w_upload", NS + "w_seed"
W_SHOW_TEST, W_HARD = NS + "w_show_test", NS + "w_hard"

FRAME_SECONDS = 1 / 30  # at most ~30 frames a second; the browser cannot show more
SLOW_CHART_SECONDS = 0.15  # one small chart redraws per tick, each ~1.7 times a second

state = st.session_state


def current_run() -> LiveRun | None:
    """The Playground's run in this session, if the learner has opened it."""
    return state.get(RUN)


# --- session state: first visit, upload, buttons ----------------------------------------
def start() -> None:
    """Seed the widgets: from the link on the first visit, or whenever the link names a
    lesson (``?preset=spiral_hard``, as the lesson pages link here: a fresh run of it);
    after a visit to another page (Streamlit forgets the widgets of a page that is not
    shown) from the last settings."""
    params = st.query_params.to_dict()
    preset_id = params.pop("preset", None)
    preset = presets.load().get(preset_id) if preset_id else None
    if PLAYING not in state or preset is not None:
        settings, notes = from_query(params, preset or DEFAULTS)
        sidebar.write_widgets(settings)
        state[URL_NOTES] = notes
        state[PLAYING] = False
        if preset is not None:
            state[NS + "w_preset"] = preset_id
            state.pop(RUN, None)  # the lesson as it starts, even if it was open before
    elif NS + "w_dataset" not in state and SETTINGS in state:
        sidebar.write_widgets(state[SETTINGS])
        state[PLAYING] = False


def _on_upload(T: dict) -> None:
    file = state.get(W_UPLOAD)
    if file is None:
        return  # removing the file keeps the data it gave
    try:
        state[UPLOAD] = csvdata.read_csv(file.getvalue())
    except csvdata.CSVDataError as error:
        state[UPLOAD_MESSAGE] = ("error", T["upload_bad"].format(name=file.name, error=error))
        return
    data = state[UPLOAD]
    classes = (f"{data.n_classes} classes" if data.task != "regression" else "regression")
    state[UPLOAD_MESSAGE] = ("ok", T["upload_ok"].format(n=len(data), classes=classes,
                                                         name=file.name))
    state[NS + "w_dataset"] = CSV_DATASET


def toggle_play() -> None:
    state[PLAYING] = not state[PLAYING]


def step() -> None:
    state[PLAYING] = False
    state[STEP] = True


def reset() -> None:
    state[RESET] = True


def _regenerate() -> None:
    state[W_SEED] = int(state[W_SEED]) + 1


def playing() -> bool:
    return bool(state.get(PLAYING))


# --- the sidebar and the run that follows it ------------------------------------------
def sidebar_and_run(T: dict) -> tuple[Settings, LiveRun, bool, bool]:
    """Draw the sidebar, bring the run in line with it, apply pending button presses.

    Returns ``(settings, run, show_test, hard)``.
    """
    start()
    upload = state.get(UPLOAD)
    settings = sidebar.draw(T, upload.task if upload is not None else None)
    st.sidebar.button(T["regenerate"], on_click=_regenerate,
                      disabled=settings.dataset == CSV_DATASET)
    st.sidebar.file_uploader(T["upload"], type=["csv"], key=W_UPLOAD, on_change=_on_upload,
                             args=(T,), help=T["upload_help"])
    show_test = st.sidebar.toggle(T["show_test"], value=True, key=W_SHOW_TEST)
    hard = st.sidebar.toggle(T["hard"], value=False, key=W_HARD)
    state[SETTINGS] = settings

    run = state.get(RUN)
    if run is None:
        run = state[RUN] = LiveRun(settings, upload)
    else:
        run.apply(settings, upload)
    if state.pop(RESET, False):
        run.reset()
    if state.pop(STEP, False):
        run.advance(1)

    query = {**to_query(settings), **language.link_params()}
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
    return settings, run, show_test, hard


# --- the live loop: train a few epochs, draw, repeat, until a widget interrupts ----------
def play(run: LiveRun, settings: Settings, draw_region: Callable[[], None],
         draw_metrics: Callable[[], None], draw_network: Callable[[], None],
         draw_chart: Callable[[int], None], draw_hints: Callable[[], None],
         n_charts: int) -> None:
    """While playing: train ``settings.speed`` epochs a frame and redraw. Returns only when
    the run diverges (after a rerun) or never: Streamlit stops the script on the next
    widget event."""
    frame, last_slow = 1, time.perf_counter()
    while state[PLAYING]:
        started = time.perf_counter()
        snap = run.advance(settings.speed)
        if snap.diverged:
            state[PLAYING] = False
            st.rerun()
        # The region changes every frame; the numbers and the diagram take turns in
        # between: the browser is the bottleneck (measured: Chromium at ~90 % of a core),
        # and numbers or thumbnails that change 15 times a second still look live.
        draw_region()
        (draw_metrics if frame % 2 == 0 else draw_network)()
        if started - last_slow >= SLOW_CHART_SECONDS:
            draw_chart(frame % n_charts)
            draw_hints()
            last_slow = started
        frame += 1
        time.sleep(max(0.0, FRAME_SECONDS - (time.perf_counter() - started)))
