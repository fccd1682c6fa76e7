"""Lesson 8, Capacity: deep, wide, and what can go wrong (seed articles 000, 002 and 003):
one hidden layer building a curve out of its units (universal approximation), deep
against wide at one parameter count, the gradient's product through many layers
(vanishing and exploding), and gradient descent stopping above the bottom beside restarts
that find it. The maths is in core/capacity.py, the room in ui/capacity.py, the pictures
in figures/capacity.py."""

import streamlit as st

from ui import capacity as room
from ui import language, lesson, routing
from ui.i18n import texts

routing.through_app()  # first, before anything is drawn
T = texts("capacity", language.current())
lesson.opening(T["title"], T["intro"], "000, 002, 003")

st.header(T["bumps_header"])
st.markdown(T["bumps_intro"])
room.bumps_section(T)

st.header(T["deep_wide_header"])
st.markdown(T["deep_wide_intro"])
room.deep_wide_section(T)

st.header(T["chain_header"])
st.markdown(T["chain_intro"])
room.chain_section(T)

st.header(T["minimum_header"])
st.markdown(T["minimum_intro"])
room.minimum_section(T)
