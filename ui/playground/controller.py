"""The Playground's session logic: the first visit (settings from the link), the upload,
the Play / Step / Reset buttons, the run that follows the sidebar, and the live loop.

Session keys are namespaced ``playground.*``. ``RUN`` (a ``LiveRun``) is the one entry
other pages read: the lesson "Inside the network" looks into the Playground's network.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

from core import csvdata

from .. import language
from ..i18n import error_text
from . import channel as live_channel
from . import model_import, pacing, presets, sidebar, together
from .live import LiveRun
from .settings import CSV_DATASET, DEFAULTS, LIMITS, Settings, from_query, to_query

NS = "playground."
RUN = NS + "run"  # the current LiveRun, shared with the lessons
PLAYING = NS + "playing"
AUTOPLAY = NS + "autoplay"  # play=1 in the link: play once the first page is drawn
AUTOPLAY_DELAY = 0.3  # seconds after the first page is drawn; then training starts
UPLOAD = NS + "upload"  # the learner's own data set (core.datasets.Dataset), kept across uploads
UPLOAD_MESSAGE = NS + "upload_message"  # ("ok" | "error", text)
URL_NOTES = NS + "url_notes"  # settings.Note list from the link: shown once
UPLOAD_VERSION = NS + "upload_version"  # a new uploader (empty) after a rejected file
PRESENT = NS + "present"  # the teacher's view (?present=1): one projector screen
SETTINGS = NS + "settings"  # the last settings drawn: restores the widgets after a page switch
STEP, RESET = NS + "step_request", NS + "reset_request"
W_UPLOAD, W_SEED = NS + "w_upload", NS + "w_seed"
CHANNEL = NS + "channel"  # this session's live pictures' channel (channel.py)

FRAME_SECONDS = 1 / 30  # at most ~30 frames a second; the browser cannot show more
# With others playing in this process, at most 15: frames beyond that cost the shared
# machine (and each learner's browser) more than they show, and the time goes to training.
SHARED_FRAME_SECONDS = 1 / 15
DRAW_SECONDS_GUESS = 0.004  # a frame's drawing, until measured
MAX_EPOCHS_PER_FRAME = 1_000_000  # no real limit: a frame trains until its time is up
# With others playing, the least a frame trains, however busy the server: this many epochs
# (so at 10 region updates/s a learner still trains 30 epochs/s, above TF Playground's 25,
# whatever the network's size), and at least this long (a tiny network's epochs are cheap).
MIN_TRAIN_EPOCHS = 3
MIN_TRAIN_SECONDS = 0.0005
EPOCH_SECONDS_GUESS = 0.0005  # one epoch's training, until measured
DELIVERY_WAIT_SECONDS = 0.5  # wait at most this long for the last frame to leave
LATE = 1.2  # a frame that takes this many frame periods is late
# With others playing, a frame's training is timed on the wall clock, not the thread's CPU
# clock: in its turn a live loop is the only one running, so the two differ only when the
# machine takes the core away (and then the turn should end sooner, not later); and reading
# a thread's CPU clock is a system call (2 us here, against 0.25 us) where, on a full
# machine, the kernel tends to take the core from a live loop holding the GIL. In a profile
# of a replica serving 15 of 30 students, 13 % of the time the GIL was held was spent in
# that one call, after each epoch. With 30 students: 3.1-3.2 ms of server CPU per delivered
# frame against 3.3 on the CPU clock (three runs each, in turn). (pacing.turn counts CPU time:
# on the wall clock its share went unused, 0.34-0.50 cores idle, the class missed its target.)
FAIR_CLOCK = time.perf_counter
PACE_SECONDS = 1.0  # the pace under the numbers is measured over this long
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
    shown) from the last settings. ``play=1`` in the link starts training as the page
    opens (a teacher's link, the load benchmark)."""
    params = st.query_params.to_dict()
    preset_id = params.pop("preset", None)
    preset = presets.load().get(preset_id) if preset_id else None
    if "present" in params or PRESENT not in state:
        state[PRESENT] = params.get("present") == "1"
    if state.pop(sidebar.RESET_RUN, False):  # a lesson picked in the sidebar
        state.pop(RUN, None)
        state[PLAYING] = False
    if PLAYING not in state or preset is not None:
        settings, notes = from_query(params, preset or DEFAULTS)
        sidebar.write_widgets(settings)
        state[URL_NOTES] = notes
        state[PLAYING] = state[AUTOPLAY] = params.get("play") == "1"  # a teacher's link
        if preset is not None:
            state[NS + "w_preset"] = preset_id
            state.pop(RUN, None)  # the lesson as it starts, even if it was open before
    elif NS + "w_dataset" not in state and SETTINGS in state:
        sidebar.write_widgets(state[SETTINGS])
        state[PLAYING] = False


