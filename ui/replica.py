"""A class served by several replicas (``deploy/serve.py``, ``deploy/compose.yaml``): each
replica knows its name (``NP_REPLICA``, as nginx's cookie calls it: r0, r1, ...). Should
a replica stop mid-class, its students' pages reconnect through nginx to another one,
which can only start each a fresh session. This says so to the student, once, instead of
leaving them to wonder why their run is back at epoch 0."""

from __future__ import annotations

import os

import streamlit as st

NAME = "NP_REPLICA"  # set by serve.py and compose for each replica
COOKIE = "np_replica"  # nginx's (deploy/nginx_conf.py)
_CHECKED = "replica.checked"


def moved_here(own: str | None, asked: str | None) -> bool:
    """Did a page that was on replica ``asked`` (its cookie) reconnect to this one,
    ``own``? Never where the app runs alone (no name) or for a new page (no cookie)."""
    return bool(own and asked and asked != own)


def say_if_moved(message: str) -> None:
    """On a session's first run only: the notice, if its page came from another replica."""
    state = st.session_state
    if _CHECKED in state:
        return
    state[_CHECKED] = True
    if moved_here(os.environ.get(NAME), st.context.cookies.get(COOKIE)):
        st.toast(message, icon=":material/sync_problem:", duration="infinite")
