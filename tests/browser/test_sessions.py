"""Each learner's data and network are their own, and nothing a learner uploads is
written to the server's disk."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
import uuid

import pytest

from devtools import browser as drive
from devtools.browser import wait_idle

pytestmark = pytest.mark.browser


def metric(page, label: str) -> str:
    box = page.locator(".np-metric").filter(has_text=label).first
    return box.locator(".np-metric-value").inner_text()


def upload(page, name: str, data: bytes) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data})
    wait_idle(page)


def test_two_learners_never_see_each_others_data_or_network(browser, app_url):
    marker = "class" + uuid.uuid4().hex[:12]  # a class name nobody else could have
    rows = "".join(f"{i % 9 - 4},{(i * 5) % 7 - 3},{marker if i % 2 else 'other'}\n"
                   for i in range(80))
    a, b = (browser.new_context(viewport={"width": 1400, "height": 1200}).new_page()
            for _ in range(2))
    drive.open_app(a, app_url + "/?seed=5")
    drive.open_app(b, app_url + "/?seed=5")
    region_b = b.locator(".np-region-image").get_attribute("src")

    upload(a, "private.csv", ("x1,x2,label\n" + rows).encode())
    a.get_by_role("button", name="Step", exact=True).click()
    wait_idle(a)
    assert metric(a, "Epoch") == "1"

    b.reload()
    b.wait_for_selector(".np-metric", timeout=60_000)
    wait_idle(b)
    assert marker not in b.content()
    assert metric(b, "Epoch") == "0"
    assert b.locator(".np-region-image").get_attribute("src") == region_b
    a.context.close()
    b.context.close()


def test_an_upload_is_never_written_to_disk(page):
    marker = "mark" + uuid.uuid4().hex
    rows = "".join(f"{i % 9 - 4},{(i * 5) % 7 - 3},{marker if i % 2 else 'b'}\n"
                   for i in range(40))
    drive.open_app(page, page.app_url + "/")
    upload(page, "secret.csv", ("x1,x2,label\n" + rows).encode())
    page.get_by_text("secret.csv", exact=False).first.wait_for(timeout=10_000)  # in use
    where = [str(drive.ROOT), tempfile.gettempdir(), os.path.expanduser("~/.streamlit")]
    found = subprocess.run(["grep", "-rlsF", "--exclude-dir=.git", "--exclude-dir=.venv",
                            marker, *where], capture_output=True, text=True).stdout
    assert found == ""


SPIRAL_PLAYING = "/?dataset=spiral&hidden=8,8,8,8,8,8&play=1"


@pytest.mark.parametrize("close_after", [0.0, 0.4, 1.2, 4.0])
def test_a_closed_tab_leaves_no_training_behind(browser, close_after):
    """Thirty students come and go: a tab closed while the page loads, just before
    play=1 starts training, or while it trains must not leave a live loop running on
    the server for nobody (it would take the class's share of the cores)."""
    with drive.running_server() as (base, server):
        for _ in range(3):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base + SPIRAL_PLAYING, wait_until="commit")
            page.wait_for_timeout(1000 * close_after)
            context.close()
        time.sleep(3.0)  # Streamlit notices the closed sockets and stops the runs
        before = drive.cpu_seconds(server.pid)
        time.sleep(4.0)
        busy = (drive.cpu_seconds(server.pid) - before) / 4.0
        assert busy < 0.1, f"the server stays {busy:.0%} busy with every tab closed"