def _uploader_key() -> str:
    return f"{W_UPLOAD}_{state.get(UPLOAD_VERSION, 0)}"


def _on_upload(T: dict) -> None:
    """Read the chosen file. A rejected file says why (once) and leaves the uploader
    empty, so it never names a file whose data is not in use; the data before stays."""
    file = state.get(_uploader_key())
    if file is None:
        return  # removing the file keeps the data it gave
    try:
        data = csvdata.read_csv(file.getvalue(), name=file.name)
    except csvdata.CSVDataError as error:
        why = error_text(error, language.current()).rstrip(" .。")
        state[UPLOAD_MESSAGE] = ("error", T["upload_bad"].format(name=file.name, error=why))
        state[UPLOAD_VERSION] = state.get(UPLOAD_VERSION, 0) + 1
        return
    state[UPLOAD] = data
    state[NS + "w_dataset"] = CSV_DATASET


def upload_summary(T: dict) -> str:
    """What the uploaded data is: rows, classes by name (or regression), file name."""
    data = state[UPLOAD]
    what = (T["upload_regression"] if data.task == "regression" else
            T["upload_classes"].format(k=data.n_classes,
                                       names=", ".join(map(str, data.class_names))))
    return T["upload_in_use"].format(name=data.name, n=len(data), what=what)


def channel() -> live_channel.Channel:
    """This session's live pictures' channel, made on first use."""
    if CHANNEL not in state:
        state[CHANNEL] = live_channel.Channel()
    return state[CHANNEL]


def present() -> bool:
    """The teacher's view: ``present=1`` in the link."""
    return bool(state.get(PRESENT))


def share_link(settings: Settings) -> str:
    """The link that reopens this Playground: its data, network, seed, view, language."""
    base = (st.context.url or "").split("?")[0]
    return f"{base}?{urlencode(_query(settings))}"


def _query(settings: Settings) -> dict[str, str]:
    extra = {"present": "1"} if present() else {}
    return {**to_query(settings), **extra, **language.link_params()}


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
    settings = sidebar.draw(T, upload)
    st.sidebar.button(T["regenerate"], on_click=_regenerate,
                      disabled=settings.dataset == CSV_DATASET)
    st.sidebar.file_uploader(T["upload"], type=["csv"], key=_uploader_key(),
                             on_change=_on_upload, args=(T,), help=T["upload_help"])
    if upload is not None and settings.dataset == CSV_DATASET:
        st.sidebar.caption(upload_summary(T))
    model_import.uploader(T, RUN)  # a trained model (JSON): training goes on from its weights
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

    query = _query(settings)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
    return settings, run, settings.show_test, settings.hard


