"""nginx in front of a class's replicas: the one configuration both ways of serving a class
use. ``deploy/serve.py`` writes it for replicas on local ports; ``deploy/nginx.conf``, which
``deploy/compose.yaml`` mounts, is this module's output for the compose replicas:

    python deploy/nginx_conf.py app1:8501 app2:8502 > deploy/nginx.conf

(``tests/deploy/test_nginx_conf.py`` fails when the file and this template drift apart.)

How students are spread: each new student (no cookie, or one naming no replica) goes to
the next replica in turn, and the answer names the replica that served it in a cookie;
from then on the student's page, its websockets, scripts and every reconnect reach the
same process. Not a hash of the address: students behind one school router share one.
Not a hash of a random key: a class of 30 fell 17 and 13 on two replicas as often as not,
and the 17 got a quarter less each (benchmarks/class_load.py reports the split). Only a
request without a replica's cookie takes a turn, so a health probe should name a replica
(``probe_cookie``) or it shifts the turns of the students after it.

Should a replica stop (a crash, an update rolled through the replicas), its students'
pages reconnect to another replica, which starts each a fresh session.

A replica is named by its port (r0 for the first one listed, r1, ...), so the ports must
differ: nginx knows the address it reached, not the host name it was given.
"""

from __future__ import annotations

import sys
from pathlib import Path

COOKIE = "np_replica"

TEMPLATE = """# nginx in front of a class's replicas. Written by deploy/nginx_conf.py; edit that.
worker_processes 1;
{state}events {{ worker_connections 4096; }}
http {{
    access_log off;
{temp_paths}    client_max_body_size 200m;
    # a replica that is gone is skipped after seconds, not a minute
    proxy_connect_timeout 3s;

    # Streamlit's scripts and styles (content-hashed names): fetched from a replica once,
    # then served by nginx; a class opening the page at once waits for one fetch, not 30
    proxy_cache_path {cache} levels=1:2 keys_zone=static:10m max_size=200m inactive=7d
                     use_temp_path=off;

    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    # sticky sessions: a browser whose cookie names a replica goes there; a new one (or one
    # whose cookie names no replica) to the next replica in turn
    map $cookie_{cookie} $replica {{
        default replicas;
{cookie_to_replica}
    }}
    # and the answer names the replica that served it (after a retry, the last one tried)
    map $upstream_addr $served_by {{
        default "";
{port_to_name}
    }}

    upstream replicas {{
{servers}
    }}
    # a student's own replica, and the others should it stop: then the student's page
    # reconnects to another, which starts it a fresh session and names itself in the cookie
{one_upstream_each}

    server {{
        listen {listen};
        location /static/ {{
            proxy_pass http://$replica;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_cache static;
            # one copy for every replica: they serve the same files
            proxy_cache_key $scheme$request_uri;
            proxy_cache_lock on;
            proxy_cache_valid 200 7d;
            proxy_ignore_headers Set-Cookie;
            add_header X-Cache $upstream_cache_status;
        }}
        # what a page asks before it reconnects, answered without naming a replica: so the
        # page's websocket still names the replica it was on, and one that took over from a
        # stopped replica can tell the student (ui/replica.py)
        location ~ ^/_stcore/(health|host-config)$ {{
            proxy_pass http://$replica;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
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


def names(count: int) -> list[str]:
    """What the cookie calls the replicas, in the order they are listed."""
    return [f"r{i}" for i in range(count)]


def probe_cookie() -> str:
    """A ``Cookie`` header for health probes: it names the first replica, so the probe
    takes no new student's turn."""
    return f"{COOKIE}={names(1)[0]}"


def nginx_conf(replicas: list[str], listen: str, state: Path | None = None) -> str:
    """The configuration for ``replicas`` ("host:port", ports all different), listening on
    ``listen`` ("80", "127.0.0.1:8501"). With ``state``, nginx keeps its pid, error log,
    temporary files and cache there (run by a user, as serve.py does); without, where the
    nginx image keeps them, with errors on stderr (the container's log)."""
    ports = [r.rsplit(":", 1)[1] for r in replicas]
    if len(set(ports)) != len(ports):
        raise ValueError(f"replicas need different ports, to be told apart: {replicas}")
    named = list(zip(names(len(replicas)), replicas, ports))
    if state is None:
        head, temp_paths, cache = "error_log /dev/stderr warn;\n", "", "/var/cache/nginx/np"
    else:
        head = f"pid {state}/nginx.pid;\nerror_log {state}/nginx-error.log warn;\n"
        temp_paths = "".join(f"    {kind}_temp_path {state}/{folder};\n" for kind, folder in (
            ("client_body", "body"), ("proxy", "proxy"), ("fastcgi", "fastcgi"),
            ("uwsgi", "uwsgi"), ("scgi", "scgi")))
        cache = f"{state}/cache"
    return TEMPLATE.format(
        state=head, temp_paths=temp_paths, cache=cache, listen=listen, cookie=COOKIE,
        servers="\n".join(f"        server {r} max_fails=0;" for r in replicas),
        cookie_to_replica="\n".join(f"        {n} {n};" for n, _, _ in named),
        port_to_name="\n".join(f'        "~:{p}$" {n};' for n, _, p in named),
        one_upstream_each="\n".join(
            f"    upstream {n} {{\n        server {r} max_fails=0;\n"
            + "".join(f"        server {other} max_fails=0 backup;\n"
                      for other in replicas if other != r) + "    }"
            for n, r, _ in named))


if __name__ == "__main__":
    if len(sys.argv) < 2 or any(":" not in a for a in sys.argv[1:]):
        sys.exit("usage: python deploy/nginx_conf.py HOST:PORT [HOST:PORT ...] > nginx.conf")
    sys.stdout.write(nginx_conf(sys.argv[1:], "80"))
