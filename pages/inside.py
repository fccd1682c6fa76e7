"""Lesson 5, Inside the network: the hidden layers as a feature extractor.

Traces to seed article 000 (the hidden layers learn features in which the classes become
linearly separable, and the output layer then draws a straight line). The maths is in
core/features.py, the session logic in ui/inside/controller.py, the pictures in
ui/inside/views.py and figures/inside.py.
"""

import streamlit as st

from ui import charts, language, lesson, predict, routing
from ui.i18n import texts
from ui.inside import controller, views
from ui.live import keyboard

routing.through_app()  # first, before anything is drawn
T = texts("inside", language.current())
lesson.opening(T["title"], T["intro"], "000")

# --- which network: the Playground's, or a fresh one made here -----------------------------
run, source = controller.choose_run(T)
controller.apply_step(run)
net, split = run.trainer.network, controller.points(run)  # split: points of the plane
features = controller.input_features(run)  # what the network is fed of each point
live = controller.playing()

# --- the controls: train, and what to look at ------------------------------------------------
controls = st.columns([0.95, 0.95, 1.2, 1.5, 1.1, 1.1], vertical_alignment="bottom")
controls[0].button(T["pause"] if live else T["play"], type="primary", key="inside.play",
                   on_click=controller.toggle_play, width="stretch")
controls[1].button(T["step"], key="inside.step", on_click=controller.step,
                   help=T["step_help"], width="stretch")
keyboard.shortcuts(controls[2], T)
keyboard.mount(T, "inside.keyboard")  # Space plays and pauses, "." steps (the list beside)
layer, ux, uy = controller.choose_view(run, T, controls[3:])
if run.last.diverged:
    st.error(T["diverged"])

# --- the pictures: the input plane, and the same plane seen by the layer -------------------
left, right = st.columns(2)
left.markdown(T["input_title"])
layer_title, input_slot, layer_slot = right.empty(), left.empty(), right.empty()
uz = controller.choose_3d(run, layer, ux, uy, T, right.columns(2, vertical_alignment="bottom"))
if net.hidden[layer - 1] == 1:
    layer_title.markdown(T["layer_title_one"].format(l=layer))
elif uz is not None and not live:
    layer_title.markdown(T["layer_title_3d"].format(l=layer, u=ux + 1, v=uy + 1, w=uz + 1))
else:
    layer_title.markdown(T["layer_title"].format(l=layer, u=ux + 1, v=uy + 1))
metric_slots = [c.empty() for c in st.columns(4)]
note_slot = st.empty()
show_3d = uz is not None and not live


# the numbers, under the pictures (so a phone shows the pictures first)
def draw_metrics() -> None:
    snap = run.last
    values = [
        (T["m_epoch"], f"{snap.epoch:,}", T["m_epoch_help"]),
        (T["m_train_acc"], controller.fmt_share(snap.train_accuracy), T["m_train_acc_help"]),
        (T["m_line_input"], controller.fmt_share(controller.separability(run, 0)),
         T["m_line_help"]),
        (T["m_line_layer"].format(l=layer), controller.fmt_share(
            controller.separability(run, layer)), T["m_line_help"]),
    ]
    for slot, (label, value, help_text) in zip(metric_slots, values):
        slot.metric(label, value, help=help_text)


def draw_pictures() -> None:
    p = views.pictures(net, split.X_train, split.y_train, layer, ux, uy, T, features)
    input_slot.html(p.input_html)
    if not show_3d:
        layer_slot.html(p.layer_html)
    if p.notes:
        note_slot.info("\n\n".join(p.notes))
    else:
        note_slot.empty()


draw_metrics()
draw_pictures()
if show_3d:
    # (the slot holds one element; the chart and its sentence are two)
    charts.show(layer_slot.container(),
                views.figure_3d(net, split.X_train, split.y_train, layer, (ux, uy, uz), T,
                                features),
                width="stretch", config={"displayModeBar": False})
elif uz is not None:
    st.caption(T["live_2d"])
st.caption(T["legend"])
if net.task == "regression":
    st.caption(T["regression_note"])

# --- every layer at once: how straight a line can separate the data -------------------------
if not live and net.task != "regression":
    st.subheader(T["table_title"])
    accuracies = [controller.separability(run, l) for l in range(len(net.W))]
    spaces = views.space_names(len(accuracies), T)
    show, answer = predict.before("inside.best_space", T["predict_space"].format(
        epoch=f"{run.last.epoch:,}"), (id(net), run.last.epoch), spaces)
    if show:
        st.markdown(views.layer_table(accuracies, T))
        st.caption(T["table_caption"])
    if answer is not None:
        best = views.best_spaces(accuracies)
        predict.reveal_choice(answer, best, spaces, T["predict_space_shown"].format(
            space=spaces[best[0]], share=controller.fmt_share(accuracies[int(best[0])])))

    # the input plane is the data itself: no weight moves it
    moves = {m: T["input_moves"][m] for m in ("up", "same", "down")}
    answer = predict.ask("inside.input_plane", T["predict_input"], (id(net),), moves)
    if answer is not None:
        predict.reveal_choice(answer, "same", moves, T["predict_input_shown"].format(
            share=controller.fmt_share(accuracies[0])))

lesson.notice(T["notice"], expanded=predict.seen("inside.best_space"))
lesson.playground_link("spiral_hard", T["playground_lesson"])

controller.play(run, controller.LiveView(draw_pictures, draw_metrics))
