"""Every live page from the keyboard: Space plays and pauses, "." steps one epoch, and the
page says which it did to a screen reader (keyboard.js, in the page itself), and reads
out the numbers every few seconds while playing; the list is on the page, in the
learner's language. Where the reader asked their system for reduced motion, the page
says so to the server (``calm``): a link's play=1 waits for Play, and the live loop
draws fewer frames a second (``clock.CALM_FPS``)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from .. import language
from ..i18n import texts

# While playing, the numbers are read out this often (a polite live region): often enough
# to follow the training, seldom enough to leave room for anything else said.
READ_EVERY_SECONDS = 5
CALM = "live.calm"  # session state: the page's word on reduced motion
_component = None
_lock = threading.Lock()


def mount(T: dict, key: str, autoplay: bool = False, on_drawn: Callable | None = None
          ) -> None:
    """Install the shortcuts in this page (once; each run passes the current labels:
    ``T`` holds the page's play, pause and step and the ``key_*`` words, see
    ``ui/locales/*/common.py``). ``autoplay``: this run starts playing because the link
    said play=1; where the reader asked for reduced motion, the page presses Pause first;
    else it calls ``on_drawn`` (in a new run) once its Play/Pause button is on screen.
    Whether the reader asked for reduced motion is kept for every live page of the
    session (``calm``): the page says so on its first run and whenever it changes."""
    global _component
    T = _words(T)
    with _lock:  # once per process, though many sessions' first pages run at once
        if _component is None:
            js = (Path(__file__).parent / "keyboard.js").read_text(encoding="utf-8")
            _component = st.components.v2.component("np_keyboard", js=js,
                                                    isolate_styles=False)
    callbacks = {"on_calm_change": lambda: _note_calm(key)}
    if on_drawn is not None:
        callbacks["on_drawn_change"] = on_drawn
    _component(data={"play": T["play"], "pause": T["pause"], "step": T["step"],
                      "playing": T["key_playing"], "paused": T["key_paused"],
                      "stepped": T["key_stepped"], "calm": T.get("key_calm", ""),
                      "autoplay": autoplay, "every": READ_EVERY_SECONDS},
               key=key, **callbacks)


def shortcuts(container, T: dict) -> None:
    """The "Keyboard" popover in ``container`` (a row of buttons): the keys, listed in
    the learner's language (``T``'s own list where the page has one)."""
    T = _words(T)
    with container.popover(T["keyboard"], icon=":material/keyboard:"):
        st.markdown(T["keyboard_help"])


def _words(T: dict) -> dict:
    """The page's words over the common ones (``key_*``, the list of keys)."""
    return {**texts("common", language.current()), **T}


def _note_calm(key: str) -> None:
    """The page's word on reduced motion, kept for every live page of the session."""
    st.session_state[CALM] = bool((st.session_state.get(key) or {}).get("calm"))


def calm() -> bool:
    """Has the reader asked their system for reduced motion (as their page last said)?"""
    return bool(st.session_state.get(CALM))
