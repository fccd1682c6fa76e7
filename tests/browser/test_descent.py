"""Lesson 4 in real Chromium: the article's numbers are on screen, the paths come with
Plotly's own animation, and turning the learning rate up or moving the start point
changes what the page says."""

from __future__ import annotations

import numpy as np
import pytest

from core.surfaces import SURFACES
from devtools.browser import metric, wait_idle

pytestmark = pytest.mark.browser


def open_lesson(page, query: str = "", predict: str | None = None) -> None:
    """The page, past the question that holds back the gradients ("Just show me") and the
    one that holds back the paths: answered with ``predict`` (an optimizer's name), or
    "Just show me"."""
    page.goto(f"{page.app_url}/descent{query}")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    wait_idle(page)
    page.get_by_role("button", name="Just show me").first.click()  # the gradients' question
    page.get_by_text("Cross-entropy ∂L/∂z").wait_for(timeout=15_000)
    wait_idle(page)
    if predict is None:
        page.get_by_role("button", name="Just show me").click()
    else:
        page.get_by_role("radio", name=predict, exact=True).check(force=True)
        wait_idle(page)
        page.get_by_role("button", name="Lock in my prediction", disabled=False).click()
    wait_idle(page)


def slider_thumb(page, label: str):
    # Streamlit's slider is a react-aria group around a hidden range input per thumb
    return page.locator('[data-testid="stSlider"]').filter(has_text=label).locator("input")


def press(page, label: str, key: str) -> None:
    thumb = slider_thumb(page, label)
    thumb.focus()
    thumb.press(key)
    wait_idle(page)


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.js_errors, page.js_errors


def test_the_article_numbers_and_the_animated_paths_are_on_screen(page):
    open_lesson(page, predict="Adam")
    page.get_by_text("You said Adam; it is Momentum.").wait_for(timeout=15_000)
    no_exception(page)
    assert metric(page, "Cost J at the start") == "13.647"
    assert metric(page, "∂J/∂w at the start") == "-45.052"
    assert metric(page, "∂J/∂b at the start") == "-5.582"
    assert metric(page, "Cross-entropy ∂L/∂z") == "-0.982"
    assert page.get_by_text("28.3 times").is_visible()
    verdicts = page.locator('[data-testid="stAlert"]').first.inner_text()
    assert "Gradient descent: crawls" in verdicts and "Momentum: reached the minimum" in verdicts
    # the descent animates in the browser: Plotly's own play button and step slider
    chart = page.locator(".js-plotly-plot").filter(has=page.locator(".slider-container"))
    assert chart.count() >= 1
    assert chart.first.locator(".updatemenu-button").count() == 2


def test_a_huge_learning_rate_says_diverged_and_a_new_start_changes_the_numbers(page):
    open_lesson(page)
    press(page, "Learning rate α", "End")  # the largest learning rate, 100
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="diverged")
    alert.first.wait_for(timeout=20_000)
    text = alert.first.inner_text()
    assert "Gradient descent: diverged" in text and "Adam: oscillates" in text
    assert "cut at its last finite point" in text
    no_exception(page)
    press(page, "Start w", "Home")  # w at the left edge of the picture
    s = SURFACES["line"]
    expected = f"{float(s.value(np.array([s.box[0][0], 1.01]))):.3f}"
    page.wait_for_function(
        """(want) => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
                     .some(e => e.innerText.trim() === want)""", arg=expected, timeout=20_000)
    assert metric(page, "Cost J at the start") == expected
    no_exception(page)
