"""Lesson 7, The training loop (seed articles 001 and 003): initialise, then forward,
cost, backward and update, walked one step at a time on y = 3x; batch, iteration and
epoch counted; stochastic, mini-batch and full-batch gradient descent side by side; and
what initialisation decides (a symmetric start, the scale of the first forward pass).
The maths is in core/training_loop.py, the room in ui/training_loop.py, the pictures in
figures/training_loop.py."""

import streamlit as st

from ui import language, lesson, routing
from ui import training_loop as room
from ui.i18n import texts

routing.through_app()  # first, before anything is drawn
T = texts("loop", language.current())
lesson.opening(T["title"], T["intro"], "001, 003")

st.header(T["loop_header"])
st.markdown(T["loop_intro"])
room.loop_section(T)
lesson.notice(T["loop_notice"])

st.header(T["batches_header"])
st.markdown(T["batches_intro"])
room.batches_section(T)

st.header(T["init_header"])
st.markdown(T["init_intro"])
room.init_section(T)
lesson.notice(T["scale_notice"])
