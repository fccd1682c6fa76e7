"""The Playground's session logic: the first visit (settings from the link), the upload,
the Play / Step / Reset buttons, the run that follows the sidebar, and the live loop.

Session keys are namespaced ``playground.*``. ``RUN`` (a ``LiveRun``) is the one entry
other pages read: the lesson "Inside the network" looks into the Playground's network.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from core import csvdata

from .. import language
from ..i18n import error_text
from ..live import channel as live_channel
from ..live import loop
from ..live import streamlit_internals as internals
from . import model_import, presets, sidebar
from .keys import NS, W
from .live import LiveRun
from .settings import CSV_DATASET, DEFAULTS, LIMITS, Settings, from_query, to_query

RUN = NS + "run"  # the current LiveRun, shared with the lessons
PLAYING = NS + "playing"
AUTOPLAY = NS + "autoplay"  # play=1 in the link: play once the first page is drawn
PAGE_DRAWN = NS + "page_drawn"  # the page says its first run is on screen (keyboard.js)
FROM_LINK = NS + "from_link"  # playing because the link said so, and nobody pressed a key yet
UPLOAD = NS + "upload"  # the learner's own data set (core.datasets.Dataset), kept across uploads
UPLOAD_MESSAGE = NS + "upload_message"  # ("ok" | "error", text)
URL_NOTES = NS + "url_notes"  # settings.Note list from the link: shown once
UPLOAD_VERSION = NS + "upload_version"  # a new uploader (empty) after a rejected file
PRESENT = NS + "present"  # the teacher's view (?present=1): one projector screen
SETTINGS = NS + "settings"  # the last settings drawn: restores the widgets after a page switch
STEP, RESET = NS + "step_request", NS + "reset_request"
W_UPLOAD, W_SEED = W + "upload", W + "seed"
CHANNEL = NS + "channel"  # this session's live pictures' channel (channel.py)

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
        state[FROM_LINK] = state[PLAYING]
        if preset is not None:
            state[W + "preset"] = preset_id
            state.pop(RUN, None)  # the lesson as it starts, even if it was open before
    elif W + "dataset" not in state and SETTINGS in state:
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
    state[W + "dataset"] = CSV_DATASET


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


def page_drawn() -> None:
    """The page's own word that it has drawn its controls: a link's play=1 may start."""
    state[PAGE_DRAWN] = True


def toggle_play() -> None:
    state[PLAYING] = not state[PLAYING]
    state[FROM_LINK] = False


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
        loop.settle(run)  # a live loop of the page's run before may still be letting go
        run.apply(settings, upload)
    if state.pop(RESET, False):
        run.reset()
    if state.pop(STEP, False):
        run.advance(1)

    query = _query(settings)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
    return settings, run, settings.show_test, settings.hard


def autoplaying() -> bool:
    """Is the page playing because the link said play=1, with no Play or Pause pressed
    since?"""
    return bool(state.get(FROM_LINK)) and playing()


# --- the live loop ------------------------------------------------------------------------
def play(run: LiveRun, settings: Settings, view) -> None:
    """While playing: the live loop (ui/live/loop.py) trains ``run`` and ``view`` (the
    page's ``frame.Frame``) draws it. A speed below the slider's top trains exactly that
    many epochs a frame; at the top, as many as each frame allows, together with the
    networks of the same shape."""
    if state.get(AUTOPLAY) and state[PLAYING] and not state.get(PAGE_DRAWN) \
            and internals.in_a_browser_session():
        # A link's play=1 starts once the page says its controls are drawn (keyboard.js,
        # then this runs again): a loop started earlier kept a slow browser from ever
        # drawing them (measured: skeleton buttons for 30 s, once in a few cold starts).
        # Without a browser (AppTest) it starts at once.
        return
    state.pop(AUTOPLAY, None)
    cap = settings.speed if settings.speed < LIMITS["speed"][1] else None
    loop.play(run, view, PLAYING, speed=cap, channel=state.get(CHANNEL))
