"""What a server process that runs live loops sets once, when it starts (``app.py``): how
it gives way to the rest of the machine, and handing freed memory back.

These belong to the process, not to a frame: a live loop only lowers its own thread
(``sharing.lower_priority``).
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from pathlib import Path

# How much lower than the machine's other programs the server runs, where it may say so.
SERVER_NICE = 4
AUTOGROUP = Path("/proc/self/autogroup")
TRIM_SECONDS = 30.0
_started = threading.Lock()
_trimmer: threading.Thread | None = None


def start() -> None:
    """Once per process (later calls do nothing): send every reply at once
    (``send_at_once``), give way to the machine's browsers where
    that is this process's alone to decide (``give_way``), and start handing memory that
    closed sessions freed back to the system (``_trim_forever``)."""
    global _trimmer
    with _started:
        if _trimmer is not None:
            return
        send_at_once()
        give_way()
        _trimmer = threading.Thread(target=_trim_forever, name="np-malloc-trim",
                                    daemon=True)
        _trimmer.start()


def under(base_path: str | None, path: str) -> str:
    """``path`` (starting with "/") under Streamlit's base path, as Streamlit answers its
    own routes: ``base_path`` (default: the server's ``server.baseUrlPath``) "np/sub" and
    "/np-live" give "/np/sub/np-live"."""
    if base_path is None:
        import streamlit as st

        base_path = st.get_option("server.baseUrlPath") or ""
    base = base_path.strip("/")
    return f"/{base}{path}" if base else path


def send_at_once() -> bool:
    """Every TCP connection this process's event loop accepts sends each write at once
    (TCP_NODELAY), as asyncio means to. asyncio sets it only on sockets made with the
    protocol number IPPROTO_TCP, and Streamlit makes its listening socket with 0, so the
    connections it accepted kept Nagle's algorithm: each reply written in two parts
    (headers, then the body: every file, every page) waited for the browser's delayed
    acknowledgement of the first part, 40 ms on Linux. Measured on a kept-alive
    connection: 42-48 ms for each of the 60 files of a first page (0.4 s before the page
    could open), 1-2 ms with this. False where asyncio has moved the hook."""
    from asyncio import base_events

    hook = getattr(base_events, "_set_nodelay", None)
    if hook is None:
        return False
    if getattr(hook, "any_tcp", False):
        return True

    def set_nodelay(sock) -> None:
        if (sock.family in (socket.AF_INET, socket.AF_INET6)
                and sock.type == socket.SOCK_STREAM):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    set_nodelay.any_tcp = True
    base_events._set_nodelay = set_nodelay
    return True


def leads_its_session() -> bool:
    """Is this process the leader of its own session (``setsid``)? So started by
    ``deploy/serve.py``, a container, a service manager or a benchmark; not so when
    ``streamlit run`` was typed in a terminal, whose session holds the terminal too."""
    try:
        return os.getsid(0) == os.getpid()
    except (OSError, AttributeError):  # not POSIX
        return False


def give_way() -> None:
    """Linux with autogroups (most desktops, and the project's machine) shares the cores
    first between sessions (a terminal, a browser, a service), then between the threads
    of each: a thread's nice counts only against threads of its own session. So a live
    loop's nice alone does not reach a browser on the same machine. Measured (benchmarks/
    class_load.py, 30 sessions of which 3 Chromium pages on the server's 2 cores): with
    the threads' nice alone, the browsers once in 21 runs showed 4-5 of the 14 frames a
    second they were sent, their renderers waiting for a core six threads at a time; with
    the server's session ``SERVER_NICE`` lower too, every frame, in 22 runs of 22.

    A session's nice is shared by every program in it, so it is set only where the
    session is this server's alone (``leads_its_session``): never for the terminal a
    learner typed ``streamlit run`` in. Where there are no autogroups, nothing happens."""
    if not leads_its_session():
        return
    with contextlib.suppress(OSError, ValueError, IndexError):
        nice = int(AUTOGROUP.read_text().split("nice")[1])
        if nice < SERVER_NICE:
            AUTOGROUP.write_text(str(SERVER_NICE))


def _trim_forever() -> None:
    """Every ``TRIM_SECONDS``: hand memory that closed sessions freed back to the system.
    glibc keeps freed heap memory for reuse, so without this the server's RSS stays at
    its peak after a class has gone (measured: 101 MB -> 205 MB -> 172 MB after 50
    sessions came and went)."""
    import ctypes
    import gc

    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return  # not glibc: nothing to do
    while True:
        time.sleep(TRIM_SECONDS)
        gc.collect()
        trim(0)
