"""The Playground's live frame sends its small charts as data while the channel is
connected: whole the first time and every few seconds, otherwise only the points the page
does not hold; drawn as pictures when the channel cannot take them."""

from __future__ import annotations

import base64
import contextlib

import numpy as np

from figures import svg_chart
from figures.curves import Chart, Series
from ui.i18n import texts
from ui.live.transport import Places
from ui.playground import frame
from ui.playground.live import LiveRun
from ui.playground.settings import DEFAULTS

T = texts("playground", "en")


class Channel:
    """Connected (or not), keeping what it was handed."""

    run = 1

    def __init__(self):
        self.up, self.sent = True, []

    def connected(self) -> bool:
        return self.up

    def send(self, parts: dict) -> bool:
        if self.up:
            self.sent.append(parts)
        return self.up

    def together(self):
        return contextlib.nullcontext()


class Slot:
    def __init__(self):
        self.drawn = []

    def html(self, body):
        self.drawn.append(body)

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


class Clock:
    now = 100.0

    def perf_counter(self):
        return self.now


def view(monkeypatch):
    run = LiveRun(DEFAULTS.with_(samples=200))
    run.advance(20)
    channel, clock = Channel(), Clock()
    monkeypatch.setattr(frame, "time", clock)
    slots = [Slot() for _ in frame.CHARTS]
    v = frame.Frame(run, T, False, False, Slot(), Slot(), Slot(), Slot(), Slot(), slots,
                    Slot(), True, Places(channel))
    return v, run, channel, clock, slots


def loss_parts(channel) -> list[dict]:
    return [parts["loss"]["chart"] for parts in channel.sent if "loss" in parts]


def test_a_chart_goes_whole_then_as_its_new_points_then_whole_again(monkeypatch):
    v, run, channel, clock, slots = view(monkeypatch)
    v.chart(0)  # the place is not on the page yet: drawn as a picture, which makes it
    assert len(slots[0].drawn) == 1 and 'data-np-live="loss"' in slots[0].drawn[0]
    assert not channel.sent
    v.chart(0)
    first = loss_parts(channel)[-1]
    assert first["start"] == 0 and (first["seq"], first["after"]) == (1, 0)
    rows = len(run.history.rows)
    assert len(base64.b64decode(first["series"][0]["y"])) == 8 * rows
    run.advance(3)
    clock.now += 0.2
    v.chart(0)
    tail = loss_parts(channel)[-1]
    assert 0 < tail["start"] <= rows and (tail["seq"], tail["after"]) == (2, 1)
    assert len(base64.b64decode(tail["series"][0]["y"])) == 8 * (len(run.history.rows)
                                                                  - tail["start"])
    clock.now += frame.WHOLE_CHART_SECONDS
    v.chart(0)
    assert loss_parts(channel)[-1]["start"] == 0
    assert len(slots[0].drawn) == 1  # no picture from the server while the channel takes it


def test_the_points_sent_rebuild_the_chart(monkeypatch):
    """What the page holds after each frame (its points up to ``start``, then the new ones)
    is the chart the server would draw, through a history that thins itself."""
    v, run, channel, clock, _ = view(monkeypatch)
    v.chart(0)
    held = None
    for _ in range(30):
        v.chart(0)
        part = loss_parts(channel)[-1]
        news = [np.frombuffer(base64.b64decode(s["y"]), "<f8") for s in part["series"]]
        held = news if part["start"] == 0 else [np.concatenate([h[:part["start"]], n])
                                                for h, n in zip(held, news)]
        chart = frame.views.loss_chart(run, T)
        for have, series in zip(held, chart.series):
            np.testing.assert_array_equal(have, series.y)
        run.advance(97)  # past 1,000 rows: the history thins, and only its start is kept
        clock.now += 0.2
    assert run.history.stride > 1


def test_without_the_channel_the_chart_is_a_picture_and_comes_whole_after(monkeypatch):
    v, run, channel, clock, slots = view(monkeypatch)
    v.chart(0)
    v.chart(0)
    channel.up = False
    v.chart(0)
    assert len(slots[0].drawn) == 2 and "np-chart" in slots[0].drawn[1]
    channel.up = True
    run.advance(2)
    v.chart(0)
    assert loss_parts(channel)[-1]["start"] == 0  # the page holds a picture: all of it


def test_shared_counts_the_points_two_charts_have_in_common():
    e = np.arange(6.0)
    a = Chart("t", [Series("s", e, np.array([1, 2, np.nan, 4, 5, 6.0]),
                                               "#000")])
    b = Chart("t", [Series("s", e, np.array([1, 2, np.nan, 4, 9, 6.0]),
                                               "#000")])
    assert svg_chart.shared(a, a) == 6  # NaN is NaN: a gap stays a gap
    assert svg_chart.shared(a, b) == 4
    assert svg_chart.shared(None, a) == 0
    bars = Chart("d", [Series("d", np.array(["a"], dtype=object),
                                                  np.array([0.5]), "#000")], kind="bar")
    assert svg_chart.shared(bars, bars) == 0  # a bar chart always comes whole
