"""How live loops share one server process and its clock (ui/live/sharing.py, clock.py),
on a fake clock:
what the class notices is that all live loops together leave the rest of the core free
(for new pages, clicks and sending frames), and use all of their share."""

from __future__ import annotations

import os
import sys

import pytest

from ui.live import clock as beat
from ui.live import server
from ui.live import sharing as pacing


class Clock:
    """Wall clock and one thread's CPU clock that move only when told to."""

    def __init__(self):
        self.wall = self.cpu = self.slept = 0.0

    def perf_counter(self) -> float:
        return self.wall

    def thread_time(self) -> float:
        return self.cpu

    def sleep(self, seconds: float) -> None:
        self.wall += seconds
        self.slept += seconds

    def work(self, seconds: float) -> None:
        self.wall += seconds
        self.cpu += seconds


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(pacing, "time", fake)
    monkeypatch.setattr(pacing, "_allowance", [0.0, 0.0], raising=False)
    return fake


def play(clock: Clock, players: int, turns: int, work: float, gap: float = 0.0,
         monkeypatch=None) -> None:
    monkeypatch.setattr(pacing, "_players", set(range(players)))
    for _ in range(turns):
        with pacing.turn():
            clock.work(work)
        clock.wall += gap  # handing the lock to the next loop takes time, and no CPU


@pytest.mark.parametrize("work", [0.0005, 0.002, 0.02])
def test_live_loops_together_take_their_share_of_the_core(clock, monkeypatch, work):
    play(clock, players=15, turns=400, work=work, monkeypatch=monkeypatch)
    assert clock.cpu / clock.wall == pytest.approx(pacing.LIVE_SHARE, rel=0.03)


def test_time_spent_handing_over_the_lock_counts_toward_the_pause(clock, monkeypatch):
    # the old rule paused in proportion to each turn's work, so hand-overs came on top
    # and left part of the share unused
    play(clock, players=15, turns=400, work=0.002, gap=0.0005, monkeypatch=monkeypatch)
    assert clock.cpu / clock.wall == pytest.approx(pacing.LIVE_SHARE, rel=0.03)
    # and with hand-overs longer than the pause, nobody waits at all
    slept = clock.slept
    play(clock, players=15, turns=100, work=0.001, gap=0.01, monkeypatch=monkeypatch)
    assert clock.slept - slept < 1e-4  # (what the last turn before still owed)


def test_alone_a_live_loop_never_pauses(clock, monkeypatch):
    play(clock, players=1, turns=200, work=0.03, monkeypatch=monkeypatch)
    assert clock.slept == 0.0


def test_an_idle_core_saves_up_no_more_than_a_short_burst(clock, monkeypatch):
    clock.wall += 60.0  # nobody played for a minute
    start = clock.wall
    monkeypatch.setattr(pacing, "_players", {1, 2})
    with pacing.turn():
        clock.work(0.06)
    # beyond the saved-up burst, this turn too kept to the share, pause included
    assert (0.06 - pacing.BURST_SECONDS) / (clock.wall - start) == pytest.approx(pacing.LIVE_SHARE)
    assert clock.slept > 0


@pytest.mark.parametrize("players", [2, 5, 15])
def test_with_a_fair_share_each_frame_every_player_gets_the_shared_frame_rate(
        clock, monkeypatch, players):
    """Each session trains for the most its bounds allow and draws (1 ms), in turns: all
    of them together keep to the live loops' share of the core, and each still draws a
    frame every period. (The old bound, a share of the whole frame, made every frame
    late by design: LIVE_SHARE times the frame rate.)"""
    monkeypatch.setattr(pacing, "_players", set(range(players)))
    drawing = 0.001
    period = beat.period(players, drawing, pacing.LIVE_SHARE)
    _, most = pacing.training_bounds(period, drawing, epoch_seconds=0.0001)
    frames = 600
    play(clock, players, turns=frames, work=most + drawing, monkeypatch=monkeypatch)
    assert clock.cpu / clock.wall == pytest.approx(pacing.LIVE_SHARE, rel=0.03)
    per_player = frames / players / clock.wall
    assert per_player == pytest.approx(1 / period, rel=0.03)


@pytest.mark.parametrize("epoch", [0.00002, 0.0004, 0.003])
def test_however_busy_the_server_a_frame_trains_three_epochs_at_least(monkeypatch, epoch):
    """With 500 sessions in one process, the fair share is less than drawing: each frame
    still trains MIN_TRAIN_EPOCHS epochs (so 10 updates/s still mean 30 epochs/s, above
    TF Playground's 25), and a tiny network's at least MIN_TRAIN_SECONDS."""
    monkeypatch.setattr(pacing, "_players", set(range(500)))
    least, most = pacing.training_bounds(1 / beat.SHARED_MAX_FPS, 0.001, epoch)
    assert most == least
    clock = Clock()
    done, trained = beat.past(clock.perf_counter, least), 0
    while True:
        clock.work(epoch)
        trained += 1
        if done():
            break
    assert trained >= pacing.MIN_TRAIN_EPOCHS
    assert clock.wall >= pacing.MIN_TRAIN_SECONDS - epoch / 2


