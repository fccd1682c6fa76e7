"""The capacity lesson in real Chromium: the charts draw, the units guess reveals the
sweep, the restarts guess reveals which starts stopped above the bottom."""

from __future__ import annotations

import pytest

from devtools.browser import wait_idle

pytestmark = pytest.mark.browser


def test_the_guesses_reveal_the_sweep_and_the_restarts(page):
    page.goto(f"{page.app_url}/capacity")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 3",
                           timeout=60_000)
    wait_idle(page)
    page.get_by_role("radio", name="16", exact=True).check(force=True)
    wait_idle(page)
    page.get_by_role("button", name="Lock in my prediction", disabled=False).first.click()
    page.get_by_text("You said 16, and so it is.").wait_for(timeout=15_000)
    box = page.get_by_label("Of the 12 starts, how many will stop clearly above the lowest "
                            "cost?")
    box.fill("3")
    box.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Lock in my prediction", disabled=False).first.click()
    page.get_by_text("of 12 starts stop at a cost of").wait_for(timeout=30_000)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 5",
                           timeout=30_000)
    assert page.locator(".np-said").count() == page.locator(".js-plotly-plot").count()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.js_errors, page.js_errors
