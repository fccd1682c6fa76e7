"""How a live page's frames reach the learner: over the page's own channel (channel.py,
live_channel.js) once it is connected, else as Streamlit messages (the fallback: not yet
connected, a proxy that refuses websockets, AppTest); and whether they have left.

``Places`` is a page's end of it, used by its view; ``Delivery`` is the live loop's.
"""

from __future__ import annotations

import contextlib
import time

from . import streamlit_internals as internals
from .channel import Channel


class Places:
    """The places a page's live pictures go into, for one run of the page.

    Each picture is first drawn as a Streamlit message inside ``<div data-np-live="place"
    data-np-run="n">``, which makes its place; after that, while the channel is connected,
    it goes over the channel into that place, and the page's script swaps it in."""

    def __init__(self, channel: Channel | None):
        self.channel = channel
        self.placed: set[str] = set()  # places this run of the page has drawn

    def live(self) -> bool:
        """Is the channel connected now (so data, not pictures, can be sent)?"""
        return self.channel is not None and self.channel.connected()

    def show(self, place: str, slot, body: str) -> None:
        """HTML ``body`` into ``place`` (drawn in ``slot`` if the channel cannot take it)."""
        if self.send(place, body):
            return
        run = self.channel.run if self.channel is not None else 0
        slot.html(f'<div data-np-live="{place}" data-np-run="{run}">{body}</div>')
        self.placed.add(place)

    def send(self, place: str, body: str | dict) -> bool:
        """``body`` (HTML, or data the page's script draws) over the channel into ``place``,
        if this run has drawn the place and the channel is connected; else False."""
        return (place in self.placed and self.channel is not None
                and self.channel.send({place: body}))

    def forget(self, place: str) -> None:
        """``place`` is no longer on the page (its slot now holds something else)."""
        self.placed.discard(place)

    def together(self):
        """Everything sent inside reaches the page as one message (one frame)."""
        return self.channel.together() if self.channel is not None else contextlib.nullcontext()


class Delivery:
    """For the live loop: is the learner's tab still there, and wait, sleeping (so without
    the GIL), until the frame sent last has left the server: Streamlit's messages, and the
    channel's, if given."""

    POLL_SECONDS = 0.002

    def __init__(self, channel: Channel | None = None):
        self._channel = channel
        self._outgoing = internals.outgoing()
        self.connected = internals.connection()

    def wait(self, limit: float) -> float:
        """Wait up to ``limit`` seconds; returns how long it waited."""
        start = time.perf_counter()
        deadline = start + limit
        while not self._delivered() and time.perf_counter() < deadline:
            time.sleep(self.POLL_SECONDS)
        return time.perf_counter() - start

    def _delivered(self) -> bool:
        return self._outgoing() and (self._channel is None or self._channel.delivered())
