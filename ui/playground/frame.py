"""The Playground's live pictures: the empty slots the page lays out, and how each is
filled from the run. Used for the still page and for every frame of the live loop."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from figures import curves, svg_chart

from . import views
from .live import LiveRun

CHART_CONFIG = {"displayModeBar": False}
CHARTS = (views.loss_chart, views.accuracy_chart, views.gradient_chart, views.dead_chart)


@dataclass
class Frame:
    run: LiveRun
    T: dict
    show_test: bool
    hard: bool
    metric_slots: list
    region_slot: object
    network_slot: object
    chart_slots: list
    hint_slot: object
    live: bool = False

    def region(self) -> None:
        self.region_slot.html(views.region_live(self.run, self.show_test, self.hard))

    def metrics(self) -> None:
        for slot, (label, value) in zip(self.metric_slots, views.metrics(self.run, self.T)):
            slot.metric(label, value)

    def network(self) -> None:
        self.network_slot.html(views.network_diagram(self.run, self.T, tooltips=not self.live))

    def chart(self, i: int) -> None:
        """One of the four small charts: SVG while playing (they take turns, one per tick,
        and swap without flicker), interactive Plotly while paused."""
        chart, slot = CHARTS[i](self.run, self.T), self.chart_slots[i]
        if chart is None and i == 3:
            slot.caption(self.T["no_dead"])
        elif chart is None:
            slot.empty()
        elif self.live:
            slot.html(svg_chart.to_html(chart))
        else:
            slot.plotly_chart(curves.to_plotly(chart), config=CHART_CONFIG, width="stretch")

    def hints(self) -> None:
        hints = views.hints(self.run, self.T)
        if hints:
            self.hint_slot.info("\n\n".join(hints))
        else:
            self.hint_slot.empty()

    def all(self) -> None:
        self.metrics()
        self.region()
        self.network()
        for i in range(len(CHARTS)):
            self.chart(i)
        self.hints()


def lay_out(run: LiveRun, T: dict, show_test: bool, hard: bool, live: bool) -> Frame:
    """The page's picture area, top to bottom: metrics; region beside network; four charts;
    hints."""
    metric_slots = [c.empty() for c in st.columns(5)]
    left, right = st.columns([1, 1.15])
    left.subheader(T["region_title"])
    region_slot = left.empty()
    right.subheader(T["network_title"])
    network_slot = right.empty()
    chart_slots = [c.empty() for c in st.columns(2)] + [c.empty() for c in st.columns(2)]
    return Frame(run, T, show_test, hard, metric_slots, region_slot, network_slot, chart_slots,
                 st.empty(), live)
