"""Serve a class from one machine: N Streamlit replicas behind nginx, sticky by cookie.

One Streamlit process runs every session's script under one GIL, so its Python uses one
core however many the machine has. Streamlit's documented way past that is replicas
behind a load balancer with sticky sessions (https://docs.streamlit.io/replication):
this command starts ``--replicas`` copies of the app (default: one per core) on local
ports and nginx in front of them on ``--port``. Each new student goes to the next replica
in turn, and the answer names that replica in a cookie; from then on the student's page,
its websockets and every reconnect reach the same process. (Not a hash of the address:
students behind one school router share one. Not a hash of a random key, as before: a
class of 30 fell 17 and 13 on two replicas as often as not, and the 17 got a quarter less
each; measured with benchmarks/class_load.py, which now reports the split.)

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

ROOT = Path(__file__).resolve().parents[1]
COOKIE = "np_replica"

NGINX_CONF = """worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    client_max_body_size 200m;

    # Streamlit's scripts and styles (content-hashed names): fetched from a replica once,
    # then served by nginx; a class opening the page at once waits for one fetch, not 30
    proxy_cache_path {tmp}/cache levels=1:2 keys_zone=static:10m max_size=200m inactive=7d
                     use_temp_path=off;

    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    # sticky sessions: a browser that names a replica in its cookie goes there; a new one
    # (or one whose cookie names no replica) to the next replica in turn
    map $cookie_{cookie} $replica {{
        default replicas;
{cookie_to_replica}
    }}
    # and the answer names the replica that served it
    map $upstream_addr $served_by {{
        default "";
{address_to_name}
    }}

    upstream replicas {{
{servers}
    }}
{one_upstream_each}

    server {{
        listen {address}:{port};
        location /static/ {{
            proxy_pass http://replicas;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_cache static;
            proxy_cache_lock on;
            proxy_cache_valid 200 7d;
            proxy_ignore_headers Set-Cookie;
            add_header X-Cache $upstream_cache_status;
        }}
        location / {{
            proxy_pass http://$replica;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
            proxy_buffering off;
            add_header Set-Cookie "{cookie}=$served_by; Path=/; HttpOnly; SameSite=Lax" always;
        }}
    }}
}}
"""


def nginx_conf(tmp: Path, ports: list[int], address: str, port: int) -> str:
    """nginx's configuration for replicas on local ``ports``, named r0, r1, ..."""
    names = [f"r{i}" for i in range(len(ports))]
    return NGINX_CONF.format(
        tmp=tmp, address=address, port=port, cookie=COOKIE,
        servers="\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in ports),
        cookie_to_replica="\n".join(f"        {n} {n};" for n in names),
        address_to_name="\n".join(f'        "127.0.0.1:{p}" {n};' for n, p in zip(names, ports)),
        one_upstream_each="\n".join(f"    upstream {n} {{ server 127.0.0.1:{p} max_fails=0; }}"
                                     for n, p in zip(names, ports)))


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
    deadline = time.time() + seconds
    while time.time() < deadline and (child is None or child.poll() is None):
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
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
            env={**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secret}))
    conf = tmp / "nginx.conf"
    conf.write_text(nginx_conf(tmp, ports, args.address, args.port))
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
