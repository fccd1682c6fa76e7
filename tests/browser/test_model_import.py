"""Opening a trained model in the Playground, in real Chromium: the model one page saves
opens in another and carries on exactly where it was; a bad file is one message in the
learner's language, and the network before stays."""

from __future__ import annotations

import re

import pytest

from devtools import browser as drive
from devtools.browser import wait_idle

pytestmark = pytest.mark.browser

LABELS = {"en": "Open a trained model (JSON)", "zh": "打开训练好的模型（JSON）"}


def open_app(page, query: str = "") -> None:
    drive.open_app(page, page.app_url + "/" + query)


def region_src(page) -> str:
    return page.locator(".np-region-image").get_attribute("src")


def epoch(page) -> int:
    box = page.locator(".np-metric").filter(
        has=page.locator(".np-metric-label", has_text=re.compile("^(Epoch|轮次)$")))
    return int(box.locator(".np-metric-value").inner_text().replace(",", ""))


def units(page) -> int:
    return page.locator(".np-network .np-unit[title]").count()


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.js_errors, page.js_errors


def step(page, label: str = "Step") -> None:
    page.get_by_role("button", name=label, exact=True).click()
    wait_idle(page)


def open_model(page, name: str, data: bytes, lang: str = "en") -> None:
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text=LABELS[lang])
    uploader.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": name, "mimeType": "application/json", "buffer": data})
    wait_idle(page)


def test_a_saved_model_opens_in_a_fresh_page_and_carries_on(page, browser):
    open_app(page, "?hidden=5,3&act=relu")
    for _ in range(3):
        step(page)
    assert epoch(page) == 3
    trained = region_src(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Trained model (JSON)", exact=True).click()
    model = download.value.path().read_bytes()

    # a fresh page: the same data, another network (2-3-1 tanh, untrained)
    other = browser.new_page(viewport={"width": 1400, "height": 1700})
    other.app_url, other.js_errors = page.app_url, []
    other.on("pageerror", lambda e: other.js_errors.append(str(e)))
    open_app(other, "?hidden=3&act=tanh")
    assert region_src(other) != trained and units(other) == 2 + 3 + 1
    open_model(other, "model.json", model)
    other.get_by_text("Opened model.json: 2-5-3-1, ReLU; training continues from its "
                      "weights.").wait_for(timeout=10_000)
    assert epoch(other) == 0
    assert region_src(other) == trained  # the first page's network, as it was at epoch 3
    assert units(other) == 2 + 5 + 3 + 1
    assert other.get_by_label("Hidden layers").input_value() == "2"
    step(other)  # it trains on, and the message has said its piece
    assert epoch(other) == 1 and region_src(other) != trained
    assert other.get_by_text("Opened model.json").count() == 0
    no_exception(other)
    other.close()


@pytest.mark.parametrize("lang, message", [
    ("en", "Could not open bad.json: format: expected \"neural-playground/model\""),
    ("zh", "无法打开 bad.json：format：应为 \"neural-playground/model\""),
], ids=["en", "zh"])
def test_a_bad_model_file_is_explained_and_the_network_stays(page, lang, message):
    open_app(page, f"?hidden=3&lang={lang}")
    step(page, "Step" if lang == "en" else "单步")
    before = region_src(page)
    open_model(page, "bad.json", b'{"format": "x"}', lang)
    error = page.locator('[data-testid="stAlert"]').filter(has_text="bad.json")
    error.wait_for(timeout=10_000)
    assert message in error.inner_text()
    assert region_src(page) == before and epoch(page) == 1 and units(page) == 2 + 3 + 1
    no_exception(page)
