"""The live loop every live page uses (ui/live/loop.py), driven outside a browser: a run
only advances, a view only draws the frame it is given, and the loop keeps the beat."""

from __future__ import annotations

import time

import pytest
import streamlit as st

from core.training import Snapshot
from ui.live import clock, loop, sharing, together

PLAYING = "test.playing"


class Run:
    """Anything that can advance: each epoch takes ``epoch_seconds``."""

    def __init__(self, epoch_seconds: float = 0.0002):
        self.epoch, self.epoch_seconds, self.asked = 0, epoch_seconds, []

    def advance(self, epochs: int, until=None) -> Snapshot:
        self.asked.append(epochs)
        for _ in range(epochs):
            end = time.perf_counter() + self.epoch_seconds
            while time.perf_counter() < end:
                pass
            self.epoch += 1
            if until is not None and until():
                break
        return Snapshot(self.epoch, 0.5, 0.5, None, None, [])


class View:
    """Draws nothing; remembers each tick, and pauses after ``frames`` of them."""

    def __init__(self, frames: int, run=None):
        self.ticks, self.frames, self.run, self.epochs = [], frames, run, []

    def draw(self, tick: loop.Tick) -> None:
        self.ticks.append(tick)
        if self.run is not None:
            self.epochs.append(self.run.epoch)
        if len(self.ticks) >= self.frames:
            st.session_state[PLAYING] = False


@pytest.fixture
def playing():
    st.session_state[PLAYING] = True
    yield
    st.session_state.pop(PLAYING, None)


def test_at_a_set_speed_every_frame_trains_exactly_that_many_epochs(playing):
    run = Run()
    view = View(frames=10, run=run)
    loop.play(run, view, PLAYING, speed=3)
    assert run.asked == [3] * 10
    assert view.epochs == [3 * n for n in range(1, 11)]
    assert [t.number for t in view.ticks] == list(range(1, 11))
    assert all(t.players == 1 and not t.shared and t.together == 1 for t in view.ticks)
    assert sharing.players() == 1 and not sharing._players  # it counted itself, then left


def test_at_full_speed_alone_a_page_gets_the_full_frame_rate_and_trains_in_between(playing):
    run = Run(epoch_seconds=0.0005)
    view = View(frames=45, run=run)
    start = time.perf_counter()
    loop.play(run, view, PLAYING)
    seconds = time.perf_counter() - start
    assert 45 / seconds == pytest.approx(clock.MAX_FPS, rel=0.15)
    # every moment not drawing (nothing, here) trained: about a frame's worth of epochs
    per_frame = run.epoch / 45
    assert per_frame > 0.6 / clock.MAX_FPS / run.epoch_seconds
    # after a second the page knows its own pace, and says it to the view
    assert view.ticks[0].pace is None
    fps, eps = view.ticks[-1].pace
    assert fps == pytest.approx(clock.MAX_FPS, rel=0.15) and eps > 0.6 / run.epoch_seconds


def test_a_run_at_full_speed_joins_its_stack_only_while_it_plays(playing, monkeypatch):
    seen = []

    class Member(Run):
        trainer = object()

    def member(run):
        seen.append("in")
        yield
        seen.append("out")

    import contextlib

    monkeypatch.setattr(together, "member", contextlib.contextmanager(member))
    monkeypatch.setattr(together, "advance", lambda run, s, e, until: run.advance(1))
    monkeypatch.setattr(together, "size", lambda run: 0)
    monkeypatch.setattr(together, "can_join", lambda run: True)
    run = Member()
    loop.play(run, View(frames=3), PLAYING)
    assert seen == ["in", "out"]
    seen.clear()
    st.session_state[PLAYING] = True
    loop.play(run, View(frames=3), PLAYING, speed=2)  # a set speed trains alone
    assert seen == []