@pytest.mark.parametrize("epoch, epochs", [(0.0003, 100), (0.02, 1), (0.012, 2), (0.03, 1)])
def test_a_frame_trains_until_one_more_epoch_would_overrun_it(epoch, epochs):
    """The live loop asks after every epoch whether to stop: small epochs fill the frame
    (to within half an epoch), and an epoch that takes most of the frame is not followed
    by another that would make the frame late (a big network alone: fewer updates/s)."""
    clock = Clock()
    done, trained = beat.past(clock.perf_counter, 0.03), 0
    while True:
        clock.work(epoch)
        trained += 1
        if done():
            break
    assert trained == epochs
    assert clock.wall < 0.03 + epoch / 2 + 1e-9


def test_alone_frames_keep_a_fixed_clock_and_spend_spare_time_training():
    """Alone, drawing takes 1 ms on some frames and 4 ms on others (the network diagram
    comes every fourth), and the loop expects 3 ms (its smoothed estimate, after a slow
    moment). A frame that drew faster than expected hands its spare moments to the next
    frame's training: 30 pictures a second, not more, and every moment not drawing is
    training (nothing slept)."""
    clock, period, expected, epoch = Clock(), 1 / 30, 0.003, 0.0003
    due, trained = None, 0.0
    for frame in range(300):
        started = clock.perf_counter()
        due = beat.due(due, started, period)
        done = beat.past(clock.perf_counter, max(due - expected, started + 0.0015))
        while True:
            clock.work(epoch)
            trained += epoch
            if done():
                break
        clock.work(0.004 if frame % 4 == 2 else 0.001)  # drawing
    assert 300 / clock.wall == pytest.approx(30, rel=0.01)
    assert trained / clock.wall == pytest.approx(1 - (0.004 + 3 * 0.001) / 4 * 30, abs=0.005)
    assert clock.slept == 0


def test_a_late_frame_is_made_up_by_the_next_and_one_far_behind_starts_afresh():
    assert beat.due(None, 5.0, 0.1) == pytest.approx(5.1)  # the first frame, or with others
    assert beat.due(5.1, 5.08, 0.1) == pytest.approx(5.2)  # early: the clock keeps its beat
    assert beat.due(5.1, 5.13, 0.1) == pytest.approx(5.2)  # 30 ms late: the next is shorter
    assert beat.due(5.1, 5.16, 0.1) == pytest.approx(5.26)  # far behind: no rush of frames


@pytest.mark.skipif(not hasattr(os, "setpriority") or sys.platform != "linux",
                    reason="threads have a priority of their own on Linux only")
def test_a_live_loop_gives_way_to_the_rest_of_the_machine_and_only_its_own_thread_does():
    import threading

    def nice_of_this_thread() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    base = os.getpriority(os.PRIO_PROCESS, os.getpid())
    seen = {}

    def live_loop() -> None:
        pacing.lower_priority()
        pacing.lower_priority()  # Pause and Play again in the same thread: no lower still
        seen["live"] = nice_of_this_thread()

    def other_session() -> None:
        seen["other"] = nice_of_this_thread()

    for target in (live_loop, other_session):
        thread = threading.Thread(target=target)
        thread.start()
        thread.join()
    assert seen == {"live": min(19, base + pacing.LIVE_NICE), "other": base}
    assert nice_of_this_thread() == base  # the test's own thread is untouched


AUTOGROUP_CHECK = """
import json
from pathlib import Path
from ui.live import server
def group():
    return Path("/proc/self/autogroup").read_text()
before = group()
server.start()
server.start()
print(json.dumps([before, group()]))
"""


def _autogroup_nice(text: str) -> int | None:
    """"/autogroup-385 nice 0" gives 0; an empty file (the process sits in a cgroup with
    a CPU controller of its own, as under a service manager or CI) gives None."""
    return int(text.split("nice")[1]) if "nice" in text else None


@pytest.mark.skipif(not os.path.exists("/proc/self/autogroup"),
                    reason="Linux without autogroups: a thread's nice is enough")
@pytest.mark.parametrize("own_session", [True, False])
def test_with_autogroups_a_server_in_a_session_of_its_own_gives_way_and_never_a_terminal(
        own_session):
    """In a session of its own (as serve.py, a container or the benchmark starts it), the
    server's autogroup goes SERVER_NICE below the machine's browsers when it starts, once.
    Started from a terminal (the test's session here), it leaves the session's nice
    alone: that would lower the terminal and everything else run from it. Where the
    process is in no autogroup (the file reads empty), nothing changes and nothing fails."""
    import json
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", AUTOGROUP_CHECK], cwd=root, text=True,
                         capture_output=True, timeout=60, start_new_session=own_session,
                         check=True)
    before, after = json.loads(out.stdout)
    nice = _autogroup_nice(before)
    if own_session and nice is not None and nice < server.SERVER_NICE:
        assert _autogroup_nice(after) == server.SERVER_NICE
    else:
        assert after == before


