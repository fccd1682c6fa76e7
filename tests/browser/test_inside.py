"""Lesson 5, Inside the network, in real Chromium: pick a layer and units, train live,
pause, and find the key numbers on screen, in English and in Chinese."""

from __future__ import annotations

import re
import time

import pytest

from devtools import browser as drive
from devtools.browser import metric, wait_idle

pytestmark = pytest.mark.browser

# Latin words the Chinese page may show: names and symbols (house rules), and units' axes.
ALLOWED_LATIN = {"ReLU", "Leaky", "ELU", "Sigmoid", "Tanh", "Softmax", "Adam", "SGD", "NumPy",
                 "XOR", "CSV", "JSON", "L1", "L2", "x1", "x2", "English"}


WARMED: set[str] = set()


def open_lesson(page, query: str = "") -> None:
    # A fresh server serves a page's own URL as a stand-alone script until app.py has run
    # once (Streamlit's pages/ folder); opening the app's root once first avoids that.
    if page.app_url not in WARMED:
        drive.open_app(page, page.app_url + "/")
        WARMED.add(page.app_url)
    drive.open_app(page, page.app_url + "/inside" + query)


def percent(page, label: str) -> float:
    return float(metric(page, label).rstrip("%"))


def epoch(page) -> int:
    return int(metric(page, "Epoch").replace(",", ""))


def layer_src(page) -> str:
    return page.locator(".np-layer-space .np-space-layer").get_attribute("src")


def choose(page, label: str, option: str) -> None:
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first.click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)


def click(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.js_errors, page.js_errors


def test_the_playground_network_is_carried_over(page):
    drive.open_app(page, page.app_url + "/")
    WARMED.add(page.app_url)
    page.get_by_role("link", name=re.compile("Inside the network")).click()
    page.wait_for_selector(".np-layer-space", timeout=30_000)
    wait_idle(page)
    assert page.get_by_text("The Playground's network", exact=True).is_visible()
    assert page.get_by_text(re.compile(r"The Playground's network: 2-4-4-1")).count() == 1
    click(page, "+1 epoch")
    wait_idle(page)
    assert epoch(page) == 1
    no_exception(page)


def test_pick_a_layer_train_live_pause_and_read_the_numbers(page):
    open_lesson(page)
    assert epoch(page) == 0
    assert page.locator(".np-input-space").is_visible()
    choose(page, "Hidden layer", "1 (6 units)")
    choose(page, "Vertical axis", "unit 3")
    assert page.get_by_text("Hidden layer 1, units 1 and 3").count() == 1
    assert "not the last hidden layer" in page.locator('[data-testid="stAlert"]').last.inner_text()
    before = layer_src(page)
    click(page, "Play")
    drive.wait_for_metric(page, "Epoch", 40)
    assert layer_src(page) != before, "the layer's picture did not change while training"
    click(page, "Pause")
    wait_idle(page)
    paused = epoch(page)
    time.sleep(1.0)
    assert epoch(page) == paused >= 40
    # the lesson's point, on screen: no line in the plane, a line in the last hidden layer
    assert percent(page, "A straight line in the plane") < 70
    assert percent(page, "A straight line in layer 1") >= 0
    assert percent(page, "Train accuracy") >= 95
    # the table waits for the learner's prediction of where a line does best
    page.get_by_role("radio", name="Hidden layer 2", exact=True).check(force=True)
    wait_idle(page)
    page.get_by_role("button", name="Lock in my prediction", disabled=False).click()
    wait_idle(page)
    page.get_by_text("You said Hidden layer 2").wait_for(timeout=15_000)
    table = page.locator("table").filter(has_text="Input plane (x1, x2)").inner_text()
    assert re.search(r"Hidden layer 2\s+(9\d|100)\.\d%", table), table  # the last layer
    no_exception(page)


def test_the_chinese_page_speaks_chinese(page):
    open_lesson(page, "?lang=zh")
    assert page.get_by_role("heading", name="网络内部").count() >= 1
    assert metric(page, "轮次") == "0"
    main = page.evaluate(  # the visible text, without icon ligatures like keyboard_arrow_down
        "() => { const m = document.querySelector('[data-testid=stMain]').cloneNode(true);"
        " m.querySelectorAll('[data-testid=stIconMaterial]').forEach(e => e.remove());"
        " document.body.appendChild(m); const t = m.innerText; m.remove(); return t; }")
    words = set(re.findall(r"[A-Za-z][A-Za-z0-9]+", main))
    assert words <= ALLOWED_LATIN, sorted(words - ALLOWED_LATIN)
    no_exception(page)


def test_a_closed_tab_stops_training(browser):
    """A student who closes the lesson while it plays leaves the server idle: its live
    loop sees the tab has gone (as the Playground's does), rather than training for
    nobody until the session expires and taking the class's share of the core."""
    with drive.running_server() as (base, server):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        drive.open_app(page, base + "/")
        drive.open_app(page, base + "/inside")
        page.get_by_role("button", name="Play", exact=True).click()
        drive.wait_for_metric(page, "Epoch", 20)
        pids = drive.descendants(server.pid)
        start = drive.total_cpu_seconds(pids)
        time.sleep(2.0)
        playing = drive.total_cpu_seconds(pids) - start
        context.close()
        time.sleep(2.0)  # the loop's next frame finds the tab gone
        start = drive.total_cpu_seconds(pids)
        time.sleep(3.0)
        idle = drive.total_cpu_seconds(pids) - start
        assert playing > 0.3  # it was training: a good part of a core
        assert idle < 0.15 * 3.0, f"{idle:.2f} s of CPU in 3 s after the tab was closed"
