"""Playground defects of the live loop, in real Chromium (issue 10: 3, 8, 12; issue 11:
``play=1``): a link that starts training, Streamlit's own Stop, a loss that blows up."""

from __future__ import annotations

import time

import pytest

from devtools.browser import metric

pytestmark = pytest.mark.browser


def epoch(page) -> int:
    return int(metric(page, "Epoch").replace(",", ""))


def button(page, label: str):
    return page.get_by_role("button", name=label, exact=True)


def wait_until(check, seconds: float = 20.0) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if check():
                return True
        except Exception:  # noqa: BLE001 - the page may be redrawing
            pass
        time.sleep(0.1)
    return False


def open_playing(page, query: str) -> None:
    page.goto(f"{page.app_url}/?{query}&play=1")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)


def test_play_1_in_the_link_starts_training_when_the_page_opens(page):
    open_playing(page, "dataset=xor&hidden=4&act=tanh")
    assert wait_until(lambda: epoch(page) > 50), "the epoch counter must run without a click"
    assert wait_until(lambda: button(page, "Pause").is_visible())
    assert "play=" not in page.url  # a reload does not start it again by itself
    button(page, "Pause").click()
    assert wait_until(lambda: button(page, "Play").is_visible())
    assert not page.js_errors


def test_streamlits_own_stop_pauses_and_the_button_says_play(page):
    open_playing(page, "dataset=circles&hidden=4,4")
    assert wait_until(lambda: epoch(page) > 20)
    page.locator('[data-testid="stStatusWidget"]').get_by_role("button", name="Stop").click()
    assert wait_until(lambda: button(page, "Play").is_visible(), 15), \
        "after Stop the button must offer Play, not Pause"
    stopped = epoch(page)
    time.sleep(1.5)
    assert epoch(page) == stopped, "training stays stopped"
    button(page, "Play").click()  # and Play starts it again
    assert wait_until(lambda: epoch(page) > stopped + 20)
    assert button(page, "Pause").is_visible()


def test_a_loss_that_blows_up_pauses_with_the_divergence_message(page):
    # finite all along, but far worse than guessing for most of 30 epochs: diverged
    open_playing(page, "dataset=circles&hidden=16,16&act=leaky_relu&opt=adam&lr=10&batch=0")
    assert wait_until(lambda: page.get_by_text("Training diverged").count() > 0, 30)
    assert button(page, "Play").is_visible()
    loss = float(metric(page, "Train loss"))
    assert loss < 7, "paused at the weights from before the blow-up, not at a loss of 10^4"
    assert page.locator('[data-testid="stException"]').count() == 0
