"""The live loop every live page uses: train, draw a frame, repeat, until a widget
interrupts (Streamlit stops the script), the run diverges, or the tab has gone.

A page hands it two things:

- a **run** that can ``advance(epochs, until) -> Snapshot`` and says its ``epoch``
  (with ``trainer`` and ``history``, as ``core.training.Trainer`` and
  ``core.history.History``, it can also train together with the networks of its shape:
  ``together``);
- a **view** that can ``draw(tick)``: it draws this frame (``Tick``), and decides itself
  what each frame shows (its schedule, its charts).

The loop keeps the clock (``clock``), its turns on the shared core (``sharing``) and
the delivery of frames (``transport``).
"""

from __future__ import annotations

import contextlib
import threading
import time
import weakref
from dataclasses import dataclass

import streamlit as st

from . import clock, keyboard, sharing, together
from . import streamlit_internals as internals
from .transport import Delivery

DRAW_SECONDS_GUESS = 0.004  # a frame's drawing, until measured
EPOCH_SECONDS_GUESS = 0.0005  # one epoch's training, until measured
MAX_EPOCHS_PER_FRAME = 1_000_000  # no real limit: a frame trains until its time is up
DELIVERY_WAIT_SECONDS = 0.5  # wait at most this long for the last frame to leave
LATE = 1.2  # a frame that takes this many frame periods is late
STOP_RERUN_SECONDS = 0.2  # after Streamlit's own Stop, the page redraws itself this soon
# With others playing, a frame's training is timed on the wall clock, not the thread's CPU
# clock: in its turn a live loop is the only one running, so the two differ only when the
# machine takes the core away (and then the turn should end sooner, not later); and reading
# a thread's CPU clock is a system call (2 us here, against 0.25 us) where, on a full
# machine, the kernel tends to take the core from a live loop holding the GIL. In a profile
# of a replica serving 15 of 30 students, 13 % of the time the GIL was held was spent in
# that one call, after each epoch. With 30 students: 3.1-3.2 ms of server CPU per delivered
# frame against 3.3 on the CPU clock (three runs each, in turn). (sharing.turn counts CPU
# time: on the wall clock its share went unused, 0.34-0.50 cores idle, a class missed its
# target.)
FAIR_CLOCK = time.perf_counter


@dataclass(frozen=True)
class Tick:
    """One frame, as the view sees it."""

    number: int  # frames since Play, from 1
    players: int  # live loops playing in this server process now, this one included
    together: int  # networks training in this run's stack, its own included (1: alone)
    pace: tuple[float, float] | None  # (pictures/s, epochs/s) of this page; None at first

    @property
    def shared(self) -> bool:
        return self.players > 1


def play(run, view, playing: str, speed: int | None = None, channel=None) -> None:
    """While ``st.session_state[playing]``: train ``run`` and let ``view`` draw, frame after
    frame. ``speed``: exactly that many epochs a frame (a learner's slow speed, a lesson
    slow enough to watch); None: as many as each frame's time allows, with the networks
    of the same shape (``together``). ``channel``: the page's live channel, whose frames
    must have left before the next is drawn.

    Returns when the tab has gone; on divergence, pauses and reruns the page; Streamlit's
    own Stop pauses too, as the page's Pause does."""
    if not st.session_state.get(playing):
        return  # paused: nothing to count, nothing to join
    stacked = speed is None and together.can_join(run)
    sharing.page_run_done()  # the page is drawn: the next page run may start
    try:
        with _trains(run), sharing.playing(), (
                together.member(run) if stacked else contextlib.nullcontext()):
            _loop(run, view, playing, speed, channel, stacked)
    except internals.StopException:
        # Streamlit's Stop, or the tab was closed: paused, and (if the page is still
        # open) it draws itself again, so the button says Play. (A widget changed while
        # playing stops this run too, but its new run has already taken over.)
        if not internals.superseded() and internals.connection()():
            internals.rerun_soon(STOP_RERUN_SECONDS, {playing: False})
        raise


_training: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # run -> its lock
_training_lock = threading.Lock()
SETTLE_SECONDS = 2.0  # the longest a page waits for an earlier run's loop to let go


def _lock_of(run) -> threading.Lock:
    with _training_lock:
        return _training.setdefault(run, threading.Lock())


@contextlib.contextmanager
def _trains(run):
    """``run`` is being trained by this live loop while inside."""
    lock = _lock_of(run)
    held = lock.acquire(timeout=SETTLE_SECONDS)  # (an earlier loop still letting go)
    try:
        yield
    finally:
        if held:  # (else it timed out: the lock is the other loop's to release)
            lock.release()


