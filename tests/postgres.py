"""A real PostgreSQL server for the class store's tests: Debian's package (``initdb`` and
``pg_ctl``), a cluster in a temporary folder, listening on a free local port. Run as the
``postgres`` user when the tests run as root (PostgreSQL refuses to run as root)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def available() -> bool:
    return _binary("initdb") is not None and _binary("pg_ctl") is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``with Server() as pg: pg.url`` -- a fresh cluster, removed afterwards. ``stop()``
    and ``start()`` take it down and bring it back mid-test (an unreachable database)."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="np-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.url = f"postgresql://np@127.0.0.1:{self.port}/np"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = list(args)
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True,
                              timeout=60)

    def __enter__(self) -> Server:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._run(_binary("initdb"), "-D", str(self.data), "-U", "np", "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8")
        self.start()
        self._run(_binary("psql") or "psql", "-h", "127.0.0.1", "-p", str(self.port),
                  "-U", "np", "-d", "postgres", "-c", "CREATE DATABASE np")
        return self

    def start(self) -> None:
        options = f"-p {self.port} -h 127.0.0.1 -k {self.folder} -F"
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-o", options,
                  "-l", str(self.folder / "log"), "-w", "-t", "30", "start")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError("PostgreSQL did not start: " + self.log())

    def stop(self) -> None:
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def log(self) -> str:
        path = self.folder / "log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def __exit__(self, *exc) -> None:
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop",
                  check=False)
        shutil.rmtree(self.folder, ignore_errors=True)
