"""The Playground's live pictures: the empty slots the page lays out, and how each is
filled from the run. Used for the still page and for every frame of the live loop."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import streamlit as st

from figures import svg_chart

from ..live import channel as live_channel
from ..live.transport import Places
from . import drawing, first_pictures, views
from .live import LiveRun

# The small charts under the numbers, two a row, in this order: (place, the chart, what
# shows instead when the run has none: a caption's key, or None for nothing).
CHARTS = (("loss", views.loss_chart, None), ("accuracy", views.accuracy_chart, None),
          ("gradients", views.gradient_chart, None), ("dead", views.dead_chart, "no_dead"))
CHARTS_PER_ROW = 2
# While playing, the numbers and the diagram take turns every fourth frame, and one small
# chart (with the hints) comes on a frame of its own in between, each chart about every
# this many seconds (twice that with others playing in the process).
SLOW_CHART_SECONDS = 0.15
# While playing over the channel a chart travels as its new points only, and whole this
# often: a page that missed a frame (its place was being redrawn) is whole again by then.
WHOLE_CHART_SECONDS = 3.0
# While playing over the channel, the region's sentence for a screen reader (its alt
# text) is renewed this often: a calm rate, and a pass over the grid on the server each.
SAID_SECONDS = 3.0
# The teacher's view (?present=1): less padding, larger type, a region that leaves room
# for the numbers below it on a 1280 x 720 projector screen.
PRESENT_CSS = """<style>
.block-container {padding-top: 3.9rem !important; padding-bottom: 1rem !important;}
.stApp {font-size: 1.15rem;}
.np-metric-value {font-size: 2.1rem !important;}
.np-metric-label {font-size: 1.05rem !important;}
.np-region {width: min(460px, calc(100vh - 345px)) !important;}
.np-network {max-width: calc((100vh - 400px) * 560 / 460); margin: auto;}
</style>"""

# The region's two layers, one over the other in the same grid cell, the data on top:
# the prediction changes every frame, the data only with a new data set.
STACK_KEY = "np-region-stack"
# Each live picture on a compositor layer of its own ("will-change"), so a new frame
# re-rasters only the picture it replaces: without it, every new region image also
# re-rastered the data points drawn over it and the page around it. Measured in Chromium
# (benchmarks/browser_speed.py's spiral, alone): 28-31 ms of the browser's CPU per update
# without, 25-28 with; the server's training gets the cores it no longer has to share.
LIVE_LAYERS = ".np-region-image, .np-region-points, .np-network, .np-chart"
STACK_CSS = (f"<style>.st-key-{STACK_KEY} {{display: grid !important;}} "
             f".st-key-{STACK_KEY} > div {{grid-area: 1 / 1;}} "
             f"{LIVE_LAYERS} {{will-change: transform;}}</style>")


@dataclass
class Held:
    """What the learner's page holds of one chart sent as data: the chart, the number of
    the frame that brought it, and when it last came whole."""

    chart: svg_chart.Chart
    seq: int
    whole_at: float


@dataclass
class Frame:
    """The Playground's view: its pictures' slots, filled from the run on the still page
    (``all``) and, while playing, frame by frame (``draw``)."""

    run: LiveRun
    T: dict
    show_test: bool
    hard: bool
    metrics_slot: object
    region_slot: object
    points_slot: object
    legend_slot: object
    network_slot: object
    chart_slots: list
    hint_slot: object
    live: bool = False
    places: Places = field(default_factory=lambda: Places(None))
    hints_shown: str | None = None  # the hints on the page now (None: not drawn yet)
    metrics_shown: str | None = None  # the numbers on the page now (None: not drawn yet)
    pace: str = ""  # how fast the live page goes (views.pace_text), under the numbers
    charts_drawn: int = 0  # small charts drawn while playing, in turn
    chart_at: float = 0.0  # when the last of them was drawn (time.perf_counter)
    said_at: float = 0.0  # when the region's sentence last went with a live frame
    weights_slot: object = None  # the weights as numbers, under the diagram (still)
    held: dict = field(default_factory=dict)  # place -> Held: charts the page holds as data
    lang: str = ""  # the page's language: pictures shared between sessions differ by it
    first: bytes | None = None  # while the still page draws a run not trained yet: its
    # key in first_pictures, where every session opening the same link finds its pictures

    def _drawn(self, what: str, draw, *how) -> str:
        """``draw()``: once for every session whose run draws alike (``first``)."""
        key = None if self.first is None else (what, self.first, *how)
        return first_pictures.picture(key, draw)

    def region(self) -> None:
        """The network's prediction: every frame. Over the channel, as data for the
        learner's browser to colour (live_region.js), with its sentence for a screen
        reader every ``SAID_SECONDS`` (it costs the server a pass over the grid)."""
        if self.places.live():
            data = views.region_data(self.run, self.hard)
            now = time.perf_counter()
            if now - self.said_at >= SAID_SECONDS:
                data = {**data, "said": views.region_sentence(
                    self.run, self.run.region_output(), self.T)}
            if self.places.send("region", data):
                if "said" in data:
                    self.said_at = now
                return
        self.places.show("region", self.region_slot, self._drawn(
            "region", lambda: views.region_live(self.run, self.hard, self.T), self.hard))

    def points(self) -> None:
        """The data over it, and which colour is which class: once per run of the page."""
        self.points_slot.html(STACK_CSS + self._drawn(
            "points", lambda: views.region_points(self.run, self.show_test), self.show_test))
        legend = views.class_legend(self.run, self.T)
        if legend:
            self.legend_slot.html(legend)

    def metrics(self) -> None:
        """The five numbers, in one message, sent only when one of them changed."""
        shown = views.numbers_html(views.metrics(self.run, self.T), self.pace)
        if shown != self.metrics_shown:
            self.places.show("numbers", self.metrics_slot, shown)
            self.metrics_shown = shown

    def network(self) -> None:
        """The diagram. Over the channel, its thumbnails and edges as data for the
        learner's browser to draw (live_region.js), where the network is small enough."""
        if self.places.live():
            data = views.network_data(self.run)
            if data is not None and self.places.send("network", {"diagram": data}):
                return
        tooltips = not self.live
        self.places.show("network", self.network_slot, self._drawn(
            "network", lambda: views.network_diagram(self.run, self.T, tooltips), tooltips))

    def weights(self) -> None:
        """The weights as tables: drawn with the page, standing still while it plays."""
        if self.weights_slot is not None:
            self.weights_slot.html(self._drawn(
                "weights", lambda: views.weights_tables(self.run, self.T, self.live), self.live))

    def chart(self, i: int) -> None:
        """Small chart number ``i``, drawn the same way playing or paused (while playing
        they take turns, and swap without flicker). Over the channel, as its new points for
        the learner's browser to draw (live_chart.js)."""
        place, make, empty = CHARTS[i]
        slot = self.chart_slots[i]
        if not self.places.live():  # a picture (the same for every session, at first)
            shown = self._drawn(place, lambda: _chart_html(make(self.run, self.T)))
            self.held.pop(place, None)
            self._show_chart(place, slot, shown, empty)
            return
        chart = make(self.run, self.T)
        if chart is not None and self.send_chart(place, chart):
            return
        self.held.pop(place, None)  # drawn here: the page holds a picture, not data
        self._show_chart(place, slot, _chart_html(chart), empty)

    def _show_chart(self, place: str, slot, shown: str, empty: str | None) -> None:
        """A chart's HTML in its place; "" (no chart): a caption's key, or nothing."""
        if shown:
            self.places.show(place, slot, shown)
            return
        self.places.forget(place)  # a caption or nothing: no place for a chart now
        if empty is None:
            slot.empty()
        else:
            slot.caption(self.T[empty])

    def send_chart(self, place: str, chart: svg_chart.Chart) -> bool:
        """``chart`` over the channel as the points the page does not hold yet (all of it
        the first time and every ``WHOLE_CHART_SECONDS``); False if it cannot go."""
        now, held = time.perf_counter(), self.held.get(place)
        whole = held is None or now - held.whole_at >= WHOLE_CHART_SECONDS
        start = 0 if whole else svg_chart.shared(held.chart, chart)
        seq = held.seq + 1 if held else 1
        data = {**svg_chart.to_data(chart, start), "seq": seq, "after": held.seq if held else 0}
        if not self.places.send(place, {"chart": data}):
            return False
        self.held[place] = Held(chart, seq, now if start == 0 else held.whole_at)
        return True

    def hints(self) -> None:
        """The hints, sent only when they change (each message costs the browser a redraw)."""
        text = "\n\n".join(views.hints(self.run, self.T))
        if text == self.hints_shown:
            return
        self.hints_shown = text
        if text:
            self.hint_slot.info(text)
        else:
            self.hint_slot.empty()

    def all(self) -> None:
        """Every picture, for the still page (or the first run of a playing one)."""
        self.first = first_pictures.run_key(self.run, self.lang)
        try:
            self.metrics()
            self.region()
            self.points()
            self.network()
            self.weights()
            for i in range(len(CHARTS)):
                self.chart(i)
            self.hints()
        finally:
            self.first = None

    def draw(self, tick) -> None:
        """Frame ``tick`` of the live pictures (``ui.live.loop.Tick``), as one message.
        The region changes every frame; the numbers and the diagram take turns every
        fourth frame, and a small chart (with the hints) comes on a frame of its own in
        between: numbers or thumbnails that change 7 times a second still look live.
        Every message costs the learner's browser a redraw of the page around it
        (measured in Chromium: React), so each one that is not the region is worth
        sparing: numbers every second frame cost the browser a fifth more per frame than
        every fourth, and a browser that can only take a few frames a second gets a chart
        with at most every other one."""
        self.pace = views.pace_text(tick.pace, tick.players, tick.together, self.T)
        now = time.perf_counter()
        with self.places.together():
            self.region()
            if tick.number % 4 == 0:
                self.metrics()
            elif tick.number % 4 == 2:
                self.network()
            elif (tick.number % 2
                  and now - self.chart_at >= SLOW_CHART_SECONDS * min(2, tick.players)):
                self.chart(self.charts_drawn % len(CHARTS))
                self.charts_drawn, self.chart_at = self.charts_drawn + 1, now
                self.hints()


