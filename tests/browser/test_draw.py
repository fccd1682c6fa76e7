"""Drawing data and choosing input features in real Chromium: a click on the plane adds a
point (the share link carries it, the network carries on), a click in erase mode removes
one; a ticked feature appears in the network diagram's input column."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlparse

import pytest

from devtools import browser as drive
from devtools.browser import wait_idle

pytestmark = pytest.mark.browser
COUNT = re.compile(r"^(\d+) points;")


def point_count(page) -> int:
    return int(COUNT.match(page.get_by_text(COUNT).inner_text()).group(1))


def wait_for_count(page, n: int, seconds: float = 20) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline and point_count(page) != n:
        time.sleep(0.2)
    wait_idle(page)


def click_plane(page, fx: float, fy: float) -> None:
    """Click the drawing pad at a fraction (fx across, fy down) of its plotting area."""
    area = page.locator('[data-testid="stPlotlyChart"] .nsewdrag').first
    box = area.bounding_box()
    page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])


def epoch(page) -> str:
    return drive.metric(page, "Epoch")


def pts_in_url(page) -> str:
    return parse_qs(urlparse(page.url).query).get("pts", [""])[0]


def test_clicking_the_plane_adds_a_point_and_erase_mode_removes_it(page):
    drive.open_app(page, page.app_url + "/?dataset=drawn")
    assert point_count(page) == 6  # the starter drawing
    page.get_by_role("button", name="Step", exact=True).click()
    wait_idle(page)
    assert epoch(page) == "1"
    click_plane(page, 0.5, 0.5)  # the middle of the plane: (0, 0)
    wait_for_count(page, 7)
    assert point_count(page) == 7
    assert epoch(page) == "1"  # the same network carries on (a new one would be at 0)
    link = pts_in_url(page)
    assert len(link) == 19  # 7 points, two bytes each, as base64url
    page.get_by_role("radio", name="erases a point").click()
    wait_idle(page)
    click_plane(page, 0.5, 0.5)
    wait_for_count(page, 6)
    assert point_count(page) == 6
    assert pts_in_url(page) != link
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.js_errors, page.js_errors


def test_a_ticked_feature_becomes_an_input_of_the_network(page):
    drive.open_app(page, page.app_url + "/")
    labels = page.locator(".np-input-label")
    assert labels.all_inner_texts() == ["x1", "x2"]
    page.get_by_role("button", name="x1²", exact=True).click()
    wait_idle(page)
    assert page.locator(".np-input-label").all_inner_texts() == ["x1", "x2", "x1²"]
    assert parse_qs(urlparse(page.url).query)["features"] == ["x1,x2,x1^2"]
    assert not page.js_errors, page.js_errors
