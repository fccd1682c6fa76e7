"""deploy/serve.py for real: nginx in front of two replicas. New students go to the
replicas in turn, the answer names the replica in a cookie, and from then on the
student's requests, websockets included, stay there."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from devtools import browser as drive
from devtools import stack_check

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = pytest.mark.skipif(not Path(NGINX).exists() and not os.environ.get("CI"),
                                reason="nginx is not installed (apt-get install nginx)")


@pytest.fixture(scope="module")
def served():
    port = drive.free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "deploy" / "serve.py"), "--replicas",
                             "2", "--port", str(port), "--address", "127.0.0.1"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        drive.wait_healthy(base, 180)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def replica_of(base: str, cookie: str = "") -> str:
    """The replica the answer to ``GET /`` names (sending ``cookie``, if any)."""
    return stack_check.get(base, cookie)[1]


def test_a_student_stays_on_the_replica_the_first_answer_named(served):
    first = replica_of(served)
    assert first in ("r0", "r1")
    assert all(replica_of(served, f"np_replica={first}") == first for _ in range(5))


def test_new_students_are_spread_evenly_over_the_replicas(served):
    from websockets.sync.client import connect

    # however many students already sit on one replica (their pages' websockets open) ...
    with contextlib.ExitStack() as held:
        for _ in range(3):
            held.enter_context(connect(served.replace("http", "ws", 1) + "/_stcore/stream",
                                       subprotocols=["streamlit"],
                                       additional_headers={"Cookie": "np_replica=r0"}))
        new = [replica_of(served) for _ in range(6)]
    # ... a class arriving is split half and half, in turn
    assert sorted(new) == ["r0"] * 3 + ["r1"] * 3
    assert all(a != b for a, b in zip(new, new[1:]))


def test_a_cookie_naming_no_replica_gets_a_real_one(served):
    assert replica_of(served, "np_replica=r9") in ("r0", "r1")
