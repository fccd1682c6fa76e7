"""The few Streamlit internals the live loops read (ui/live/streamlit_internals.py) are
where they were. The app treats a missing one as "not available" and carries on (a live
loop then keeps running after its tab closed, or draws frames nobody can receive yet):
quietly worse for a class, never an error a learner sees. So an upgrade that moves one
must fail here, loudly, naming what the app would lose."""

from __future__ import annotations

import logging

import streamlit
from streamlit.runtime.app_session import AppSession

from ui.live import streamlit_internals as internals


def test_the_internals_the_live_loops_read_are_there():
    missing = internals.missing()
    assert not missing, "\n".join(
        f"Streamlit {streamlit.__version__} no longer has {what}, which "
        f"ui/live/streamlit_internals.py reads; without it the app loses {lost}"
        for what, lost in missing)


def test_the_check_itself_tells_a_missing_attribute(monkeypatch):
    assert internals._sets(AppSession, "_browser_queue")
    assert not internals._sets(AppSession, "_browser_queue_moved")
    monkeypatch.delattr(AppSession, "request_rerun")
    assert [what for what, _ in internals.missing()] == [
        "AppSession._session_state, request_rerun, _state, _client_state, _scriptrunner"]


def test_outside_a_server_every_question_has_a_safe_answer():
    """AppTest, the CLI, a thread that runs no script: no runtime, nothing to wait for."""
    assert internals.connection()() is True
    assert internals.outgoing()() is True
    assert internals.rerun_soon(0.1) is False
    assert internals.superseded() is False


def test_an_internal_that_fails_is_said_once_in_the_log_not_swallowed(monkeypatch, caplog):
    class Manager:
        def is_active_session(self, session_id):
            raise AttributeError("moved")

    monkeypatch.setattr(internals, "_runtime", lambda: (Manager(), "id"))
    monkeypatch.setattr(internals, "_told", set())
    with caplog.at_level(logging.WARNING, logger=internals.__name__):
        connected = internals.connection()
        assert connected() is True and connected() is True  # the safe answer
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and "session" in said[0] and "closed tab" in said[0]
