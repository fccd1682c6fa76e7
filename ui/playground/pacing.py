"""How the live loop shares one Streamlit server between many learners.

Every session's script runs in its own thread of one process, under one GIL, and one
event-loop thread sends every session's frames. So a session that draws frames faster
than they leave the server only wastes the shared core (Streamlit keeps the newest of
two undelivered versions of an element and drops the other). The live loop therefore

- alone, trains until its frame's deadline; with others, for a budget of its own
  thread's CPU time per frame, shared out between the sessions playing in this process
  (``players``), so load lowers everyone's rate evenly;
- trains and draws in turns, one session at a time, all of them together within a share
  of the core (``turn``), so pages, clicks and frames are served at once however many play;
- waits until its previous frame has left the server before drawing the next
  (``Delivery``), and stops when its tab has gone.

Streamlit offers no public API for either, so this module reads two of its internals
(the session's outgoing queue, the runtime's event loop) and does nothing if they are
missing: the loop then simply runs at its frame rate, as before.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

_lock = threading.Lock()
_players: set[int] = set()


@contextlib.contextmanager
def playing() -> Iterator[None]:
    """Count this thread (one session's live loop) among the players while inside."""
    me = threading.get_ident()
    with _lock:
        _players.add(me)
    try:
        yield
    finally:
        with _lock:
            _players.discard(me)


_turns = threading.Lock()
# Of this process's one core (its GIL), the share live loops may take together while more
# than one plays: the rest stays free for the event loop (sending frames), new students'
# first pages and clicks, and, on a machine that also runs browsers, for them.
LIVE_SHARE = 0.65
BURST_SECONDS = 0.01  # the most CPU time live loops may save up while the core was idle
_allowance = [0.0, time.perf_counter()]  # [CPU seconds live loops may still use, as of when]


@contextlib.contextmanager
def turn() -> Iterator[None]:
    """One live loop's piece of work (a frame's training, or its drawing) at a time in
    this process, then, while others play, a pause if needed to keep all live loops
    together within ``LIVE_SHARE`` of the core.

    Python runs one thread at a time anyway (the GIL), but a dozen live loops wanting it
    at once hand it round every 5 ms, in a queue that also holds the event loop: then
    every message, page and frame the server sends waits for the whole queue (measured:
    a new student's page did not load within 30 s while 15 sessions trained). Waiting
    for this lock instead sleeps, outside that queue, so the event loop only ever waits
    for the one frame being made.

    The share is kept with an allowance that grows with the wall clock (``LIVE_SHARE``
    CPU seconds a second, at most ``BURST_SECONDS`` saved up) and shrinks by each turn's
    CPU time. So the time it takes to hand the lock from one loop to the next counts
    toward the pause: live loops really get their share. (A pause proportional to each
    turn's work, as before, left a third of the share unused: 0.77 cores idle while 30
    light clients got 9 updates/s.)"""
    with _turns:
        _allow(0.0)
        cpu = time.thread_time()
        try:
            yield
        finally:
            left = _allow(time.thread_time() - cpu)
            if players() > 1 and left < 0:
                time.sleep(-left / LIVE_SHARE)


# How much lower than the rest of the server a live loop's thread runs (Linux "nice").
LIVE_NICE = 4


def lower_priority() -> None:
    """From now on this thread (a live loop's) gives way to anything else on the machine
    that wants a core: the server's event loop sending frames, new students' pages, and
    the browsers on the same machine (a teacher's laptop serving the class also shows the
    projector's page). It still gets every moment nobody else wants, and among live loops
    nothing changes. Where Linux groups threads by session (autogroups), a thread's nice
    counts only inside its own session, so the server's whole session goes ``LIVE_NICE``
    lower too (``_lower_autogroup``). Measured (benchmarks/class_load.py, 30 sessions of
    which 3 Chromium pages on the server's 2 cores): with the threads' nice alone, the
    browsers once in 21 runs showed 4-5 of the 14 frames a second they were sent, their
    renderers waiting for a core six threads at a time; with the session's nice too, they
    showed every frame, 12.9-14.3 a second, in 22 runs of 22.

    Where threads have no priority of their own (not Linux), nothing happens. The thread
    keeps it until it ends (raising a priority back needs privileges); Streamlit runs a
    session's reruns in the same thread, so a page drawn right after Pause is drawn at
    it too, and the session's next interaction gets a fresh thread."""
    with contextlib.suppress(OSError, AttributeError):
        base = os.getpriority(os.PRIO_PROCESS, os.getpid())  # the process's own
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), min(19, base + LIVE_NICE))
    _lower_autogroup()


