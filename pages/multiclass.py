"""Lesson 6, Many classes (seed articles 000 and 001): article 000's two features and three
classes, softmax regression against a network, the softmax output layer with its
categorical cross-entropy and the gradient ŷ − y checked by nudging, which output and loss
for which task, and the confusion matrix. The maths is in core/multiclass.py, the room in
ui/multiclass.py, the pictures in figures/multiclass.py."""

import streamlit as st

from ui import language, lesson, predict, routing
from ui import multiclass as room
from ui.i18n import texts

routing.through_app()  # first, before anything is drawn
T = texts("multiclass", language.current())
lesson.opening(T["title"], T["intro"], "000, 001")

st.header(T["regions_header"])
st.markdown(T["regions_intro"].format(epochs=room.FIT["epochs"]))
choice = room.choose(T)
run = room.regions_section(T, choice)
lesson.notice(T["regions_notice"], expanded=predict.seen("multiclass.accuracy"))

st.header(T["point_header"])
st.markdown(T["point_intro"])
room.point_sections(T, run, choice)  # the point, then which head for which task

st.header(T["confusion_header"])
st.markdown(T["confusion_intro"])
room.confusion_section(T, run, choice)
lesson.playground_link("softmax3", T["softmax3_lesson"])
lesson.notice(T["confusion_notice"], expanded=predict.seen("multiclass.accuracy"))
