"""The Playground's live pictures: the empty slots the page lays out, and how each is
filled from the run. Used for the still page and for every frame of the live loop."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from figures import svg_chart

from . import channel as live_channel
from . import drawing, views
from .live import LiveRun

CHARTS = (views.loss_chart, views.accuracy_chart, views.gradient_chart, views.dead_chart)
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
class Frame:
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
    channel: live_channel.Channel | None = None
    hints_shown: str | None = None  # the hints on the page now (None: not drawn yet)
    metrics_shown: str | None = None  # the numbers on the page now (None: not drawn yet)
    placed: set = field(default_factory=set)  # places this run of the page has drawn

    def _show(self, place: str, slot, body: str) -> None:
        """A live picture into its place: over the channel once this run of the page has
        drawn the place and the channel is connected, else as a Streamlit message that
        draws the place (see channel.py)."""
        if place in self.placed and self.channel is not None and self.channel.send({place: body}):
            return
        run = self.channel.run if self.channel is not None else 0
        slot.html(f'<div data-np-live="{place}" data-np-run="{run}">{body}</div>')
        self.placed.add(place)

    def region(self) -> None:
        """The network's prediction: every frame. Over the channel, as data for the
        learner's browser to colour (live_region.js)."""
        if ("region" in self.placed and self.channel is not None and self.channel.connected()
                and self.channel.send({"region": views.region_data(self.run, self.hard)})):
            return
        self._show("region", self.region_slot,
                   views.region_live(self.run, self.hard, self.T["region_title"]))

    def points(self) -> None:
        """The data over it, and which colour is which class: once per run of the page."""
        self.points_slot.html(STACK_CSS + views.region_points(self.run, self.show_test))
        legend = views.class_legend(self.run, self.T)
        if legend:
            self.legend_slot.html(legend)

    def metrics(self) -> None:
        """The five numbers, in one message, sent only when one of them changed."""
        shown = views.numbers_html(views.metrics(self.run, self.T),
                                   views.pace_text(self.run, self.T))
        if shown != self.metrics_shown:
            self._show("numbers", self.metrics_slot, shown)
            self.metrics_shown = shown

    def network(self) -> None:
        """The diagram. Over the channel, its thumbnails and edges as data for the
        learner's browser to draw (live_region.js), where the network is small enough."""
        if "network" in self.placed and self.channel is not None and self.channel.connected():
            data = views.network_data(self.run)
            if data is not None and self.channel.send({"network": {"diagram": data}}):
                return
        self._show("network", self.network_slot,
                   views.network_diagram(self.run, self.T, tooltips=not self.live))

    def chart(self, i: int) -> None:
        """One of the four small charts, drawn the same way playing or paused (while
        playing they take turns, one per tick, and swap without flicker)."""
        chart, slot, place = CHARTS[i](self.run, self.T), self.chart_slots[i], f"chart{i}"
        if chart is None:
            self.placed.discard(place)  # a caption or nothing: no place for a chart now
        if chart is None and i == 3:
            slot.caption(self.T["no_dead"])
        elif chart is None:
            slot.empty()
        else:
            self._show(place, slot, svg_chart.to_html(chart))

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
        self.metrics()
        self.region()
        self.points()
        self.network()
        for i in range(len(CHARTS)):
            self.chart(i)
        self.hints()


def lay_out(run: LiveRun, T: dict, show_test: bool, hard: bool, live: bool,
            channel: live_channel.Channel | None = None) -> Frame:
    """The page's picture area, top to bottom: region beside network; the five numbers;
    four charts; hints. (On a phone the columns stack: the picture comes first, right
    under Play.) With ``channel``, the page's end of it too, out of sight."""
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
    metrics_slot = st.empty()
    chart_slots = [c.empty() for c in st.columns(2)] + [c.empty() for c in st.columns(2)]
    return Frame(run, T, show_test, hard, metrics_slot, region_slot, points_slot, legend_slot,
                 network_slot, chart_slots, st.empty(), live, channel)
