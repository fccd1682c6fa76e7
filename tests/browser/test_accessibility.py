"""Accessibility as a reviewer checks it: axe-core (WCAG 2.0/2.1, A and AA) on every page
in both languages, at desktop and phone sizes, with every expander open and the
Playground playing; and the Playground run from the keyboard alone."""

from __future__ import annotations

import time

import pytest

from devtools import axe
from devtools import browser as drive
from ui.lesson import LESSONS
from ui.live import clock, keyboard

pytestmark = pytest.mark.browser

PAGES = ["", *LESSONS]
SIZES = {"desktop": (1400, 1000), "phone": (390, 844)}


def open_every_expander(page) -> None:
    for summary in page.locator('[data-testid="stExpander"] summary').all():
        if summary.get_attribute("aria-expanded") != "true":
            summary.click()
            time.sleep(0.2)


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", PAGES, ids=lambda n: n or "playground")
def test_no_page_has_a_wcag_violation_of_its_own(browser, app_url, name, lang, size):
    if not axe.available():
        pytest.fail("axe-core is not installed: npm ci --prefix tests/browser/axe")
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{name}" + ("?lang=zh" if lang == "zh" else ""))
        page.wait_for_selector("h1", timeout=60_000)
        drive.wait_idle(page)
        open_every_expander(page)
        drive.wait_idle(page)
        if not name:  # the Playground as a class sees it: playing
            page.get_by_role("button", name="开始" if lang == "zh" else "Play",
                             exact=True).click()
            time.sleep(2.0)
        ours, theirs = axe.split(axe.violations(page))
        assert not ours, "\n" + axe.describe(ours)
        assert all(axe.streamlits_own(t["rule"], t) for t in theirs)
    finally:
        context.close()


def epoch(page) -> int:
    return int(drive.first_metric(page).replace(",", ""))


def announced(page) -> str:
    return page.evaluate("() => document.getElementById('np-announce')?.textContent ?? ''")


def button(page, label: str):
    return page.get_by_role("button", name=label, exact=True)


def test_the_playground_runs_from_the_keyboard_and_says_what_it_did(page):
    drive.open_app(page, page.app_url + "/?dataset=xor&hidden=4")
    page.locator("h1").click()  # focus on the page, on no control
    page.keyboard.press("Space")
    button(page, "Pause").wait_for(timeout=20_000)
    page.wait_for_function(f"() => ({drive.EPOCH_JS})() > 20", timeout=20_000)
    assert announced(page) == "Playing"
    page.keyboard.press("Space")
    button(page, "Play").wait_for(timeout=20_000)
    drive.wait_idle(page)
    assert announced(page) == "Paused"
    paused = epoch(page)
    time.sleep(1.0)
    assert epoch(page) == paused, "paused means paused"
    page.keyboard.press(".")
    page.wait_for_function(f"() => ({drive.EPOCH_JS})() === {paused + 1}", timeout=20_000)
    assert announced(page) == "One epoch trained"
    assert not page.js_errors


REGION_ALT = "() => document.querySelector('img.np-region-image')?.alt ?? ''"


def test_the_region_is_said_in_words_and_renewed_while_playing(page):
    drive.open_app(page, page.app_url + "/?dataset=xor&hidden=4")
    still = page.evaluate(REGION_ALT)
    assert still.startswith("What the network predicts: class 1 holds ")
    assert "Test accuracy" in still
    button(page, "Play").click()
    page.wait_for_function(f"() => ({drive.LIVE_RECEIVED_JS})() > 10", timeout=20_000)
    page.wait_for_function(f"() => ({REGION_ALT})() !== {still!r}", timeout=20_000)
    live = page.evaluate(REGION_ALT)
    assert live.startswith("What the network predicts: class 1 holds "), live
    assert not page.js_errors


def test_while_playing_the_numbers_are_read_out_every_few_seconds(page):
    drive.open_app(page, page.app_url + "/?dataset=xor&hidden=4&lang=zh")
    button(page, "开始").click()
    page.wait_for_function("() => (document.getElementById('np-announce')?.textContent ?? '')"
                           ".startsWith('轮次')", timeout=20_000)
    first = announced(page)
    assert "测试准确率" in first, first
    time.sleep(keyboard.READ_EVERY_SECONDS + 1.5)
    second = announced(page)
    assert second != first and second.startswith("轮次"), (first, second)
    button(page, "暂停").click()
    button(page, "开始").wait_for(timeout=20_000)
    drive.wait_idle(page)
    paused = announced(page)
    time.sleep(keyboard.READ_EVERY_SECONDS + 1.5)
    assert announced(page) == paused, "paused: nothing more is read out"
    assert not page.js_errors


def test_keys_typed_into_a_field_stay_in_the_field(page):
    drive.open_app(page, page.app_url + "/?dataset=xor&hidden=4")
    before = epoch(page)
    field = page.locator('[data-testid="stSidebar"] input[type="number"]').first
    field.click()
    page.keyboard.press("Space")
    page.keyboard.press(".")
    time.sleep(1.5)
    assert button(page, "Play").is_visible() and epoch(page) == before


