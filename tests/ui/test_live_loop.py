"""The live loop every live page uses (ui/live/loop.py), driven outside a browser: a run
only advances, a view only draws the frame it is given, and the loop keeps the beat."""

from __future__ import annotations

import pytest
import streamlit as st

from core.training import Snapshot
from ui.live import clock as clock_module
from ui.live import keyboard, loop, sharing, together

PLAYING = "test.playing"


class Clock:
    """The wall clock and this thread's CPU clock, moving only when work is done or the
    loop sleeps: the loop's timing, measured exactly, whatever else the machine does."""

    def __init__(self):
        self.wall = self.cpu = 0.0

    def perf_counter(self) -> float:
        return self.wall

    def thread_time(self) -> float:
        return self.cpu

    def sleep(self, seconds: float) -> None:
        self.wall += max(0.0, seconds)

    def work(self, seconds: float) -> None:
        self.wall += seconds
        self.cpu += seconds


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    for module in (loop, clock_module, sharing):
        monkeypatch.setattr(module, "time", fake)
    monkeypatch.setattr(loop, "FAIR_CLOCK", fake.perf_counter)
    return fake


class Run:
    """Anything that can advance: each epoch takes ``epoch_seconds`` of ``clock``."""

    def __init__(self, clock: Clock, epoch_seconds: float = 0.0002):
        self.clock, self.epoch, self.epoch_seconds, self.asked = clock, 0, epoch_seconds, []

    def advance(self, epochs: int, until=None) -> Snapshot:
        self.asked.append(epochs)
        for _ in range(epochs):
            self.clock.work(self.epoch_seconds)
            self.epoch += 1
            if until is not None and until():
                break
        return Snapshot(self.epoch, 0.5, 0.5, None, None, [])


class View:
    """Draws nothing; remembers each tick, and pauses after ``frames`` of them."""

    def __init__(self, frames: int, run=None, drawing: float = 0.001):
        self.ticks, self.frames, self.run, self.epochs = [], frames, run, []
        self.drawing = drawing

    def draw(self, tick: loop.Tick) -> None:
        if self.run is not None:
            self.run.clock.work(self.drawing)
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


def test_at_a_set_speed_every_frame_trains_exactly_that_many_epochs(playing, clock):
    run = Run(clock)
    view = View(frames=10, run=run)
    loop.play(run, view, PLAYING, speed=3)
    assert run.asked == [3] * 10
    assert view.epochs == [3 * n for n in range(1, 11)]
    assert [t.number for t in view.ticks] == list(range(1, 11))
    assert all(t.players == 1 and not t.shared and t.together == 1 for t in view.ticks)
    assert sharing.players() == 1 and not sharing._players  # it counted itself, then left


def test_at_full_speed_alone_a_page_gets_the_full_frame_rate_and_trains_in_between(
        playing, clock):
    run = Run(clock, epoch_seconds=0.0005)
    view = View(frames=90, run=run, drawing=0.002)
    loop.play(run, view, PLAYING)
    assert 90 / clock.wall == pytest.approx(clock_module.MAX_FPS, rel=0.02)
    # every moment not drawing trained, to within an epoch a frame
    assert run.epoch * run.epoch_seconds == pytest.approx(clock.wall - 90 * 0.002, rel=0.03)
    # after a second the page knows its own pace, and says it to the view
    assert view.ticks[0].pace is None
    fps, eps = view.ticks[-1].pace
    assert fps == pytest.approx(clock_module.MAX_FPS, rel=0.02)
    assert eps == pytest.approx(run.epoch / clock.wall, rel=0.05)


@pytest.fixture
def calm():
    st.session_state[keyboard.CALM] = True  # the page said: reduced motion, please
    yield
    st.session_state.pop(keyboard.CALM, None)


def test_with_reduced_motion_fewer_pictures_of_the_same_training(playing, clock, calm):
    run = Run(clock, epoch_seconds=0.0005)
    view = View(frames=10, run=run, drawing=0.002)
    loop.play(run, view, PLAYING)
    assert 10 / clock.wall == pytest.approx(clock_module.CALM_FPS, rel=0.02)
    # every moment not drawing still trained: the same epochs a second as without
    assert run.epoch * run.epoch_seconds == pytest.approx(clock.wall - 10 * 0.002, rel=0.03)


def test_with_reduced_motion_a_set_speed_trains_as_many_epochs_a_second(
        playing, clock, calm):
    run = Run(clock)
    view = View(frames=4, run=run)
    loop.play(run, view, PLAYING, speed=3)
    frames_per_picture = round(clock_module.MAX_FPS / clock_module.CALM_FPS)
    assert run.asked == [3 * frames_per_picture] * 4
    assert 4 / clock.wall == pytest.approx(clock_module.CALM_FPS, rel=0.02)


@pytest.mark.parametrize("fps", [30, 15, 7, 2, 1])
def test_a_calm_frame_stands_for_whole_frames_and_is_never_faster_than_calm(fps):
    period, n = clock_module.calm(1 / fps)
    assert n == max(1, round(fps / clock_module.CALM_FPS))
    assert period == pytest.approx(n / fps)
    assert 1 / period <= clock_module.CALM_FPS * 1.2  # (7 a second: 3 frames, 2.33 a second)


def test_a_run_at_full_speed_joins_its_stack_only_while_it_plays(playing, clock, monkeypatch):
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
    run = Member(clock)
    loop.play(run, View(frames=3), PLAYING)
    assert seen == ["in", "out"]
    seen.clear()
    st.session_state[PLAYING] = True
    loop.play(run, View(frames=3), PLAYING, speed=2)  # a set speed trains alone
    assert seen == []


def test_a_page_reads_its_run_only_once_the_loop_before_has_let_go():
    """Streamlit starts a page's new run before the stopped one has finished its frame:
    ``settle`` waits for the earlier loop (and a loop that never lets go holds a page up
    at most SETTLE_SECONDS)."""
    import threading
    import time

    run, order = object.__new__(Run), []
    inside, leave = threading.Event(), threading.Event()

    def earlier_loop():
        with loop._trains(run):
            inside.set()
            leave.wait(5)
            order.append("loop let go")

    thread = threading.Thread(target=earlier_loop)
    thread.start()
    inside.wait(5)
    threading.Timer(0.2, leave.set).start()
    loop.settle(run)
    order.append("page reads the run")
    thread.join()
    assert order == ["loop let go", "page reads the run"]
    start = time.perf_counter()
    loop.settle(run)  # nobody trains it: no wait
    assert time.perf_counter() - start < 0.1
