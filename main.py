"""Neural Playground: what every page view runs first. It sets the page up, picks the
language and routes (one link per page: /, /class, /neuron, /activations, /backprop, /descent,
/inside, /multiclass, /loop,
/capacity). The server around it is app.py."""

import streamlit as st

import core  # noqa: F401  (first: keeps BLAS to one thread before anything loads NumPy)
from ui import language, lesson, replica, theme
from ui.i18n import texts
from ui.live import sharing

T = texts("common", language.current())
st.set_page_config(page_title=T["app_title"], page_icon="🧠", layout="wide")
pages = {
    T["nav_playground"]: [st.Page("pages/playground.py", title=T["nav_playground"],
                                  icon=":material/tune:", default=True),
                          st.Page("pages/class.py", title=T["nav_class"],
                                  icon=":material/groups:", url_path="class")],
    T["nav_lessons"]: [st.Page(f"pages/{name}.py", title=T[f"nav_{name}"], icon=icon,
                               url_path=name) for name, icon in lesson.LESSONS.items()],
}
page = st.navigation(pages)
theme.apply()
language.switch(T["language"])
language.keep_in_link()
replica.say_if_moved(T["replica_moved"])
with sharing.page_run():  # one page run at a time: thirty students opening it at once
    page.run()
