"""The class database this server uses, and the one reporter of its process.

Where the classes live, first found wins: the environment variable ``NP_CLASS_DB`` (a
SQLAlchemy URL: ``sqlite:////path/classes.sqlite`` or ``postgresql://user:pw@host/db``),
``class_db`` in ``.streamlit/secrets.toml``, else an SQLite file in the machine's
temporary folder, which every replica of ``deploy/serve.py`` on the machine shares."""

from __future__ import annotations

import ipaddress
import os
import tempfile
from functools import cache
from pathlib import Path

import streamlit as st

from classroom.reporter import Reporter
from classroom.store import Store

from ..live import sharing

ENV = "NP_CLASS_DB"
SECRET = "class_db"


def database_url() -> str:
    url = os.environ.get(ENV)
    if not url:
        try:
            url = st.secrets.get(SECRET)
        except (FileNotFoundError, KeyError, ValueError):  # no secrets file, or a bad one
            url = None
    if not url:
        folder = Path(tempfile.gettempdir()) / "neural-playground"
        folder.mkdir(exist_ok=True)
        url = f"sqlite:///{folder / 'classes.sqlite'}"
    return url


@cache
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    """The class store (made once per process and URL)."""
    return _store(database_url())


@cache
def reporter() -> Reporter:
    """The process's one reporter: every student's reports, written together."""
    return Reporter(store, aside=sharing.aside)


def client() -> str:
    """Who is asking, for the limit on trying class codes: the browser's address; behind
    a proxy on this machine (``deploy/serve.py``'s nginx), the address nginx appended to
    ``X-Forwarded-For`` (its last entry: a browser can write the others itself)."""
    own = st.context.ip_address
    own = own if isinstance(own, str) and own else "unknown"  # (none without a browser)
    try:
        local = ipaddress.ip_address(own).is_loopback
    except ValueError:
        local = False
    forwarded = st.context.headers.get("X-Forwarded-For", "")
    if local and isinstance(forwarded, str) and forwarded:
        return forwarded.split(",")[-1].strip() or own
    return own
