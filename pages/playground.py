"""Playground: build a network, press Play, watch it learn live.

Traces to the seed articles: 000 (activations, softmax, hidden layers as features),
001/003 (loss, learning rate, gradient descent, epochs), 002 (dead ReLUs, cross-entropy
vs squared error), 004 (the circles reference model, region evolving, loss curves).
The session logic (first visit, upload, buttons, live loop) is in ui/playground/controller.py.
"""

import pandas as pd
import streamlit as st

from core import csvdata, model_io
from ui import language
from ui.i18n import texts
from ui.playground import controller, frame, views

T = texts("playground", language.current())
settings, run, show_test, hard = controller.sidebar_and_run(T)

st.title(T["title"])
st.markdown(T["intro"])
if st.session_state.get(controller.URL_NOTES):
    notes = st.session_state[controller.URL_NOTES]
    st.warning("\n".join([T["url_notes"], *(f"- {n}" for n in notes)]))
if controller.UPLOAD_MESSAGE in st.session_state:
    kind, message = st.session_state[controller.UPLOAD_MESSAGE]
    (st.success if kind == "ok" else st.error)(message)

# --- the controls: Play / Pause, one epoch, fresh weights --------------------------------
buttons = st.columns([1, 1, 1, 5])
buttons[0].button(T["pause"] if controller.playing() else T["play"], type="primary",
                  on_click=controller.toggle_play, width="stretch", key="play")
buttons[1].button(T["step"], on_click=controller.step, help=T["step_help"], width="stretch")
buttons[2].button(T["reset"], on_click=controller.reset, help=T["reset_help"], width="stretch")
if run.last.diverged:
    buttons[3].error(views.diverged_message(run, T))

# --- the pictures: what the network predicts, the network, the curves ----------------------
pictures = frame.lay_out(run, T, show_test, hard, live=controller.playing())
pictures.all()

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

controller.play(run, settings, pictures.region, pictures.metrics, pictures.network,
                pictures.chart, pictures.hints, len(frame.CHARTS))
