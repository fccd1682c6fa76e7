"""The few Streamlit internals the live loops read (ui/playground/pacing.py) are where they
were. pacing.py treats a missing one as "not available" and carries on (a live loop then
keeps running after its tab closed, or draws frames nobody can receive yet): quietly
worse for a class, never an error a learner sees. So an upgrade that moves one must fail
here, loudly, naming what the app would lose."""

from __future__ import annotations

import inspect
import re

import pytest
import streamlit
from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.session_manager import ActiveSessionInfo, SessionManager


def sets_attribute(cls, name: str) -> bool:
    """Does ``cls.__init__`` set ``self.<name>``?"""
    return re.search(rf"self\.{name}\s*[:=]", inspect.getsource(cls.__init__)) is not None


@pytest.mark.parametrize("what, present, lost", [
    ("Runtime.instance / exists", hasattr(Runtime, "instance") and hasattr(Runtime, "exists"),
     "every internal below"),
    ("Runtime._session_mgr", sets_attribute(Runtime, "_session_mgr"),
     "telling a closed tab from an open one: live loops would train for nobody"),
    ("Runtime._get_async_objs().eventloop",
     hasattr(Runtime, "_get_async_objs") and "eventloop" in inspect.getsource(
         inspect.getmodule(Runtime)),
     "Pause after Streamlit's own Stop, and play=1 in a teacher's link"),
    ("SessionManager.get_active_session_info / is_active_session",
     hasattr(SessionManager, "get_active_session_info")
     and hasattr(SessionManager, "is_active_session"),
     "telling a closed tab from an open one"),
    ("ActiveSessionInfo.session", "session" in getattr(ActiveSessionInfo,
                                                       "__dataclass_fields__", {}),
     "the session's outgoing queue"),
    ("AppSession._browser_queue", sets_attribute(AppSession, "_browser_queue"),
     "waiting for a frame to leave before drawing the next: frames drawn to be dropped"),
    ("ForwardMsgQueue.is_empty", hasattr(ForwardMsgQueue, "is_empty"), "the same"),
    ("AppSession._session_state, request_rerun, _state",
     sets_attribute(AppSession, "_session_state") and hasattr(AppSession, "request_rerun")
     and sets_attribute(AppSession, "_state"),
     "Pause after Streamlit's own Stop, and play=1 in a teacher's link"),
    ("AppSessionState.APP_IS_RUNNING", hasattr(AppSessionState, "APP_IS_RUNNING"),
     "a rerun that waits for the current run to end"),
    ("get_script_run_ctx(suppress_warning=...)",
     "suppress_warning" in inspect.signature(get_script_run_ctx).parameters,
     "finding this script thread's session"),
])
def test_the_internals_the_live_loops_read_are_there(what, present, lost):
    assert present, (f"Streamlit {streamlit.__version__} no longer has {what}, which "
                     f"ui/playground/pacing.py reads; without it the app loses {lost}")


def test_the_check_itself_tells_a_missing_attribute():
    assert sets_attribute(AppSession, "_browser_queue")
    assert not sets_attribute(AppSession, "_browser_queue_moved")
