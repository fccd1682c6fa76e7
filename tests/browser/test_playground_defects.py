"""Defects of the Playground, each as a learner or a teacher meets it in real Chromium.
Every test here failed on the code before its fix (checked against `git archive` of that
commit); the numbers in comments name the defects as they were first listed."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs

import pytest

from devtools import browser as drive
from devtools.browser import metric, wait_idle

pytestmark = pytest.mark.browser

IRIS = ("petal_length,petal_width,species\n" + "".join(
    f"{1 + k * 2 + (i % 5) / 10},{0.2 + k + (i % 3) / 10},{name}\n"
    for k, name in enumerate(["setosa", "versicolor", "virginica"]) for i in range(20))).encode()
BAD_CSV = b"x1,x2,label\n1,2,0\n3,oops,1\n"


def open_app(page, query: str = "", size: tuple[int, int] | None = None) -> None:
    if size:
        page.set_viewport_size({"width": size[0], "height": size[1]})
    drive.open_app(page, page.app_url + "/" + query)


def click(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()
    wait_idle(page)


def epoch(page) -> int:
    return int(page.locator(".np-metric-value").first.inner_text().replace(",", ""))


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def sidebar_text(page) -> str:
    return page.locator('[data-testid="stSidebar"]').inner_text()


def csv_uploader(page):
    return page.locator('[data-testid="stFileUploader"]').filter(
        has_text="Upload your own data (CSV)")


def upload(page, name: str, data: bytes) -> None:
    csv_uploader(page).locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data})
    wait_idle(page)


def link(page) -> dict:
    return parse_qs(page.evaluate("() => window.location.search")[1:])


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.js_errors, page.js_errors


def play_until(page, epochs: int) -> None:
    click(page, "Play")
    drive.wait_for_metric(page, "Epoch", epochs, 30)  # (robust to the page redrawing)
    page.get_by_role("button", name="Pause", exact=True).click()
    wait_idle(page)


def test_1_dying_relus_draw_their_zero_gradients_and_say_so(page):
    open_app(page, "?preset=dying_relu")
    click(page, "Step")
    click(page, "Step")
    chart = page.locator(".np-chart").filter(has_text="Gradient size per layer")
    assert chart.get_by_text("Every gradient is 0").is_visible()
    legend = chart.locator(".np-chart-legend").inner_text()
    assert all(name in legend for name in ["layer 1", "layer 2", "layer 3", "output"])
    no_exception(page)


def test_2_a_learning_rate_of_10_is_named_as_the_cause(page):
    open_app(page, "?lr=10&seed=2&speed=20")
    play_until(page, 200)
    hints = page.locator('[data-testid="stAlert"]').filter(has_text="too high").inner_text()
    assert "Learning rate 10 is too high" in hints
    assert "Vanishing gradients" not in main_text(page)
    no_exception(page)


def test_4_messages_last_as_long_as_their_cause(page):
    open_app(page, "?lr=100")
    assert "Some settings in the link were adjusted" in main_text(page)
    click(page, "Step")
    assert "Some settings in the link were adjusted" not in main_text(page)  # said once
    upload(page, "iris.csv", IRIS)
    page.get_by_text("In use: iris.csv, 60 rows, 3 classes").wait_for(timeout=10_000)
    upload(page, "broken.csv", BAD_CSV)
    error = page.locator('[data-testid="stAlert"]').filter(has_text="Could not use broken.csv")
    error.wait_for(timeout=10_000)
    # 7: the file's error and the next sentence are two sentences
    assert re.search(r"is not a number\. The data you had before is still in use\.",
                     error.inner_text())
    page.wait_for_function(  # the run that drew the error may still be replacing the uploader
        "() => [...document.querySelectorAll('[data-testid=stFileUploader]')]"
        ".filter(e => e.innerText.includes('Upload your own data (CSV)')).length == 1")
    uploader = csv_uploader(page).inner_text()
    assert "broken.csv" not in uploader  # the uploader never names data that is not in use
    assert "In use: iris.csv" in sidebar_text(page)
    page.get_by_role("button", name="Step", exact=True).click()  # any other action ...
    wait_idle(page)
    assert page.get_by_text("Could not use broken.csv").count() == 0  # ... and it is gone
    select_dataset(page, "Circles")
    assert "iris.csv" not in sidebar_text(page).split("Upload your own data")[0]
    assert "In use: iris.csv" not in sidebar_text(page)
    no_exception(page)


def select_dataset(page, name: str) -> None:
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Data set").click()
    page.get_by_role("option", name=name, exact=True).click()
    wait_idle(page)


def test_5_a_changed_lesson_says_so_and_loads_again(page):
    open_app(page, "?preset=vanishing")
    click(page, "Step")
    seed = page.get_by_role("spinbutton", name="Seed")
    seed.fill("5")
    seed.press("Enter")
    wait_idle(page)
    page.get_by_text("You have changed this lesson's settings.").wait_for(timeout=10_000)
    click(page, "Load this lesson afresh")
    assert link(page)["seed"] == ["0"] and epoch(page) == 0
    assert "You have changed this lesson's settings." not in sidebar_text(page)
    no_exception(page)


def test_6_your_own_csv_keeps_its_names_and_says_what_a_link_cannot_carry(page):
    open_app(page)
    upload(page, "iris.csv", IRIS)
    page.locator(".np-class-legend").wait_for(timeout=10_000)
    legend = page.locator(".np-class-legend").inner_text()
    for name in ["setosa", "versicolor", "virginica", "petal_length", "petal_width"]:
        assert name in legend
    assert "the 60 rows of iris.csv" in sidebar_text(page)
    assert page.get_by_role("slider", name="Samples").count() == 0  # no 500 for 60 rows
    page.get_by_role("button", name=re.compile("Share")).click()
    assert page.get_by_text("A link cannot carry your uploaded file").is_visible()
    no_exception(page)


def test_7_tooltips_name_the_inputs_and_units_in_words(page):
    open_app(page)
    titles = page.locator(".np-network .np-unit").evaluate_all("us => us.map(u => u.title)")
    assert titles[:2] == ["x1", "x2"]
    assert re.fullmatch(r"Hidden layer 1, unit 1 \(Tanh\), bias \S+", titles[2])
    click(page, "Step")
    losses = [metric(page, label) for label in ("Train loss", "Test loss")]
    assert all(re.fullmatch(r"\d\.\d{3,4}|\d\.\d{3}e[+-]\d+", v) for v in losses), losses


def test_9_deep_networks_get_a_legend_that_never_overlaps_in_one_look(page):
    open_app(page, "?preset=vanishing")
    chart = page.locator(".np-chart").filter(has_text="Gradient size per layer")
    boxes = chart.locator(".np-chart-legend > span").evaluate_all(
        "s => s.map(e => { const r = e.getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; })")
    assert len(boxes) == 9
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    paused = chart.locator("img").count()
    click(page, "Play")
    time.sleep(1.0)
    playing = page.locator(".np-chart").filter(has_text="Gradient size per layer")
    assert paused == playing.locator("img").count() == 1  # the same picture playing or not
    click(page, "Pause")
    assert page.locator(".js-plotly-plot").count() == 0
    no_exception(page)


def test_10_softmax_units_are_named_zero_layers_need_no_activation(page):
    open_app(page, "?preset=softmax3")
    labels = page.locator(".np-output-label").all_inner_texts()
    assert labels == ["class 1", "class 2", "class 3"]
    open_app(page, "?hidden=0")
    assert page.get_by_role("combobox", name=re.compile("Activation")).is_disabled()
    open_app(page, "?hidden=4")
    units = page.get_by_role("spinbutton", name="Layer 1")
    units.fill("100")
    units.press("Enter")
    wait_idle(page)
    assert "A hidden layer has 1 to 64 units: layer 1 now has 64." in sidebar_text(page)
    assert units.input_value() == "64"
    no_exception(page)


def test_11_limits_and_view_travel_and_the_notice_explains_the_colours(page):
    open_app(page, "?hard=1&show_test=0")
    assert "32MB" in csv_uploader(page).inner_text().replace(" ", "")
    assert link(page)["hard"] == ["1"] and link(page)["show_test"] == ["0"]
    assert page.get_by_role("button", name="Deploy").count() == 0  # no developer toolbar
    page.get_by_text("What to notice").click()
    notice = page.locator('[data-testid="stExpander"]').filter(
        has_text="What to notice").inner_text()
    assert "How to read it" not in notice
    assert "small squares" in notice and "regression" in notice and "Dead ReLU" in notice
    no_exception(page)


def test_teacher_view_fits_one_projector_screen_and_shares_its_link(page):
    open_app(page, "?present=1&preset=spiral_hard", size=(1280, 720))
    bottom = page.locator(".np-metric").evaluate_all(
        "ms => Math.max(...ms.map(m => m.getBoundingClientRect().bottom))")
    region = page.locator(".np-region-points").bounding_box()
    assert bottom <= 720 and region["y"] >= 0
    assert page.locator("h1").count() == 0
    sidebar = page.locator('[data-testid="stSidebar"]').bounding_box()
    assert sidebar is None or sidebar["x"] + sidebar["width"] <= 1  # collapsed
    page.get_by_role("button", name=re.compile("Share")).click()
    shared = page.locator('[data-testid="stCode"]').inner_text()
    assert "present=1" in shared and "hidden=8%2C8%2C8%2C8%2C8%2C8" in shared
    no_exception(page)


def test_on_a_phone_the_picture_and_play_come_before_the_numbers(page):
    open_app(page, size=(390, 844))
    first_metric = page.locator(".np-metric").first.bounding_box()["y"]
    assert page.locator(".np-region-points").bounding_box()["y"] < first_metric
    play = page.get_by_role("button", name="Play", exact=True).bounding_box()
    step = page.get_by_role("button", name="Step", exact=True).bounding_box()
    assert play["y"] < first_metric and abs(play["y"] - step["y"]) < 5  # side by side
    no_exception(page)


def test_issue_9_a_lesson_links_back_to_its_page_in_the_same_language(page):
    open_app(page, "?preset=vanishing&lang=zh")
    href = page.locator('[data-testid="stPageLink-NavLink"]').get_attribute("href")
    assert "activations" in href
    assert "lang=zh" in href
    no_exception(page)
