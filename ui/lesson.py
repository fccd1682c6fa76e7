"""What every lesson page shares: its opening (title, what you are looking at, the
articles it comes from, and the notation panel that puts the articles' way of writing a
layer beside the app's), the link to the Playground lesson that shows the same idea
live, and the "What to notice" box."""

from __future__ import annotations

import streamlit as st

from . import language
from .i18n import texts

PLAYGROUND_PAGE = "pages/playground.py"
LESSONS = {  # in order: pages/<name>.py at /<name>, titled by common's "nav_<name>"
    "neuron": ":material/radio_button_checked:",  # its Material icon
    "activations": ":material/show_chart:",
    "backprop": ":material/sync_alt:",
    "descent": ":material/landscape:",
    "inside": ":material/biotech:",
    "multiclass": ":material/category:",
    "loop": ":material/autorenew:",
    "capacity": ":material/stacked_line_chart:",
}


def common() -> dict:
    """The shared text (``ui/locales/<lang>/common.py``) in the learner's language."""
    return texts("common", language.current())


def opening(title: str, intro: str, articles: str) -> None:
    """Title, a short explanation, the seed articles the lesson traces to
    (e.g. ``"001, 003"``), and the notation panel, closed: article 004 writes samples as
    columns (Z = W·A + b), this app and article 001's code as rows (Z = A·W + b)."""
    T = common()
    st.title(title)
    st.caption(T["from_articles"].format(ids=articles))
    st.markdown(intro)
    with st.expander(T["notation_title"], expanded=False):
        st.markdown(T["notation"])


def playground_link(preset: str, lesson_name: str) -> None:
    """A link that opens the Playground on a preset lesson (``assets/presets.json``), in
    the learner's language: the same contract a teacher's shared link uses."""
    st.page_link(PLAYGROUND_PAGE, label=common()["open_in_playground"].format(lesson=lesson_name),
                 icon=":material/tune:", query_params={"preset": preset, **language.link_params()})


def notice(markdown: str, expanded: bool = True) -> None:
    """The "What to notice" box that closes a lesson (or one section of it); not opened by
    itself (``expanded`` False) while it would give away the answer to a question not yet
    answered (ui/predict.py): the browser keeps an expander as first drawn, so it opens by
    itself again only on the learner's next visit to the page."""
    with st.expander(common()["what_to_notice"], expanded=expanded):
        st.markdown(markdown)
