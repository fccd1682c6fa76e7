"""The Many classes lesson in real Chromium: the trained regions and the confusion matrix
wait for the learner's guess and appear after it, with how close it was; the gradient
guess is checked; a network on the blobs is trained by the sliders; the phone stacks it."""

from __future__ import annotations

import re

import pytest

from devtools.browser import metric, wait_idle

pytestmark = pytest.mark.browser


def open_lesson(page, query: str = "") -> None:
    page.goto(f"{page.app_url}/multiclass{query}")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    page.wait_for_selector(".np-region-image", timeout=30_000)
    wait_idle(page)


def main_text(page) -> str:
    return page.locator('[data-testid="stMainBlockContainer"]').inner_text()


def regions(page) -> int:
    return page.locator(".np-region-image").count()


def answer(page, question: str, value: str) -> None:
    """Type ``value`` as the answer to the question that starts with ``question``."""
    box = page.get_by_label(re.compile("^" + re.escape(question)))
    box.fill(value)
    box.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Lock in my prediction", disabled=False).first.click()
    wait_idle(page)


def test_the_guesses_hold_back_the_answers_then_say_how_close(page):
    open_lesson(page)
    assert regions(page) == 1 and page.locator(".js-plotly-plot").count() == 0
    assert "appears once you have answered" in main_text(page)
    answer(page, "After 300 epochs, what share", "40")
    page.wait_for_function("() => document.querySelectorAll('.np-region-image').length == 2",
                           timeout=30_000)
    text = main_text(page)
    assert re.search(r"You said 40; it is \*?\*?[0-9.]+", text.replace("**", "")), text[:2000]
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)  # the confusion matrix
    assert re.search(r"\d+ of 300 test points are on the diagonal", text)

    p = float(metric(page, "ŷ of its class"))
    answer(page, "For this point, what is ∂L/∂z", f"{p - 1:.3f}")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length == 2",
                           timeout=30_000)
    assert "within 5 %" in main_text(page)
    assert page.locator(".np-said").count() == 2  # each chart followed by its sentence
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.js_errors, page.js_errors


def test_a_hidden_layer_on_the_blobs_and_just_show_me(page):
    open_lesson(page)
    page.get_by_role("slider", name="Hidden layers").focus()
    page.keyboard.press("End")
    wait_idle(page)
    page.get_by_role("button", name="Just show me").first.click()
    wait_idle(page)
    page.wait_for_function("() => document.querySelectorAll('.np-region-image').length == 2",
                           timeout=30_000)
    assert "2-16-16-3 network" in main_text(page)
    accuracy = int(re.search(r"After 300 epochs: test accuracy (\d+) %", main_text(page))[1])
    assert accuracy >= 80
    assert not page.js_errors, page.js_errors


def test_on_a_phone_the_regions_stack_and_fit(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.app_url = app_url
    open_lesson(page, "?lang=zh")
    page.get_by_role("button", name="直接看结果").first.click()
    wait_idle(page)
    page.wait_for_function("() => document.querySelectorAll('.np-region-image').length == 2",
                           timeout=30_000)
    boxes = [page.locator(".np-region").nth(i).bounding_box() for i in range(2)]
    assert all(b["width"] <= 390 for b in boxes)
    assert boxes[1]["y"] >= boxes[0]["y"] + boxes[0]["height"]  # one under the other
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= 390
    context.close()
