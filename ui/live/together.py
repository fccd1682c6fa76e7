"""Live loops whose networks share a shape train together.

When a teacher shares a link, a class trains thirty networks of one shape on data of one
shape. Each live loop of this process that plays at full speed puts its run's trainer in
one process-wide pool of stacks (``core.stacked.Pool``), where one batched step trains
every network of a stack at little more than the cost of one. A run whose shape is alone
in the process trains on its own, as before.

The time each loop may train per frame (its fair share, ``sharing.training_bounds``)
goes into its stack's account, and a turn trains the stack only once the account holds
about an epoch of the whole stack: so the stack trains for the sum of its members'
shares, as they would alone, and every member gains every epoch. (Trained in every
member's turn, each turn would take at least one epoch of the whole stack, thirty times
a member's share: measured with thirty light clients, 1.1-1.4 region updates a second.)

Each network stays its own: its data, weights, optimizer, learning rate, epoch count and
history (the stack records each one's snapshots into its own history), and one that
diverges stops alone. Joining and leaving rebind the networks' arrays, so they happen in
a turn (``sharing.turn``), when no other live loop is reading a network.
"""

from __future__ import annotations

import contextlib
import time
import weakref
from collections.abc import Callable, Iterator

from core.stacked import Pool, Stack
from core.training import Snapshot

from . import sharing
from .clock import past

POOL = Pool()
# Per stack: [seconds of training saved up, one epoch's seconds (smoothed)].
_accounts: weakref.WeakKeyDictionary[Stack, list[float]] = weakref.WeakKeyDictionary()
# A stack trains once its account holds this many of its epochs.
TURN_EPOCHS = 4
SAVE_EPOCHS = 8  # a stack saves up at most this many of its epochs' worth of time
# A stack measures its members (one batched pass over each one's data, about one and a
# half of its epochs for thirty networks of 8, 8 on 200 points) when it stops training,
# at most this often; a run alone its frames' last epochs the same way. Each page shows
# its numbers a few times a second (every fourth frame, a small chart every few frames),
# so numbers at most this old look live, and a class no longer spends a third of its
# training time measuring (at every stop, with 30 light clients training 150 epochs a
# second each, 4 epochs a turn: about 40 measurements a second of every network, for 4
# to 7 times a second that its page shows numbers). What a learner sees on Pause is
# measured as the run leaves the pool (``Trainer.catch_up``).
MEASURE_SECONDS = 0.1
_measured: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # stack or run -> when


def _measure_now(who, now: float) -> bool:
    """Is it time to measure ``who`` (a stack, or a run alone) again? If so, noted."""
    if now - _measured.get(who, -MEASURE_SECONDS) < MEASURE_SECONDS:
        return False
    _measured[who] = now
    return True


@contextlib.contextmanager
def member(run) -> Iterator[None]:
    """``run``'s network in the pool while inside (a live loop's lifetime)."""
    trainer = run.trainer
    with sharing.turn():  # measured when its stack stops training (see ``advance``)
        POOL.join(trainer, _never, run.history.add)
    try:
        yield
    finally:
        with sharing.turn():
            POOL.leave(trainer)


def can_join(run) -> bool:
    """Can ``run`` train in a stack? (It needs a ``trainer`` and a ``history`` to record
    its snapshots into, as ``LiveRun`` has.)"""
    return hasattr(run, "trainer") and hasattr(run, "history")


def _never(epoch: int) -> bool:
    return False


def size(run) -> int:
    """How many networks train in ``run``'s stack now, its own included (0: not in one)."""
    return POOL.size(run.trainer)


def advance(run, seconds: float, epochs: int,
            until: Callable[[], bool] | None) -> Snapshot:
    """This frame's training of ``run``: ``seconds`` of its stack's training (see the
    module docstring), or, if its shape is alone, up to ``epochs`` epochs until
    ``until()`` as before. Call in a turn. A run that diverged while another loop trained
    its stack has left the pool: its diverged snapshot is returned, and nothing trains."""
    trainer = run.trainer
    stack = POOL.stack_of(trainer)
    if stack is None and run.last.diverged:
        return run.last
    if stack is None or len(stack) < 2:  # alone: measured as often as a stack is (and
        # every frame out of the pool, where leaving would not measure its last epoch)
        return run.advance(epochs, until,
                           stack is None or _measure_now(run, time.perf_counter()))
    account = _accounts.setdefault(stack, [0.0, 0.0])  # (no epoch timed yet)
    account[0] += seconds
    if account[1]:  # once an epoch of the stack has been timed
        account[0] = min(account[0], SAVE_EPOCHS * account[1])
    if account[0] < TURN_EPOCHS * account[1]:
        return run.last  # saved for a later turn
    start = time.perf_counter()
    trained = POOL.train(trainer, epochs, past(time.perf_counter, start + account[0]),
                         None if _measure_now(stack, start) else ())  # (): none at this stop
    used = time.perf_counter() - start
    account[0] -= used
    if trained:
        epoch = used / trained
        account[1] = 0.8 * account[1] + 0.2 * epoch if account[1] else epoch
    return run.last
