"""Every Streamlit internal the live pictures read, and nothing else.

Streamlit has no public API for four things a live loop needs: whether this session's
browser is still there (a closed tab's script runs on until the session expires),
whether the frame sent last has left the server (drawing one to be dropped wastes the
shared core), asking for a rerun from outside a run that Streamlit's own Stop ended
(Pause after Stop, ``play=1`` in a link), and the exception that Stop raises; nor for
where its page's own files are (served from memory to a class: ui/static_files.py).
They are all read here, so an upgrade that moves one is fixed in one file.

A missing internal makes the app quietly worse for a class, never an error a learner
sees: ``connected`` then says True, ``delivered`` says nothing waits, ``rerun_soon``
says False. It is not silent: the first time each one is missing, the server's log
says which and what the app loses, and ``missing()`` lists them all for the test that
fails loudly on an upgrade (tests/ui/test_streamlit_internals.py).
"""

from __future__ import annotations

import inspect
import logging
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.runtime.scriptrunner_utils.exceptions import StopException  # noqa: F401

log = logging.getLogger(__name__)
_told: set[str] = set()


def _lost(what: str, error: Exception) -> None:
    """Say once in the server's log that ``what`` could not be read."""
    if what not in _told:
        _told.add(what)
        log.warning("Streamlit internal %s not available (%s: %s); %s", what,
                    type(error).__name__, error, LOSSES.get(what, ""))


# What the app loses without each internal (the log and the test say it).
LOSSES = {
    "runtime": "every internal below",
    "session": "telling a closed tab from an open one: live loops would train for nobody",
    "queue": "waiting for a frame to leave before drawing the next: frames drawn to be "
             "dropped",
    "rerun": "Pause after Streamlit's own Stop, and play=1 in a teacher's link",
    "static": "first loads served from memory: a class's first loads take longer",
}


def _runtime() -> tuple[object, str] | None:
    """``(session manager, this script thread's session id)``; None where there is no
    Streamlit runtime (tests, a thread that runs no script)."""
    try:
        from streamlit.runtime import Runtime
        from streamlit.runtime.scriptrunner_utils.script_run_context import (
            get_script_run_ctx,
        )

        ctx = get_script_run_ctx(suppress_warning=True)
        if ctx is None or not Runtime.exists():
            return None
        return Runtime.instance()._session_mgr, ctx.session_id
    except Exception as error:  # noqa: BLE001 - internals: a change means "not available"
        _lost("runtime", error)
        return None


def _session():
    """This script thread's AppSession, or None (not connected now, or no runtime)."""
    found = _runtime()
    if found is None:
        return None
    try:
        info = found[0].get_active_session_info(found[1])
        return None if info is None else info.session
    except Exception as error:  # noqa: BLE001
        _lost("session", error)
        return None


def in_a_browser_session() -> bool:
    """Is this script run serving a browser's session (not AppTest, which has none)?"""
    return _session() is not None


def connection() -> Callable[[], bool]:
    """A question, cheap to ask often, for this script thread's session: is its browser
    still there? (True where that cannot be told.) A run can start after its tab has
    gone (a rerun asked for just before the tab closed): its session is inactive from
    the start, and Streamlit will never stop that run, so the loop must see that."""
    found = _runtime()
    if found is None:
        return lambda: True
    manager, session_id = found

    def connected() -> bool:
        try:
            return bool(manager.is_active_session(session_id))
        except Exception as error:  # noqa: BLE001
            _lost("session", error)
            return True

    return connected


def outgoing() -> Callable[[], bool]:
    """A question for this script thread's session: has everything Streamlit was given
    to send left the server? (True where that cannot be told.)"""
    queue = getattr(_session(), "_browser_queue", None)
    if not hasattr(queue, "is_empty"):
        if _runtime() is not None:
            _lost("queue", AttributeError("AppSession._browser_queue.is_empty"))
        return lambda: True
    return queue.is_empty


