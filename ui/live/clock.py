"""When a live page draws its frames, and for how long each frame trains: the frame rate,
derived from what the running machine measures, lives here and nowhere else.

Alone in its server process, a live loop draws up to ``MAX_FPS`` frames a second (more
cannot be seen) and trains every moment in between. With others playing, all of them
share the live loops' part of one core (``sharing``): each frame costs its drawing
(measured by each loop as it plays) before any training, so the period is chosen for
drawing to take at most ``DRAW_SHARE`` of each session's fair share: on a fast machine or
with a few learners that is the full rate; on a slow one, or with a class, every page gets
the same lower rate, with the same share of its time training, never a frozen page.
"""

from __future__ import annotations

import time
from collections.abc import Callable

MAX_FPS = 30  # alone: the most frames a second a learner can see
# With others playing, at most this many: each frame is a message the learner's browser
# lays out, and each one a server sends to thirty pages waits for the same event loop.
SHARED_MAX_FPS = 15
MIN_FPS = 1  # however slow the machine, a page shows a new picture at least this often
# Where the reader asked their system for reduced motion (prefers-reduced-motion, which
# the page reports: ui/live/keyboard.js), at most this many: the pictures change in calm
# steps rather than flow, and the training goes on as fast as ever in between.
CALM_FPS = 2
# Of each session's fair share of the core, the most its drawing may take: the rest
# trains. (Measured on the project's 2-core machine, thirty light clients on one process:
# 12-15 frames a second each; benchmarks/frame_cost.py puts the drawing itself at
# 0.16-0.24 ms a frame, the rest of what the loop counts is its turn and the channel.)
DRAW_SHARE = 1 / 3


def period(players: int, drawing: float, share: float) -> float:
    """Seconds between two frames of each of ``players`` live loops that share ``share``
    of a core, each frame's drawing taking ``drawing`` CPU seconds (measured, smoothed).
    Alone: ``1 / MAX_FPS``."""
    if players <= 1:
        return 1 / MAX_FPS
    needed = players * drawing / (share * DRAW_SHARE)  # drawing at most DRAW_SHARE of it
    return min(1 / MIN_FPS, max(1 / SHARED_MAX_FPS, needed))


def calm(every: float) -> tuple[float, int]:
    """A reduced-motion frame for frames ``every`` seconds apart: ``(period, n)``, one
    frame where there would be ``n``, each at most ``CALM_FPS`` a second. A page that
    trains a fixed number of epochs a frame trains ``n`` times that many, so reduced
    motion shows fewer pictures of the same training, not slower training."""
    n = max(1, round(1 / (CALM_FPS * every)))
    return every * n, n


def due(previous: float | None, started: float, every: float) -> float:
    """When a frame that starts at ``started`` should end. Alone (``previous``: when the
    frame before was due), frames are due on a fixed clock, ``every`` seconds apart: one
    that drew faster than expected leaves its spare moments to the next one's training
    instead of to a sleep (measured in Chromium: 1.1 ms of every 34 ms frame slept, and
    28.5 updates/s, not 30), and one a little late is made up by the next. A frame that
    starts half a period or more behind the clock, or with others playing, starts afresh."""
    if previous is not None and started < previous + every / 2:
        return previous + every
    return started + every


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


PACE_SECONDS = 1.0  # a page's pace is measured over this long


class Pace:
    """A live page's own pace, pictures and epochs a second, measured over about
    ``PACE_SECONDS``: ``tick(epoch)`` once a frame returns the newest ``(pictures/s,
    epochs/s)``, or None until the first second has passed."""

    def __init__(self, epoch: int):
        self._since, self._frames, self._epoch = time.perf_counter(), 0, epoch
        self.frames = 0
        self.last: tuple[float, float] | None = None

    def tick(self, epoch: int) -> tuple[float, float] | None:
        now = time.perf_counter()
        self.frames += 1
        seconds = now - self._since
        if seconds >= PACE_SECONDS:
            self.last = ((self.frames - self._frames) / seconds,
                         (epoch - self._epoch) / seconds)
            self._since, self._frames, self._epoch = now, self.frames, epoch
        return self.last
