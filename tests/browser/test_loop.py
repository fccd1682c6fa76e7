"""The training-loop lesson in real Chromium: Next step lights the loop's boxes in turn
with the counters, the batch guess reveals the paths, and a phone wraps the loop."""

from __future__ import annotations

import pytest

from devtools.browser import metric, wait_idle

pytestmark = pytest.mark.browser


def open_lesson(page, query: str = "") -> None:
    page.goto(f"{page.app_url}/loop{query}")
    page.wait_for_selector(".np-loop", timeout=60_000)
    wait_idle(page)


def lit(page) -> str:
    return page.locator('.np-loop [aria-current="step"]').inner_text()


def test_next_step_walks_the_loop_and_the_guess_reveals_the_paths(page):
    open_lesson(page)
    assert lit(page) == "1 · initialise"
    for name in ("2 · forward", "3 · cost", "4 · backward", "5 · update", "2 · forward"):
        page.get_by_role("button", name="Next step").click()
        page.wait_for_function("n => document.querySelector('.np-loop [aria-current]')"
                               ".innerText === n", arg=name, timeout=15_000)
    assert metric(page, "Updates so far") == "1"
    assert metric(page, "Iteration in this epoch") == "2 / 5"
    charts = page.locator(".js-plotly-plot").count()
    page.get_by_role("radio", name="1 (stochastic)", exact=True).check(force=True)
    wait_idle(page)
    page.get_by_role("button", name="Lock in my prediction", disabled=False).first.click()
    page.get_by_text("You said 1 (stochastic), and so it is.").wait_for(timeout=15_000)
    page.wait_for_function("n => document.querySelectorAll('.js-plotly-plot').length >= n",
                           arg=charts + 2, timeout=15_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.js_errors, page.js_errors


def test_on_a_phone_the_loop_wraps_inside_the_screen(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.app_url = app_url
    open_lesson(page, "?lang=zh")
    box = page.locator(".np-loop").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    context.close()


def test_a_new_rate_in_section_1_reaches_section_2(page):
    """Section 1 is a fragment; section 2 runs at its rate, so a new rate redraws both."""
    open_lesson(page)
    page.get_by_role("slider", name="Learning rate α").focus()
    page.keyboard.press("End")  # 0.02
    page.get_by_text("After 10 epochs at α = 0.02,").first.wait_for(timeout=15_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.js_errors, page.js_errors