# --- the live loop: train, draw, repeat, until a widget interrupts -----------------------
def play(run: LiveRun, settings: Settings, draw_region: Callable[[], None],
         draw_metrics: Callable[[], None], draw_network: Callable[[], None],
         draw_chart: Callable[[int], None], draw_hints: Callable[[], None],
         n_charts: int) -> None:
    """While playing: train for most of each frame's time and redraw. Returns only when
    the run diverges (after a rerun) or never: Streamlit stops the script on the next
    widget event. Streamlit's own Stop pauses, as the Pause button does."""
    if state.pop(AUTOPLAY, False) and state[PLAYING] and pacing.rerun_soon(AUTOPLAY_DELAY):
        return  # the first run finishes, so its widgets appear; the next one plays
    try:
        full_speed = _speed_cap(settings) is None
        with pacing.playing(), together.member(run) if full_speed else contextlib.nullcontext():
            try:
                _live_loop(run, settings, draw_region, draw_metrics, draw_network, draw_chart,
                           draw_hints, n_charts)
            finally:
                run.pace = None  # paused: no pace to show
    except StopException:
        # Streamlit's Stop, or the tab was closed: paused, and (if the page is still
        # open) it draws itself again, so the button says Play
        if pacing.connected():
            pacing.rerun_soon(0.2, {PLAYING: False})
        raise


def _draw(frame: int, chart: int | None, draw_region, draw_metrics, draw_network,
          draw_chart, draw_hints) -> None:
    """Frame number ``frame`` of the live pictures. The region changes every frame; the
    numbers and the diagram take turns every fourth frame, and small chart number
    ``chart`` (with the hints), unless None, comes on a frame of its own in between:
    numbers or thumbnails that change 7 times a second still look live. Every message
    costs the learner's browser a redraw of the page around it (measured in Chromium:
    React), so each one that is not the region is worth sparing: numbers every second
    frame cost the browser a fifth more per frame than every fourth, and a browser that
    can only take a few frames a second gets a chart with at most every other one."""
    draw_region()
    if frame % 4 == 0:
        draw_metrics()
    elif frame % 4 == 2:
        draw_network()
    elif chart is not None:
        draw_chart(chart)
        draw_hints()


def _speed_cap(settings: Settings) -> int | None:
    """Epochs a frame when the learner set a speed below the slider's top; None at the top
    (as many as each frame allows, and trained with the networks of the same shape)."""
    return settings.speed if settings.speed < LIMITS["speed"][1] else None


def _training_bounds(period: float, drawing: float, epoch_seconds: float
                     ) -> tuple[float, float]:
    """``(least, most)`` seconds a frame trains with others playing in this process, for
    frames every ``period`` seconds that take ``drawing`` seconds to draw and epochs of
    ``epoch_seconds``. The most is this session's fair share of the live loops' share of
    the core (``pacing.fair_share``) less its drawing: so, while the machine keeps up,
    every session gets its frames on time. (It was a share of the whole frame, as if the
    live loops had the core to themselves: their frames then came late by design, and the
    budget, cut back on each late frame, sat between its bounds: 30 students got 10-11
    updates/s where this gives them 13-14.) The least is ``MIN_TRAIN_EPOCHS`` epochs."""
    least = max(MIN_TRAIN_SECONDS, MIN_TRAIN_EPOCHS * epoch_seconds)
    return least, max(least, pacing.fair_share(period) - drawing)


def _due(previous: float | None, started: float, period: float) -> float:
    """When a frame that starts at ``started`` should end. Alone (``previous``: when the
    frame before was due), frames are due on a fixed clock, one period apart: one that
    drew faster than expected leaves its spare moments to the next one's training instead
    of to a sleep (measured in Chromium: 1.1 ms of every 34 ms frame slept, and 28.5
    updates/s, not 30), and one a little late is made up by the next. A frame that starts
    half a period or more behind the clock, or with others playing, starts afresh."""
    if previous is not None and started < previous + period / 2:
        return previous + period
    return started + period


