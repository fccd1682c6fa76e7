"""Zoom and reflow (WCAG 1.4.10): at 320 CSS pixels wide, and at 200 % zoom of a
1280 x 720 projector screen, every page fits its width: nothing is cut off, and nothing
but a data table (1.4.10's own exception: a table needs its two dimensions) scrolls
sideways. Every expander is open, the Playground is playing. Screenshots go to
artifacts/screenshots/ for a human to look at."""

from __future__ import annotations

import time

import pytest

from devtools import browser as drive

from .conftest import SHOTS
from .test_accessibility import PAGES, open_every_expander

pytestmark = pytest.mark.browser

# (CSS viewport, device pixels per CSS pixel): 200 % zoom of 1280 x 720 is a 640 x 360
# CSS viewport drawn at twice the density, as the browser's own zoom makes it.
VIEWS = {"320px": ((320, 640), 1), "zoom200": ((640, 360), 2)}
# Boxes allowed to scroll sideways: data tables, whose rows and columns are their meaning
# (Streamlit's, and the Playground's weights, each in a box of its own).
TABLES = {"stTable", "stDataFrame"}
OWN_TABLE_BOX = "np-weights-box"

OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth, found = [];
  const name = (el) => {
    for (let t = el; t; t = t.parentElement) if (t.dataset?.testid) return t.dataset.testid;
    return "";
  };
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    if (el.closest('.katex-mathml')) continue;  // MathML for screen readers: never drawn
    const style = getComputedStyle(el);
    if (el.scrollWidth > el.clientWidth + 2 && /(auto|scroll)/.test(style.overflowX)) {
      found.push({how: "scrolls sideways", in: name(el), tag: el.tagName,
                  box: String(el.className),
                  text: el.innerText.slice(0, 60), wide: el.scrollWidth, room: el.clientWidth});
    }
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || box.right <= width + 1 || style.position === "fixed") continue;
    let clipped = false;
    for (let p = el.parentElement; p && !clipped; p = p.parentElement) {
      clipped = /(auto|scroll|hidden|clip)/.test(getComputedStyle(p).overflowX);
    }
    if (!clipped) found.push({how: "past the right edge", in: name(el), tag: el.tagName,
                              right: Math.round(box.right), width});
  }
  const page = document.scrollingElement;
  if (page.scrollWidth > page.clientWidth + 1) {
    found.push({how: "the page scrolls sideways", wide: page.scrollWidth, room: page.clientWidth});
  }
  return found;
}"""


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("name", PAGES, ids=lambda n: n or "playground")
def test_every_page_reflows_to_its_width(browser, app_url, name, view):
    (width, height), density = VIEWS[view]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=density)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{name}")
        page.wait_for_selector("h1", timeout=60_000)
        drive.wait_idle(page)
        open_every_expander(page)
        drive.wait_idle(page)
        if not name:
            page.get_by_role("button", name="Play", exact=True).click()
            time.sleep(2.0)
        found = overflowing(page)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"reflow-{view}-{name or 'playground'}.png"))
        assert not found, "\n".join(map(str, found))
    finally:
        context.close()


def overflowing(page) -> list[dict]:
    """What sticks out or scrolls sideways, but for data tables in their own boxes."""
    return [f for f in page.evaluate(OVERFLOW_JS)
            if not (f["how"] == "scrolls sideways"
                    and (f["in"] in TABLES or OWN_TABLE_BOX in f.get("box", "")))]


def test_a_wide_networks_weights_scroll_in_their_own_box_on_a_phone(browser, app_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/?hidden=16,16")
        page.wait_for_selector("h1", timeout=60_000)
        drive.wait_idle(page)
        open_every_expander(page)
        drive.wait_idle(page)
        # every weight can be seen: on the screen, or in a box that scrolls to it
        unseen = page.evaluate("""() => [...document.querySelectorAll('.np-weights td')]
          .filter((td) => {
            let p = td.parentElement;
            while (p && getComputedStyle(p).overflowX === 'visible') p = p.parentElement;
            if (p && p.classList.contains('np-weights-box')) return false;  // scrolls to it
            return td.getBoundingClientRect().right > document.documentElement.clientWidth;
          }).length""")
        assert unseen == 0, f"{unseen} weights cut off"
        found = overflowing(page)
        assert not found, "\n".join(map(str, found))
    finally:
        context.close()
