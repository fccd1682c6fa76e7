"""The lesson "Backpropagation, step by step" in real Chromium: Next step walks the forward
pass, the backward pass and the update with the article's numbers on screen, and the
y = 3x descent plays in the browser from Plotly's own frames."""

from __future__ import annotations

import time

import pytest

from devtools.browser import wait_idle

pytestmark = pytest.mark.browser


def open_lesson(page, query: str = "") -> None:
    page.goto(f"{page.app_url}/backprop{query}")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    wait_idle(page)


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.js_errors, page.js_errors


def next_step(page, label: str = "Next step") -> None:
    page.get_by_role("button", name=label, exact=True).click()
    wait_idle(page)


def test_next_step_walks_through_with_the_articles_numbers(page):
    open_lesson(page)
    no_exception(page)
    start = main_text(page)
    assert "Step 1 of 7" in start
    assert "13.647" in start and "-45.052" in start and "-5.582" in start
    next_step(page)  # forward, layer 1
    page.wait_for_function("() => document.body.innerText.includes('Step 2 of 7')")
    assert "0.7311" in main_text(page)
    next_step(page)  # forward, output
    page.wait_for_function("() => document.body.innerText.includes('Step 3 of 7')")
    assert "1.2332" in main_text(page)
    next_step(page)  # loss
    page.wait_for_function("() => document.body.innerText.includes('Step 4 of 7')")
    assert "1.5208" in main_text(page)
    next_step(page)  # backward, output layer
    page.wait_for_function("() => document.body.innerText.includes('Step 5 of 7')")
    next_step(page)  # backward, hidden layer
    page.wait_for_function("() => document.body.innerText.includes('Step 6 of 7')")
    next_step(page)  # update
    page.wait_for_function("() => document.body.innerText.includes('Step 7 of 7')")
    text = main_text(page)
    for number in ["0.7311", "1.2332", "1.5208", "0.3113", "13.647", "-45.052"]:
        assert number in text, number
    no_exception(page)


def test_descent_plays_in_the_browser_without_the_server(page):
    open_lesson(page)
    title = page.locator(".js-plotly-plot .gtitle").filter(has_text="step ")
    title.first.wait_for(timeout=30_000)
    assert "step 0:" in title.first.text_content()
    play = page.locator(".js-plotly-plot .updatemenu-button").filter(has_text="▶").first
    play.scroll_into_view_if_needed()
    time.sleep(1)  # let the chart settle after scrolling into view
    play.click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot .gtitle')]"
        ".some(t => /step [1-9]/.test(t.textContent))", timeout=20_000)
    # Plotly's frames run in the page: Streamlit ran no script for them
    assert page.locator('[data-testid="stStatusWidget"]').count() == 0
    no_exception(page)


def test_chinese_lesson_walks_too(page):
    open_lesson(page, "?lang=zh")
    for _ in range(3):
        next_step(page, "下一步")
    page.wait_for_function("() => document.body.innerText.includes('第 4 步')")
    text = main_text(page)
    assert "1.2332" in text and "1.5208" in text and "13.647" in text
    no_exception(page)
