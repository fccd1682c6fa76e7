"""Fixtures for browser tests: a real `streamlit run app.py` and Debian's Chromium driven
by Playwright (devtools/browser.py). Screenshots of every test's last state go to
artifacts/screenshots/ for a human to look at. Outside CI, a missing Chromium or
Playwright skips these tests; in CI it is an error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from devtools import browser as drive

SHOTS = drive.ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def app_url():
    with drive.running_app() as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not os.environ.get("CI"):
        pytest.importorskip("playwright.sync_api")
        if not Path(drive.CHROMIUM).exists():
            pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, drive.chromium(p) as b:
        yield b


@pytest.fixture
def page(browser, app_url, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1700})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.app_url = app_url
    pg.js_errors = errors
    yield pg
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{request.node.name}.png"))
    context.close()
