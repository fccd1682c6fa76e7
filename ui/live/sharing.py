"""How the live loops of one server process share its one core (its GIL).

Every session's script runs in its own thread of one process, under one GIL, and one
event-loop thread sends every session's frames. So the live loops

- count themselves while they play (``playing``, ``players``), so each knows its part;
- work in turns, one loop at a time, all of them together within ``LIVE_SHARE`` of the
  core (``turn``), so pages, clicks and frames are served at once however many play;
- each train, per frame, for a fair share of that (``fair_share``, ``training_bounds``),
  so load lowers everyone's rate evenly;
- run below the rest of the machine (``lower_priority``);

and the pages' own runs (a student opening a page, a click) take turns too
(``page_run``), so thirty students opening the class link at once each get their page
in turn rather than all of them late.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator

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


@contextlib.contextmanager
def aside() -> Iterator[None]:
    """The server's own work between the live loops' turns (a class's reports, its
    dashboard): never in the middle of a turn, and not counted in the loops' share.

    A live loop's turn trains for a time on the wall clock: another thread taking the
    interpreter during it (13 ms for a class's dashboard) took that time from the loop's
    training, made its frame late, and a late frame trains less for the frames after.
    Measured with thirty students through deploy/serve.py: the class's epochs fell by an
    eighth with class mode on, its pictures not at all."""
    with _turns:
        yield


# How much lower than the rest of the server a live loop's thread runs (Linux "nice").
LIVE_NICE = 4


def lower_priority() -> None:
    """From now on this thread (a live loop's) gives way to anything else in the server
    that wants a core: the event loop sending frames, new students' pages and clicks. It
    still gets every moment nobody else wants, and among live loops nothing changes.
    (Against other programs on the machine, such as the browsers of a teacher's laptop
    that also serves the class, the server as a whole gives way: ``server.start``.)

    Where threads have no priority of their own (not Linux), nothing happens. The thread
    keeps it until it ends (raising a priority back needs privileges); Streamlit runs a
    session's reruns in the same thread, so a page drawn right after Pause is drawn at
    it too, and the session's next interaction gets a fresh thread."""
    with contextlib.suppress(OSError, AttributeError):
        base = os.getpriority(os.PRIO_PROCESS, os.getpid())  # the process's own
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), min(19, base + LIVE_NICE))


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


def players() -> int:
    """How many sessions of this process are playing now (at least 1)."""
    return max(1, len(_players))


# With others playing, the least a frame trains, however busy the server: this many epochs
# (so at 10 region updates/s a learner still trains 30 epochs/s, above TF Playground's 25,
# whatever the network's size), and at least this long (a tiny network's epochs are cheap).
MIN_TRAIN_EPOCHS = 3
MIN_TRAIN_SECONDS = 0.0005


def training_bounds(period: float, drawing: float, epoch_seconds: float
                    ) -> tuple[float, float]:
    """``(least, most)`` seconds a frame trains with others playing in this process, for
    frames every ``period`` seconds that take ``drawing`` seconds to draw and epochs of
    ``epoch_seconds``. The most is this session's fair share of the live loops' share of
    the core (``fair_share``) less its drawing: so, while the machine keeps up, every
    session gets its frames on time. (It was a share of the whole frame, as if the live
    loops had the core to themselves: their frames then came late by design, and the
    budget, cut back on each late frame, sat between its bounds: 30 students got 10-11
    updates/s where this gives them 13-14.) The least is ``MIN_TRAIN_EPOCHS`` epochs."""
    least = max(MIN_TRAIN_SECONDS, MIN_TRAIN_EPOCHS * epoch_seconds)
    return least, max(least, fair_share(period) - drawing)


# --- the pages' runs ------------------------------------------------------------------------
# At most this many page runs at a time in this process; the others wait their turn. (One
# GIL runs one at a time anyway: thirty page runs at once are interleaved every 5 ms, so
# every one of them ends near when the last does.)
PAGE_RUNS = 1
# A page run waits at most this long for its turn, then runs anyway: a run that takes
# long (a lesson's heavy first draw) or waits for something holds up the others only so
# long.
PAGE_WAIT_SECONDS = 0.75
_page_runs = threading.BoundedSemaphore(PAGE_RUNS)
_page_turn = threading.local()  # .held: this thread holds a turn


@contextlib.contextmanager
def page_run() -> Iterator[None]:
    """One page run (a session's script, from the top) at a time, in the order they came:
    thirty first pages at once then come one after another, the median at about half
    the time of the last, where interleaved all of them came about as late as the last.
    A live loop leaves its turn when it starts (``page_run_done``): its frames share the
    core their own way (``turn``)."""
    _page_turn.held = _page_runs.acquire(timeout=PAGE_WAIT_SECONDS)
    try:
        yield
    finally:
        page_run_done()


def page_run_done() -> None:
    """This thread's page run has drawn its page (a live loop starts): the next may run."""
    if getattr(_page_turn, "held", False):
        _page_turn.held = False
        _page_runs.release()
