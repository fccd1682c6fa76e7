"""Lesson 1, One neuron, in real Chromium: the learner sees the engine's numbers, moves a
slider, fits, replays the path and starts from a confidently wrong neuron; in English and
in Chinese."""

from __future__ import annotations

import pytest

from core import experiment
from core import neuron as N
from devtools.browser import metric, wait_idle
from ui import neuron as room

pytestmark = pytest.mark.browser


def open_lesson(page, query: str = "") -> None:
    page.goto(f"{page.app_url}/neuron{query}")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    wait_idle(page)


def main_text(page) -> str:
    return page.locator('[data-testid="stMainBlockContainer"]').inner_text()


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.js_errors, page.js_errors


def click(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()
    wait_idle(page)


def reading(theta) -> N.Reading:
    d = experiment.make_data(experiment.Config(dataset="gaussians", samples=room.SAMPLES,
                                               noise=room.DEFAULTS["noise"], seed=0))
    return N.read(d.X, d.y, theta)


def test_the_lesson_shows_the_numbers_and_fit_moves_the_neuron(page):
    open_lesson(page)
    no_exception(page)
    assert metric(page, "J, Cross-entropy") == "1.5625"
    assert metric(page, "J, Squared error") == "0.5063"
    assert metric(page, "Accuracy") == "26.0%"
    assert "1.6367" in main_text(page)  # ∂J/∂w1 of cross-entropy, in the gradient table
    # the staircase and the nudge wait for the learner's prediction
    assert page.locator(".js-plotly-plot").count() == 4  # plane, 2 maps, step
    page.get_by_role("radio", name="only the sigmoid neuron's", exact=True).check(force=True)
    wait_idle(page)
    page.get_by_role("button", name="Lock in my prediction", disabled=False).click()
    wait_idle(page)
    page.get_by_text("You said only the sigmoid neuron's, and so it is.").wait_for(
        timeout=15_000)
    assert metric(page, "Slope ΔJ/Δw1, perceptron") == "0"
    assert page.locator(".js-plotly-plot").count() == 5  # and the staircase

    click(page, "Fit")
    page.get_by_text("100 steps on cross-entropy").wait_for(timeout=30_000)
    assert metric(page, "J, Cross-entropy") == "0.0321"
    assert metric(page, "Accuracy") == "99.5%"
    assert page.locator(".js-plotly-plot").count() == 6  # and J at every step
    # replay the descent with Plotly's own frames: no server round trip, no error
    page.locator(".updatemenu-button").first.click()
    page.wait_for_timeout(1500)
    no_exception(page)


def test_a_slider_and_the_confidently_wrong_start(page):
    open_lesson(page)
    thumb = page.get_by_role("slider").first  # w1
    thumb.focus()
    thumb.press("Home")  # w1 to its lowest value, -6
    expected = reading((-room.LIMIT, -0.5, 0.5))
    page.get_by_text(room.fmt(expected.cost["bce"]), exact=True).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert metric(page, "J, Cross-entropy") == room.fmt(expected.cost["bce"]) == "0.1012"
    no_exception(page)

    click(page, "A confidently wrong neuron")
    wrong = reading((3.0, 3.0, 0.0))
    assert metric(page, "J, Squared error") == room.fmt(wrong.cost["mse"]) == "0.9852"
    page.locator('[data-testid="stRadio"]').get_by_text("Squared error", exact=True).click()
    wait_idle(page)
    click(page, "Fit")
    page.get_by_text("100 steps on squared error").wait_for(timeout=30_000)
    assert float(metric(page, "J, Squared error")) > 0.9  # stuck: article 002
    no_exception(page)


def test_the_lesson_in_chinese(page):
    open_lesson(page, "?lang=zh")
    no_exception(page)
    assert page.locator("h1").first.inner_text().startswith("一个神经元")
    assert metric(page, "J，交叉熵") == "1.5625"
    click(page, "拟合")
    page.get_by_text("在交叉熵上走了 100 步").wait_for(timeout=30_000)
    assert metric(page, "J，交叉熵") == "0.0321"
    no_exception(page)
