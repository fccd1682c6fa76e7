"""The one nginx configuration of a class (deploy/nginx_conf.py): the file compose mounts is
its output, and real nginx accepts what it writes for deploy/serve.py."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))

import nginx_conf  # noqa: E402 - deploy/ is a folder of scripts, not a package

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def test_compose_mounts_exactly_what_the_template_writes():
    """Edit the template, not the file: regenerate it with the command in its docstring."""
    written = nginx_conf.nginx_conf(["app1:8501", "app2:8502"], "80")
    assert (ROOT / "deploy" / "nginx.conf").read_text() == written
    compose = (ROOT / "deploy" / "compose.yaml").read_text()
    assert "--server.port=8501" in compose or "STREAMLIT_SERVER_PORT: 8501" in compose
    assert "STREAMLIT_SERVER_PORT: 8502" in compose
    # each replica knows the name nginx's cookie gives it
    assert "NP_REPLICA: r0" in compose and "NP_REPLICA: r1" in compose


def test_replicas_are_told_apart_by_port():
    conf = nginx_conf.nginx_conf(["a:8501", "b:8502", "c:8503"], "80")
    assert '"~:8501$" r0;' in conf and '"~:8503$" r2;' in conf
    with pytest.raises(ValueError, match="different ports"):
        nginx_conf.nginx_conf(["a:8501", "b:8501"], "80")


def test_each_replica_has_the_others_as_backups():
    conf = nginx_conf.nginx_conf(["a:1", "b:2", "c:3"], "80")
    r1 = conf[conf.index("upstream r1 {"):]
    r1 = r1[:r1.index("}")]
    assert "server b:2 max_fails=0;" in r1
    assert "server a:1 max_fails=0 backup;" in r1 and "server c:3 max_fails=0 backup;" in r1


@pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed")
def test_nginx_accepts_the_configuration_serve_writes(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_conf.nginx_conf(["127.0.0.1:40001", "127.0.0.1:40002"],
                                          "127.0.0.1:40000", state=tmp_path))
    out = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(tmp_path)],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr


@pytest.fixture
def two_replicas_behind_nginx(tmp_path):
    """Real nginx with this configuration in front of two tiny HTTP servers standing in for
    replicas (each answers its own name); yields nginx's address and the servers."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from devtools.browser import free_port

    def replica(name: str) -> ThreadingHTTPServer:
        class Answer(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                self.send_response(200)
                self.end_headers()
                self.wfile.write(name.encode())

            def log_message(self, *_):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    replicas = [replica("first"), replica("second")]
    port = free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_conf.nginx_conf(
        [f"127.0.0.1:{r.server_address[1]}" for r in replicas], f"127.0.0.1:{port}",
        state=tmp_path))
    nginx = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp_path), "-g",
                              "daemon off;"])
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_listening(port)
        yield base, replicas
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        for r in replicas:
            r.shutdown()
            r.server_close()


def _wait_listening(port: int, seconds: float = 10) -> None:
    import socket
    import time

    deadline = time.time() + seconds
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("nginx did not start listening")


def _get(base: str, cookie: str = "") -> tuple[str, str]:
    """(which replica answered, the replica the answer's cookie names)."""
    import urllib.request

    request = urllib.request.Request(base + "/", headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as answer:
        set_cookie = answer.headers["Set-Cookie"]
        return answer.read().decode(), set_cookie.split(";")[0].split("=")[1]


@pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed")
def test_new_students_take_turns_and_probes_naming_a_replica_take_none(
        two_replicas_behind_nginx):
    base, _ = two_replicas_behind_nginx
    answered = []
    for _ in range(6):
        answered.append(_get(base))
        _get(base, nginx_conf.probe_cookie())  # a health probe between two students
    assert all(a != b for a, b in zip(answered, answered[1:]))
    assert {a for a in answered} == {("first", "r0"), ("second", "r1")}


@pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed")
def test_a_student_whose_replica_stopped_is_served_by_another_that_says_so(
        two_replicas_behind_nginx):
    base, (first, _) = two_replicas_behind_nginx
    assert _get(base, "np_replica=r0") == ("first", "r0")
    first.shutdown()
    first.server_close()
    assert _get(base, "np_replica=r0") == ("second", "r1")
    assert _get(base, "np_replica=r1") == ("second", "r1")


def test_a_student_is_told_only_when_their_page_moved_to_another_replica():
    from ui.replica import moved_here

    assert moved_here("r0", "r1")
    assert not moved_here("r0", "r0")  # the replica the page was on
    assert not moved_here("r0", None)  # a new page: no cookie yet
    assert not moved_here(None, "r1")  # the app alone, not behind nginx
