"""Playground: build a network, press Play, watch it learn live.

Traces to the seed articles: 000 (activations, softmax, hidden layers as features),
001/003 (loss, learning rate, gradient descent, epochs), 002 (dead ReLUs, cross-entropy
vs squared error), 004 (the circles reference model, region evolving, loss curves).
The session logic (first visit, upload, buttons, live loop) is in ui/playground/controller.py.
"""

import streamlit as st

from core import csvdata, export_script, model_io
from ui import charts, language, routing
from ui.classroom import student
from ui.i18n import texts
from ui.live import keyboard
from ui.playground import controller, frame, model_import, views
from ui.playground.settings import CSV_DATASET, DEFAULTS

routing.through_app()  # first, before anything is drawn
LANG = language.current()
T = texts("playground", LANG)
settings, run, show_test, hard = controller.sidebar_and_run(T)
if controller.present():  # the teacher's view: one projector screen, larger type
    st.set_page_config(initial_sidebar_state="collapsed")
    st.html(frame.PRESENT_CSS)
else:
    st.title(T["title"])
    st.markdown(T["intro"])
student.banner(texts("classroom", LANG))  # in a class: which, as whom, what it says

# Messages live as long as their cause: link notes and a rejected file are said once.
notes = st.session_state.pop(controller.URL_NOTES, None)
if notes:
    st.warning("\n".join([T["url_notes"], *(f"- {views.url_note(n, T)}" for n in notes)]))
if controller.UPLOAD_MESSAGE in st.session_state:
    st.error(st.session_state.pop(controller.UPLOAD_MESSAGE)[1])
model_import.show_message()  # a model file opened, or why not

# --- the controls: Play / Pause, one epoch, fresh weights, share ------------------------
# A row that wraps rather than stacks, so on a phone Play stays beside the others.
buttons = st.container(horizontal=True, vertical_alignment="center")
buttons.button(T["pause"] if controller.playing() else T["play"], type="primary",
               on_click=controller.toggle_play, width=120, key="play")
buttons.button(T["step"], on_click=controller.step, help=T["step_help"], width=90)
buttons.button(T["reset"], on_click=controller.reset, help=T["reset_help"], width=90)
with buttons.popover(T["share"], help=T["share_help"], icon=":material/share:"):
    st.caption(T["share_copy"])
    st.code(controller.share_link(settings), language=None, wrap_lines=True)
    if settings.dataset == CSV_DATASET:
        st.caption(T["share_csv"].format(dataset=T["dataset_names"][DEFAULTS.dataset]))
keyboard.shortcuts(buttons, T)
keyboard.mount(T, "np-keyboard", controller.autoplaying(), controller.page_drawn)
if run.last.diverged:
    st.error(views.diverged_message(run, T))

# --- the pictures: what the network predicts, the network, the numbers, the curves -------
pictures = frame.lay_out(run, T, show_test, hard, live=controller.playing(),
                         channel=controller.channel(), weights=not controller.present(),
                         lang=LANG)
pictures.all()

if views.has_confusion(run):  # which classes the network takes for which
    with st.expander(T["confusion"]):
        if controller.playing():  # this page run is the live loop: the matrix would stand still
            st.caption(T["confusion_playing"])
        else:
            charts.show(st, views.confusion_figure(run, T), width="stretch",
                        config={"displayModeBar": False}, key="confusion")

with st.expander(T["notice"]):
    st.markdown(T["how_to_read"])

# The network to take home: its model file, and the same as one Python file that needs only
# NumPy (weights inline). A network whose weights blew up has neither (Reset brings one).
downloads = st.columns(4)
whole = run.trainer.network.is_finite()


def trained() -> model_io.Model:
    """The network as it is when the learner clicks (it may have trained on since)."""
    return model_io.Model(run.trainer.network, run.data.input_scaling, run.settings.features)


downloads[0].download_button(
    T["dl_model"], lambda: model_io.dumps(*trained()), file_name="model.json",
    mime="application/json", on_click="ignore", disabled=not whole,
    help=None if whole else T["dl_diverged"])
downloads[1].download_button(
    T["dl_script"], lambda: export_script.script(trained()), file_name="network.py",
    mime="text/x-python", on_click="ignore", disabled=not whole,
    help=T["dl_script_help"] if whole else T["dl_diverged"])
downloads[2].download_button(
    T["dl_history"], lambda: run.history.to_csv(),
    file_name="history.csv", mime="text/csv", on_click="ignore")
downloads[3].download_button(
    T["dl_data"], lambda: csvdata.write_csv(run.data), file_name="data.csv", mime="text/csv",
    on_click="ignore")

student.report(run, playing=controller.playing())  # (outside a class: nothing)
controller.play(run, settings, student.reporting(pictures, run))
