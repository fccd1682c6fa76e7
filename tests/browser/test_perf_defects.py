"""Playground defects of the live loop, in real Chromium (a link with
``play=1``): a link that starts training, Streamlit's own Stop, a loss that blows up."""

from __future__ import annotations

import time

import pytest

from devtools.browser import metric, wait_idle

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
    page.wait_for_selector(".np-metric", timeout=60_000)


def test_play_1_in_the_link_starts_training_when_the_page_opens(page):
    open_playing(page, "dataset=xor&hidden=4&act=tanh")
    # a class waits for it: it starts as soon as the page is there, not seconds later
    assert wait_until(lambda: epoch(page) > 0, 3), "training must start without a click"
    assert wait_until(lambda: epoch(page) > 50)
    assert wait_until(lambda: button(page, "Pause").is_visible())
    assert "play=" not in page.url  # a reload does not start it again by itself
    button(page, "Pause").click()
    assert wait_until(lambda: button(page, "Play").is_visible())
    assert not page.js_errors


def test_streamlits_own_stop_pauses_and_the_button_says_play(page):
    open_playing(page, "dataset=circles&hidden=4,4")
    assert wait_until(lambda: epoch(page) > 20)
    page.locator('[data-testid="stStatusWidget"]').get_by_role("button", name="Stop").click()
    assert wait_until(lambda: button(page, "Play").is_visible(), 3), \
        "after Stop the button must offer Play, not Pause"
    stopped = epoch(page)
    time.sleep(1.5)
    assert epoch(page) == stopped, "training stays stopped"
    button(page, "Play").click()  # and Play starts it again
    assert wait_until(lambda: epoch(page) > stopped + 20)
    assert button(page, "Pause").is_visible()


def test_a_setting_changed_while_playing_keeps_playing(page):
    """Streamlit stops the running script when a widget changes and starts the new run at
    once: the new run plays on, and nothing pauses it later. (The stopped run once took
    this for Streamlit's Stop, and asked for a pause that came 10 s later.)"""
    open_playing(page, "dataset=circles&hidden=4,4")
    assert wait_until(lambda: epoch(page) > 20)
    page.get_by_text("Show test data").click()
    time.sleep(11.0)
    assert wait_until(lambda: button(page, "Pause").is_visible(), 3)
    playing = epoch(page)
    assert wait_until(lambda: epoch(page) > playing + 20, 5), "still training"


def test_on_a_lesson_streamlits_own_stop_pauses_and_stays_on_the_lesson(page):
    """Every live page shares one loop: Stop on the lesson "Inside the network" pauses it
    there (a rerun once went to the app's first page, the Playground)."""
    page.goto(f"{page.app_url}/")
    page.wait_for_selector(".np-metric", timeout=60_000)
    page.goto(f"{page.app_url}/inside")
    page.wait_for_selector(".np-layer-space", timeout=60_000)
    button(page, "Play").click()
    assert wait_until(lambda: epoch(page) > 20)
    page.locator('[data-testid="stStatusWidget"]').get_by_role("button", name="Stop").click()
    assert wait_until(lambda: button(page, "Play").is_visible(), 5)
    wait_idle(page)
    stopped = epoch(page)
    time.sleep(1.5)
    assert epoch(page) == stopped > 20, "paused, on the lesson, with its network"
    assert page.locator(".np-layer-space").count() == 1 and "/inside" in page.url
    button(page, "Play").click()
    assert wait_until(lambda: epoch(page) > stopped + 10)


def test_a_loss_that_blows_up_pauses_with_the_divergence_message(page):
    # finite all along, but far worse than guessing for most of 30 epochs: diverged
    open_playing(page, "dataset=circles&hidden=16,16&act=leaky_relu&opt=adam&lr=10&batch=0")
    assert wait_until(lambda: page.get_by_text("Training diverged").count() > 0, 30)
    # (the page may still be swapping its elements in: the button settles on Play)
    assert wait_until(lambda: button(page, "Play").is_visible(), 5)
    stopped = epoch(page)
    time.sleep(1.0)
    assert epoch(page) == stopped, "paused: nothing trains after the divergence"
    loss = float(metric(page, "Train loss"))
    assert loss < 7, "paused at the weights from before the blow-up, not at a loss of 10^4"
    assert page.locator('[data-testid="stException"]').count() == 0


BOXES = """() => ['.np-region-image', '.np-region-points img'].map(s => {
  const r = document.querySelector(s).getBoundingClientRect();
  return {x: r.x, y: r.y, width: r.width, height: r.height}; })"""
MARK_POINTS = """() => { const el = document.querySelector('.np-region-points');
  el.dataset.mark = 'sent once'; return true; }"""


@pytest.mark.parametrize("width", [1280, 390])
def test_while_playing_only_the_prediction_travels_and_the_points_stay_on_it(browser, app_url,
                                                                            width):
    """Each live frame carries the region image, not the data over it. The
    points layer lies exactly over the image, and the same element stays through play."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{app_url}/?dataset=spiral&show_test=1&play=1")
    page.wait_for_selector(".np-metric", timeout=60_000)
    assert wait_until(lambda: epoch(page) > 0)  # playing
    # read at one moment: while playing, the image element is replaced every frame
    image, points = page.evaluate(BOXES)
    assert image["width"] > (300 if width > 400 else 200)
    for side in ("x", "y", "width", "height"):
        assert abs(image[side] - points[side]) < 0.5, (side, image, points)
    page.evaluate(MARK_POINTS)
    first = page.locator(".np-region-image").get_attribute("src")
    assert wait_until(lambda: page.locator(".np-region-image").get_attribute("src") != first)
    time.sleep(1.0)  # many frames later
    assert page.locator(".np-region-points").get_attribute("data-mark") == "sent once"
    context.close()