def rerun_soon(delay: float, state: dict | None = None) -> bool:
    """Ask for one more run of this session's script after ``delay`` seconds, from the
    event loop, even if the current run was stopped (Streamlit's own Stop button), after
    setting the session-state entries ``state``. A stopped run cannot touch its session
    state itself: every access raises the stop again. Returns False if not possible."""
    session = _session()
    if session is None:
        return False
    try:
        from streamlit.runtime import Runtime

        loop = Runtime.instance()._get_async_objs().eventloop
        session_state = session._session_state
        request_rerun = session.request_rerun
        # the page as the browser last asked for it (its page, link and widgets), as
        # Streamlit's own reruns do: without it, a rerun goes to the app's first page
        client_state = type(session._client_state)()
        client_state.CopyFrom(session._client_state)
    except Exception as error:  # noqa: BLE001
        _lost("rerun", error)
        return False

    deadline = time.monotonic() + delay + 10.0

    def rerun() -> None:
        # after the current run has ended: a run cut short by a rerun leaves its widgets
        # unfinished in the browser
        if _still_running(session) and time.monotonic() < deadline:
            loop.call_later(0.05, rerun)
            return
        for key, value in (state or {}).items():
            session_state[key] = value
        request_rerun(client_state)

    loop.call_soon_threadsafe(loop.call_later, delay, rerun)
    return True


def superseded() -> bool:
    """Called where a run was stopped: has a newer run of this session's script taken its
    place? So it is when a widget changed while it ran (Streamlit stops the running
    script and starts the new run at once), not when Streamlit's own Stop ended it or
    its tab closed. (False where that cannot be told.)"""
    session = _session()
    try:
        runner = session._scriptrunner if session is not None else None
        return runner is not None and runner._script_thread is not threading.current_thread()
    except Exception as error:  # noqa: BLE001
        _lost("rerun", error)
        return False


def _still_running(session) -> bool:
    """Is ``session``'s script running now? (Its state's name, APP_IS_RUNNING: the name
    of "not running", APP_NOT_RUNNING, contains RUNNING too.)"""
    return getattr(getattr(session, "_state", None), "name", "") == "APP_IS_RUNNING"


def static_dir() -> Path:
    """Where Streamlit keeps its page's files (``index.html``, and its hashed bundles
    under ``static/``), for serving them from memory (ui/static_files.py)."""
    from streamlit import file_util

    return Path(file_util.get_static_dir())


# --- the check an upgrade must pass ------------------------------------------------------
def _sets(cls, name: str) -> bool:
    """Does ``cls.__init__`` set ``self.<name>``?"""
    return re.search(rf"self\.{name}\s*[:=]", inspect.getsource(cls.__init__)) is not None


def missing() -> list[tuple[str, str]]:
    """``(internal, what the app loses)`` for each internal above that this Streamlit no
    longer has (empty when all are there)."""
    from streamlit.runtime import Runtime, app_session, forward_msg_queue, session_manager
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    session, queue = app_session.AppSession, forward_msg_queue.ForwardMsgQueue
    info = session_manager.ActiveSessionInfo
    checks = [
        ("Runtime.instance / exists",
         hasattr(Runtime, "instance") and hasattr(Runtime, "exists"), "runtime"),
        ("Runtime._session_mgr", _sets(Runtime, "_session_mgr"), "session"),
        ("get_script_run_ctx(suppress_warning=...)",
         "suppress_warning" in inspect.signature(get_script_run_ctx).parameters, "runtime"),
        ("SessionManager.get_active_session_info / is_active_session",
         hasattr(session_manager.SessionManager, "get_active_session_info")
         and hasattr(session_manager.SessionManager, "is_active_session"), "session"),
        ("ActiveSessionInfo.session",
         "session" in getattr(info, "__dataclass_fields__", {}), "queue"),
        ("AppSession._browser_queue", _sets(session, "_browser_queue"), "queue"),
        ("ForwardMsgQueue.is_empty", hasattr(queue, "is_empty"), "queue"),
        ("Runtime._get_async_objs().eventloop", hasattr(Runtime, "_get_async_objs")
         and "eventloop" in inspect.getsource(inspect.getmodule(Runtime)), "rerun"),
        ("AppSession._session_state, request_rerun, _state, _client_state, _scriptrunner",
         _sets(session, "_session_state") and hasattr(session, "request_rerun")
         and _sets(session, "_state") and _sets(session, "_client_state")
         and _sets(session, "_scriptrunner"), "rerun"),
        ("ScriptRunner._script_thread", _sets(script_runner.ScriptRunner, "_script_thread"),
         "rerun"),
        ("AppSessionState.APP_IS_RUNNING",
         hasattr(app_session.AppSessionState, "APP_IS_RUNNING"), "rerun"),
    ]
    try:
        bundles = static_dir() / "static" / "js"
        has_bundles = (static_dir() / "index.html").is_file() and any(bundles.glob("*.js"))
    except Exception:  # noqa: BLE001 - moved: that is what this reports
        has_bundles = False
    checks.append(("file_util.get_static_dir() with index.html and static/js/*.js",
                   has_bundles, "static"))
    return [(name, LOSSES[loss]) for name, present, loss in checks if not present]
