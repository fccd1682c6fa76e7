"""Live runs of one shape train together (ui/live/together.py): each stays its own
(data, weights, history, learning rate), one that diverges stops alone, and a stack
trains for the time its members' frames give it, not once per member's frame."""

from __future__ import annotations

import contextlib

import numpy as np
import pytest

from ui.live import together
from ui.playground.live import LiveRun
from ui.playground.settings import DEFAULTS

CLASS = DEFAULTS.with_(dataset="circles", samples=200, hidden=(6, 6), batch=10)


@pytest.fixture(autouse=True)
def fresh_pool(monkeypatch):
    monkeypatch.setattr(together, "POOL", together.Pool())


def epochs_of(run: LiveRun) -> list[int]:
    return [row["epoch"] for row in run.history.rows]


def test_two_learners_with_different_data_each_train_their_own_network():
    a, b = LiveRun(CLASS), LiveRun(CLASS.with_(dataset="xor", seed=4, lr=0.1))
    with together.member(a), together.member(b):
        assert together.size(a) == together.size(b) == 2
        for _ in range(3):
            together.advance(a, 1.0, 5, None)  # up to 5 epochs of the stack: a's and b's
    n = a.epoch
    assert b.epoch == n >= 5 and together.size(a) == 0
    alone_a, alone_b = LiveRun(CLASS), LiveRun(CLASS.with_(dataset="xor", seed=4, lr=0.1))
    alone_a.advance(n)
    alone_b.advance(n)
    for run, alone in ((a, alone_a), (b, alone_b)):
        np.testing.assert_allclose(run.trainer.network.theta, alone.trainer.network.theta,
                                   rtol=1e-12, atol=1e-12)
        assert run.last.epoch == n and run.last.train_loss == pytest.approx(
            alone.last.train_loss, rel=1e-12)
        # measured when the stack stopped, and at the start: rows of the same numbers
        for row in run.history.rows:
            same = next(r for r in alone.history.rows if r["epoch"] == row["epoch"])
            assert row["train_loss"] == pytest.approx(same["train_loss"], rel=1e-12)
    assert not np.allclose(a.trainer.network.theta, b.trainer.network.theta)


def test_a_learner_whose_run_diverges_stops_alone(monkeypatch):
    # (a blow-up is judged over a few measurements: here every stop is one, as the
    # turns of 20 frames come faster than MEASURE_SECONDS)
    monkeypatch.setattr(together, "MEASURE_SECONDS", 0.0)
    calm = LiveRun(CLASS)
    calm2 = LiveRun(CLASS.with_(seed=2, act=("relu", "relu"), opt="momentum"))
    wild = LiveRun(CLASS.with_(seed=3, lr=1e6, act=("relu", "relu"), opt="momentum"))
    with together.member(calm2), together.member(wild):
        for _ in range(20):
            snap = together.advance(calm2, 1.0, 5, None)
            if wild.last.diverged:
                break
        assert wild.last.diverged and not snap.diverged
        assert together.size(wild) == 0 and together.size(calm2) == 1
        # the diverged learner's own loop finds its run paused, and trains nothing more
        epoch = wild.epoch
        assert together.advance(wild, 1.0, 5, None).diverged and wild.epoch == epoch
        together.advance(calm2, 1.0, 5, None)  # the other trains on, alone now
    assert calm2.epoch > epoch and not calm2.last.diverged
    assert calm.epoch == 0  # never in the pool: untouched


def test_the_stack_trains_for_the_time_its_members_give_it(monkeypatch):
    # each member's frame adds its share of time; the stack trains once the account holds
    # a few of its epochs, so thirty members' frames do not each cost a whole epoch
    runs = [LiveRun(CLASS.with_(seed=s)) for s in range(4)]
    clock = [0.0]
    monkeypatch.setattr(together.time, "perf_counter", lambda: clock[0])
    monkeypatch.setattr(together, "MEASURE_SECONDS", 0.0)  # measured at every stop
    calls = []
    real_train = together.POOL.train

    def train(trainer, epochs, until, measured=None):
        done = 0
        while not done or not until():  # epochs of the stack take 4 ms each
            clock[0] += 0.004
            done += real_train(trainer, 1, None, measured)
        calls.append(done)
        return done

    monkeypatch.setattr(together.POOL, "train", train)
    with members(runs):
        for frame in range(80):
            together.advance(runs[frame % 4], 0.001, 1000, None)  # 1 ms a frame each
    # 80 frames of 1 ms: 80 ms, about twenty epochs of the stack, in a few turns
    assert len(calls) <= 80 / together.TURN_EPOCHS
    assert 12 <= sum(calls) <= 20
    assert {r.epoch for r in runs} == {sum(calls)}  # every member gains every epoch
    assert all(r.last.epoch == r.epoch for r in runs)  # ... and is measured at the end


def test_a_stack_measures_its_members_a_few_times_a_second_however_often_it_trains(
        monkeypatch):
    """Measuring every member costs the stack more than an epoch: it happens when the
    stack stops, at most every MEASURE_SECONDS, not at every one of its many turns; the
    numbers a page shows are then at most that old, and every epoch still counts."""
    runs = [LiveRun(CLASS.with_(seed=s)) for s in range(3)]
    clock = [0.0]
    monkeypatch.setattr(together.time, "perf_counter", lambda: clock[0])
    measures = []
    from core import stacked

    real = stacked.Stack._measure

    def counting(self, rows, before):
        measures.append(clock[0])
        return real(self, rows, before)

    monkeypatch.setattr(stacked.Stack, "_measure", counting)
    with members(runs):
        for frame in range(300):  # 300 frames of 2 ms each: 0.6 s
            clock[0] += 0.002
            together.advance(runs[frame % 3], 0.002, 3, None)  # (3 epochs a turn at most)
    assert 0.6 / together.MEASURE_SECONDS - 2 <= len(measures) <= 0.6 / together.MEASURE_SECONDS + 2
    assert all(b - a >= together.MEASURE_SECONDS - 1e-9 for a, b in zip(measures, measures[1:]))
    assert len({r.epoch for r in runs}) == 1 and runs[0].epoch > len(measures) * 4
    # and a learner who stops (Pause) finds the numbers of where the network is
    assert all(r.last.epoch == r.epoch for r in runs)


def members(runs) -> contextlib.ExitStack:
    stack = contextlib.ExitStack()
    for run in runs:
        stack.enter_context(together.member(run))
    return stack


def test_a_learner_alone_with_its_shape_trains_as_before():
    a, b = LiveRun(CLASS), LiveRun(CLASS.with_(hidden=(3,)))
    with together.member(a), together.member(b):
        assert together.size(a) == together.size(b) == 1
        together.advance(a, 0.0, 4, None)  # alone: the epochs asked for, seconds ignored
    assert a.epoch == 4 and b.epoch == 0
