"""Lesson 3: Backpropagation, step by step (seed articles 001 and 004).

The article's 2-3-1 network with every number on it, walked through the forward pass,
the backward pass (each delta and gradient as the chain-rule product that made it) and
one update; the article's "nudge a weight" gradient beside backprop's; gradient descent
on y = 3x; and the shapes of every matrix for m samples. All maths is core's
(core/backprop_steps.py reads the Network's Z, A, dZ, dW); the room is ui/backprop/.
"""

import streamlit as st

from core import backprop_steps as bs
from ui import language, lesson, routing
from ui.backprop import fit, shapes, state, walk
from ui.i18n import texts

routing.through_app()  # first, before anything is drawn
T = texts("backprop", language.current())
lesson.opening(T["title"], T["intro"], "001, 004")

# --- the worked network: forward, backward, one update, and the nudge check ---------------
st.header(T["walk_header"])
state.example_id(T["examples"])
st.selectbox(T["example"], list(bs.EXAMPLES), key=state.EXAMPLE,
             format_func=lambda ex: T["examples"].get(ex, ex), on_change=state.on_example)
ex_id = state.example_id(T["examples"])
walk.walkthrough(T, ex_id)

# --- the article's y = 3x, descended in the browser ------------------------------------------
fit.section(T)

# --- the same for m samples at once -----------------------------------------------------------
shapes.section(T, ex_id)

lesson.notice(T["notice"])
lesson.playground_link("vanishing", T["playground_lesson"])
