"""Lesson 1, One neuron: z = w1·x1 + w2·x2 + b, a = σ(z) on two clouds of points, i.e.
logistic regression; its two costs and their gradients as you drag w1, w2, b; a fit by
gradient descent drawn on the cost landscape; and why a 0/1 perceptron cannot learn by
small steps. Seed articles 002 (perceptron, continuous output, cross-entropy vs squared
error), 003 (perceptron, loss and cost, gradient descent) and 004 (one neuron, learning
rate). State, controls and pictures live in ui/neuron.py; every number comes from
core/neuron.py, which runs the engine's Network.
"""

import streamlit as st

from ui import language, lesson, predict, routing
from ui import neuron as room
from ui.i18n import texts

routing.through_app()  # first, before anything is drawn
T = texts("neuron", language.current())
room.start()

lesson.opening(T["title"], T["intro"], "002, 003, 004")
room.notes(T)

# --- 1. the neuron: drag its numbers, watch its line and its costs ------------------------
st.header(T["s1_title"])
st.markdown(T["s1_look"])
# the picture first: a phone stacks the columns, and the picture must not come after the
# sliders, the costs and the gradient table
picture, controls = st.columns([6, 5], gap="large")
with picture:
    room.plane_chart(T)
with controls:
    room.weight_sliders(T)
    room.numbers(T)
    room.data_controls(T)
lesson.notice(T["s1_notice"])

# --- 2. fit: gradient descent from where the neuron is ------------------------------------
st.header(T["s2_title"])
st.markdown(T["s2_look"])
room.fit_controls(T)
room.fit_summary(T)
room.fit_charts(T)
lesson.notice(T["s2_notice"], expanded=predict.seen("neuron.fit"))

# --- 3. why a 0/1 perceptron cannot learn by small steps ----------------------------------
st.header(T["s3_title"])
st.markdown(T["s3_look"])
room.perceptron_charts(T)
lesson.notice(T["s3_notice"].format(n=room.SAMPLES), expanded=predict.seen("neuron.nudge"))

lesson.playground_link("one_neuron", T["playground_lesson"])
