"""Serve a class from one machine: N Streamlit replicas behind nginx, sticky by cookie.

One Streamlit process runs every session's script under one GIL, so its Python uses one
core however many the machine has. Streamlit's documented way past that is replicas
behind a load balancer with sticky sessions (https://docs.streamlit.io/replication):
this command starts ``--replicas`` copies of the app (default: one per core) on local
ports and nginx in front of them on ``--port``. Each new student goes to the next replica
in turn, and the answer names that replica in a cookie; from then on the student's page,
its websockets and every reconnect reach the same process (``deploy/nginx_conf.py`` says
why so, and writes the configuration ``deploy/compose.yaml`` uses too).

    python deploy/serve.py                         # http://0.0.0.0:8501, one replica a core
    python deploy/serve.py --replicas 2 --port 8080
    python deploy/serve.py --server.disconnectedSessionTTL=60   # passed to every replica

Needs nginx (Debian: ``apt-get install nginx``; found at /usr/sbin/nginx or on PATH).
Ctrl-C (or SIGTERM) stops nginx and every replica. Run from anywhere; logs go to a
temporary folder that is printed.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from nginx_conf import names, nginx_conf, probe_cookie  # noqa: E402 - this folder, run as a script

ROOT = Path(__file__).resolve().parents[1]

def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists()
                                      else None)
    if not found:
        sys.exit("nginx is not installed (Debian: apt-get install nginx)")
    return found


def free_ports(n: int) -> list[int]:
    import socket

    sockets, ports = [], []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        sockets.append(s)
        ports.append(s.getsockname()[1])
    for s in sockets:
        s.close()
    return ports


def healthy(url: str, seconds: float, child: subprocess.Popen | None = None) -> bool:
    """Does ``url`` answer "ok" within ``seconds`` (while ``child`` runs)? The probe names a
    replica in its cookie: through nginx it takes no new student's turn."""
    deadline = time.time() + seconds
    request = urllib.request.Request(url, headers={"Cookie": probe_cookie()})
    while time.time() < deadline and (child is None or child.poll() is None):
        try:
            with urllib.request.urlopen(request, timeout=2) as r:
                if r.read().strip() == b"ok":
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--replicas", type=int, default=os.cpu_count() or 1,
                    help="Streamlit processes (default: the number of cores)")
    ap.add_argument("--port", type=int, default=8501, help="where students connect")
    ap.add_argument("--address", default="0.0.0.0", help="0.0.0.0: every network interface")
    args, streamlit_options = ap.parse_known_args()
    replicas = max(1, args.replicas)
    tmp = Path(tempfile.mkdtemp(prefix="neural-playground-serve-"))
    tmp.chmod(0o711)  # started as root, nginx's workers run as another user: let them in
    ports = free_ports(replicas)
    # one cookie secret for all replicas, so any of them accepts a page's XSRF cookie
    secret = os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_hex(32)
    children: list[subprocess.Popen] = []

    def stop(*_) -> None:
        for child in reversed(children):
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for i, port in enumerate(ports):
        log = open(tmp / f"replica-{i}.log", "wb")  # noqa: SIM115 - lives as long as the child
        children.append(subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
             "--server.headless=true", "--server.address=127.0.0.1", f"--server.port={port}",
             "--browser.gatherUsageStats=false",
             # a class's server runs code nobody edits: watching its files for changes
             # costs every new session a walk over all loaded modules (measured: 15
             # first loads at once waited 2.7 s, most of it there)
             "--server.fileWatcherType=none", *streamlit_options],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            # a session of its own: there the replica may give way to the machine's
            # browsers without lowering this terminal (ui/live/server.py); Ctrl-C still
            # stops it, through ``stop``
            start_new_session=True,
            # its name, as nginx's cookie says it (ui/replica.py tells a moved student)
            env={**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secret,
                 "NP_REPLICA": names(replicas)[i]}))
    conf = tmp / "nginx.conf"
    conf.write_text(nginx_conf([f"127.0.0.1:{p}" for p in ports], f"{args.address}:{args.port}",
                               state=tmp))
    for i, port in enumerate(ports):
        if not healthy(f"http://127.0.0.1:{port}/_stcore/health", 120, children[i]):
            print(f"replica {i} did not start; see {tmp}/replica-{i}.log", file=sys.stderr)
            stop()
    children.append(subprocess.Popen([nginx_binary(), "-c", str(conf), "-p", str(tmp),
                                       "-g", "daemon off;"]))
    shown = "localhost" if args.address in ("0.0.0.0", "127.0.0.1") else args.address
    if not healthy(f"http://127.0.0.1:{args.port}/_stcore/health", 30):
        print(f"nginx did not start; see {tmp}/nginx-error.log", file=sys.stderr)
        stop()
    print(f"Serving the class on http://{shown}:{args.port} ({replicas} replicas behind nginx;"
          f" logs in {tmp}). Ctrl-C stops everything.", flush=True)
    while all(child.poll() is None for child in children):
        time.sleep(1)
    print("a replica or nginx stopped; stopping the rest", file=sys.stderr)
    stop()
    return 1


if __name__ == "__main__":
    sys.exit(main())