def settle(run) -> None:
    """Before a page reads or changes ``run``: wait until no live loop of an earlier run
    of the page trains it any more. When a widget changes while a learner plays,
    Streamlit starts the page's new run at once and stops the old one only at its next
    call into Streamlit: meanwhile the old loop may finish its frame's training (up to a
    frame), and the new run would show an epoch the run has already left behind (Pause
    showed epoch 4,112 and the next Step 4,122), or draw weights being changed."""
    lock = _lock_of(run)
    if lock.acquire(timeout=SETTLE_SECONDS):
        lock.release()


def _loop(run, view, playing: str, speed: int | None, channel, stacked: bool) -> None:
    """Alone in this process, each frame trains until its deadline: when it is due (on a
    fixed clock, ``clock.due``) less what drawing takes. With others playing, it trains
    for a budget of time in its turn (``sharing.turn``): its fair share
    (``sharing.training_bounds``), and less while frames come late (a busy machine), down
    to a floor, so the picture stays live and every learner slows down alike. Either way
    the check comes after each epoch, so no fraction of an epoch is left unused."""
    state = st.session_state
    delivery = Delivery(channel)
    sharing.lower_priority()
    drawing = DRAW_SECONDS_GUESS  # CPU seconds a frame's drawing takes, smoothed
    drawing_wall = DRAW_SECONDS_GUESS  # and its wall-clock seconds, smoothed
    epoch_seconds = EPOCH_SECONDS_GUESS  # one epoch's training, smoothed
    budget = due = None
    pace = clock.Pace(run.epoch)
    calm = keyboard.calm()  # (a change of the reader's setting reruns the page)
    epochs = speed
    while state.get(playing):
        started = time.perf_counter()
        players = sharing.players()
        alone = players == 1
        period = clock.period(players, drawing, sharing.LIVE_SHARE)
        if calm:  # reduced motion: fewer pictures, the same training between them
            period, n = clock.calm(period)
            epochs = None if speed is None else speed * n
        due = clock.due(due if alone else None, started, period)
        # in a stack of K, an epoch of this loop's stack trains K networks: this loop's
        # part of it is a K-th (together.py)
        k = max(1, together.size(run)) if stacked else 1
        least, most = sharing.training_bounds(period, drawing, epoch_seconds / k)
        budget = most if budget is None else min(max(budget, least), most)
        with sharing.turn():  # one live loop at a time in this process: see sharing.turn
            began, first = time.thread_time(), run.epoch
            if epochs is not None:  # exactly that many epochs
                snap = run.advance(epochs, None)
            else:
                if alone:  # the frame on time, every moment before it training (and at
                    # least the floor, should drawing alone take longer than a frame)
                    until = clock.past(time.perf_counter,
                                       max(due - drawing_wall, started + least))
                else:  # a fair share of the shared core, on the wall clock: FAIR_CLOCK
                    until = clock.past(FAIR_CLOCK, FAIR_CLOCK() + budget)
                snap = (together.advance(run, budget, MAX_EPOCHS_PER_FRAME, until) if stacked
                        else run.advance(MAX_EPOCHS_PER_FRAME, until))
            if run.epoch > first:
                epoch_seconds = (0.8 * epoch_seconds
                                 + 0.2 * (time.thread_time() - began) / (run.epoch - first))
        if snap.diverged:
            state[playing] = False
            st.rerun()
        # The previous frame left the server while this one trained (the event loop takes
        # the GIL every few ms); wait only if it has not (a slow browser), outside the
        # turn so that it holds up no one else: Streamlit keeps only the newest of two
        # unsent frames, and drawing one to drop wastes the shared core.
        delivery.wait(DELIVERY_WAIT_SECONDS)
        with sharing.turn():
            drawn, drawn_at = time.thread_time(), time.perf_counter()
            view.draw(Tick(pace.frames + 1, players, k, pace.last))
            drawing = 0.8 * drawing + 0.2 * (time.thread_time() - drawn)
            drawing_wall = 0.8 * drawing_wall + 0.2 * (time.perf_counter() - drawn_at)
        pace.tick(run.epoch)
        if not delivery.connected():
            return  # the tab was closed; if it comes back, its rerun plays on
        took = time.perf_counter() - started
        if took > LATE * period:  # late: train less next time
            budget = max(least, budget * max(0.5, period / took))
        else:  # on time: win back what a busy moment took
            budget = min(most, budget * 1.2)
        if not (alone and speed is None):  # (alone, training filled the frame to its due)
            time.sleep(max(0.0, due - time.perf_counter()))
