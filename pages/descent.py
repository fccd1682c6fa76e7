"""Lesson 4, Loss and gradient descent (seed articles 002, 003, 004): why cross-entropy
suits a sigmoid output, how gradient descent, momentum and Adam walk down a loss surface, what a
learning rate too small or too large does, and why a bowl-shaped cost helps.
The controls, numbers and pictures of each section live in ui/descent.py."""

import streamlit as st

from ui import descent, language, lesson, predict, routing
from ui.i18n import texts

routing.through_app()  # first, before anything is drawn
T = texts("descent", language.current())
lesson.opening(T["title"], T["intro"], "002, 003, 004")

# --- 1. which loss for a sigmoid output -----------------------------------------------------
st.header(T["loss_header"])
st.markdown(T["loss_intro"])
descent.loss_choice(T)
lesson.notice(T["loss_notice"], expanded=predict.seen("descent.ratio"))

# --- 2. down a loss surface: gradient descent, momentum and Adam side by side ---------------
st.header(T["surface_header"])
st.markdown(T["surface_intro"])
descent.descent(T)
lesson.playground_link("dying_relu", T["dying_relu_lesson"])
lesson.notice(T["surface_notice"], expanded=predict.seen("descent.first"))

# --- 3. a bowl or not: cross-entropy vs squared error for logistic regression ----------------
st.header(T["convex_header"])
st.markdown(T["convex_intro"])
descent.convexity(T)
lesson.notice(T["convex_notice"])