def test_the_shortcuts_are_listed_on_the_page(page):
    drive.open_app(page, page.app_url + "/?lang=zh")
    page.get_by_role("button", name="键盘").click()
    assert "空格" in page.get_by_text("开始或暂停").inner_text()


def test_with_reduced_motion_a_play_link_waits_for_play(browser, app_url):
    """prefers-reduced-motion: reduce: ?play=1 shows Play instead of starting by itself,
    says why, and Play still starts it."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(f"{app_url}/?dataset=xor&hidden=4&play=1")
        button(page, "Play").wait_for(timeout=30_000)
        drive.wait_idle(page)
        shown = epoch(page)
        time.sleep(1.5)
        assert epoch(page) == shown == 0, "no training until the reader presses Play"
        assert "reduced motion" in announced(page)
        button(page, "Play").click()
        page.wait_for_function(f"() => ({drive.EPOCH_JS})() > 20", timeout=20_000)
    finally:
        context.close()


def test_without_reduced_motion_a_play_link_still_starts_by_itself(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  reduced_motion="no-preference")
    page = context.new_page()
    try:
        page.goto(f"{app_url}/?dataset=xor&hidden=4&play=1")
        page.wait_for_function(f"() => ({drive.EPOCH_JS})() > 20", timeout=20_000)
    finally:
        context.close()


def test_with_reduced_motion_the_pictures_change_calmly_and_training_goes_on(
        browser, app_url):
    """prefers-reduced-motion: reduce: the live region comes at most CALM_FPS times a
    second, while the epochs go on at the engine's pace between the pictures."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  reduced_motion="reduce")
    page = context.new_page()
    try:
        drive.open_app(page, f"{app_url}/?dataset=xor&hidden=4")
        button(page, "Play").click()
        page.wait_for_function(f"() => ({drive.LIVE_RECEIVED_JS})() >= 2", timeout=20_000)
        first, epoch_first = page.evaluate(drive.LIVE_RECEIVED_JS), epoch(page)
        time.sleep(4.0)
        frames = page.evaluate(drive.LIVE_RECEIVED_JS) - first
        # the frames (region, numbers, diagram, charts), each a picture's change at most
        assert 2 <= frames <= 4.0 * clock.CALM_FPS + 2, frames
        page.wait_for_function(f"() => ({drive.EPOCH_JS})() > {epoch_first + 200}",
                               timeout=20_000)
        button(page, "Pause").click()
        button(page, "Play").wait_for(timeout=20_000)
    finally:
        context.close()


def test_the_inside_lesson_plays_and_pauses_from_the_keyboard(page):
    drive.open_app(page, page.app_url + "/inside")
    page.locator("h1").click()  # focus on the page, not on a control
    page.keyboard.press("Space")
    button(page, "Pause").wait_for(timeout=20_000)
    assert announced(page) == "Playing"
    drive.wait_for_metric(page, "Epoch", 3)
    page.keyboard.press("Space")
    button(page, "Play").wait_for(timeout=20_000)
    assert announced(page) == "Paused"
    drive.wait_idle(page)
    paused = int(drive.metric(page, "Epoch").replace(",", ""))
    page.keyboard.press(".")
    drive.wait_for_metric(page, "Epoch", paused + 1)
    assert announced(page) == "One epoch trained"
    page.get_by_role("button", name="Keyboard").click()
    assert "Space" in page.get_by_text("Play or Pause").inner_text()
    assert not page.js_errors


SAID_LAYOUT_JS = """() => [...document.querySelectorAll('.np-said')].map((p) => {
  const box = p.closest('[data-testid="stElementContainer"]');
  const chart = box.previousElementSibling;
  let next = box.nextElementSibling;
  while (next && getComputedStyle(next).position === 'absolute') next = next.nextElementSibling;
  const gap = next && chart ? next.getBoundingClientRect().top
      - chart.getBoundingClientRect().bottom : null;
  return {text: p.textContent, width: p.getBoundingClientRect().width,
          chart: !!chart && !!chart.querySelector('.js-plotly-plot'), gap};
})"""


@pytest.mark.parametrize("name", ["neuron", "descent"])
def test_each_lesson_chart_is_followed_by_its_sentence_which_takes_no_room(page, name):
    drive.open_app(page, f"{page.app_url}/{name}")
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    said = page.evaluate(SAID_LAYOUT_JS)
    assert said and all(s["chart"] for s in said), said  # right after a chart
    assert all(s["text"].startswith("Chart") and s["width"] <= 1 for s in said), said
    # the page's own gap between two elements (1rem), as if the sentence were not there
    gaps = [s["gap"] for s in said if s["gap"] is not None]
    assert all(g <= 17 for g in gaps), gaps
    assert gaps or name != "descent"  # (the neuron lesson's charts end their columns)
