"""The Playground from the keyboard: Space plays and pauses, "." steps one epoch, and the
page says which it did to a screen reader (keyboard.js, in the page itself), and reads
out the numbers every few seconds while playing; the list is on the page, in the
learner's language. And a link's play=1 waits for Play where the
reader asked their system for reduced motion."""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st

# While playing, the numbers are read out this often (a polite live region): often enough
# to follow the training, seldom enough to leave room for anything else said.
READ_EVERY_SECONDS = 5
_component = None
_lock = threading.Lock()


def mount(T: dict, autoplay: bool, on_drawn=None) -> None:
    """Install the shortcuts in this page (once; each run passes the current labels).
    ``autoplay``: this run starts playing because the link said play=1; where the reader
    asked for reduced motion, the page presses Pause first; else it calls ``on_drawn``
    (in a new run) once its Play/Pause button is on screen."""
    global _component
    with _lock:  # once per process, though many sessions' first pages run at once
        if _component is None:
            js = (Path(__file__).parent / "keyboard.js").read_text(encoding="utf-8")
            _component = st.components.v2.component("np_keyboard", js=js,
                                                    isolate_styles=False)
    _component(data={"play": T["play"], "pause": T["pause"], "step": T["step"],
                      "playing": T["key_playing"], "paused": T["key_paused"],
                      "stepped": T["key_stepped"], "calm": T["key_calm"],
                      "autoplay": autoplay, "every": READ_EVERY_SECONDS},
               key="np-keyboard", on_drawn_change=on_drawn)
