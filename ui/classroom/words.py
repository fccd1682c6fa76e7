"""What the class pages say: a nickname inside the words (always text, never markup),
and a message a button's callback leaves for the next page run."""

from __future__ import annotations

import re

import streamlit as st

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&\"'$:])")


def as_markdown(text: str) -> str:
    """``text`` for ``st.markdown``, shown exactly as typed: every ASCII punctuation mark
    that Markdown could read as markup (CommonMark lets each be escaped with a
    backslash), so ``<script>`` or ``**me**`` is shown, not run or made bold."""
    return _MARKDOWN.sub(r"\\\1", text)


MESSAGE = "classroom.message"  # (level, catalogue key): said once, on the next page run


def tell(key: str, level: str = "error") -> None:
    """Have the page say ``T[key]`` on its next run (from a button's callback)."""
    st.session_state[MESSAGE] = (level, key)


def say_pending(T: dict) -> None:
    """Say what a callback asked to, once: an error box or a success box."""
    level, key = st.session_state.pop(MESSAGE, (None, None))
    if key:
        (st.success if level == "success" else st.error)(T[key])


def stop_with(T: dict, error) -> None:
    """A store's refusal (``classroom.store.StoreError``) in words; the page stops there."""
    st.error(T[error.kind])
    st.stop()
