"""Lesson 2, Activation functions (seed articles 000 and 004): every activation with its
slope and saturation zones, softmax with a temperature, why a network needs a non-linear
g (a deep linear network is one matrix; tanh fits the circles), and vanishing gradients."""

import streamlit as st

from ui import activations as room
from ui import language, lesson, predict, routing
from ui.i18n import texts

routing.through_app()  # first, before anything is drawn
T = texts("activations", language.current())
lesson.opening(T["title"], T["intro"], "000, 004")

st.header(T["curves_header"])
st.markdown(T["curves_intro"])
room.curves_section(T)
lesson.notice(T["curves_notice"])

st.header(T["softmax_header"])
st.markdown(T["softmax_intro"])
room.softmax_section(T)
lesson.notice(T["softmax_notice"])

st.header(T["linear_header"])
st.markdown(T["linear_intro"])
room.nonlinearity_section(T)
lesson.notice(T["linear_notice"])

st.header(T["vanishing_header"])
st.markdown(T["vanishing_intro"])
room.vanishing_section(T)
lesson.playground_link("vanishing", T["vanishing_lesson"])
lesson.notice(T["vanishing_notice"], expanded=predict.seen("activations.survives"))
