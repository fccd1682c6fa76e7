"""The live pictures' own channel (ui/live/channel.py) in a real browser: while a
learner plays, every frame comes over it and none as a Streamlit message; without it
(a proxy that refuses the websocket) the page plays exactly as before; Pause shows the
paused run; and nobody can read another session's pictures."""

from __future__ import annotations

import time

import pytest

from devtools import browser as drive

pytestmark = pytest.mark.browser

LINK = "/?dataset=circles&samples=200&hidden=4&seed=3"
RECEIVED = drive.LIVE_RECEIVED_JS


def regions_by_way(page) -> dict[str, int]:
    """Count, from now on, region pictures that reach the page by each websocket."""
    counts = {"channel": 0, "streamlit": 0}

    def watch(ws) -> None:
        way = "channel" if "/np-live" in ws.url else "streamlit"

        def frame(payload) -> None:
            text = payload if isinstance(payload, str) else payload.decode("latin-1")
            counts[way] += "np-region-image" in text or '"region"' in text

        ws.on("framereceived", frame)

    page.on("websocket", watch)
    return counts


def region_changes(page, seconds: float) -> int:
    """How many different region images the page shows within ``seconds``."""
    seen, end = set(), time.time() + seconds
    while time.time() < end:
        seen.add(page.locator(".np-region-image").get_attribute("src"))
        time.sleep(0.1)
    return len(seen)


def play(page) -> None:
    page.get_by_role("button", name="Play", exact=True).click()
    page.get_by_role("button", name="Pause", exact=True).wait_for(timeout=20_000)


def test_playing_every_frame_comes_over_the_channel_and_none_as_a_streamlit_message(page):
    counts = regions_by_way(page)
    drive.open_app(page, page.app_url + LINK)
    play(page)
    page.wait_for_function(f"({RECEIVED})() > 20", timeout=20_000)
    before = dict(counts)
    assert region_changes(page, 2.0) >= 10  # the learner sees it move
    assert counts["channel"] - before["channel"] >= 20  # ~30 frames a second, alone
    assert counts["streamlit"] == before["streamlit"]  # not one as a Streamlit message
    assert not page.js_errors


def test_without_the_channel_the_pictures_come_as_streamlit_messages(page):
    refused = []
    page.route_web_socket("**/np-live*", lambda ws: (refused.append(ws.url), ws.close()))
    counts = regions_by_way(page)
    drive.open_app(page, page.app_url + LINK)
    play(page)
    time.sleep(1.0)
    before = dict(counts)
    assert region_changes(page, 2.0) >= 10
    assert counts["streamlit"] - before["streamlit"] >= 10
    assert refused  # the page did try the channel
    assert page.evaluate(RECEIVED) == 0
    assert not page.js_errors


def test_pause_shows_the_paused_run_not_a_late_frame(page):
    drive.open_app(page, page.app_url + LINK)
    play(page)
    page.wait_for_function(f"({RECEIVED})() > 30", timeout=20_000)
    page.get_by_role("button", name="Pause", exact=True).click()
    page.get_by_role("button", name="Play", exact=True).wait_for(timeout=20_000)
    drive.wait_idle(page)
    epoch = drive.metric(page, "Epoch")
    region = page.locator(".np-region-image").get_attribute("src")
    time.sleep(1.5)  # anything still on its way would land now
    assert drive.metric(page, "Epoch") == epoch
    assert page.locator(".np-region-image").get_attribute("src") == region
    # the step button then goes on from exactly there
    page.get_by_role("button", name="Step", exact=True).click()
    drive.wait_for_metric(page, "Epoch", int(epoch.replace(",", "")) + 1)
    assert drive.metric(page, "Epoch") == f"{int(epoch.replace(',', '')) + 1:,}"


def test_a_channel_opens_only_with_its_sessions_token(app_url):
    from websockets.exceptions import ConnectionClosed, InvalidStatus
    from websockets.sync.client import connect

    def attempt(token: str) -> int | None:
        url = app_url.replace("http", "ws", 1) + f"/np-live?token={token}"
        try:
            with connect(url, open_timeout=10) as ws:
                ws.recv(timeout=10)
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else None
        except InvalidStatus as refused:
            return refused.response.status_code
        return None

    for token in ("", "guess", "A" * 43):
        assert attempt(token) in (1008, 403)


@pytest.mark.parametrize("hidden", ["4", "32,32"])
def test_the_browser_draws_the_live_pictures_of_small_and_large_networks(page, hidden):
    """A small network's region and diagram travel as its weights, a larger one's region
    as bytes (live_region.js): either way the page shows a moving region, no error."""
    drive.open_app(page, page.app_url + f"/?dataset=circles&samples=200&hidden={hidden}&seed=3")
    play(page)
    page.wait_for_function(f"({RECEIVED})() > 20", timeout=20_000)
    assert region_changes(page, 2.0) >= 10
    assert page.locator(".np-network-units").get_attribute("src").startswith("data:image/png")
    assert not page.js_errors, page.js_errors
