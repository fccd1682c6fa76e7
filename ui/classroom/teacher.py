"""The teacher's side of a class: the set-up to start from (a lesson, the Playground as
the teacher left it, or any Playground link), starting the class, and the actions of the
dashboard (push a new set-up, pause, end). Session keys are namespaced ``classroom.*``."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

import streamlit as st

from classroom import challenges, store

from ..playground import controller, presets, views
from ..playground.settings import CSV_DATASET, Settings, from_query, to_query
from . import connection
from .words import tell

NOW, LINK = "now", "link"  # the set-up choices besides the lessons
CREATED = "classroom.created"  # (code, key) of the class this session started
PRIVATE = ("pts",)  # drawn points never leave a session (an upload cannot: "csv")


def setup_choices(T: dict, T_play: dict) -> dict[str, str]:
    """Choice -> its name: the Playground as it is now (when the teacher has opened it),
    every lesson preset, a Playground link."""
    out = {}
    if controller.SETTINGS in st.session_state:
        out[NOW] = T["setup_now"]
    out.update({p: T_play["preset_names"].get(p, p) for p in presets.load()})
    out[LINK] = T["setup_link"]
    return out


def setup_query(choice: str, link: str) -> tuple[str | None, list]:
    """The set-up as a Playground query, and what the link's reading noted (clamped or
    ignored settings). None when it cannot travel (an uploaded file)."""
    play = False
    if choice == NOW:
        settings = st.session_state[controller.SETTINGS]
        notes = []
    elif choice == LINK:
        params = dict(parse_qsl(urlsplit(link.strip()).query or link.strip()))
        settings, notes = from_query(params)
        play = params.get("play") == "1"  # the link's "train as the page opens" is kept
    else:
        settings, notes = presets.load()[choice], []
    if settings.dataset == CSV_DATASET:
        return None, notes
    return urlencode({**public_query(settings), **({"play": "1"} if play else {})}), notes


def public_query(settings: Settings) -> dict[str, str]:
    """The Playground link's parameters for ``settings``, without the drawn points."""
    return {k: v for k, v in to_query(settings).items() if k not in PRIVATE}


# --- the buttons' callbacks: a refusal of the store is said on the next run -------------
def _act(action, *args) -> bool:
    try:
        action(*args)
        return True
    except store.StoreError as error:
        tell(error.kind)
        return False


def setup_chooser(T: dict, T_play: dict, prefix: str) -> str | None:
    """The teacher's choice of a set-up (widgets keyed ``prefix``), as a Playground query
    (None: it cannot travel)."""
    choices = setup_choices(T, T_play)
    choice = st.selectbox(T["setup"], list(choices), format_func=choices.get,
                          key=f"{prefix}_setup")
    link = st.text_input(T["setup_link_input"], key=f"{prefix}_link") \
        if choice == LINK else ""
    query, notes = setup_query(choice, link)
    for note in notes:  # what the link's reading clamped or ignored, as the Playground says
        st.caption(views.url_note(note, T_play))
    if query is None:
        st.warning(T["setup_csv"])
    return query


def start(setup: str, challenge: str) -> None:
    """A new class; its (code, key) are kept in this session to show the links."""
    def create() -> None:
        st.session_state[CREATED] = connection.store().create_class(setup, challenge)
    _act(create)


def push(code: str, setup: str) -> None:
    if _act(lambda: connection.store().push_setup(code, setup)):
        tell("pushed", "success")


def pause(code: str, paused: bool) -> None:
    _act(lambda: connection.store().set_paused(code, paused))


ENDED = "classroom.ended"  # the classes this teacher has ended (their data is gone)


def end(code: str) -> None:
    if _act(lambda: connection.store().end(code)):
        st.session_state.setdefault(ENDED, set()).add(code)


def ended_here(code: str) -> bool:
    """Did this teacher end this class? (Its key opens nothing now: say so instead.)"""
    return code in st.session_state.get(ENDED, ())


def app_base() -> str:
    """The app's address, ending in "/": the page's own without its last part."""
    url = (st.context.url or "").split("?")[0]
    return url.rsplit("/", 1)[0] + "/" if "/" in url else "/"


def join_link(code: str) -> str:
    return f"{app_base()}class?{urlencode({'class': code})}"


def dashboard_link(code: str, key: str) -> str:
    """The teacher's dashboard: it opens with the teacher's actions."""
    return f"{app_base()}class?{urlencode({'class': code, 'key': key})}"


def projector_link(code: str, key: str, safe: bool = False) -> str:
    """The dashboard for the projector: the projector's key (it shows, it cannot act), and
    with ``safe`` only nicknames and the leaderboard."""
    params = {"class": code, "view": store.view_key(key), **({"safe": "1"} if safe else {})}
    return f"{app_base()}class?{urlencode(params)}"


def playground_link(settings: str, lang_params: dict) -> str:
    """A student's run as a Playground link the teacher can open."""
    query = "&".join(q for q in (settings, urlencode(lang_params)) if q)
    return f"{app_base()}?{query}"


def challenge_names(T: dict) -> dict[str, str]:
    return {challenges.NONE: T["challenge_none"],
            **{c: T[f"challenge_{c}"] for c in challenges.CHALLENGES}}


def score_text(challenge: str, score: float, T: dict) -> str:
    """A leaderboard score in words: 57 weights, loss 0.0123, 80 epochs."""
    unit = challenges.CHALLENGES[challenge].unit
    return T[f"score_{unit}"].format(score=score)


def opens(code: str, key: str, view: str) -> bool:
    """Does this link open the dashboard: the teacher's ``key``, or the projector's
    ``view``? (False when the database cannot say.)"""
    try:
        return (connection.store().is_teacher(code, key) if key
                else connection.store().can_view(code, view))
    except store.StoreError:
        return False
