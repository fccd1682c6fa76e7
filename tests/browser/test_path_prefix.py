"""The app under a path prefix, as Streamlit Community Cloud and most school or company
proxies serve it: Streamlit at ``server.baseUrlPath`` behind a real nginx that forwards
only that prefix. The live pictures' channel follows the prefix (it connects first time,
no console error), and where the proxy refuses every websocket but Streamlit's own, the
page still trains over Streamlit's messages."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from devtools import browser as drive

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PREFIX = "np/sub"
# Only the prefix is forwarded; everything else (the host's root included) is 404.
CONF = """
worker_processes 1; pid {tmp}/nginx.pid; error_log {tmp}/error.log;
events {{ worker_connections 256; }}
http {{
  access_log off; client_body_temp_path {tmp}; proxy_temp_path {tmp};
  fastcgi_temp_path {tmp}; uwsgi_temp_path {tmp}; scgi_temp_path {tmp};
  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
  server {{
    listen 127.0.0.1:{port};
    location / {{ return 404; }}
{websockets}
    location /{prefix}/ {{
      proxy_pass http://127.0.0.1:{app};
      proxy_http_version 1.1;
      proxy_set_header Host $host;
    }}
  }}
}}
"""
ALL_WEBSOCKETS = """
    location ~ ^/{prefix}/(_stcore/stream|np-live) {{
      proxy_pass http://127.0.0.1:{app};
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1h;
    }}"""
STREAMLITS_ONLY = """
    location = /{prefix}/_stcore/stream {{
      proxy_pass http://127.0.0.1:{app};
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1h;
    }}
    location ~ ^/{prefix}/np-live {{ return 403; }}"""


@contextlib.contextmanager
def behind_nginx(websockets: str):
    """The app at /np/sub/ behind nginx: yields the page's URL."""
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (apt-get install nginx)")
    app, port = drive.free_port(), drive.free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(app),
         "--server.baseUrlPath", PREFIX, "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tmp = Path(tempfile.mkdtemp(prefix="np-prefix-"))
    parts = {"prefix": PREFIX, "app": app}
    conf = CONF.format(tmp=tmp, port=port, websockets=websockets.format(**parts), **parts)
    (tmp / "nginx.conf").write_text(conf)
    nginx = None
    try:
        drive.wait_healthy(f"http://127.0.0.1:{app}/{PREFIX}")
        nginx = subprocess.Popen([NGINX, "-c", str(tmp / "nginx.conf"), "-p", str(tmp),
                                  "-g", "daemon off;"], stderr=subprocess.DEVNULL)
        drive.wait_healthy(f"http://127.0.0.1:{port}/{PREFIX}")
        yield f"http://127.0.0.1:{port}/{PREFIX}/"
    finally:
        for proc in (nginx, server):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


def play(browser, url: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.goto(url + "?dataset=circles&hidden=4,4&play=1")
    page.wait_for_selector(".np-metric", timeout=60_000)
    return page, errors, sockets


def epoch(page) -> int:
    return int(drive.first_metric(page).replace(",", ""))


def test_under_a_prefix_the_live_channel_connects_first_time(browser):
    with behind_nginx(ALL_WEBSOCKETS) as url:
        page, errors, sockets = play(browser, url)
        deadline = time.time() + 20
        while time.time() < deadline and page.evaluate("window.__npLive?.received ?? 0") < 20:
            time.sleep(0.2)
        assert page.evaluate("window.__npLive.received") >= 20, "frames over the channel"
        channel = [s for s in sockets if "np-live" in s]
        assert len(channel) == 1 and f"/{PREFIX}/np-live?token=" in channel[0]
        assert epoch(page) > 0
        assert not errors, errors  # no 404 at the host's root, no retries


def test_where_the_proxy_refuses_the_channel_the_page_trains_all_the_same(browser):
    with behind_nginx(STREAMLITS_ONLY) as url:
        page, _, _ = play(browser, url)
        deadline = time.time() + 20
        while time.time() < deadline and epoch(page) < 50:
            time.sleep(0.3)
        shown = epoch(page)
        assert shown >= 50, "trains over Streamlit's own messages"
        assert page.evaluate("window.__npLive?.received ?? 0") == 0
        time.sleep(1.0)
        assert epoch(page) > shown, "and the numbers keep moving"
        assert page.locator('[data-testid="stException"]').count() == 0