def _chart_html(chart: svg_chart.Chart | None) -> str:
    return "" if chart is None else svg_chart.to_html(chart)


def lay_out(run: LiveRun, T: dict, show_test: bool, hard: bool, live: bool,
            channel: live_channel.Channel | None = None, weights: bool = True,
            lang: str = "") -> Frame:
    """The page's picture area, top to bottom: region beside network (and its weights as
    numbers, in an expander); the five numbers;
    the small charts, ``CHARTS_PER_ROW`` a row; hints. (On a phone the columns stack: the
    picture comes first, right under Play.) With ``channel``, the page's end of it too,
    out of sight. ``weights``: the weights as numbers under the diagram (not on the
    teacher's projector view, where the page must fit one screen). ``lang``: the page's
    language, for the pictures sessions share (``first_pictures``)."""
    left, right = st.columns([1, 1.15])
    left.markdown(f"**{T['region_title']}**")
    stack = left.container(key=STACK_KEY)  # the points lie over the region (STACK_CSS)
    region_slot, points_slot = stack.empty(), stack.empty()
    if channel is not None:  # in the region's grid cell: it takes no room of its own
        channel.new_run()
        with stack:
            live_channel.mount(channel)
    legend_slot = left.empty()
    drawing.pad(left, run, T)  # only for the data set "Draw your own"
    right.markdown(f"**{T['network_title']}**")
    drawing.feature_picker(right, T)  # the input features, right above the input column
    network_slot = right.empty()
    weights_slot = right.expander(T["weights_title"]).empty() if weights else None
    metrics_slot = st.empty()
    chart_slots = [column.empty() for _ in range(0, len(CHARTS), CHARTS_PER_ROW)
                   for column in st.columns(CHARTS_PER_ROW)][:len(CHARTS)]
    return Frame(run, T, show_test, hard, metrics_slot, region_slot, points_slot, legend_slot,
                 network_slot, chart_slots, st.empty(), live, Places(channel),
                 weights_slot=weights_slot, lang=lang)
