"""Playground: build a network, press Play, watch it learn live.

Traces to the seed articles: 000 (activations, softmax, hidden layers as features),
001/003 (loss, learning rate, gradient descent, epochs), 002 (dead ReLUs, cross-entropy
vs squared error), 004 (the circles reference model, region evolving, loss curves).
"""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from core import csvdata, model_io
from figures import curves, svg_chart
from ui import sidebar, views
from ui.live import LiveRun
from ui.settings import CSV_DATASET, from_query, to_query
from ui.text import texts

T = texts("playground")
FRAME_SECONDS = 1 / 30  # at most ~30 frames a second; the browser cannot show more
SLOW_CHART_SECONDS = 0.15  # one small chart redraws per tick, each ~1.7 times a second
CHART_CONFIG = {"displayModeBar": False}
state = st.session_state


# --- session state: first visit, upload, buttons ----------------------------------------
def _first_visit() -> None:
    settings, notes = from_query(st.query_params.to_dict())
    sidebar.write_widgets(settings)
    state.url_notes = notes
    state.playing = False


def _on_upload() -> None:
    file = state.get("w_upload")
    if file is None:
        return  # removing the file keeps the data it gave
    try:
        state.upload = csvdata.read_csv(file.getvalue())
    except csvdata.CSVDataError as error:
        state.upload_message = ("error", T["upload_bad"].format(name=file.name, error=error))
        return
    data = state.upload
    classes = (f"{data.n_classes} classes" if data.task != "regression" else "regression")
    state.upload_message = ("ok", T["upload_ok"].format(n=len(data), classes=classes,
                                                        name=file.name))
    state.w_dataset = CSV_DATASET


def _toggle_play() -> None:
    state.playing = not state.playing


def _step() -> None:
    state.playing = False
    state.step_request = True


def _reset() -> None:
    state.reset_request = True


def _regenerate() -> None:
    state.w_seed = int(state.w_seed) + 1


if "playing" not in state:
    _first_visit()

upload = state.get("upload")
settings = sidebar.draw(T, upload.task if upload is not None else None)
st.sidebar.button(T["regenerate"], on_click=_regenerate, disabled=settings.dataset == CSV_DATASET)
st.sidebar.file_uploader(T["upload"], type=["csv"], key="w_upload", on_change=_on_upload,
                         help=T["upload_help"])
show_test = st.sidebar.toggle(T["show_test"], value=True, key="w_show_test")
hard = st.sidebar.toggle(T["hard"], value=False, key="w_hard")

run: LiveRun | None = state.get("run")
if run is None:
    run = state.run = LiveRun(settings, upload)
else:
    run.apply(settings, upload)
if state.pop("reset_request", False):
    run.reset()
if state.pop("step_request", False):
    run.advance(1)

query = to_query(settings)
if st.query_params.to_dict() != query:
    st.query_params.from_dict(query)

# --- the page, top to bottom ---------------------------------------------------------------
st.title(T["title"])
st.markdown(T["intro"])
if state.get("url_notes"):
    st.warning("\n".join([T["url_notes"], *(f"- {n}" for n in state.url_notes)]))
if "upload_message" in state:
    kind, message = state.upload_message
    (st.success if kind == "ok" else st.error)(message)

buttons = st.columns([1, 1, 1, 5])
buttons[0].button(T["pause"] if state.playing else T["play"], on_click=_toggle_play,
                  type="primary", width="stretch", key="play")
buttons[1].button(T["step"], on_click=_step, help=T["step_help"], width="stretch")
buttons[2].button(T["reset"], on_click=_reset, help=T["reset_help"], width="stretch")
diverged_box = buttons[3].empty()

metric_slots = [c.empty() for c in st.columns(5)]
left, right = st.columns([1, 1.15])
left.subheader(T["region_title"])
region_slot = left.empty()
right.subheader(T["network_title"])
network_slot = right.empty()
chart_slots = [c.empty() for c in st.columns(2)] + [c.empty() for c in st.columns(2)]
hint_slot = st.empty()


def draw_region() -> None:
    region_slot.html(views.region_live(run, show_test, hard))


def draw_metrics() -> None:
    for slot, (label, value) in zip(metric_slots, views.metrics(run, T)):
        slot.metric(label, value)


def draw_network() -> None:
    network_slot.html(views.network_diagram(run, T, tooltips=not state.playing))


CHARTS = (views.loss_chart, views.accuracy_chart, views.gradient_chart, views.dead_chart)


def draw_chart(i: int, live: bool) -> None:
    """One of the four small charts: SVG while playing (they take turns, one per tick, and
    swap without flicker), interactive Plotly while paused."""
    chart = CHARTS[i](run, T)
    if chart is None and i == 3:
        chart_slots[i].caption(T["no_dead"])
    elif chart is None:
        chart_slots[i].empty()
    elif live:
        chart_slots[i].html(svg_chart.to_html(chart))
    else:
        chart_slots[i].plotly_chart(curves.to_plotly(chart), config=CHART_CONFIG, width="stretch")


def draw_hints() -> None:
    hints = views.hints(run, T)
    if hints:
        hint_slot.info("\n\n".join(hints))
    else:
        hint_slot.empty()


if run.last.diverged:
    diverged_box.error(views.diverged_message(run, T))
draw_metrics()
draw_region()
draw_network()
for i in range(len(CHARTS)):
    draw_chart(i, live=bool(state.playing))
draw_hints()

with st.expander(T["notice"]):
    st.markdown(T["how_to_read"])

downloads = st.columns(3)
downloads[0].download_button(
    T["dl_model"], lambda: model_io.dumps(run.trainer.network, run.data.input_scaling),
    file_name="model.json", mime="application/json", on_click="ignore")
downloads[1].download_button(
    T["dl_history"], lambda: pd.DataFrame(run.history.rows).to_csv(index=False),
    file_name="history.csv", mime="text/csv", on_click="ignore")
downloads[2].download_button(
    T["dl_data"], lambda: csvdata.write_csv(run.data), file_name="data.csv", mime="text/csv",
    on_click="ignore")

# --- the live loop: train a few epochs, draw, repeat, until a widget interrupts ----------
frame, last_slow = 1, time.perf_counter()
while state.playing:
    started = time.perf_counter()
    snap = run.advance(settings.speed)
    if snap.diverged:
        state.playing = False
        st.rerun()
    # The region changes every frame; the numbers and the diagram take turns in between:
    # the browser is the bottleneck (measured: Chromium at ~90 % of a core), and numbers
    # or thumbnails that change 15 times a second still look live.
    draw_region()
    (draw_metrics if frame % 2 == 0 else draw_network)()
    if started - last_slow >= SLOW_CHART_SECONDS:
        draw_chart(frame % len(CHARTS), live=True)
        draw_hints()
        last_slow = started
    frame += 1
    time.sleep(max(0.0, FRAME_SECONDS - (time.perf_counter() - started)))