def test_a_live_loop_lowers_no_more_than_its_own_thread():
    """A frame changes nothing process-wide: no session nice, no thread started."""
    import threading
    from pathlib import Path

    autogroup = Path("/proc/self/autogroup")
    before = autogroup.read_text() if autogroup.exists() else None
    threads = threading.active_count()
    thread = threading.Thread(target=pacing.lower_priority)
    thread.start()
    thread.join()
    assert threading.active_count() == threads
    assert (autogroup.read_text() if autogroup.exists() else None) == before


@pytest.mark.parametrize("drawing", [0.0002, 0.001, 0.004, 0.02])
@pytest.mark.parametrize("players", [2, 10, 30, 120])
def test_with_a_class_every_page_slows_evenly_and_never_freezes(drawing, players):
    """The shared frame rate follows what drawing a frame costs on this machine: drawing
    takes at most DRAW_SHARE of each session's fair share (the rest trains), up to the
    shared top rate; on a slower machine or a larger class, a lower rate, but never
    below MIN_FPS."""
    period = beat.period(players, drawing, pacing.LIVE_SHARE)
    assert 1 / beat.SHARED_MAX_FPS <= period <= 1 / beat.MIN_FPS
    share = pacing.LIVE_SHARE * period / players
    if 1 / beat.SHARED_MAX_FPS < period < 1 / beat.MIN_FPS:
        assert drawing == pytest.approx(beat.DRAW_SHARE * share)
    else:
        assert drawing <= beat.DRAW_SHARE * share or period == 1 / beat.MIN_FPS
    slower = beat.period(players, 2 * drawing, pacing.LIVE_SHARE)
    larger = beat.period(2 * players, drawing, pacing.LIVE_SHARE)
    assert slower >= period and larger >= period
    assert beat.period(1, drawing, pacing.LIVE_SHARE) == 1 / beat.MAX_FPS


# --- the pages' runs, one at a time ---------------------------------------------------------
def test_page_runs_come_one_after_another_and_a_live_loop_lets_the_next_one_in():
    import threading
    import time

    order = []
    first_in, second_may_go = threading.Event(), threading.Event()

    def first():
        with pacing.page_run():
            order.append("first starts")
            first_in.set()
            second_may_go.wait(5)
            order.append("first draws its page; its live loop starts")
            pacing.page_run_done()  # as ui/live/loop.play does
            time.sleep(0.2)  # ... and goes on playing, in the page run's thread
            order.append("first still playing")

    def second():
        first_in.wait(5)
        with pacing.page_run():
            order.append("second starts")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    time.sleep(0.1)
    assert order == ["first starts"]  # the second waits for its turn
    second_may_go.set()
    for t in threads:
        t.join(5)
    assert order == ["first starts", "first draws its page; its live loop starts",
                     "second starts", "first still playing"]
    with pacing.page_run():  # every turn was given back, once
        pass


def test_a_page_run_that_holds_its_turn_too_long_holds_up_the_next_only_so_long(monkeypatch):
    import threading
    import time

    monkeypatch.setattr(pacing, "PAGE_WAIT_SECONDS", 0.2)
    held, done = threading.Event(), threading.Event()

    def slow():
        with pacing.page_run():
            held.set()
            done.wait(5)

    thread = threading.Thread(target=slow)
    thread.start()
    held.wait(5)
    started = time.perf_counter()
    with pacing.page_run():
        waited = time.perf_counter() - started
    done.set()
    thread.join(5)
    assert 0.15 < waited < 1.0
    with pacing.page_run():  # the run that went ahead gave back no turn it never had
        pass
    assert pacing._page_runs._value == pacing.PAGE_RUNS


def test_the_server_sends_each_reply_at_once_on_the_connections_it_accepts():
    """Streamlit's listening socket is made with protocol 0; asyncio then left Nagle's
    algorithm on for every connection it accepted (a 40 ms wait for each reply written
    in two parts). After ``send_at_once``, each accepted connection sends at once."""
    import asyncio
    import socket

    assert server.send_at_once()

    async def accept_one() -> int:
        listener = socket.socket(family=socket.AF_INET)  # as Streamlit binds it
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        seen = asyncio.get_running_loop().create_future()

        class Note(asyncio.Protocol):
            def connection_made(self, transport):
                sock = transport.get_extra_info("socket")
                seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

        srv = await asyncio.get_running_loop().create_server(Note, sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname())
        try:
            return await asyncio.wait_for(seen, 5)
        finally:
            writer.close()
            srv.close()

    # in a thread of its own: another test's event loop may be running in this one
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, accept_one()).result(30) == 1