AUTOGROUP = Path("/proc/self/autogroup")


def _lower_autogroup() -> None:
    """Linux with autogroups (most desktops, and the project's machine) shares the cores
    first between sessions (a terminal, a browser, a service), then between the threads
    of each: a thread's nice counts only against threads of its own session. So the live
    loops' nice alone did not reach a browser on the same machine; this lowers the
    server's whole session by ``LIVE_NICE`` against the others (once: never lower than
    that). Inside the server, live loops stay below the event loop. Measured with three
    co-located Chromium pages: see ``lower_priority``. Where there are no autogroups
    (not Linux), nothing happens."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        nice = int(AUTOGROUP.read_text().split("nice")[1])
        if nice < LIVE_NICE:
            AUTOGROUP.write_text(str(LIVE_NICE))


def _allow(spent: float) -> float:
    """The allowance now, after ``spent`` CPU seconds (call while holding ``_turns``)."""
    now = time.perf_counter()
    earned = (now - _allowance[1]) * LIVE_SHARE
    _allowance[0] = min(BURST_SECONDS, _allowance[0] + earned - spent)
    _allowance[1] = now
    return _allowance[0]


def fair_share(period: float) -> float:
    """CPU seconds of turns (``turn``) each playing session of this process may take per
    frame, so that all of them, each drawing one frame every ``period`` seconds, stay
    within ``LIVE_SHARE`` of the core together."""
    return LIVE_SHARE * period / players()


def past(clock: Callable[[], float], moment: float) -> Callable[[], bool]:
    """Asked after each epoch: would one more end further past ``moment`` (on ``clock``)
    than stopping now ends before it? So an epoch that takes most of a frame (a big
    network, many points, a whole class's stack) is not followed by a second one that makes
    the frame late, and small epochs fill the frame to within half an epoch."""
    last = [clock()]

    def done() -> bool:
        now = clock()
        epoch, last[0] = now - last[0], now
        return now + epoch / 2 >= moment

    return done


def players() -> int:
    """How many sessions of this process are playing now (at least 1)."""
    return max(1, len(_players))


TRIM_SECONDS = 30.0
_trimmer: threading.Thread | None = None


def _trim_forever() -> None:
    """Every ``TRIM_SECONDS``: hand memory that closed sessions freed back to the system.
    glibc keeps freed heap memory for reuse, so without this the server's RSS stays at
    its peak after a class has gone (measured: 101 MB -> 205 MB -> 172 MB after 50
    sessions came and went)."""
    import ctypes
    import gc

    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return  # not glibc: nothing to do
    while True:
        time.sleep(TRIM_SECONDS)
        gc.collect()
        trim(0)


def start_trimming() -> None:
    """Start the trimming thread once per process (a daemon: it never holds exit up)."""
    global _trimmer
    with _lock:
        if _trimmer is None:
            _trimmer = threading.Thread(target=_trim_forever, name="np-malloc-trim",
                                        daemon=True)
            _trimmer.start()


def _runtime() -> tuple[object, str] | None:
    """``(session manager, this script thread's session id)``, or None where there is no
    Streamlit runtime to ask (tests, or Streamlit changed inside)."""
    try:
        from streamlit.runtime import Runtime
        from streamlit.runtime.scriptrunner_utils.script_run_context import (
            get_script_run_ctx,
        )

        ctx = get_script_run_ctx(suppress_warning=True)
        if ctx is None or not Runtime.exists():
            return None
        return Runtime.instance()._session_mgr, ctx.session_id
    except Exception:  # noqa: BLE001 - internals: any change means "not available"
        return None


def _session():
    """This script thread's AppSession, or None (not connected now, or no runtime)."""
    found = _runtime()
    try:
        info = None if found is None else found[0].get_active_session_info(found[1])
        return None if info is None else info.session
    except Exception:  # noqa: BLE001 - internals: any change means "not available"
        return None


class Delivery:
    """Waits, sleeping (so without the GIL), until this session's queued frame has been
    handed to the network: Streamlit's messages, and those of ``channel`` (anything with
    a ``delivered()``), if given."""

    POLL_SECONDS = 0.002

    def __init__(self, channel=None):
        start_trimming()
        self._channel = channel
        session = _session()
        queue = getattr(session, "_browser_queue", None)
        self._queue = queue if hasattr(queue, "is_empty") else None
        found = _runtime()
        if found is None:
            self._is_active = lambda: True
        else:
            manager, session_id = found
            # A run can start after its tab has gone (a rerun asked for just before the
            # tab closed): its session is no longer active from the start, and Streamlit
            # will never stop that run, so it must see that itself.
            self._is_active = lambda: _asks_true(manager.is_active_session, session_id)

    def connected(self) -> bool:
        """Is the browser still there? Streamlit keeps running the script of a closed tab
        (it may come back) until the session expires: a live loop nobody watches only
        takes the others' share of the core."""
        return self._is_active()

    def wait(self, limit: float) -> float:
        """Wait up to ``limit`` seconds; returns how long it waited."""
        if self._queue is None:
            return 0.0
        start = time.perf_counter()
        deadline = start + limit
        while not self._delivered() and time.perf_counter() < deadline:
            time.sleep(self.POLL_SECONDS)
        return time.perf_counter() - start

    def _delivered(self) -> bool:
        return self._queue.is_empty() and (self._channel is None or self._channel.delivered())


def _still_running(session) -> bool:
    """Is ``session``'s script running now? (Its state's name, APP_IS_RUNNING: the name
    of "not running", APP_NOT_RUNNING, contains RUNNING too.)"""
    return getattr(getattr(session, "_state", None), "name", "") == "APP_IS_RUNNING"


def _asks_true(question, *args) -> bool:
    """``question(*args)``, or True if Streamlit's internals no longer answer it."""
    try:
        return bool(question(*args))
    except Exception:  # noqa: BLE001 - internals: any change means "not available"
        return True


def connected() -> bool:
    """Is this session's browser still connected (True if that cannot be told)?"""
    return Delivery().connected()


def rerun_soon(delay: float = 0.2, state: dict | None = None) -> bool:
    """Ask for one more run of this session's script after ``delay`` seconds, from the
    event loop, even if the current run was stopped (Streamlit's own Stop button), after
    setting the session-state entries ``state``. A stopped run cannot touch its session
    state itself: every access raises the stop again. Returns False if not possible."""
    session = _session()
    try:
        from streamlit.runtime import Runtime

        loop = Runtime.instance()._get_async_objs().eventloop
        session_state = session._session_state
        request_rerun = session.request_rerun
    except Exception:  # noqa: BLE001 - internals: any change means "not available"
        return False

    deadline = time.monotonic() + delay + 10.0

    def rerun() -> None:
        # after the current run has ended: a run cut short by a rerun leaves its widgets
        # unfinished in the browser
        if _still_running(session) and time.monotonic() < deadline:
            loop.call_later(0.05, rerun)
            return
        for key, value in (state or {}).items():
            session_state[key] = value
        request_rerun(None)

    loop.call_soon_threadsafe(loop.call_later, delay, rerun)
    return True
