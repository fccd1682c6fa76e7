"""The live pictures' own channel: while a learner plays, each frame's pictures reach the
page over a websocket of their own instead of as Streamlit messages.

Why: every Streamlit message costs the learner's browser a redraw of the React page
around it. Measured in Chromium (one page, 10 updates/s): a bare Streamlit page that
swaps one image costs 12.7 ms of the browser's CPU per update, the same image swapped by
a plain page 4.4-5.4 ms; the Playground under a class's load cost 22-28 ms per update
shown, and on a machine that also serves the class its browsers showed 7-9 of the 10-11
frames a second the server sent them.

How: the page is drawn as always (Streamlit messages), each live picture inside a
``<div data-np-live="name" data-np-run="n">``. A small component in the page
(``live_channel.js``) opens ``/np-live?token=...``; while it is connected, the live loop
hands each frame's pictures to ``Channel.send`` and the page swaps them into those
places. Pictures from an earlier run of the page (``n``) are never swapped into a newer
one. When the channel is not connected (not yet, a proxy that refuses websockets, AppTest)
the live loop sends Streamlit messages exactly as before.

The token is the only key to a session's channel: 32 random bytes, made per session,
known only to its page. Channels are held weakly: a session that ends takes its channel
with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import threading
import weakref

PATH = "/np-live"
_channels: weakref.WeakValueDictionary[str, Channel] = weakref.WeakValueDictionary()
_lock = threading.Lock()


class Channel:
    """One session's channel. ``send`` is called from the session's script thread; the
    websocket is served on the server's event loop."""

    def __init__(self):
        self.token = secrets.token_urlsafe(32)
        self.run = 0  # the run of the page whose places the pictures go into
        self._lock = threading.Lock()
        self._pending: dict[str, str | dict] = {}  # newest picture per place, not yet sent
        self._sending = False
        self._holding = 0  # inside ``together``: wake the sender only at its end
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._socket = None
        with _lock:
            _channels[self.token] = self

    def new_run(self) -> int:
        """A new run of the page: pictures not yet sent belong to the old one."""
        with self._lock:
            self.run += 1
            self._pending.clear()
            return self.run

    def connected(self) -> bool:
        return self._socket is not None

    @contextlib.contextmanager
    def together(self):
        """Pictures sent inside go to the page as one message (one frame's pictures: the
        page applies them in one go, and the browser lays out and paints once)."""
        with self._lock:
            self._holding += 1
        try:
            yield
        finally:
            with self._lock:
                self._holding -= 1
                due = not self._holding and bool(self._pending)
                loop, wake = self._loop, self._wake
            if due:
                _wake_sender(loop, wake)

    def send(self, parts: dict[str, str | dict]) -> bool:
        """Hand pictures to the page: place -> HTML, or place -> data the page draws
        itself (the region, the diagram, the charts: live_region.js, live_chart.js); False if not
        connected (then the caller sends them as Streamlit messages). Pictures for a place
        still unsent are replaced: the page only ever needs the newest."""
        with self._lock:
            loop, wake = self._loop, self._wake
            if self._socket is None or loop is None:
                return False
            self._pending.update(parts)
            if self._holding:
                return True
        _wake_sender(loop, wake)
        return True

    def delivered(self) -> bool:
        """Has everything sent left the server?"""
        with self._lock:
            return not self._pending and not self._sending

    # --- the event loop's side ---------------------------------------------------------
    async def serve(self, socket) -> None:
        """Send pictures to ``socket`` until it closes (a newer page of the same session
        takes the channel over)."""
        loop, wake = asyncio.get_running_loop(), asyncio.Event()
        with self._lock:
            self._loop, self._wake, self._socket = loop, wake, socket
            self._pending.clear()
        closed = asyncio.create_task(_until_closed(socket))
        try:
            while not closed.done():
                waiting = asyncio.create_task(wake.wait())
                await asyncio.wait({waiting, closed}, return_when=asyncio.FIRST_COMPLETED)
                waiting.cancel()
                wake.clear()
                with self._lock:
                    if self._socket is not socket:
                        return  # taken over
                    parts, self._pending = self._pending, {}
                    self._sending = bool(parts)
                    run = self.run
                if parts and not closed.done():
                    await socket.send_text(json.dumps({"run": run, "parts": parts}))
                with self._lock:
                    self._sending = False
        except Exception:  # noqa: BLE001 - a socket that fails is a socket that closed
            pass
        finally:
            closed.cancel()
            with self._lock:
                if self._socket is socket:
                    self._socket = self._loop = self._wake = None
                    self._pending.clear()
                    self._sending = False


def _wake_sender(loop, wake) -> None:
    """From any thread: tell ``serve`` on ``loop`` that pictures wait (none: not connected)."""
    if loop is not None and wake is not None:
        with contextlib.suppress(RuntimeError):  # the loop has closed: the server stops
            loop.call_soon_threadsafe(wake.set)


async def _until_closed(socket) -> None:
    """Read (and ignore) what the page sends, until it disconnects."""
    with contextlib.suppress(Exception):
        while True:
            message = await socket.receive()
            if message.get("type") == "websocket.disconnect":
                return


def find(token: str | None) -> Channel | None:
    with _lock:
        return _channels.get(token or "")


async def endpoint(socket) -> None:
    """``/np-live?token=...``: the page of the session that holds the token."""
    channel = find(socket.query_params.get("token"))
    if channel is None:
        await socket.close(code=1008)  # policy violation: no such channel
        return
    await socket.accept()
    await channel.serve(socket)


def route_path(base_path: str | None = None) -> str:
    """Where the server answers the channel: ``PATH`` under Streamlit's own base path
    (``server.baseUrlPath``), as Streamlit's own routes are."""
    from .server import under

    return under(base_path, PATH)


def routes() -> list:
    """The channel's route, for ``st.App(routes=...)``."""
    from starlette.routing import WebSocketRoute

    return [WebSocketRoute(route_path(), endpoint)]


# --- the page's end ---------------------------------------------------------------------
_component = None


def mount(channel: Channel) -> None:
    """The page's end of ``channel`` (live_channel.js): no HTML of its own, out of sight."""
    global _component
    import streamlit as st

    with _lock:  # once per process, though many sessions' first pages run at once
        if _component is None:
            from pathlib import Path

            here = Path(__file__).parent  # the region's and charts' drawing, the channel
            js = "\n".join((here / name).read_text(encoding="utf-8")
                            for name in ("live_region.js", "live_chart.js", "live_channel.js"))
            _component = st.components.v2.component("np_live_channel", js=js,
                                                    isolate_styles=False)
    # the page finds the channel beside Streamlit's own files, wherever a proxy serves them
    _component(data={"path": PATH.lstrip("/"), "token": channel.token}, key="np-live-channel")