def _live_loop(run, settings, draw_region, draw_metrics, draw_network, draw_chart,
               draw_hints, n_charts) -> None:
    """Alone in this process, each frame trains until its deadline: when it is due (on
    a fixed clock, see ``_due``) less what drawing takes; then the next frame starts. With
    others playing, it trains for a budget of time in its turn (``pacing.turn``): its fair
    share (``_training_bounds``), and less while frames come late (a busy machine), down
    to a floor, so the picture stays live and every learner slows down alike. Either way
    the check comes after each epoch, so no fraction of an epoch is left unused. A speed
    below the slider's top value trains exactly that many epochs a frame instead."""
    cap = _speed_cap(settings)
    channel = state.get(CHANNEL)
    delivery = pacing.Delivery(channel)
    pacing.lower_priority()
    frame, last_slow, charts_drawn = 1, time.perf_counter(), 0
    drawing = DRAW_SECONDS_GUESS  # CPU seconds a frame's drawing takes, smoothed
    drawing_wall = DRAW_SECONDS_GUESS  # and its wall-clock seconds, smoothed
    epoch_seconds = EPOCH_SECONDS_GUESS  # one epoch's training, smoothed
    budget = due = None
    window = (time.perf_counter(), frame, run.epoch)  # since when the pace is measured
    while state[PLAYING]:
        started = time.perf_counter()
        alone = pacing.players() == 1
        period = FRAME_SECONDS if alone else SHARED_FRAME_SECONDS
        due = _due(due if alone else None, started, period)
        # in a stack of K, an epoch of this loop's stack trains K networks: this loop's
        # part of it is a K-th (together.py)
        least, most = _training_bounds(period, drawing,
                                       epoch_seconds / max(1, together.size(run)))
        budget = most if budget is None else min(max(budget, least), most)
        with pacing.turn():  # one live loop at a time in this process: see pacing.turn
            if cap is not None:  # a learner who set the speed gets exactly that many epochs
                until = None
            elif alone:  # the frame on time, every moment before it training (and at
                # least the floor, should drawing alone take longer than a frame)
                until = pacing.past(time.perf_counter, max(due - drawing_wall, started + least))
            else:  # a fair share of the shared core, on the wall clock: see FAIR_CLOCK
                until = pacing.past(FAIR_CLOCK, FAIR_CLOCK() + budget)
            began, first = time.thread_time(), run.epoch
            if cap is None:  # with the networks of the same shape, if others play
                snap = together.advance(run, budget, MAX_EPOCHS_PER_FRAME, until)
            else:
                snap = run.advance(cap, until)
            if run.epoch > first:
                epoch_seconds = (0.8 * epoch_seconds
                                 + 0.2 * (time.thread_time() - began) / (run.epoch - first))
        if snap.diverged:
            state[PLAYING] = False
            st.rerun()
        # The previous frame left the server while this one trained (the event loop takes
        # the GIL every few ms); wait only if it has not (a slow browser), outside the
        # turn so that it holds up no one else: Streamlit keeps only the newest of two
        # unsent frames, and drawing one to drop wastes the shared core.
        delivery.wait(DELIVERY_WAIT_SECONDS)
        with pacing.turn():
            drawn, drawn_at = time.thread_time(), time.perf_counter()
            # with others playing in this process, the charts take turns half as often
            chart = None
            if (frame % 2 and started - last_slow
                    >= SLOW_CHART_SECONDS * min(2, pacing.players())):
                chart, charts_drawn, last_slow = charts_drawn % n_charts, charts_drawn + 1, started
            with channel.together() if channel is not None else contextlib.nullcontext():
                _draw(frame, chart, draw_region, draw_metrics, draw_network, draw_chart,
                      draw_hints)
            drawing = 0.8 * drawing + 0.2 * (time.thread_time() - drawn)
            drawing_wall = 0.8 * drawing_wall + 0.2 * (time.perf_counter() - drawn_at)
        frame += 1
        if started - window[0] >= PACE_SECONDS:  # the page's own pace, said under its numbers
            seconds = started - window[0]
            run.pace = ((frame - window[1]) / seconds, (run.epoch - window[2]) / seconds,
                        pacing.players(), max(1, together.size(run)))
            window = (started, frame, run.epoch)
        if not delivery.connected():
            return  # the tab was closed; if it comes back, its rerun plays on
        took = time.perf_counter() - started
        if took > LATE * period:  # late: train less next time
            budget = max(least, budget * max(0.5, period / took))
        else:  # on time: win back what a busy moment took
            budget = min(most, budget * 1.2)
        if not (alone and cap is None):  # (alone, training filled the frame up to its due)
            time.sleep(max(0.0, due - time.perf_counter()))
