"""The Playground in real Chromium: what a learner does, and what they must see."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs

import pytest

from devtools import browser as drive
from devtools.browser import metric, wait_idle

pytestmark = pytest.mark.browser

BAD_CSV = b"x1,x2,label\n1,2,0\n3,oops,1\n"
GOOD_CSV = "x1,x2,label\n" + "".join(
    f"{i % 7 - 3},{(i * 3) % 5 - 2},{'a' if i % 2 else 'b'}\n" for i in range(60))


def open_app(page, query: str = "") -> None:
    drive.open_app(page, page.app_url + "/" + query)


def epoch(page) -> int:
    return int(metric(page, "Epoch").replace(",", ""))


def region_src(page) -> str:
    return page.locator(".np-region-image").get_attribute("src")


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.js_errors, page.js_errors


def click(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()


def test_page_loads_with_everything_a_learner_needs(page):
    open_app(page)
    no_exception(page)
    for label in ["Epoch", "Train loss", "Test loss", "Train accuracy", "Test accuracy"]:
        assert metric(page, label)
    assert epoch(page) == 0
    for button in ["Play", "Step", "Reset"]:
        assert page.get_by_role("button", name=button, exact=True).is_visible()
    assert page.locator(".np-region-image").is_visible()
    assert page.locator(".np-network .np-unit[title]").count() == 2 + 4 + 4 + 1  # 2-4-4-1
    assert page.get_by_text("Gradient size per layer").count() >= 1


def test_play_trains_live_and_pause_stops(page):
    open_app(page)
    before = region_src(page)
    click(page, "Play")
    drive.wait_for_metric(page, "Epoch", 21, seconds=20)
    assert region_src(page) != before, "the decision region did not change while playing"
    click(page, "Pause")
    wait_idle(page)
    paused_at, paused_region = epoch(page), region_src(page)
    time.sleep(1.5)
    assert epoch(page) == paused_at
    assert region_src(page) == paused_region
    assert page.get_by_role("button", name="Play", exact=True).is_visible()
    no_exception(page)


def test_step_trains_one_epoch_and_reset_starts_over(page):
    open_app(page)
    click(page, "Step")
    wait_idle(page)
    assert epoch(page) == 1
    first_region = region_src(page)
    click(page, "Reset")
    wait_idle(page)
    assert epoch(page) == 0
    assert region_src(page) != first_region  # new initial weights
    no_exception(page)


SHARED = "?dataset=xor&samples=300&noise=0.1&train_pct=70&hidden=3,2&act=relu&lr=0.1&batch=5" \
         "&opt=adam&reg=l2&reg_rate=0.001&seed=7"


def test_shared_link_reproduces_the_same_configuration(page, browser):
    open_app(page, SHARED)
    shown = parse_qs(page.evaluate("() => window.location.search")[1:])
    for key, value in parse_qs(SHARED[1:]).items():
        assert shown.get(key) == value, f"{key}: link had {value}, page shows {shown.get(key)}"
    assert page.locator(".np-network .np-unit[title]").count() == 2 + 3 + 2 + 1
    first = region_src(page)
    # a second learner opening the same link gets the same data and the same weights
    other = browser.new_page()
    other.app_url, other.js_errors = page.app_url, []
    open_app(other, SHARED)
    assert region_src(other) == first
    other.close()
    no_exception(page)


def test_hand_edited_link_is_clamped_with_a_note(page):
    open_app(page, "?lr=100&hidden=8,1000&dataset=nope&samples=abc")
    no_exception(page)
    warning = page.locator('[data-testid="stAlert"]').first.inner_text()
    assert "Learning rate: 100 is outside 1e-05 to 10, so 10 is used." in warning
    assert "Data set: there is no “nope” here" in warning
    # hidden=8,1000 became 8,64, of which 12 units are drawn
    assert page.locator(".np-network .np-unit[title]").count() == 2 + 8 + 12 + 1


def csv_uploader(page):
    return page.locator('[data-testid="stFileUploader"]').filter(
        has_text="Upload your own data (CSV)")


def upload(page, name: str, data: bytes) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data})
    wait_idle(page)


def test_bad_csv_shows_a_message_and_keeps_the_data(page):
    open_app(page)
    before = region_src(page)
    upload(page, "broken.csv", BAD_CSV)
    error = page.locator('[data-testid="stAlert"]').filter(has_text="Could not use broken.csv")
    error.wait_for(timeout=10_000)
    assert "row 3" in error.inner_text()
    assert region_src(page) == before  # same data, same network
    no_exception(page)


def test_good_csv_becomes_the_data(page):
    open_app(page)
    before = region_src(page)
    upload(page, "mine.csv", GOOD_CSV.encode())
    page.get_by_text("In use: mine.csv, 60 rows, 2 classes (a, b).").wait_for(timeout=10_000)
    assert region_src(page) != before  # the picture now shows the uploaded points
    # an upload cannot travel in a link, so the link stops naming a data set
    assert "dataset" not in parse_qs(page.evaluate("() => window.location.search")[1:])
    no_exception(page)


def test_divergent_learning_rate_pauses_with_a_message(page):
    open_app(page, "?dataset=plane&lr=10&act=relu&hidden=8,8&opt=sgd")
    click(page, "Play")
    page.get_by_text("Training diverged").wait_for(timeout=20_000)
    wait_idle(page)
    assert page.get_by_role("button", name="Play", exact=True).is_visible()
    body = page.locator('[data-testid="stMain"]').inner_text().lower()
    assert "nan" not in re.findall(r"[a-z]+", body)
    assert "lower the learning rate" in body
    # do what the message says: a lower learning rate, Reset, Play
    slider = page.get_by_role("slider", name="Learning rate")
    slider.focus()
    slider.press("Home")  # the lowest rate
    wait_idle(page)
    click(page, "Reset")
    wait_idle(page)
    assert epoch(page) == 0 and page.get_by_text("Training diverged").count() == 0
    click(page, "Play")
    drive.wait_for_metric(page, "Epoch", 21, 20)  # (robust to the page redrawing)
    assert page.get_by_text("Training diverged").count() == 0
    click(page, "Pause")
    no_exception(page)


def test_presets_load_a_lesson(page):
    open_app(page)
    page.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name=re.compile("Seed-004 circles")).click()
    wait_idle(page)
    shown = parse_qs(page.evaluate("() => window.location.search")[1:])
    assert shown["hidden"] == ["4,6,6,4"] and shown["act"] == ["relu"] and shown["opt"] == ["adam"]
    assert page.locator(".np-network .np-unit[title]").count() == 2 + 4 + 6 + 6 + 4 + 1
    no_exception(page)


def test_the_learning_rate_can_change_while_it_trains(page):
    open_app(page)
    click(page, "Play")
    # the Epoch number, not the page's first: while a page redraws it can be missing
    drive.wait_for_metric(page, "Epoch", 11, seconds=20)
    slider = page.get_by_role("slider", name="Learning rate")
    slider.focus()
    slider.press("ArrowRight")  # 0.03 -> 0.1, while the network trains
    page.wait_for_function("() => window.location.search.includes('lr=0.1')", timeout=10_000)
    running_at = epoch(page)
    time.sleep(1.5)
    assert epoch(page) > running_at, "training stopped when a widget changed"
    assert page.get_by_role("button", name="Pause", exact=True).is_visible()
    click(page, "Pause")
    no_exception(page)


def test_the_downloaded_model_loads_back_in_the_engine(page, tmp_path):
    from core import model_io

    open_app(page, "?dataset=moons&hidden=5&seed=3")
    click(page, "Step")
    wait_idle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Trained model (JSON)", exact=True).click()
    path = tmp_path / "model.json"
    download.value.save_as(path)
    network, scaling = model_io.load(path)
    assert network.sizes == [2, 5, 1] and scaling is None
    with page.expect_download() as download:
        page.get_by_role("button", name="Training history (CSV)", exact=True).click()
    history = download.value.path().read_text().splitlines()
    assert history[0].startswith("epoch,train_loss,test_loss") and len(history) == 3  # 0 and 1
    no_exception(page)


def test_the_downloaded_python_file_predicts_as_the_downloaded_model(page, tmp_path):
    """Take it home: the network as one Python file, run on a CSV of points with nothing
    but NumPy, gives the model file's own predictions."""
    import subprocess
    import sys

    import numpy as np

    from core import model_io

    open_app(page, "?dataset=spiral&hidden=6,4&act=relu&features=x1,x2,sin(x1)&seed=5")
    click(page, "Step")
    wait_idle(page)
    saved = {}
    for label, name in (("Trained model (JSON)", "model.json"),
                        ("The network as Python (NumPy only)", "network.py")):
        with page.expect_download() as download:
            page.get_by_role("button", name=label, exact=True).click()
        saved[name] = tmp_path / name
        download.value.save_as(saved[name])
    model = model_io.load_model(saved["model.json"])
    X = np.random.default_rng(0).uniform(-6, 6, (50, 2))
    points = tmp_path / "points.csv"
    points.write_text("x1,x2\n" + "".join(f"{a!r},{b!r}\n" for a, b in X.tolist()))
    run = subprocess.run([sys.executable, str(saved["network.py"]), str(points)],
                         capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    rows = [line.split(",") for line in run.stdout.splitlines()[1:]]
    expected = model.network.forward(model.inputs_for(X))[:, 0]
    np.testing.assert_allclose([float(r[4]) for r in rows], expected, rtol=0, atol=1e-12)
    assert [int(r[2]) for r in rows] == (expected > 0.5).astype(int).tolist()
    no_exception(page)
