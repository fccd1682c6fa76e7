"""Start the app with `streamlit run` on 127.0.0.1 and drive Debian's Chromium with
Playwright. Shared by the browser tests and the browser benchmark.

Playwright's own browser download does not work on our machines; Debian's chromium
(`apt-get install chromium`) does, with these flags.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the app at {base} did not become healthy within {seconds} s")


@contextlib.contextmanager
def running_server() -> Iterator[tuple[str, subprocess.Popen]]:
    """`streamlit run app.py` on a free local port; yields its base URL and process."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextlib.contextmanager
def running_app() -> Iterator[str]:
    """`streamlit run app.py` on a free local port; yields its base URL."""
    with running_server() as (base, _):
        yield base


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) process ``pid`` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def total_cpu_seconds(pids: list[int]) -> float:
    """CPU time the processes ``pids`` have used so far (those that have ended: none)."""
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += cpu_seconds(pid)
    return total


def waited_seconds(pids: list[int]) -> float:
    """Time the threads of the processes ``pids`` have spent so far ready to run but
    waiting for a core (Linux's schedstat, summed over threads; threads that have ended
    are not counted). Against CPU seconds it tells a process that is slow because it is
    not given a core from one that is slow for another reason."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{pid}/task").iterdir():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    total += int((task / "schedstat").read_text().split()[1])
    return total / 1e9


def descendants(pid: int) -> list[int]:
    """``pid`` and every process under it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def chromium_processes() -> list[int]:
    """The Chromium processes this process started (through Playwright's driver)."""
    found = []
    for pid in descendants(os.getpid()):
        with contextlib.suppress(OSError):
            if Path(f"/proc/{pid}/comm").read_text().startswith("chrom"):
                found.append(pid)
    return found


@contextlib.contextmanager
def chromium(playwright) -> Iterator[object]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    try:
        yield browser
    finally:
        browser.close()


def open_app(page, url: str) -> None:
    """Open ``url`` and wait until the page has drawn its numbers and finished running."""
    page.goto(url)
    page.wait_for_selector(METRIC, timeout=60_000)
    wait_idle(page)


def wait_idle(page, seconds: float = 30) -> None:
    """Until Streamlit has finished running the script (never true while playing)."""
    deadline = time.time() + seconds
    time.sleep(0.3)
    while time.time() < deadline and page.locator('[data-testid="stStatusWidget"]').count():
        time.sleep(0.1)
    time.sleep(0.3)


# A number with its label: a lesson's st.metric, or one of the Playground's live numbers
# (drawn as one element, ui/playground/views.numbers_html).
METRIC = '[data-testid="stMetric"], .np-metric'
METRIC_LABEL = '[data-testid="stMetricLabel"], .np-metric-label'
METRIC_VALUE = '[data-testid="stMetricValue"], .np-metric-value'


def metric(page, label: str) -> str:
    """The value shown by the number whose label is exactly ``label``."""
    box = page.locator(METRIC).filter(
        has=page.locator(METRIC_LABEL, has_text=re.compile(f"^{label}$")))
    return box.locator(METRIC_VALUE).inner_text()


def first_metric(page) -> str:
    """The value of the page's first number (the Playground's: the epoch)."""
    return page.locator(METRIC_VALUE).first.inner_text()


METRIC_AT_LEAST = f"""([label, least]) => {{
  const box = [...document.querySelectorAll('{METRIC}')].find(m =>
    m.querySelector('{METRIC_LABEL}')?.innerText.trim() === label);
  const value = box && box.querySelector('{METRIC_VALUE}');
  return !!value && parseFloat(value.innerText.replace(/,/g, '')) >= least; }}"""


# The Playground's epoch, read in the page (0 until its numbers are drawn).
EPOCH_JS = """() => { const m = [...document.querySelectorAll('.np-metric')]
  .find(m => m.querySelector('.np-metric-label').innerText.trim() === 'Epoch');
  return m ? parseInt(m.querySelector('.np-metric-value').innerText.replace(/,/g, '')) : 0; }"""


# Messages the page's end of the live pictures' channel has received (live_channel.js).
LIVE_RECEIVED_JS = "() => window.__npLive ? window.__npLive.received : 0"


def wait_for_metric(page, label: str, least: float, seconds: float = 30) -> None:
    """Until the st.metric labelled exactly ``label`` shows at least ``least``. (Not the
    page's first metric: while a page redraws, its first one can briefly be another.)"""
    page.wait_for_function(METRIC_AT_LEAST, arg=[label, least], timeout=seconds * 1000)
